import type { Language, Translate } from '$lib/i18n';
import type { RGBA } from '$lib/map/colors';
import type { Choropleth } from '$lib/map/choropleth';
import { formatNumber } from './format';

export interface LegendLine {
	color: RGBA;
	label: string;
}

/** The worded lines of a sub-district map's legend: one wording for the map's legend, the printed report and the map PNG. */
export function choroplethLegendLines(map: Pick<Choropleth, 'indicator' | 'legend'>, translate: Translate, language: Language): LegendLine[] {
	const decimals = map.indicator === 'bedsPerThousand' ? 2 : map.indicator === 'areaPerThousand' || map.indicator === 'coveragePct' ? 1 : 0;
	return map.legend.map((entry) => ({
		color: entry.color,
		label: translate(entry.labelKey, { values: { from: formatNumber(entry.from ?? null, language, decimals), to: formatNumber(entry.to ?? null, language, decimals) } })
	}));
}
