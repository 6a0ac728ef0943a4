/**
 * "Which k new sites cover the most uncovered residents?" (MCLP) and "how few sites reach X %?"
 * (LSCP), end to end: candidates → catchments → lazy greedy → swaps → ranked sites with the gap to
 * the best bound known (the exact optimum when a MILP solver is given and the model fits, otherwise
 * the solver-free bounds of bounds.ts).
 */
import type { CoverageResult, PreparedNetwork } from '../coverage';
import type { CoverageParams } from '../params';
import { percentOf } from '../percent';
import type { Subdistrict } from '../types';
import { fewestSitesLowerBound, onlineUpperBound, rankSites } from './bounds';
import { buildCandidates, localMetres, type Candidate, type CandidateOptions } from './candidates';
import { candidateCatchments } from './catchments';
import { constraintViolations } from './constraints';
import type { CellGroups } from '../scenario/cell-index';
import { lazyGreedy, reached } from './greedy';
import { unionWeight, type SitingConstraints, type SitingInstance } from './instance';
import { DEFAULT_EXACT_OPTIONS, solveExact, type ExactOptions, type ExactOutcome, type LpSolve } from './milp';
import { fillFreeSlots, swapImprove } from './swap';

export type SitingQuestion =
	| { objective: 'mclp'; k: number; constraints: SitingConstraints }
	/** targetPct: share of all residents (of the weight) covered in the end, today's included; 'all' = every resident a candidate can reach. */
	| { objective: 'lscp'; targetPct: number | 'all'; constraints: SitingConstraints };

export interface SitingProblem {
	instance: SitingInstance;
	candidates: Candidate[];
	leftOut: { outside: number; excluded: number; unsnapped: number };
	totalWeight: number;
	coveredWeightToday: number;
	totalResidents: number;
	coveredResidentsToday: number;
	catchmentsMs: number;
}

export interface ProblemInput {
	prepared: PreparedNetwork;
	baseline: CoverageResult;
	params: CoverageParams;
	subdistricts: Subdistrict[];
	candidates: CandidateOptions;
	/** Objective weight per cell (e.g. residents aged 65+); default the residents. */
	weight?: Float64Array;
	onProgress?: (done: number, total: number) => void;
	cellsByEdge?: CellGroups;
}

export function buildSitingProblem(input: ProblemInput): SitingProblem {
	const started = performance.now();
	const list = buildCandidates(input.prepared, input.subdistricts, input.candidates);
	const candidates = list.candidates;
	const residents = input.prepared.cells.pop;
	const weight = input.weight ?? residents;
	const cover = candidateCatchments({
		prepared: input.prepared,
		params: input.params,
		coveredToday: input.baseline.covered,
		lon: Float64Array.from(candidates, (c) => c.lon),
		lat: Float64Array.from(candidates, (c) => c.lat),
		onProgress: input.onProgress,
		cellsByEdge: input.cellsByEdge
	});
	const { x, y } = localMetres(candidates);
	const instance: SitingInstance = {
		candidateCount: cover.candidateCount,
		offsets: cover.offsets,
		cells: cover.cells,
		weight,
		residents,
		candidateGroup: Int32Array.from(candidates, (c) => c.subdistrict),
		groupCount: input.subdistricts.length,
		x,
		y
	};
	let totalWeight = 0, coveredWeightToday = 0, totalResidents = 0, coveredResidentsToday = 0;
	for (let cell = 0; cell < residents.length; cell++) {
		totalWeight += weight[cell];
		totalResidents += residents[cell];
		if (input.baseline.covered[cell]) {
			coveredWeightToday += weight[cell];
			coveredResidentsToday += residents[cell];
		}
	}
	const unsnapped = cover.snapped.reduce((count, s) => count + (s ? 0 : 1), 0);
	return {
		instance,
		candidates,
		leftOut: { outside: list.outside, excluded: list.excluded, unsnapped },
		totalWeight,
		coveredWeightToday,
		totalResidents,
		coveredResidentsToday,
		catchmentsMs: performance.now() - started
	};
}

export interface RankedSite {
	candidate: number;
	/** Weight and residents this site adds to those ranked before it. */
	gain: number;
	newResidents: number;
	/** Residents covered (today's included) once this site and those before it are built, and as % of all. */
	cumulativeResidents: number;
	cumulativePct: number;
}

export interface SitingAnswer {
	objective: 'mclp' | 'lscp';
	sites: RankedSite[];
	/** Weight the sites newly cover (the objective of MCLP). */
	value: number;
	greedyValue: number;
	/** MCLP: upper bound on the value; LSCP: lower bound on the number of sites. */
	bound: number;
	boundKind: 'exact' | 'online';
	/** MCLP: (bound − value) ÷ bound, %; LSCP: sites − bound. 0 = proven optimal. */
	gap: number;
	exact: ExactOutcome | null;
	/** LSCP: the weight to add; and whether it was reached. MCLP: k asked. */
	asked: number;
	met: boolean;
	violations: string[];
	swaps: number;
	evaluations: number;
	timings: { firstSiteMs: number; greedyMs: number; swapMs: number; exactMs: number | null };
}

export interface SolveOptions {
	exact?: { solve: LpSolve; options?: ExactOptions };
	onPick?: (picked: number) => void;
}

