/**
 * Bounds on the optimum that need no solver, so the browser can state a gap too.
 * - MCLP: for a monotone submodular objective, OPT(k) ≤ f(S) + the k largest marginal gains over S
 *   (Minoux's / Leskovec's online bound), valid for any S and any constraints (they only shrink OPT).
 * - LSCP: no fewer sites than the smallest m whose m largest single-site gains reach the target.
 */
import { CoverState } from './cover-state';
import type { SitingInstance } from './instance';

export function onlineUpperBound(instance: SitingInstance, chosen: readonly number[], value: number, k: number): number {
	const cover = new CoverState(instance, instance.weight.length);
	for (const site of chosen) cover.add(site);
	const chosenSet = new Set(chosen);
	const gains: number[] = [];
	for (let c = 0; c < instance.candidateCount; c++) if (!chosenSet.has(c)) gains.push(cover.gain(c));
	gains.sort((a, b) => b - a);
	let bound = value;
	for (let i = 0; i < Math.min(k, gains.length); i++) bound += gains[i];
	return bound;
}

export function fewestSitesLowerBound(instance: SitingInstance, targetWeight: number): number {
	const cover = new CoverState(instance, instance.weight.length);
	const gains = Array.from({ length: instance.candidateCount }, (_, c) => cover.gain(c)).sort((a, b) => b - a);
	let sum = 0;
	for (let m = 0; m < gains.length; m++) {
		if (sum >= targetWeight * (1 - 1e-12)) return m;
		sum += gains[m];
	}
	return sum >= targetWeight * (1 - 1e-12) ? gains.length : Infinity;
}

/** Sites in the order a planner reads them: each next the one adding most to those before it (ties: lower index). */
export function rankSites(instance: SitingInstance, sites: readonly number[]): { site: number; gain: number }[] {
	const cover = new CoverState(instance, instance.weight.length);
	const left = [...sites].sort((a, b) => a - b);
	const ranked: { site: number; gain: number }[] = [];
	while (left.length > 0) {
		let best = 0;
		let bestGain = -Infinity;
		left.forEach((site, index) => {
			const gain = cover.gain(site);
			if (gain > bestGain) {
				bestGain = gain;
				best = index;
			}
		});
		const [site] = left.splice(best, 1);
		cover.add(site);
		ranked.push({ site, gain: bestGain });
	}
	return ranked;
}
