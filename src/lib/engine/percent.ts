/**
 * A share in percent, null when there is no whole: the one expression every coverage % is computed
 * with (the baseline's area sums, a scenario's incremental sums, the standards' indicators; the SQL
 * writes the same `part * 100 / whole`), so one figure cannot differ in its last bit between tabs.
 */
export function percentOf(part: number, whole: number): number | null {
	return whole > 0 ? (part * 100) / whole : null;
}

/**
 * The one rounding rule for every percentage a planner reads (panels, tables, the map legend's
 * values, the report in XLSX, CSV, GeoJSON and print, the CLI's tables): round to `decimals` places,
 * halves away from zero (Number.prototype.toFixed on the double), except that a share strictly
 * between 0 and 100 never reads as 0 or 100. 99.97 % reads "99.9", not "100.0" (a coverage rule
 * passed at 100 % would sit next to a failure); 0.001 % reads "0.1", not "0.0" (somebody is covered).
 * 0 and 100 themselves, and values outside [0, 100] (changes in points), are only rounded.
 */
export function shownPercent(value: number, decimals?: number): number;
export function shownPercent(value: number | null, decimals?: number): number | null;
export function shownPercent(value: number | null, decimals = 1): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	const step = 10 ** -decimals;
	const rounded = Number(value.toFixed(decimals));
	if (value > 0 && value < 100) {
		if (rounded >= 100) return Number((100 - step).toFixed(decimals));
		if (rounded <= 0) return Number(step.toFixed(decimals));
	}
	return Object.is(rounded, -0) ? 0 : rounded;
}

/** The change between two shown percentages, in points: the difference of what the planner reads, so before → after and the change agree. */
export function shownPointsChange(before: number | null, after: number | null, decimals = 1): number | null {
	const shownBefore = shownPercent(before, decimals);
	const shownAfter = shownPercent(after, decimals);
	if (shownBefore === null || shownAfter === null) return null;
	const change = Number((shownAfter - shownBefore).toFixed(decimals));
	return Object.is(change, -0) ? 0 : change;
}
