/**
 * Lazy greedy (CELF, Leskovec et al. 2007) for maximum coverage under the planner's constraints.
 * Coverage is submodular, so a candidate's gain can only shrink as sites are chosen: a gain computed
 * earlier is an upper bound, and the candidate with the largest bound whose gain is fresh is the one
 * a full greedy would pick (ties: the lowest candidate index, as in the plain greedy).
 */
import { SiteSet } from './constraints';
import { CoverState } from './cover-state';
import type { SitingConstraints, SitingInstance } from './instance';

export interface GreedyRun {
	sites: SiteSet;
	cover: CoverState;
	/** Weight each pick added, in pick order. */
	gains: number[];
	value: number;
	/** Gain evaluations done (a plain greedy does candidates × picks). */
	evaluations: number;
}

export interface GreedyOptions {
	/** Stop once the chosen weight reaches this (LSCP); Infinity = pick `maxSites`. */
	targetWeight?: number;
	/** Called after each pick with the number chosen so far. */
	onPick?: (picked: number) => void;
}

/**
 * Up to `maxSites` sites, each the best that keeps the constraints. When the slots left equal the
 * sites still owed to groups below their minimum, only those groups' candidates may be picked.
 * Stops early when no candidate adds weight and nothing is owed, or when no candidate fits.
 */
export function lazyGreedy(instance: SitingInstance, constraints: SitingConstraints, maxSites: number, options: GreedyOptions = {}): GreedyRun {
	const n = instance.candidateCount;
	const cover = new CoverState(instance, instance.weight.length);
	const sites = new SiteSet(instance, constraints);
	const bound = new Float64Array(n);
	/** The round (sites chosen) at which bound[c] was computed: equal to the current round = exact gain. */
	const freshAt = new Int32Array(n);
	const alive = new Uint8Array(n).fill(1);
	let evaluations = 0;
	for (let c = 0; c < n; c++) {
		bound[c] = cover.gain(c);
		evaluations++;
	}
	const gains: number[] = [];
	let value = 0;
	const target = options.targetWeight ?? Infinity;
	while (sites.sites.length < maxSites && (!reached(value, target) || sites.deficit() > 0)) {
		const round = sites.sites.length;
		// The slots left go to groups below their minimum when they are all owed (or the target is met).
		const onlyOwed = sites.deficit() >= maxSites - round || reached(value, target);
		let picked = -1;
		for (;;) {
			let best = -1;
			for (let c = 0; c < n; c++) {
				if (!alive[c]) continue;
				if (!sites.allows(c)) {
					alive[c] = 0; // a site that breaks spacing or a group limit now always will
					continue;
				}
				if (onlyOwed && !sites.owed(c)) continue;
				if (best < 0 || bound[c] > bound[best]) best = c;
			}
			if (best < 0) break;
			if (freshAt[best] === round) {
				picked = best;
				break;
			}
			bound[best] = cover.gain(best);
			freshAt[best] = round;
			evaluations++;
		}
		if (picked < 0 || (bound[picked] <= 0 && sites.deficit() === 0)) break;
		sites.add(picked);
		cover.add(picked);
		alive[picked] = 0;
		gains.push(bound[picked]);
		value += bound[picked];
		options.onPick?.(sites.sites.length);
	}
	return { sites, cover, gains, value, evaluations };
}

/** Within a relative 1e-12 of the target: float sums of the same weights in another order differ in the last bits. */
export function reached(value: number, target: number): boolean {
	return value >= target - Math.abs(target) * 1e-12;
}
