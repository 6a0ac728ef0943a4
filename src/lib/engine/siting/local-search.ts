/**
 * Constraint-aware local search after greedy + single swaps ("ruin and recreate", a large-neighbourhood
 * search): free one or two chosen sites, or every site of one group (街镇), then refill the free slots,
 * trying each of the best few first picks and completing greedily; keep the result when it covers more
 * and keeps every constraint. Single swaps get stuck under spacing and per-group limits because a
 * better layout needs two sites to move at once, or one site to make room for two; these moves do.
 * Anytime: it stops when a pass finds nothing or the time budget is spent, with the best set so far.
 */
import { constraintViolations, SiteSet } from './constraints';
import { CoverState } from './cover-state';
import { unionWeight, type SitingConstraints, type SitingInstance } from './instance';
import { fillFreeSlots } from './swap';

export interface LocalSearchOptions {
	/** Wall-clock budget, ms; the search returns its best set when it is spent. */
	budgetMs: number;
	/** First picks tried per refill (the rest of the refill is greedy). */
	firstPicks?: number;
}

export interface LocalSearchResult {
	sites: number[];
	value: number;
	moves: number;
	budgetMs: number;
	/** True when the budget ran out before a pass found no improvement. */
	outOfTime: boolean;
}

export function ruinAndRecreate(instance: SitingInstance, constraints: SitingConstraints, start: readonly number[], k: number, options: LocalSearchOptions): LocalSearchResult {
	const deadline = performance.now() + options.budgetMs;
	const firstPicks = options.firstPicks ?? 8;
	let best = [...start];
	let bestValue = unionWeight(instance, instance.weight, best);
	let moves = 0;
	// Nothing to gain once every resident any candidate reaches is covered, or from a set that breaks a constraint.
	const reachable = unionWeight(instance, instance.weight, Array.from({ length: instance.candidateCount }, (_, c) => c));
	if (bestValue >= reachable || constraintViolations(instance, constraints, best).length > 0) return { sites: best, value: bestValue, moves, budgetMs: options.budgetMs, outOfTime: false };
	let outOfTime = false;
	/** Descends from `sites` until no neighbourhood improves it (or time is out). */
	const descend = (sites: number[], value: number): { sites: number[]; value: number } => {
		for (;;) {
			let improved = false;
			for (const freed of neighbourhoods(instance, sites)) {
				if (performance.now() > deadline) {
					outOfTime = true;
					return { sites, value };
				}
				const kept = sites.filter((site) => !freed.includes(site));
				const refilled = refill(instance, constraints, kept, freed, k, firstPicks);
				if (refilled && refilled.value > value + Math.max(1e-9, Math.abs(value) * 1e-12)) {
					sites = refilled.sites;
					value = refilled.value;
					moves++;
					improved = true;
					break;
				}
			}
			if (!improved) return { sites, value };
		}
	};
	({ sites: best, value: bestValue } = descend(best, bestValue));
	return { sites: best, value: bestValue, moves, budgetMs: options.budgetMs, outOfTime };
}

/** The sets of sites to free: each site, each pair of sites, and the sites of each group. */
function* neighbourhoods(instance: SitingInstance, sites: readonly number[]): Generator<number[]> {
	for (const site of sites) yield [site];
	const groups = new Map<number, number[]>();
	for (const site of sites) {
		const group = instance.candidateGroup[site];
		if (group >= 0) groups.set(group, [...(groups.get(group) ?? []), site]);
	}
	for (const members of groups.values()) if (members.length > 1) yield members;
	for (let a = 0; a < sites.length; a++) for (let b = a + 1; b < sites.length; b++) yield [sites[a], sites[b]];
}

/**
 * Refills up to k sites beside `kept`: for each of the `firstPicks` best candidates that fit (the
 * freed sites excluded, so the move changes something), that candidate then the greedy rest.
 */
function refill(instance: SitingInstance, constraints: SitingConstraints, kept: readonly number[], freed: readonly number[], k: number, firstPicks: number): { sites: number[]; value: number } | null {
	const set = new SiteSet(instance, constraints);
	const cover = new CoverState(instance, instance.weight.length);
	for (const site of kept) {
		set.add(site);
		cover.add(site);
	}
	const excluded = new Set(freed);
	const firsts: { candidate: number; gain: number }[] = [];
	for (let c = 0; c < instance.candidateCount; c++) {
		if (excluded.has(c) || set.has(c) || !set.allows(c)) continue;
		const gain = cover.gain(c);
		if (gain <= 0) continue;
		firsts.push({ candidate: c, gain });
	}
	firsts.sort((a, b) => b.gain - a.gain || a.candidate - b.candidate);
	let best: { sites: number[]; value: number } | null = null;
	for (const first of firsts.slice(0, firstPicks)) {
		set.add(first.candidate);
		cover.add(first.candidate);
		fillFreeSlots(instance, set, cover, k);
		const sites = [...set.sites];
		const added = sites.slice(kept.length);
		const value = unionWeight(instance, instance.weight, sites);
		if ((best === null || value > best.value) && constraintViolations(instance, constraints, sites).length === 0) best = { sites, value };
		for (const site of added.reverse()) {
			set.remove(site);
			cover.remove(site);
		}
	}
	return best;
}
