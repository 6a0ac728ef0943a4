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
import { constraintViolations, SiteSet } from './constraints';
import { CoverState } from './cover-state';
import type { CellGroups } from '../scenario/cell-index';
import { lazyGreedy, reached } from './greedy';
import { unionWeight, type SitingConstraints, type SitingInstance } from './instance';
import { DEFAULT_EXACT_OPTIONS, solveExact, type ExactOptions, type ExactOutcome, type LpProgress, type LpSolve } from './milp';
import { fillFreeSlots, swapImprove } from './swap';
import { ruinAndRecreate, type LocalSearchResult } from './local-search';

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
	/** Value (MCLP) or number of sites (LSCP) of the heuristic's own set (greedy + local search). */
	heuristicValue: number;
	heuristicSites: number;
	/** Whose set is returned: the heuristic's, or a better one the exact solver found. */
	source: 'heuristic' | 'solver';
	/** MCLP: upper bound on the value; LSCP: lower bound on the number of sites. */
	bound: number;
	/**
	 * 'exact': the optimum, proven by the exact solver; 'enumerated': the optimum, proven without it (one
	 * site: greedy compared every candidate); 'solver': the exact solver's best bound when it stopped early; 'online': solver-free.
	 */
	boundKind: 'exact' | 'enumerated' | 'solver' | 'online';
	/** MCLP: (bound − value) ÷ bound, %; LSCP: sites − bound. 0 = proven optimal. */
	gap: number;
	exact: ExactOutcome | null;
	/** LSCP: the weight to add; and whether it was reached. MCLP: k asked. */
	asked: number;
	met: boolean;
	/** MCLP with fewer sites than k: why no further site is suggested (none fits the constraints, or none adds weight). */
	shortfall: 'none-fits' | 'no-gain' | null;
	violations: string[];
	swaps: number;
	/** Local-search moves (ruin and recreate) that improved the set, and whether its time budget ran out. */
	localSearch: { moves: number; budgetMs: number; outOfTime: boolean } | null;
	evaluations: number;
	timings: { firstSiteMs: number; greedyMs: number; swapMs: number; exactMs: number | null };
}

/** The local search's time budget unless the caller sets one (the panel shows it). */
export const DEFAULT_LOCAL_SEARCH_BUDGET_MS = 1000;

export interface SolveOptions {
	/** Time budget of the local search after greedy + swap, ms; 0 = none. */
	localSearchBudgetMs?: number;
	exact?: { solve: LpSolve; options?: ExactOptions; onProgress?: (progress: LpProgress) => void; shouldStop?: () => boolean };
	onPick?: (picked: number) => void;
	/** Called with the heuristic's answer before the exact solver starts (the answer shown at once). */
	onHeuristic?: (answer: SitingAnswer) => void;
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
	let heuristic: number[];
	let swaps = 0;
	let localSearch: LocalSearchResult | null = null;
	if (question.objective === 'mclp') {
		const improved = improveSites(instance, constraints, greedy.sites.sites, question.k);
		swaps = improved.swaps;
		const budgetMs = options.localSearchBudgetMs ?? DEFAULT_LOCAL_SEARCH_BUDGET_MS;
		localSearch = budgetMs > 0 ? ruinAndRecreate(instance, constraints, improved.sites, question.k, { budgetMs }) : null;
		heuristic = localSearch && localSearch.moves > 0 ? localSearch.sites : improved.sites;
	} else heuristic = pruneRedundant(problem, constraints, greedy.sites.sites, asked);
	const swapMs = performance.now() - started - greedyMs;
	const heuristicValue = unionWeight(instance, instance.weight, heuristic);
	const base = { greedy, asked, swaps, heuristic, heuristicValue, firstSiteMs, greedyMs, swapMs, localSearch };
	if (!options.exact || provenByGreedy(question)) return answerOf(problem, question, base, heuristic, null);
	options.onHeuristic?.(answerOf(problem, question, base, heuristic, null));

