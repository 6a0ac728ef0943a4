/**
 * Sub-district fill colours: by status, graded by how badly an area fails (largest relative gap to a
 * standard, engine/standards/severity.ts; grey when no rule fails but data is incomplete) or by one indicator in classes anchored on the profile's
 * thresholds, with the legend entries that explain them. Pure: no DOM, no i18n (entries carry a
 * message key and the numbers; the legend component formats them).
 */
import type { AreaIndicators } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import { facilityRuleGaps, SEVERITY_BREAKS, severity, type FacilityRuleGaps, type Severity } from '$lib/engine/standards/severity';
import type { Facility } from '$lib/engine/types';
import { classIndex, type RGBA } from './colors';

export const CHOROPLETH_INDICATORS = ['status', 'areaPerThousand', 'areaGapM2', 'bedsPerThousand', 'coveragePct', 'uncoveredResidents'] as const;
export type ChoroplethIndicator = (typeof CHOROPLETH_INDICATORS)[number];

export const isChoroplethIndicator = (value: string): value is ChoroplethIndicator => (CHOROPLETH_INDICATORS as readonly string[]).includes(value);

/** The message key naming a sub-district colouring: one name for it in the view switch and the colouring menu. */
export const indicatorNameKey = (indicator: ChoroplethIndicator): string => `standards.map.${indicator}`;

/**
 * One legend line. Label: `$_(labelKey, { values: { from, to } })` with the numbers formatted
 * (`from`/`to` are in the indicator's unit); for status entries `labelKey` is the status's name.
 */
export interface LegendEntry {
	color: RGBA;
	labelKey: string;
	from?: number;
	to?: number;
}

export interface Choropleth {
	indicator: ChoroplethIndicator;
	/** Message key of the indicator's title (with its unit). */
	titleKey: string;
	colors: Map<string, RGBA>;
	legend: LegendEntry[];
	/** For map layers: the fill of a sub-district code, null when it is not in the rows. */
	fill: (code: string) => RGBA | null;
}

const FILL_ALPHA = 150;
/** ColorBrewer RdYlGn (5 classes), worst to best; safe for the common colour-vision deficiencies with the legend's labels. */
const WORST_TO_BEST: RGBA[] = [
	[215, 48, 39, FILL_ALPHA],
	[252, 141, 89, FILL_ALPHA],
	[254, 224, 139, FILL_ALPHA],
	[145, 207, 96, FILL_ALPHA],
	[26, 152, 80, FILL_ALPHA]
];
// Exported for the tests only, which check a missing value is drawn as no data.
export const NO_DATA_COLOR: RGBA = [170, 170, 170, 120];

/**
 * The status map's classes, best to worst: meets every standard, then the largest relative gap under
 * 10 %, 10–25 %, 25–50 %, 50 % and more (ColorBrewer YlOrRd, darkest worst), so that how badly an area
 * fails is seen, not how many rules it fails.
 */
export const SEVERITY_COLORS: readonly RGBA[] = Object.freeze([
	WORST_TO_BEST[4],
	[254, 217, 118, FILL_ALPHA],
	[253, 141, 60, FILL_ALPHA],
	[227, 26, 28, FILL_ALPHA],
	[128, 0, 38, FILL_ALPHA]
]);

/** The status map's legend: what each class of SEVERITY_COLORS means (gaps in percent), then undecided. */
export function severityLegend(): LegendEntry[] {
	const percent = SEVERITY_BREAKS.map((gap) => gap * 100);
	return [
		{ color: SEVERITY_COLORS[0], labelKey: 'severity.legend.meetsAll' },
		{ color: SEVERITY_COLORS[1], labelKey: 'severity.legend.below', to: percent[0] },
		{ color: SEVERITY_COLORS[2], labelKey: 'severity.legend.range', from: percent[0], to: percent[1] },
		{ color: SEVERITY_COLORS[3], labelKey: 'severity.legend.range', from: percent[1], to: percent[2] },
		{ color: SEVERITY_COLORS[4], labelKey: 'severity.legend.atLeast', from: percent[2] },
		{ color: NO_DATA_COLOR, labelKey: 'severity.legend.incomplete' }
	];
}

/** The status map's class of a severity: 0 meets all, 1–4 the gap classes by SEVERITY_BREAKS (lower bounds), null undecided. */
function severityClass(value: Severity): number | null {
	if (value.gap === null) return null;
	return value.rule === null ? 0 : 1 + classIndex(value.gap, SEVERITY_BREAKS, 'lower');
}

/** The status map's colour of an area. */
export function severityColor(row: AreaIndicators, profile: StandardsProfile, facilityGaps: FacilityRuleGaps): RGBA {
	const index = severityClass(severity(row, profile, facilityGaps));
	return index === null ? NO_DATA_COLOR : SEVERITY_COLORS[index];
}

