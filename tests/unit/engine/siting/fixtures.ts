/** Small random siting instances (fast-check) and brute-force answers to hold the solvers against. */
import fc from 'fast-check';
import type { SitingConstraints, SitingInstance } from '$lib/engine/siting/instance';

export interface RandomInstance {
	instance: SitingInstance;
	constraints: SitingConstraints;
}

const GROUPS = 3;

export const randomInstance = (options: { constraints: boolean; maxCandidates?: number }) =>
	fc
		.record({
			cellWeights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 18 }),
			candidates: fc.array(
				fc.record({ cells: fc.uniqueArray(fc.integer({ min: 0, max: 17 }), { maxLength: 8 }), group: fc.integer({ min: -1, max: GROUPS - 1 }), x: fc.integer({ min: 0, max: 1000 }), y: fc.integer({ min: 0, max: 1000 }) }),
				{ minLength: 1, maxLength: options.maxCandidates ?? 9 }
			),
			spacing: options.constraints ? fc.constantFrom(0, 0, 150, 400) : fc.constant(0),
			max: options.constraints ? fc.array(fc.constantFrom(Infinity, Infinity, 1, 2), { minLength: GROUPS, maxLength: GROUPS }) : fc.constant<number[]>([]),
			min: options.constraints ? fc.array(fc.constantFrom(0, 0, 0, 1), { minLength: GROUPS, maxLength: GROUPS }) : fc.constant<number[]>([])
		})
		.map(({ cellWeights, candidates, spacing, max, min }): RandomInstance => {
			const lists = candidates.map((c) => c.cells.filter((cell) => cell < cellWeights.length).sort((a, b) => a - b));
			const offsets = new Int32Array(lists.length + 1);
			lists.forEach((list, c) => (offsets[c + 1] = offsets[c] + list.length));
			const weight = Float64Array.from(cellWeights);
			return {
				instance: {
					candidateCount: lists.length,
					offsets,
					cells: Int32Array.from(lists.flat()),
					weight,
					residents: weight,
					candidateGroup: Int32Array.from(candidates, (c) => c.group),
					groupCount: GROUPS,
					x: Float64Array.from(candidates, (c) => c.x),
					y: Float64Array.from(candidates, (c) => c.y)
				},
				constraints: { minSpacingM: spacing, maxPerGroup: max, minPerGroup: min }
			};
		});

/** Weight of the union of the chosen candidates' cells (a Set, independent of the engine). */
export function coveredWeight(instance: SitingInstance, chosen: readonly number[]): number {
	const cells = new Set<number>();
	for (const c of chosen) for (let i = instance.offsets[c]; i < instance.offsets[c + 1]; i++) cells.add(instance.cells[i]);
	let sum = 0;
	for (const cell of cells) sum += instance.weight[cell];
	return sum;
}

/** Written without the engine's SiteSet: group limits and pairwise spacing. */
export function feasible(instance: SitingInstance, constraints: SitingConstraints, chosen: readonly number[]): boolean {
	for (let group = 0; group < instance.groupCount; group++) {
		const count = chosen.filter((c) => instance.candidateGroup[c] === group).length;
		if (count > (constraints.maxPerGroup[group] ?? Infinity) || count < (constraints.minPerGroup[group] ?? 0)) return false;
	}
	for (let a = 0; a < chosen.length; a++)
		for (let b = a + 1; b < chosen.length; b++) {
			if (Math.hypot(instance.x[chosen[a]] - instance.x[chosen[b]], instance.y[chosen[a]] - instance.y[chosen[b]]) < constraints.minSpacingM) return false;
		}
	return true;
}

/** Every subset of at most `k` candidates (as index lists). */
export function* subsets(n: number, k: number, start = 0, prefix: number[] = []): Generator<number[]> {
	yield prefix;
	if (prefix.length === k) return;
	for (let c = start; c < n; c++) yield* subsets(n, k, c + 1, [...prefix, c]);
}

/** The best feasible value with at most k sites (−Infinity when no subset is feasible). */
export function bruteForceMax(instance: SitingInstance, constraints: SitingConstraints, k: number): number {
	let best = -Infinity;
	for (const set of subsets(instance.candidateCount, k)) if (feasible(instance, constraints, set)) best = Math.max(best, coveredWeight(instance, set));
	return best;
}

/** The fewest feasible sites reaching `target` (Infinity when none does). */
export function bruteForceFewest(instance: SitingInstance, constraints: SitingConstraints, target: number): number {
	let best = Infinity;
	for (const set of subsets(instance.candidateCount, instance.candidateCount)) {
		if (set.length < best && feasible(instance, constraints, set) && coveredWeight(instance, set) >= target) best = set.length;
	}
	return best;
}

/**
 * The plain greedy, without lazy evaluation and without the engine's helpers: every round, every
 * candidate's gain, the largest (lowest index on ties) among those that keep the constraints.
 */
export function naiveGreedy(instance: SitingInstance, constraints: SitingConstraints, k: number): number[] {
	const covered = new Uint8Array(instance.weight.length);
	const chosen: number[] = [];
	const countIn = (group: number) => chosen.filter((c) => instance.candidateGroup[c] === group).length;
	const owed = () => {
		let sum = 0;
		for (let g = 0; g < instance.groupCount; g++) sum += Math.max(0, (constraints.minPerGroup[g] ?? 0) - countIn(g));
		return sum;
	};
	while (chosen.length < k) {
		const onlyOwed = owed() >= k - chosen.length;
		let best = -1;
		let bestGain = -Infinity;
		for (let c = 0; c < instance.candidateCount; c++) {
			if (chosen.includes(c)) continue;
			const group = instance.candidateGroup[c];
			if (group >= 0 && countIn(group) + 1 > (constraints.maxPerGroup[group] ?? Infinity)) continue;
			if (chosen.some((s) => Math.hypot(instance.x[s] - instance.x[c], instance.y[s] - instance.y[c]) < constraints.minSpacingM)) continue;
			if (onlyOwed && !(group >= 0 && countIn(group) < (constraints.minPerGroup[group] ?? 0))) continue;
			let gain = 0;
			for (let i = instance.offsets[c]; i < instance.offsets[c + 1]; i++) if (!covered[instance.cells[i]]) gain += instance.weight[instance.cells[i]];
			if (gain > bestGain) {
				bestGain = gain;
				best = c;
			}
		}
		if (best < 0 || (bestGain <= 0 && owed() === 0)) break;
		chosen.push(best);
		for (let i = instance.offsets[best]; i < instance.offsets[best + 1]; i++) covered[instance.cells[i]] = 1;
	}
	return chosen;
}
