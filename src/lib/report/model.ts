/**
 * The gap report as data: what every format (XLSX, CSV, GeoJSON, the printable page) shows, built
 * once from the indicator rows. Pure: labels come from a plain `translate(key, values)` (by default
 * the report bundle of `input.language`), so it runs in Node (CLI, tests) and in the browser.
 *
 * With a scenario active, `rows` / `district` are the scenario's indicators (what the planner sees)
 * and `scenario.baselineRows` / `baselineDistrict` the figures without it; the report then carries a
 * comparison table.
 */
import { reconcileResidents } from '$lib/engine/bands';
import type { CoverageParams } from '$lib/engine/coverage';
import { MODE_SPEEDS_KMH, type TravelMode } from '$lib/engine/params';
import {
	RULE_IDS,
	type AreaIndicators,
	type CentreIndicators,
	type DistrictIndicators,
	type ServicePopulationDefinition,
	type SubdistrictIndicators
} from '$lib/engine/standards/indicators';
import { sourceText, type StandardsProfile, type ThresholdRule } from '$lib/engine/standards/profile';
import type { ScenarioEdit } from '$lib/engine/scenario/edits';
import type { Facility, FacilityStatus } from '$lib/engine/types';
import { LAYER_KINDS, syntheticLayers, type LayerKind, type SourceSummary } from '$lib/io/dataset';
import { centreColumns, comparisonColumns, ruleName, shownCoveragePct, sourceColumns, subdistrictColumns, areaName, type ColumnContext, type ScenarioComparisonRow } from './columns';
import { encodingName } from './encoding-name';
import { fileStem } from './file-name';
import { isolate } from '$lib/i18n/bidi';
import { formatReportDate, formatReportValue, formatThreshold, roundTo } from '$lib/i18n/format';
import { districtKnownParts, districtTotalRow, type DistrictKnownParts, type KnownPart } from './known-part';
import { rankBySeverity } from './rank';
import { scenarioSiteRows, scenarioSitesTable, type ScenarioSiteRow } from './scenario-sites';
import type { CellValue, ReportColumn, ReportItem, ReportTable } from './table';
import { reportTranslator, type ReportLanguage, type Translate } from './translate';

export interface ReportDatasetInfo {
	name: string;
	nameEn: string;
	/** One per layer; those marked fromDemo are synthetic, and the report says so per layer (syntheticLayers). */
	sources: readonly SourceSummary[];
}

// Exported for the tests only, which build scenario inputs of this shape.
export interface ScenarioInput {
	name: string;
	/** The scenario's edits and the facility lists before and after them: the report lists every touched site. */
	edits: readonly ScenarioEdit[];
	baselineFacilities: readonly Facility[];
	facilities: readonly Facility[];
	/** Indicators without the scenario (the baseline), to compare with `rows` / `district`. */
	baselineRows: readonly SubdistrictIndicators[];
	baselineDistrict: DistrictIndicators;
}

// Exported for the tests only, which build report inputs of this shape.
export interface GapReportInput {
	language: ReportLanguage;
	generatedAt: Date;
	/** Time zone for the printed date (default: the runtime's). */
	timeZone?: string;
	/** A Dataset from $lib/io/dataset fits as is. */
	dataset: ReportDatasetInfo;
	profile: StandardsProfile;
	/** Parameters of the coverage run the rows were computed with. */
	coverageParams: CoverageParams;
	/** True when coverage came from the straight-line fallback (no street network). */
	approximate?: boolean;
	servicePopulation: ServicePopulationDefinition;
	/** Facility statuses counted (null or absent: all). */
	statusesCounted?: readonly FacilityStatus[] | null;
	rows: readonly SubdistrictIndicators[];
	district: DistrictIndicators;
	centres?: readonly CentreIndicators[];
	scenario?: ScenarioInput | null;
}

