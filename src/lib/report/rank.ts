import type { AreaIndicators } from '$lib/engine/standards/indicators';

/**
 * Sub-districts ordered by the severity of their gaps, most severe first:
 * 1. more rules failed;
 * 2. larger centre-area gap (m²);
 * 3. more residents not covered;
 * 4. more beds to add to reach the minimum;
 * 5. more rules left undecided by missing data;
 * 6. code, so that equal rows keep a fixed order.
 * An unknown gap (null) ranks like no gap: the row's 'incomplete' outcome is reported, not guessed.
 */
export function rankBySeverity<Row extends AreaIndicators>(rows: readonly Row[]): Row[] {
	return [...rows].sort(compareSeverity);
}

export function compareSeverity(a: AreaIndicators, b: AreaIndicators): number {
	return (
		b.failedRules - a.failedRules ||
		(b.areaGapM2 ?? 0) - (a.areaGapM2 ?? 0) ||
		(b.uncoveredResidents ?? 0) - (a.uncoveredResidents ?? 0) ||
		(b.bedsNeededMin ?? 0) - (a.bedsNeededMin ?? 0) ||
		b.incompleteRules - a.incompleteRules ||
		(a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
	);
}
