import { syntheticLayers, type SourceSummary } from '$lib/io/dataset';
import type { Language, Translate } from '$lib/i18n';
import { formatReportDate, formatThreshold } from '$lib/i18n/format';

/** What the map PNG says around the picture, in the page's language (pure: no DOM). */
export interface MapSheetText {
	/** Dataset and scenario (or the baseline). */
	title: string;
	/** What the map shows, by which mode and threshold. */
	subtitle: string;
	/** Date, data source per layer, which layers are synthetic. */
	footer: string[];
}

export interface MapSheetInput {
	datasetName: string;
	scenarioName: string | null;
	/** The shown view's name (the legend's title). */
	viewName: string;
	mode: string;
	thresholdMinutes: number;
	generatedAt: Date;
	/** One per layer; syntheticLayers says which are the demo's. */
	sources: readonly SourceSummary[];
	language: Language;
	translate: Translate;
}

export function mapSheetText(input: MapSheetInput): MapSheetText {
	const t = input.translate;
	const scenario = input.scenarioName === null ? t('mapPng.baseline') : t('mapPng.scenario', { name: input.scenarioName });
	const layerName = (source: Pick<SourceSummary, 'kind'>) => t(`data.kind.${source.kind}`);
	const synthetic = syntheticLayers(input.sources).map((kind) => ({ kind }));
	return {
		title: t('mapPng.title', { dataset: input.datasetName, scenario }),
		subtitle: t('mapPng.subtitle', { view: input.viewName, mode: t(`coverage.mode.${input.mode}`), minutes: formatThreshold(input.thresholdMinutes, input.language) }),
		footer: [
			t('mapPng.date', { date: formatReportDate(input.generatedAt, input.language) }),
			t('mapPng.source', { sources: input.sources.map((source) => `${layerName(source)} ${source.fileName}`).join(t('mapPng.listSeparator')) }),
			synthetic.length > 0
				? t('mapPng.synthetic', { layers: synthetic.map(layerName).join(t('mapPng.listSeparator')) })
				: t('mapPng.notSynthetic')
		]
	};
}