export interface GapReport {
	language: ReportLanguage;
	title: string;
	/** Download file name without extension, in the report's language, with the scenario's name (file-name.ts). */
	fileStem: string;
	/** The map PNG's file name without extension. */
	mapFileStem: string;
	generatedAt: Date;
	/** The date and time in the report's locale. */
	generatedText: string;
	datasetName: string;
	scenarioName: string | null;
	/** True when any layer is the synthetic demo's. */
	synthetic: boolean;
	/** The layers that are the synthetic demo's, in layer order. */
	syntheticLayers: LayerKind[];
	/** Which layers are synthetic, in one line: on every page of the PDF. */
	provenanceLine: string;
	/** One item per layer: the synthetic demo, or the planner's file with rows loaded and skipped, encoding, conversion (the PDF's first page). */
	provenance: ReportItem[];
	/**
	 * What the report was made from: dataset, scenario, threshold, date, which layers are synthetic and each
	 * layer's source (exportProvenance): the XLSX's first sheet and the lines above the CSV's header.
	 */
	about: ReportItem[];
	/** Every resident of the population layer once, with its reason (also the summary's last items): the CSV states it too. */
	residentsCheck: ReportItem[];
	approximate: boolean;
	/** Warnings for the first page (synthetic data, straight-line approximation), in the report's language. */
	notices: string[];
	profile: StandardsProfile;
	coverageParams: CoverageParams;
	summary: ReportItem[];
	/** Sub-districts ranked by severity (see rank.ts), with the district total as `total`. */
	subdistricts: ReportTable<AreaIndicators>;
	/** The same as `subdistricts.columns`: the printable page's table. */
	columns: ReportColumn<AreaIndicators>[];
	/** The ranked rows and the district row, typed (the same objects as in `subdistricts`). */
	rows: SubdistrictIndicators[];
	district: DistrictIndicators;
	centres: ReportTable<CentreIndicators>;
	/** Baseline against scenario per sub-district; null without a scenario. */
	comparison: ReportTable<ScenarioComparisonRow> | null;
	/** The sites the scenario proposes, moves, changes or closes, before → after; null without a scenario. */
	sites: ReportTable<ScenarioSiteRow> | null;
	appendix: ReportItem[];
	sources: ReportTable<SourceSummary>;
}

export function buildGapReport(input: GapReportInput, translate: Translate = reportTranslator(input.language)): GapReport {
	const { language } = input;
	const context: ColumnContext = { language, translate, profile: input.profile, thresholdMinutes: input.coverageParams.thresholdMinutes };
	const rows = rankBySeverity(input.rows);
	const rankByCode = new Map(rows.map((row, index) => [row.code, index + 1]));
	const nameByCode = new Map(input.rows.map((row) => [row.code, areaName(row, language)]));
	const synthetic = syntheticLayers(input.dataset.sources);
	const layerList = listLayers(synthetic, language, translate);
	const notices = [
		...(synthetic.length === LAYER_KINDS.length ? [translate('report.syntheticWarning')] : []),
		...(synthetic.length > 0 && synthetic.length < LAYER_KINDS.length ? [translate('report.layers.partlySynthetic', { layers: layerList })] : []),
		...(input.approximate ? [translate('report.approximateWarning')] : [])
	];
	const columns = subdistrictColumns(context, (code) => rankByCode.get(code) ?? null);
	const stem = fileStem(translate, 'report', input.generatedAt, input.scenario?.name ?? null, input.timeZone);
	const residentsCheck = reconciliationItems(input.district, context);
	// The summary and the table's total row state the figures unknown areas and beds leave open by one rule.
	const knownParts = districtKnownParts(input.rows, input.district, input.profile);
	const district = districtTotalRow(input.district, knownParts);
	return {
		language,
		title: translate('report.title'),
		fileStem: stem,
		mapFileStem: `${stem}-${translate('report.file.map')}`,
		generatedAt: input.generatedAt,
		generatedText: formatReportDate(input.generatedAt, language, input.timeZone),
		datasetName: language === 'en' && input.dataset.nameEn ? input.dataset.nameEn : input.dataset.name,
		scenarioName: input.scenario?.name ?? null,
		synthetic: synthetic.length > 0,
		syntheticLayers: synthetic,
		provenanceLine: provenanceLine(synthetic, layerList, translate),
		provenance: provenanceItems(input.dataset.sources, context),
		about: exportProvenance(
			{ language, dataset: input.dataset, scenarioName: input.scenario?.name ?? null, thresholdMinutes: input.coverageParams.thresholdMinutes, travel: travelOf(input.coverageParams), generatedAt: input.generatedAt, timeZone: input.timeZone },
			translate
		),
		residentsCheck,
		approximate: input.approximate ?? false,
		notices,
		profile: input.profile,
		coverageParams: input.coverageParams,
		summary: [...summaryItems(input, knownParts, context), ...residentsCheck],
		subdistricts: {
			id: 'subdistricts',
			title: translate('report.section.table'),
			sheetName: translate('report.sheet.subdistricts'),
			columns,
			rows,
			total: district
		},
		columns,
		rows,
		district,
		centres: {
			id: 'centres',
			title: translate('report.section.centres'),
			sheetName: translate('report.sheet.centres'),
			columns: centreColumns(context, (code) => (code === null ? null : (nameByCode.get(code) ?? code))),
			rows: [...(input.centres ?? [])],
			total: null
		},
		comparison: input.scenario ? comparisonTable(input, input.scenario, rows, context) : null,
		sites: input.scenario
			? scenarioSitesTable(context, scenarioSiteRows(input.scenario.edits, input.scenario.baselineFacilities, input.scenario.facilities), (code) => nameByCode.get(code) ?? (code || null))
			: null,
		appendix: appendixItems(input, context),
		sources: {
			id: 'sources',
			title: translate('report.section.sources'),
			sheetName: translate('report.section.sources'),
			columns: sourceColumns(context),
			rows: [...input.dataset.sources],
			total: null
		}
	};
}