export function solveSiting(problem: SitingProblem, question: SitingQuestion, options: SolveOptions = {}): SitingAnswer {
	const { instance } = problem;
	const constraints = question.constraints;
	const started = performance.now();
	let firstSiteMs = NaN;
	const onPick = (picked: number) => {
		if (picked === 1) firstSiteMs = performance.now() - started;
		options.onPick?.(picked);
	};
	const asked = question.objective === 'mclp' ? question.k : lscpTarget(problem, question.targetPct);
	const greedy =
		question.objective === 'mclp'
			? lazyGreedy(instance, constraints, question.k, { onPick })
			: lazyGreedy(instance, constraints, instance.candidateCount, { targetWeight: asked, onPick });
	const greedyMs = performance.now() - started;
	let sites: number[];
	let swaps = 0;
	if (question.objective === 'mclp') {
		// Swaps, then any slot a constraint had kept free, until neither changes anything.
		let value = greedy.value;
		for (let round = 0; round < 10; round++) {
			const result = swapImprove(instance, greedy.sites, greedy.cover, value);
			swaps += result.swaps;
			const added = fillFreeSlots(instance, greedy.sites, greedy.cover, question.k);
			value = unionWeight(instance, instance.weight, greedy.sites.sites);
			if (added === 0) break;
		}
		sites = [...greedy.sites.sites];
	} else sites = pruneRedundant(problem, constraints, greedy.sites.sites, asked);
	const swapMs = performance.now() - started - greedyMs;
	const value = unionWeight(instance, instance.weight, sites);

	let exact: ExactOutcome | null = null;
	if (options.exact) {
		const exactQuestion = question.objective === 'mclp' ? { objective: 'mclp' as const, k: question.k } : { objective: 'lscp' as const, targetWeight: asked };
		exact = solveExact(options.exact.solve, instance, constraints, exactQuestion, options.exact.options ?? DEFAULT_EXACT_OPTIONS);
	}
	const bounds = question.objective === 'mclp' ? mclpBound(problem, sites, value, question.k, exact) : lscpBound(problem, sites, asked, exact);
	const ranked = rankSites(instance, sites);
	let cumulative = problem.coveredResidentsToday;
	const cells = new Set<number>();
	const rankedSites = ranked.map(({ site, gain }) => {
		let newResidents = 0;
		for (let i = instance.offsets[site]; i < instance.offsets[site + 1]; i++) {
			const cell = instance.cells[i];
			if (!cells.has(cell)) {
				cells.add(cell);
				newResidents += instance.residents[cell];
			}
		}
		cumulative += newResidents;
		return { candidate: site, gain, newResidents, cumulativeResidents: cumulative, cumulativePct: percentOf(cumulative, problem.totalResidents) ?? 0 };
	});
	return {
		objective: question.objective,
		sites: rankedSites,
		value,
		greedyValue: greedy.value,
		...bounds,
		exact,
		asked,
		met: question.objective === 'mclp' ? sites.length === question.k : reached(value, asked) && constraintViolations(instance, constraints, sites).length === 0,
		violations: constraintViolations(instance, constraints, sites),
		swaps,
		evaluations: greedy.evaluations,
		timings: { firstSiteMs, greedyMs, swapMs, exactMs: exact && 'solveMs' in exact ? exact.solveMs : null }
	};
}

/** The weight LSCP must add to today's coverage. */
function lscpTarget(problem: SitingProblem, targetPct: number | 'all'): number {
	if (targetPct === 'all') {
		const all = Array.from({ length: problem.instance.candidateCount }, (_, c) => c);
		return unionWeight(problem.instance, problem.instance.weight, all);
	}
	return Math.max(0, (targetPct / 100) * problem.totalWeight - problem.coveredWeightToday);
}

/** Drops sites (last picked first) the target does not need, keeping group minimums. */
function pruneRedundant(problem: SitingProblem, constraints: SitingConstraints, picked: readonly number[], target: number): number[] {
	const sites = [...picked];
	for (let i = sites.length - 1; i >= 0; i--) {
		const without = sites.filter((_, j) => j !== i);
		if (!reached(unionWeight(problem.instance, problem.instance.weight, without), target)) continue;
		if (constraintViolations(problem.instance, constraints, without).length > 0) continue;
		sites.splice(i, 1);
	}
	return sites;
}

function mclpBound(problem: SitingProblem, sites: number[], value: number, k: number, exact: ExactOutcome | null) {
	if (exact?.status === 'optimal') {
		const optimum = Math.max(value, unionWeight(problem.instance, problem.instance.weight, exact.sites));
		return { bound: optimum, boundKind: 'exact' as const, gap: optimum > 0 ? (100 * (optimum - value)) / optimum : 0 };
	}
	const bound = onlineUpperBound(problem.instance, sites, value, k);
	return { bound, boundKind: 'online' as const, gap: bound > 0 ? (100 * (bound - value)) / bound : 0 };
}

function lscpBound(problem: SitingProblem, sites: number[], target: number, exact: ExactOutcome | null) {
	if (exact?.status === 'optimal') {
		const fewest = Math.min(sites.length, exact.sites.length);
		return { bound: fewest, boundKind: 'exact' as const, gap: sites.length - fewest };
	}
	const bound = fewestSitesLowerBound(problem.instance, target);
	return { bound, boundKind: 'online' as const, gap: sites.length - bound };
}
