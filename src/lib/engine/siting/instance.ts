/**
 * A siting instance: candidate sites, the residents each one would newly cover, and the planner's
 * constraints. Built once per question (see catchments.ts); every solver (greedy, swap, MILP,
 * brute force in the tests) reads the same instance, so they answer the same question.
 */

/** Which uncovered cells each candidate reaches within the threshold, in compressed sparse rows. */
export interface CandidateCover {
	candidateCount: number;
	/** Cells of candidate c are cells[offsets[c]] .. cells[offsets[c + 1] - 1] (cell ids, ascending). */
	offsets: Int32Array;
	cells: Int32Array;
}

export interface SitingInstance extends CandidateCover {
	/** Objective weight per cell (residents, or residents aged 65+); cells covered today weigh 0. */
	weight: Float64Array;
	/** Residents per cell, for reporting newly covered residents whatever the weight. */
	residents: Float64Array;
	/** Group (sub-district index) of each candidate; -1 = in none. */
	candidateGroup: Int32Array;
	groupCount: number;
	/** Candidate positions in metres on a local flat frame, for the spacing constraint. */
	x: Float64Array;
	y: Float64Array;
}

export interface SitingConstraints {
	/** Minimum straight-line distance between two new sites, metres; 0 = none. */
	minSpacingM: number;
	/** Per group: at most this many new sites (Infinity = no limit). Length groupCount, or empty. */
	maxPerGroup: number[];
	/** Per group: at least this many new sites (0 = none). Length groupCount, or empty. */
	minPerGroup: number[];
}

export const NO_CONSTRAINTS: Readonly<SitingConstraints> = Object.freeze({ minSpacingM: 0, maxPerGroup: [], minPerGroup: [] });

/** A uniform limit for every group (the CLI's and the panel's "at most n per 街镇"). */
export function everyGroup(groupCount: number, value: number): number[] {
	return Array.from({ length: groupCount }, () => value);
}

/** The weight of the union of the candidates' cells (each cell once), summed in ascending cell order. */
export function unionWeight(instance: Pick<SitingInstance, 'offsets' | 'cells'>, weight: Float64Array, chosen: readonly number[]): number {
	const cells = new Set<number>();
	for (const candidate of chosen) for (let i = instance.offsets[candidate]; i < instance.offsets[candidate + 1]; i++) cells.add(instance.cells[i]);
	let sum = 0;
	for (const cell of [...cells].sort((a, b) => a - b)) sum += weight[cell];
	return sum;
}