function item(key: string, label: string, value: CellValue, decimals: number, language: ReportLanguage, source?: string): ReportItem {
	const typed = typeof value === 'number' ? (Number.isFinite(value) ? roundTo(value, decimals) : null) : value;
	return { key, label, value: typed, decimals, text: formatReportValue(typed, decimals, language), ...(source === undefined ? {} : { source }) };
}

function summaryItems(input: GapReportInput, parts: DistrictKnownParts, context: ColumnContext): ReportItem[] {
	const { district, profile, language } = input;
	const t = context.translate;
	const figure = (key: string, value: CellValue, decimals: number, values?: Record<string, string | number>) =>
		item(key, t(`report.summary.${key}`, values), value, decimals, language);
	// An open figure as its known lower bound, said to be one: "≥ 14,000 (1 centre's area unknown)".
	const known = (key: string, part: KnownPart, values?: Record<string, string | number>) =>
		part.value === null || part.unknownCount === 0
			? figure(key, part.value, 0, values)
			: figure(key, t(`report.knownPart.${part.unknown}`, { value: formatReportValue(roundTo(part.value, 0), 0, language), count: part.unknownCount }), 0, values);
	const meetsAll = input.rows.filter((row) => row.status === 'meetsAll').length;
	return [
		figure('subdistricts', district.subdistricts, 0),
		figure('residents', district.residents, 0),
		// Counts go to the message as numbers: its ICU plural picks the noun ("1 minute"), ICU formats the figure as formatThreshold does.
		figure('coverage', shownCoveragePct(district.coveragePct), 1, { minutes: context.thresholdMinutes }),
		figure('covered', district.coveredResidents, 0),
		figure('uncovered', district.uncoveredResidents, 0),
		figure('unreachable', district.unreachableResidents, 0),
		known('centreArea', parts.centreArea),
		figure('areaPerThousand', district.areaPerThousand, 1),
		figure('requiredArea', district.requiredAreaM2, 0),
		known('areaGapSum', parts.areaGap),
		figure('areaNetGap', district.areaNetGapM2, 0),
		known('beds', parts.beds),
		figure('bedsPerThousand', district.bedsPerThousand, 2),
		known('bedsNeededMin', parts.bedsNeededMin, { value: formatThreshold(profile.rules.bedsPerThousandMin.value, language, 1) }),
		known('bedsNeededTarget', parts.bedsNeededTarget, { value: formatThreshold(profile.rules.bedsPerThousandTarget.value, language, 1) }),
		figure('bedsNetNeededMin', district.bedsNetNeededMin, 0, { value: formatThreshold(profile.rules.bedsPerThousandMin.value, language, 1) }),
		figure('stations', district.stations, 0),
		figure('stationsUnderArea', district.stationsUnderArea, 0, { value: formatThreshold(profile.rules.stationAreaMin.value, language) }),
		figure('meetsAll', meetsAll, 0),
		...RULE_IDS.map((rule) => item(`failing.${rule}`, t('report.summary.failing', { rule: ruleName(rule, context) }), district.failingSubdistricts[rule], 0, language)),
		...(district.unassignedFacilities > 0 ? [figure('unassignedFacilities', district.unassignedFacilities, 0)] : [])
	];
}

