import type { Subdistrict } from './types';
import { percentOf } from './percent';

/** A travel-time band (lowMinutes, highMinutes]; the first band also includes 0. */
export interface TimeBand {
	label: string;
	lowMinutes: number;
	highMinutes: number;
}

/**
 * Bands are closed above so they agree with "covered = minutes ≤ threshold": with a 15-minute
 * threshold the residents of bands 0–5, 5–10 and 10–15 are exactly the covered residents.
 */
export const TIME_BANDS: readonly TimeBand[] = Object.freeze([
	{ label: '0–5', lowMinutes: 0, highMinutes: 5 },
	{ label: '5–10', lowMinutes: 5, highMinutes: 10 },
	{ label: '10–15', lowMinutes: 10, highMinutes: 15 },
	{ label: '15–20', lowMinutes: 15, highMinutes: 20 },
	{ label: '20–30', lowMinutes: 20, highMinutes: 30 },
	{ label: '>30', lowMinutes: 30, highMinutes: Infinity }
]);

/** Start of the open last band: a search bounded below this could not place cells in their band. */
export const LAST_BAND_START_MINUTES = TIME_BANDS[TIME_BANDS.length - 1].lowMinutes;

/** Index of the band holding `minutes`, or -1 for NaN (unreachable). */
export function bandIndex(minutes: number): number {
	if (Number.isNaN(minutes)) return -1;
	for (let band = 0; band < TIME_BANDS.length; band++) if (minutes <= TIME_BANDS[band].highMinutes) return band;
	return TIME_BANDS.length - 1;
}

/** Coverage figures of one area (a sub-district, the cells outside every sub-district, or the whole district). */
export interface AreaCoverage {
	code: string;
	name: string;
	cells: number;
	/** Residents of the area's cells (the sum of cell populations). */
	residents: number;
	coveredResidents: number;
	/** coveredResidents ÷ residents × 100 (unreachable residents count as not covered); null when no residents. */
	coveragePct: number | null;
	unreachableResidents: number;
	/** Residents per TIME_BANDS entry; unreachable residents are in no band. */
	bandResidents: number[];
}

export interface AreaSummary {
	bySubdistrict: AreaCoverage[];
	/** Cells in no sub-district polygon (index -1). */
	outside: AreaCoverage;
	total: AreaCoverage;
}

export interface CellOutcome {
	pop: Float64Array;
	minutes: Float32Array;
	covered: Uint8Array;
	unreachable: Uint8Array;
	cellSubdistrict: Int32Array;
}

/** Adds up residents, covered, unreachable and bands per sub-district, outside and in total. */
export function summarizeAreas(cells: CellOutcome, subdistricts: Subdistrict[]): AreaSummary {
	// One pass into typed accumulators (slot areaCount = outside), objects built at the end:
	// this runs on every recomputation over hundreds of thousands of cells.
	const areaCount = subdistricts.length;
	const slots = areaCount + 1;
	const bandCount = TIME_BANDS.length;
	const cellCounts = new Float64Array(slots);
	const residents = new Float64Array(slots);
	const covered = new Float64Array(slots);
	const unreachable = new Float64Array(slots);
	const bands = new Float64Array(slots * bandCount);
	for (let cell = 0; cell < cells.pop.length; cell++) {
		const areaIndex = cells.cellSubdistrict[cell];
		const slot = areaIndex >= 0 && areaIndex < areaCount ? areaIndex : areaCount;
		const people = cells.pop[cell];
		cellCounts[slot]++;
		residents[slot] += people;
		if (cells.covered[cell]) covered[slot] += people;
		if (cells.unreachable[cell]) unreachable[slot] += people;
		else bands[slot * bandCount + bandIndex(cells.minutes[cell])] += people;
	}
	const area = (slot: number, code: string, name: string) =>
		areaCoverage(code, name, { cells: cellCounts[slot], residents: residents[slot], covered: covered[slot], unreachable: unreachable[slot], bands: bands.subarray(slot * bandCount, (slot + 1) * bandCount) });
	const bySubdistrict = subdistricts.map((subdistrict, index) => area(index, subdistrict.code, subdistrict.name));
	const outside = area(areaCount, '', '(outside sub-districts)');
	const total = sumAreas(bySubdistrict.concat(outside));
	return { bySubdistrict, outside, total };
}

/** One area's figures from its sums: the one place a coverage % is made (baseline and scenario alike). */
export function areaCoverage(code: string, name: string, sums: { cells: number; residents: number; covered: number; unreachable: number; bands: ArrayLike<number> }): AreaCoverage {
	return {
		code,
		name,
		cells: sums.cells,
		residents: sums.residents,
		coveredResidents: sums.covered,
		coveragePct: percentOf(sums.covered, sums.residents),
		unreachableResidents: sums.unreachable,
		bandResidents: Array.from(sums.bands)
	};
}

/** The whole district: sums of the parts (in area order, so totals do not depend on cell order). */
export function sumAreas(areas: AreaCoverage[]): AreaCoverage {
	const sum = (pick: (area: AreaCoverage) => number) => areas.reduce((total, area) => total + pick(area), 0);
	const residents = sum((a) => a.residents);
	const coveredResidents = sum((a) => a.coveredResidents);
	return {
		code: '',
		name: 'total',
		cells: sum((a) => a.cells),
		residents,
		coveredResidents,
		coveragePct: percentOf(coveredResidents, residents),
		unreachableResidents: sum((a) => a.unreachableResidents),
		bandResidents: TIME_BANDS.map((_, band) => sum((a) => a.bandResidents[band]))
	};
}

/**
 * Every resident once, with the true reason: all residents = those within the sub-districts (covered within
 * the threshold + reachable but not covered within it + not reachable from the network) + those outside every
 * sub-district (in no sub-district's figures, whatever their travel time). The one place this sum is made:
 * the panel (from coverage) and the report (from the indicators) both word it from here.
 */
export interface ResidentReconciliation {
	total: number;
	withinSubdistricts: number;
	covered: number;
	/** Within the sub-districts, reachable from the network but beyond the threshold. */
	notCovered: number;
	/** Within the sub-districts, beyond the snap distance or in a part of the network without a counted facility. */
	unreachable: number;
	outsideSubdistricts: number;
}

export function reconcileResidents(within: { residents: number; covered: number; unreachable: number }, outsideResidents: number): ResidentReconciliation {
	return {
		total: within.residents + outsideResidents,
		withinSubdistricts: within.residents,
		covered: within.covered,
		notCovered: within.residents - within.covered - within.unreachable,
		unreachable: within.unreachable,
		outsideSubdistricts: outsideResidents
	};
}

/** The reconciliation of a coverage summary; `within` is the sub-districts' sum, the figure tables and reports total. */
export function reconcileCoverage(summary: Pick<AreaSummary, 'bySubdistrict' | 'outside'>): { within: AreaCoverage; residents: ResidentReconciliation } {
	const within = sumAreas(summary.bySubdistrict);
	return { within, residents: reconcileResidents({ residents: within.residents, covered: within.coveredResidents, unreachable: within.unreachableResidents }, summary.outside.residents) };
}
