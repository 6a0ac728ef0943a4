/**
 * The siting solvers against brute-force enumeration on small random instances: lazy greedy equals the
 * plain greedy; greedy ≥ (1 − 1/e) of the optimum (no constraints); greedy + swap never above the
 * optimum nor in breach of a constraint; the MILP (HiGHS) equals the enumeration for MCLP and LSCP;
 * the solver-free bounds hold.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fewestSitesLowerBound, onlineUpperBound } from '$lib/engine/siting/bounds';
import { lazyGreedy } from '$lib/engine/siting/greedy';
import { NO_CONSTRAINTS, type SitingInstance } from '$lib/engine/siting/instance';
import { solveExact, type LpSolve } from '$lib/engine/siting/milp';
import { solveSiting, type SitingProblem } from '$lib/engine/siting/suggest';
import { swapImprove } from '$lib/engine/siting/swap';
import { loadLpSolve } from '../../../../scripts/lib/highs-solver';
import { bruteForceFewest, bruteForceMax, coveredWeight, feasible, naiveGreedy, randomInstance } from './fixtures';

let solve: LpSolve;
beforeAll(async () => {
	solve = await loadLpSolve();
});

function problemOf(instance: SitingInstance): SitingProblem {
	const total = instance.weight.reduce((a, b) => a + b, 0);
	return {
		instance,
		candidates: [],
		leftOut: { outside: 0, excluded: 0, unsnapped: 0 },
		totalWeight: total,
		coveredWeightToday: 0,
		totalResidents: Math.max(total, 1),
		coveredResidentsToday: 0,
		catchmentsMs: 0
	};
}

const k = fc.integer({ min: 1, max: 4 });

describe('lazy greedy (CELF)', () => {
	it('picks exactly the sites of the plain greedy, in the same order, with or without constraints', () => {
		fc.assert(
			fc.property(randomInstance({ constraints: true, maxCandidates: 14 }), k, ({ instance, constraints }, k) => {
				const lazy = lazyGreedy(instance, constraints, k);
				expect(lazy.sites.sites).toEqual(naiveGreedy(instance, constraints, k));
				expect(lazy.value).toBe(coveredWeight(instance, lazy.sites.sites));
			}),
			{ numRuns: 400 }
		);
	});

	it('reaches at least 1 − 1/e of the optimum without constraints', () => {
		fc.assert(
			fc.property(randomInstance({ constraints: false }), k, ({ instance }, k) => {
				const optimum = bruteForceMax(instance, NO_CONSTRAINTS, k);
				expect(lazyGreedy(instance, NO_CONSTRAINTS, k).value).toBeGreaterThanOrEqual((1 - 1 / Math.E) * optimum - 1e-9);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('greedy + swap', () => {
	it('never exceeds the optimum, never breaks a spacing or at-most constraint, and swaps never lose weight', () => {
		fc.assert(
			fc.property(randomInstance({ constraints: true }), k, ({ instance, constraints }, k) => {
				const optimum = bruteForceMax(instance, constraints, k);
				const greedy = lazyGreedy(instance, constraints, k);
				const before = greedy.value;
				swapImprove(instance, greedy.sites, greedy.cover, greedy.value);
				const sites = greedy.sites.sites;
				const value = coveredWeight(instance, sites);
				expect(value).toBeGreaterThanOrEqual(before);
				expect(sites.length).toBeLessThanOrEqual(k);
				expect(feasible(instance, { ...constraints, minPerGroup: [] }, sites), `sites ${sites}`).toBe(true);
				// A greedy that could not meet an at-least constraint reports it (violations) and is not an answer to compare.
				if (feasible(instance, constraints, sites)) expect(value).toBeLessThanOrEqual(optimum);
			}),
			{ numRuns: 400 }
		);
	});

	it('meets every at-least constraint whenever the minimums fit in k (no other constraint)', () => {
		fc.assert(
			fc.property(randomInstance({ constraints: true }), k, ({ instance, constraints }, k) => {
				const minimums = { minSpacingM: 0, maxPerGroup: [], minPerGroup: constraints.minPerGroup };
				fc.pre(Number.isFinite(bruteForceMax(instance, minimums, k)));
				const answer = solveSiting(problemOf(instance), { objective: 'mclp', k, constraints: minimums });
				expect(answer.violations).toEqual([]);
				expect(feasible(instance, minimums, answer.sites.map((s) => s.candidate))).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('exact MILP (HiGHS) against enumeration', () => {
	it('MCLP: the optimum of at most k sites under every constraint', () => {
		fc.assert(
			fc.property(randomInstance({ constraints: true }), k, ({ instance, constraints }, k) => {
				const optimum = bruteForceMax(instance, constraints, k);
				const exact = solveExact(solve, instance, constraints, { objective: 'mclp', k });
				if (!Number.isFinite(optimum)) {
					expect(exact.status).toBe('infeasible');
					return;
				}
				expect(exact.status).toBe('optimal');
				if (exact.status !== 'optimal') return;
				expect(feasible(instance, constraints, exact.sites)).toBe(true);
				expect(exact.sites.length).toBeLessThanOrEqual(k);
				expect(coveredWeight(instance, exact.sites)).toBe(optimum);
				// The solver-free bound is an upper bound too.
				const greedy = lazyGreedy(instance, NO_CONSTRAINTS, k);
				expect(onlineUpperBound(instance, greedy.sites.sites, greedy.value, k)).toBeGreaterThanOrEqual(optimum);
			}),
			{ numRuns: 250 }
		);
	});

	it('LSCP: the fewest sites reaching the target', () => {
		fc.assert(
			fc.property(randomInstance({ constraints: true, maxCandidates: 8 }), fc.double({ min: 0.1, max: 1, noNaN: true }), ({ instance, constraints }, share) => {
				const all = coveredWeight(instance, Array.from({ length: instance.candidateCount }, (_, c) => c));
				const target = Math.floor(all * share);
				const fewest = bruteForceFewest(instance, constraints, target);
				const exact = solveExact(solve, instance, constraints, { objective: 'lscp', targetWeight: target });
				if (!Number.isFinite(fewest)) {
					expect(exact.status).toBe('infeasible');
					return;
				}
				expect(exact.status).toBe('optimal');
				if (exact.status !== 'optimal') return;
				expect(exact.sites.length).toBe(fewest);
				expect(coveredWeight(instance, exact.sites)).toBeGreaterThanOrEqual(target);
				expect(feasible(instance, constraints, exact.sites)).toBe(true);
				expect(fewestSitesLowerBound(instance, target)).toBeLessThanOrEqual(bruteForceFewest(instance, NO_CONSTRAINTS, target));
			}),
			{ numRuns: 200 }
		);
	});

	it('solveSiting reports the gap to the exact optimum, and LSCP by greedy reaches the target with at least the fewest sites', () => {
		fc.assert(
			fc.property(randomInstance({ constraints: false }), k, fc.integer({ min: 10, max: 100 }), ({ instance }, k, pct) => {
				const problem = problemOf(instance);
				const mclp = solveSiting(problem, { objective: 'mclp', k, constraints: NO_CONSTRAINTS }, { exact: { solve } });
				const optimum = bruteForceMax(instance, NO_CONSTRAINTS, k);
				// One site is proven by greedy itself (every candidate compared); more by HiGHS.
				expect(mclp.boundKind).toBe(k === 1 ? 'enumerated' : 'exact');
				expect(mclp.bound).toBe(optimum);
				expect(mclp.gap).toBeCloseTo(optimum > 0 ? (100 * (optimum - mclp.value)) / optimum : 0, 9);
				const target = (pct / 100) * problem.totalWeight;
				const lscp = solveSiting(problem, { objective: 'lscp', targetPct: pct, constraints: NO_CONSTRAINTS }, { exact: { solve } });
				const fewest = bruteForceFewest(instance, NO_CONSTRAINTS, target * (1 - 1e-12));
				if (Number.isFinite(fewest)) {
					expect(lscp.met).toBe(true);
					expect(coveredWeight(instance, lscp.sites.map((s) => s.candidate))).toBeGreaterThanOrEqual(target * (1 - 1e-12));
					expect(lscp.sites.length).toBeGreaterThanOrEqual(fewest);
					expect(lscp.bound).toBe(fewest);
				} else expect(lscp.met).toBe(false);
			}),
			{ numRuns: 150 }
		);
	});
});