/** Every resident of the population layer once, with the true reason (engine/bands.ts reconcileResidents): the panel's sum, in the report. */
function reconciliationItems(district: DistrictIndicators, context: ColumnContext): ReportItem[] {
	const { coveredResidents: covered, unreachableResidents: unreachable } = district;
	if (covered === null || unreachable === null) return [];
	const residents = reconcileResidents({ residents: district.cellResidents, covered, unreachable }, district.unassignedCellResidents);
	const minutes = formatThreshold(context.thresholdMinutes, context.language);
	const figure = (key: string, value: number) => item(`residentsCheck.${key}`, context.translate(`report.residentsCheck.${key}`, { minutes }), value, 0, context.language);
	return [
		figure('total', residents.total),
		figure('within', residents.withinSubdistricts),
		figure('covered', residents.covered),
		figure('notCovered', residents.notCovered),
		figure('unreachable', residents.unreachable),
		figure('outside', residents.outsideSubdistricts)
	];
}

/** Each rule's threshold in words (or "rule off") with its citation. */
function ruleItems(profile: StandardsProfile, context: ColumnContext): ReportItem[] {
	const t = context.translate;
	const { rules } = profile;
	const language = context.language;
	const statusNames = rules.newCentreBeds.statuses.map((status) => t(`report.facilityStatus.${status}`)).join(language === 'en' ? ', ' : '、');
	const threshold = (value: number, minimumDecimals = 0) => formatThreshold(value, language, minimumDecimals);
	const describe = (enabled: boolean, text: () => string) => (enabled ? text() : t('report.appendix.ruleOff'));
	const area = rules.centreAreaPerThousand;
	const minimum = rules.centreAreaMinimum;
	const texts = {
		centreArea: describe(area.enabled, () =>
			minimum.enabled
				? t('report.appendix.rule.centreAreaMinimum', { perThousand: threshold(area.value), minimum: threshold(minimum.value), below: threshold(minimum.belowPopulation) })
				: t('report.appendix.rule.centreArea', { perThousand: threshold(area.value) })
		),
		bedsMin: describe(rules.bedsPerThousandMin.enabled, () => t('report.appendix.rule.bedsMin', { min: threshold(rules.bedsPerThousandMin.value, 1), target: threshold(rules.bedsPerThousandTarget.value, 1) })),
		newCentreBeds: describe(rules.newCentreBeds.enabled, () => t('report.appendix.rule.newCentreBeds', { value: rules.newCentreBeds.value, statuses: statusNames })),
		stationArea: describe(rules.stationAreaMin.enabled, () => t('report.appendix.rule.stationArea', { value: threshold(rules.stationAreaMin.value) })),
		coverage: describe(rules.coverageTargetPct.enabled, () => t('report.appendix.rule.coverage', { target: threshold(rules.coverageTargetPct.value), minutes: context.thresholdMinutes }))
	};
	const source = (rule: ThresholdRule) => sourceText(rule.source, language);
	const joined = (first: string, second: string) => (first === second ? first : `${first}${language === 'en' ? '; ' : '；'}${second}`);
	const sources = {
		centreArea: minimum.enabled ? joined(source(area), source(minimum)) : source(area),
		bedsMin: source(rules.bedsPerThousandMin),
		newCentreBeds: source(rules.newCentreBeds),
		stationArea: source(rules.stationAreaMin),
		coverage: joined(source(rules.coverageMinutes), source(rules.coverageTargetPct))
	};
	return RULE_IDS.map((rule) => item(`rule.${rule}`, ruleName(rule, context), texts[rule], 0, language, sources[rule]));
}