	const exactQuestion = question.objective === 'mclp' ? { objective: 'mclp' as const, k: question.k } : { objective: 'lscp' as const, targetWeight: asked };
	const start = constraintViolations(instance, constraints, heuristic).length === 0 && (question.objective === 'mclp' || reached(heuristicValue, asked)) ? heuristic : undefined;
	const exact = solveExact(options.exact.solve, instance, constraints, exactQuestion, options.exact.options ?? DEFAULT_EXACT_OPTIONS, {
		start,
		onProgress: options.exact.onProgress,
		shouldStop: options.exact.shouldStop
	});
	let sites = heuristic;
	const found = 'sites' in exact ? exact.sites : null;
	if (found && constraintViolations(instance, constraints, found).length === 0 && better(problem, question, asked, found, heuristic)) {
		// The solver's set can still have a free slot when it stopped early: fill it as the heuristic does.
		sites = question.objective === 'mclp' ? fillSlots(instance, constraints, found, question.k) : found;
	}
	return answerOf(problem, question, base, sites, exact);
}

interface HeuristicRun {
	greedy: { value: number; evaluations: number };
	asked: number;
	swaps: number;
	heuristic: number[];
	heuristicValue: number;
	firstSiteMs: number;
	greedyMs: number;
	swapMs: number;
	localSearch: LocalSearchResult | null;
}

/** Swaps, then any slot a constraint had kept free, until neither changes anything. */
function improveSites(instance: SitingInstance, constraints: SitingConstraints, start: readonly number[], k: number): { sites: number[]; swaps: number } {
	const sites = new SiteSet(instance, constraints);
	const cover = new CoverState(instance, instance.weight.length);
	for (const site of start) {
		sites.add(site);
		cover.add(site);
	}
	let swaps = 0;
	let value = unionWeight(instance, instance.weight, sites.sites);
	for (let round = 0; round < 10; round++) {
		swaps += swapImprove(instance, sites, cover, value).swaps;
		const added = fillFreeSlots(instance, sites, cover, k);
		value = unionWeight(instance, instance.weight, sites.sites);
		if (added === 0) break;
	}
	return { sites: [...sites.sites], swaps };
}

function fillSlots(instance: SitingInstance, constraints: SitingConstraints, start: readonly number[], k: number): number[] {
	const sites = new SiteSet(instance, constraints);
	const cover = new CoverState(instance, instance.weight.length);
	for (const site of start) {
		sites.add(site);
		cover.add(site);
	}
	fillFreeSlots(instance, sites, cover, k);
	return [...sites.sites];
}

/** True when `found` answers the question better than `current`: more weight (MCLP), or fewer sites reaching the target (LSCP). */
function better(problem: SitingProblem, question: SitingQuestion, asked: number, found: readonly number[], current: readonly number[]): boolean {
	const { instance } = problem;
	const foundValue = unionWeight(instance, instance.weight, found);
	const currentValue = unionWeight(instance, instance.weight, current);
	// A set that breaks a constraint (an at-least the greedy could not meet) is no answer: any feasible set beats it.
	const currentKeeps = constraintViolations(instance, question.constraints, current).length === 0;
	if (question.objective === 'mclp') return !currentKeeps || foundValue > currentValue + Math.max(1e-9, Math.abs(currentValue) * 1e-12);
	if (!reached(foundValue, asked)) return false;
	return !currentKeeps || !reached(currentValue, asked) || found.length < current.length;
}

/** Why fewer than k sites: no candidate fits beside them, or those that fit add nothing. */
function shortfallOf(instance: SitingInstance, constraints: SitingConstraints, sites: readonly number[]): 'none-fits' | 'no-gain' {
	const set = new SiteSet(instance, constraints);
	const cover = new CoverState(instance, instance.weight.length);
	for (const site of sites) {
		set.add(site);
		cover.add(site);
	}
	for (let c = 0; c < instance.candidateCount; c++) if (!set.has(c) && set.allows(c)) return 'no-gain';
	return 'none-fits';
}