/**
 * Ascending class breaks. 'rate' (more is better): class i holds breaks[i-1] ≤ value < breaks[i].
 * 'shortfall' (0 is best): class 0 holds 0, class i > 0 holds breaks[i-1] < value ≤ breaks[i] with breaks[0] = 0.
 */
interface Scale {
	kind: 'rate' | 'shortfall';
	breaks: number[];
	/** One more colour than breaks, in class order. */
	colors: RGBA[];
	/** Value used for "no data" (null): rows whose indicator is null. */
	value: (row: AreaIndicators) => number | null;
	titleKey: string;
}

/** Rates where more is better, anchored on the standard: < ½ standard, ½–0.8, 0.8–1, ≥ standard (, ≥ target). */
function rateScale(standard: number, target: number | null, value: Scale['value'], titleKey: string): Scale {
	const breaks = [standard * 0.5, standard * 0.8, standard];
	if (target !== null && target > standard) breaks.push(target);
	const colors = breaks.length === 4 ? WORST_TO_BEST : [WORST_TO_BEST[0], WORST_TO_BEST[1], WORST_TO_BEST[2], WORST_TO_BEST[4]];
	return { kind: 'rate', breaks, colors, value, titleKey };
}

/** Shortfalls where 0 is best: 0, then growing classes. */
function shortfallScale(breaks: number[], value: Scale['value'], titleKey: string): Scale {
	return { kind: 'shortfall', breaks: [0, ...breaks], colors: [WORST_TO_BEST[4], WORST_TO_BEST[2], WORST_TO_BEST[1], WORST_TO_BEST[0]], value, titleKey };
}

function scaleFor(indicator: Exclude<ChoroplethIndicator, 'status'>, profile: StandardsProfile): Scale {
	const { rules } = profile;
	switch (indicator) {
		case 'areaPerThousand':
			return rateScale(rules.centreAreaPerThousand.value, null, (row) => row.areaPerThousand, indicatorNameKey('areaPerThousand'));
		case 'bedsPerThousand':
			return rateScale(rules.bedsPerThousandMin.value, rules.bedsPerThousandTarget.enabled ? rules.bedsPerThousandTarget.value : null, (row) => row.bedsPerThousand, indicatorNameKey('bedsPerThousand'));
		case 'coveragePct':
			// 72% is the citywide benchmark (domain brief); 100% the circle's aim.
			return { kind: 'rate', breaks: [50, 72, 90, 100], colors: WORST_TO_BEST, value: (row) => row.coveragePct, titleKey: indicatorNameKey('coveragePct') };
		case 'areaGapM2':
			return shortfallScale([1000, 3000], (row) => row.areaGapM2, indicatorNameKey('areaGapM2'));
		case 'uncoveredResidents':
			return shortfallScale([1000, 5000], (row) => row.uncoveredResidents, indicatorNameKey('uncoveredResidents'));
	}
}

function scaleLegend(scale: Scale): LegendEntry[] {
	const { breaks, colors } = scale;
	const entries = colors.map((color, index): LegendEntry => {
		if (scale.kind === 'shortfall') {
			if (index === 0) return { color, labelKey: 'standards.legend.none' };
			return index < breaks.length
				? { color, labelKey: 'standards.legend.aboveUpTo', from: breaks[index - 1], to: breaks[index] }
				: { color, labelKey: 'standards.legend.above', from: breaks[index - 1] };
		}
		if (index === 0) return { color, labelKey: 'standards.legend.below', to: breaks[0] };
		return index < breaks.length
			? { color, labelKey: 'standards.legend.range', from: breaks[index - 1], to: breaks[index] }
			: { color, labelKey: 'standards.legend.atLeast', from: breaks[index - 1] };
	});
	return [...entries, { color: NO_DATA_COLOR, labelKey: 'standards.legend.noData' }];
}

/** `facilities`: the shown ones (the status map measures a station's or new centre's own shortfall). */
export function choropleth(rows: readonly AreaIndicators[], indicator: ChoroplethIndicator, profile: StandardsProfile, facilities: readonly Facility[]): Choropleth {
	const colors = new Map<string, RGBA>();
	let legend: LegendEntry[];
	let titleKey: string;
	if (indicator === 'status') {
		const facilityGaps = facilityRuleGaps(facilities, profile);
		for (const row of rows) colors.set(row.code, severityColor(row, profile, facilityGaps));
		legend = severityLegend();
		titleKey = 'severity.title';
	} else {
		const scale = scaleFor(indicator, profile);
		for (const row of rows) {
			const value = scale.value(row);
			colors.set(row.code, value === null || !Number.isFinite(value) ? NO_DATA_COLOR : scale.colors[classIndex(value, scale.breaks, scale.kind === 'rate' ? 'lower' : 'upper')]);
		}
		legend = scaleLegend(scale);
		titleKey = scale.titleKey;
	}
	return { indicator, titleKey, colors, legend, fill: (code) => colors.get(code) ?? null };
}