function appendixItems(input: GapReportInput, context: ColumnContext): ReportItem[] {
	const { profile, coverageParams: params, language, dataset } = input;
	const t = context.translate;
	const list = (values: readonly string[]) => values.join(language === 'en' ? ', ' : '、');
	const labelled = (key: string, value: CellValue, decimals = 0) => item(key, t(`report.appendix.${key}`), value, decimals, language);
	const conversions = dataset.sources.filter((source) => source.conversion);
	const approximate = input.approximate ?? false;
	return [
		labelled('profile', t('report.appendix.profileValue', { name: isolate(profile.name[language]), id: profile.id })),
		...ruleItems(profile, context),
		labelled('capacityTypes', list(profile.capacityTypes.map((type) => t(`report.facility.${type}`)))),
		labelled('coverageTypes', list(params.facilityTypes.map((type) => t(`report.facility.${type}`)))),
		labelled('statuses', input.statusesCounted ? list(input.statusesCounted.map((status) => t(`report.facilityStatus.${status}`))) : t('report.appendix.allStatuses')),
		labelled('mode', t(`report.mode.${params.mode}`)),
		labelled('speed', travelOf(params).speedKmh, 1),
		labelled('threshold', params.thresholdMinutes, Number.isInteger(params.thresholdMinutes) ? 0 : 1),
		labelled('snap', params.maxSnapM, 0),
		...(approximate ? [labelled('detour', params.detourFactor, 2)] : []),
		labelled('method', t(approximate ? 'report.appendix.methodStraight' : 'report.appendix.methodNetwork')),
		labelled('residents', t('report.appendix.residentsText')),
		labelled('servicePopulation', t(`report.servicePopulation.${input.servicePopulation}`)),
		labelled('gaps', t('report.appendix.gapsText')),
		labelled('ranking', t('report.appendix.rankingText')),
		labelled(
			'conversions',
			conversions.length === 0
				? t('report.appendix.noConversion')
				: list(conversions.map((source) => t('report.appendix.conversionItem', { kind: t(`report.sourceKind.${source.kind}`), conversion: source.conversion ?? '' })))
		),
		...dataset.sources.map((source) =>
			item(
				`source.${source.kind}`,
				t('report.appendix.source', { kind: t(`report.sourceKind.${source.kind}`), file: isolate(source.fileName) }),
				t('report.appendix.sourceCounts', { loaded: source.loaded, skipped: source.skipped, conversion: source.conversion ?? t('report.appendix.noConversion') }),
				0,
				language
			)
		),
		labelled('synthetic', provenanceLine(syntheticLayers(dataset.sources), listLayers(syntheticLayers(dataset.sources), language, t), t))
	];
}

/** What an export other than the gap report was made from (the siting suggestion's CSV): the report's own provenance. */
/** The travel mode and the speed in effect (the mode's own speed unless the planner set one). */
export function travelOf(params: Pick<CoverageParams, 'mode' | 'speedKmh'>): ExportProvenanceInput['travel'] {
	return { mode: params.mode, speedKmh: params.speedKmh ?? MODE_SPEEDS_KMH[params.mode] };
}

export interface ExportProvenanceInput {
	language: ReportLanguage;
	dataset: ReportDatasetInfo;
	/** The scenario's name as the reader sees it; null for today's facilities. */
	scenarioName: string | null;
	thresholdMinutes: number;
	/** How the threshold's minutes are travelled: a 15-minute walk and a 15-minute ride are different circles. */
	travel: { mode: TravelMode; speedKmh: number };
	generatedAt: Date;
	timeZone?: string;
}

/**
 * Dataset, scenario, threshold, date, which layers are synthetic, and each layer's source: the lines the
 * gap report's first sheet carries, built by the same helpers, for an export that has no sheet of its own.
 */