function answerOf(problem: SitingProblem, question: SitingQuestion, run: HeuristicRun, sites: number[], exact: ExactOutcome | null): SitingAnswer {
	const { instance } = problem;
	const constraints = question.constraints;
	const value = unionWeight(instance, instance.weight, sites);
	const bounds = question.objective === 'mclp' ? mclpBound(problem, question, sites, value, question.k, exact) : lscpBound(problem, sites, run.asked, exact);
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
	const violations = constraintViolations(instance, constraints, sites);
	const met = question.objective === 'mclp' ? sites.length === question.k : reached(value, run.asked) && violations.length === 0;
	return {
		objective: question.objective,
		sites: rankedSites,
		value,
		greedyValue: run.greedy.value,
		heuristicValue: question.objective === 'mclp' ? run.heuristicValue : run.heuristic.length,
		heuristicSites: run.heuristic.length,
		source: sites === run.heuristic ? 'heuristic' : 'solver',
		...bounds,
		exact,
		asked: run.asked,
		met,
		shortfall: question.objective === 'mclp' && !met ? shortfallOf(instance, constraints, sites) : null,
		violations,
		swaps: run.swaps,
		localSearch: run.localSearch ? { moves: run.localSearch.moves, budgetMs: run.localSearch.budgetMs, outOfTime: run.localSearch.outOfTime } : null,
		evaluations: run.greedy.evaluations,
		timings: { firstSiteMs: run.firstSiteMs, greedyMs: run.greedyMs, swapMs: run.swapMs, exactMs: exact && 'solveMs' in exact ? exact.solveMs : null }
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

/**
 * One site and at most one owed to a group minimum: greedy's pick is the best candidate the
 * constraints allow, i.e. every feasible answer was compared. No solver is needed (on a sparse
 * facility list the MILP for k = 1 took HiGHS over a minute).
 */
function provenByGreedy(question: SitingQuestion): boolean {
	return question.objective === 'mclp' && question.k === 1 && question.constraints.minPerGroup.reduce((sum, min) => sum + (min ?? 0), 0) <= 1;
}

function mclpBound(problem: SitingProblem, question: SitingQuestion, sites: number[], value: number, k: number, exact: ExactOutcome | null) {
	const gapTo = (bound: number) => (bound > 0 ? Math.max(0, (100 * (bound - value)) / bound) : 0);
	if (provenByGreedy(question)) return { bound: value, boundKind: 'enumerated' as const, gap: 0 };
	if (exact?.status === 'optimal') {
		// Proven within HiGHS's relative gap of 1e-9: the better of the two sets is the optimum.
		const optimum = Math.max(value, unionWeight(problem.instance, problem.instance.weight, exact.sites));
		return { bound: optimum, boundKind: 'exact' as const, gap: gapTo(optimum) };
	}
	const online = onlineUpperBound(problem.instance, sites, value, k);
	const solverBound = exact && 'bound' in exact && exact.bound !== null ? Math.max(value, exact.bound) : Infinity;
	if (solverBound < online) return { bound: solverBound, boundKind: 'solver' as const, gap: gapTo(solverBound) };
	return { bound: online, boundKind: 'online' as const, gap: gapTo(online) };
}

function lscpBound(problem: SitingProblem, sites: number[], target: number, exact: ExactOutcome | null) {
	if (exact?.status === 'optimal') {
		const fewest = Math.min(sites.length, exact.sites.length);
		return { bound: fewest, boundKind: 'exact' as const, gap: sites.length - fewest };
	}
	const online = fewestSitesLowerBound(problem.instance, target);
	// The solver's bound on the number of sites, rounded up (sites are whole), less a hair for float noise.
	const solverBound = exact && 'bound' in exact && exact.bound !== null ? Math.min(sites.length, Math.ceil(exact.bound - 1e-6)) : -Infinity;
	if (solverBound > online) return { bound: solverBound, boundKind: 'solver' as const, gap: sites.length - solverBound };
	return { bound: online, boundKind: 'online' as const, gap: sites.length - online };
}
