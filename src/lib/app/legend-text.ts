import type { Language, Translate } from '$lib/i18n';
import { FACILITY_TYPES, type Facility } from '$lib/engine/types';
import type { FacilityMark } from '$lib/map/facility-icons';
import { CHANGE_COLORS, FACILITY_COLORS, COVERED_COLOR, DENSITY_BREAKS, DENSITY_COLORS, MINUTE_BREAKS, MINUTE_COLORS, UNCOVERED_COLOR, UNREACHABLE_COLOR, type RGBA } from '$lib/map/colors';
import type { CellView } from '$lib/map/layers';
import type { Choropleth } from '$lib/map/choropleth';
import { formatNumber, formatThreshold } from '$lib/i18n/format';

export interface LegendLine {
	color: RGBA;
	label: string;
	/** A facility's map symbol, drawn instead of a colour swatch. */
	facility?: { type: Facility['type']; mark: FacilityMark };
}

/** The closed mark's grey (facility-icons.ts draws it), for a swatch where a symbol cannot be drawn. */
const CLOSED_GREY: RGBA = [150, 150, 150, 255];

/**
 * The facility lines of a map picture's legend, one model for the map PNG and the printed report: a line
 * per symbol the map draws and none for what it does not (the district hospitals' H only when there are
 * hospitals; a scenario's proposed and closed sites only when it has them).
 */
export function facilityLegendLines(drawn: { facilities: readonly Facility[]; closed: readonly Facility[] }, translate: Translate): LegendLine[] {
	const lines: LegendLine[] = FACILITY_TYPES.filter((type) => drawn.facilities.some((facility) => facility.type === type)).map((type) => ({
		color: FACILITY_COLORS[type],
		label: translate(`facility.${type}`),
		facility: { type, mark: 'drawn' }
	}));
	const proposed = drawn.facilities.find((facility) => facility.status === 'proposed');
	if (proposed) lines.push({ color: FACILITY_COLORS[proposed.type], label: translate('legend.proposed'), facility: { type: proposed.type, mark: 'proposed' } });
	const [closed] = drawn.closed;
	if (closed) lines.push({ color: CLOSED_GREY, label: translate('legend.closed'), facility: { type: closed.type, mark: 'closed' } });
	return lines;
}

/** The worded lines of a sub-district map's legend: one wording for the map's legend, the printed report and the map PNG. */
export function choroplethLegendLines(map: Pick<Choropleth, 'indicator' | 'legend'>, translate: Translate, language: Language): LegendLine[] {
	const decimals = map.indicator === 'bedsPerThousand' ? 2 : map.indicator === 'areaPerThousand' || map.indicator === 'coveragePct' ? 1 : 0;
	return map.legend.map((entry) => ({
		color: entry.color,
		label: translate(entry.labelKey, { from: formatNumber(entry.from ?? null, language, decimals), to: formatNumber(entry.to ?? null, language, decimals) })
	}));
}

/** Labels of classes split at `breaks`: "< a", "a–b", …, "≥ z". */
function rangeLabels(breaks: readonly number[], format: (value: number) => string): string[] {
	return Array.from({ length: breaks.length + 1 }, (_, index) =>
		index === 0 ? `< ${format(breaks[0])}` : index === breaks.length ? `≥ ${format(breaks[index - 1])}` : `${format(breaks[index - 1])}–${format(breaks[index])}`
	);
}

/** The population grid's legend for a cell view: its title and worded lines (the map's legend and the map PNG). */
export function cellLegend(view: CellView, thresholdMinutes: number, translate: Translate, language: Language): { title: string; lines: LegendLine[] } {
	const minutes = { minutes: formatThreshold(thresholdMinutes, language) };
	switch (view) {
		case 'density':
			return { title: translate('legend.density'), lines: rangeLabels(DENSITY_BREAKS, (value) => `${value / 1000}k`).map((label, index) => ({ color: DENSITY_COLORS[index], label })) };
		case 'minutes':
			return {
				title: translate('legend.minutes'),
				lines: [...rangeLabels(MINUTE_BREAKS, String).map((label, index) => ({ color: MINUTE_COLORS[index], label })), { color: UNREACHABLE_COLOR, label: translate('legend.unreachable') }]
			};
		case 'change':
			return {
				title: translate('legend.change'),
				lines: [
					{ color: CHANGE_COLORS.newlyCovered, label: translate('legend.newlyCovered', minutes) },
					{ color: CHANGE_COLORS.lostCoverage, label: translate('legend.lostCoverage', minutes) },
					{ color: CHANGE_COLORS.stillCovered, label: translate('legend.stillCovered') },
					{ color: CHANGE_COLORS.stillUncovered, label: translate('legend.stillUncovered') }
				]
			};
		case 'covered':
			return {
				title: translate('legend.covered'),
				lines: [
					{ color: COVERED_COLOR, label: translate('legend.coveredYes', minutes) },
					{ color: UNCOVERED_COLOR, label: translate('legend.coveredNo', minutes) }
				]
			};
	}
}