export function exportProvenance(input: ExportProvenanceInput, translate: Translate = reportTranslator(input.language)): ReportItem[] {
	const { language, dataset } = input;
	const synthetic = syntheticLayers(dataset.sources);
	return [
		item('dataset', translate('report.meta.dataset'), language === 'en' && dataset.nameEn ? dataset.nameEn : dataset.name, 0, language),
		item('scenario', translate('report.meta.scenario'), input.scenarioName ?? translate('report.noScenario'), 0, language),
		item('threshold', translate('report.appendix.threshold'), formatThreshold(input.thresholdMinutes, language), 0, language),
		item('mode', translate('report.appendix.mode'), translate(`report.mode.${input.travel.mode}`), 0, language),
		item('speed', translate('report.appendix.speed'), input.travel.speedKmh, 1, language),
		item('generated', translate('report.meta.generated'), formatReportDate(input.generatedAt, language, input.timeZone), 0, language),
		item('synthetic', translate('report.appendix.synthetic'), provenanceLine(synthetic, listLayers(synthetic, language, translate), translate), 0, language),
		...provenanceItems(dataset.sources, { language, translate })
	];
}

function listLayers(layers: readonly LayerKind[], language: ReportLanguage, translate: Translate): string {
	return layers.map((kind) => translate(`report.sourceKind.${kind}`)).join(language === 'en' ? ', ' : '、');
}

/** "All layers synthetic", "synthetic layers: …" or "no synthetic data": true of the layers in use, never of the dataset as a whole. */
function provenanceLine(synthetic: readonly LayerKind[], layerList: string, translate: Translate): string {
	if (synthetic.length === 0) return translate('report.layers.lineNone');
	if (synthetic.length === LAYER_KINDS.length) return translate('report.layers.lineAll');
	return translate('report.layers.lineSome', { layers: layerList });
}

/** Each layer's source in words, in layer order (a layer without a source is listed as missing, never skipped). */
function provenanceItems(sources: readonly SourceSummary[], context: Pick<ColumnContext, 'language' | 'translate'>): ReportItem[] {
	const t = context.translate;
	return LAYER_KINDS.map((kind) => {
		const source = sources.find((candidate) => candidate.kind === kind);
		const text = !source
			? t('report.layers.missing')
			: source.fromDemo
				? t('report.layers.demo', { file: isolate(source.fileName) })
				: t('report.layers.file', {
						file: isolate(source.fileName),
						loaded: source.loaded,
						skipped: source.skipped,
						encoding: source.encoding ? encodingName(source.encoding, t) : t('report.layers.noEncoding'),
						conversion: source.conversion ?? t('report.appendix.noConversion')
					}) +
					// Who settled the coordinate system, as the data-sources panel says it: the planner, the file or its values.
					(source.coordinateSystem ? t(`report.layers.crs.${source.coordinateSystem.chosenBy}`, { crs: source.coordinateSystem.label }) : '');
		return item(`layer.${kind}`, t('report.layers.label', { kind: t(`report.sourceKind.${kind}`) }), text, 0, context.language);
	});
}

/**
 * Baseline and scenario side by side, in the order of the (scenario's) severity ranking, district last. The
 * district row is the indicators' own, not the total row's known parts: a change between two lower bounds is no figure.
 */
function comparisonTable(input: GapReportInput, scenario: ScenarioInput, ranked: readonly SubdistrictIndicators[], context: ColumnContext): ReportTable<ScenarioComparisonRow> {
	const baselineByCode = new Map(scenario.baselineRows.map((row) => [row.code, row]));
	const rankedCodes = new Set(ranked.map((row) => row.code));
	const rows: ScenarioComparisonRow[] = [
		...ranked.map((row) => ({ code: row.code, name: row.name, nameEn: row.nameEn, baseline: baselineByCode.get(row.code) ?? null, scenario: row })),
		...scenario.baselineRows.filter((row) => !rankedCodes.has(row.code)).map((row) => ({ code: row.code, name: row.name, nameEn: row.nameEn, baseline: row, scenario: null }))
	];
	return {
		id: 'scenario',
		title: context.translate('report.section.scenario'),
		sheetName: context.translate('report.sheet.scenario'),
		columns: comparisonColumns(context),
		rows,
		total: { code: '', name: '', nameEn: '', baseline: scenario.baselineDistrict, scenario: input.district }
	};
}
