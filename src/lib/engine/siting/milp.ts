/**
 * The exact models, written in CPLEX LP format for a MILP solver (HiGHS, compiled to WebAssembly, in
 * Node: see scripts/lib/highs-solver.ts). The engine only writes the model and reads the answer, so it
 * stays free of any solver. Cells covered by the same candidates are one demand row (their weights
 * summed): the model's size follows the distinct covering patterns, not the cells.
 *   MCLP: max Σ W_g y_g  s.t. y_g ≤ Σ_{j covers g} x_j,  Σ x_j ≤ k,  group limits,  spacing cliques.
 *   LSCP: min Σ x_j      s.t. the same y_g rows,  Σ W_g y_g ≥ target,  group limits,  spacing cliques.
 * x binary, 0 ≤ y ≤ 1. A model larger than `maxNonzeros` is not built (the caller reports "too big").
 */
import type { SitingConstraints, SitingInstance } from './instance';

/** Solver progress: the best feasible objective and the best proven bound so far (null = none yet). */
export interface LpProgress {
	primal: number | null;
	dual: number | null;
	seconds: number;
}

export interface LpSolveOptions {
	time_limit: number;
	mip_rel_gap: number;
	/** A feasible start (column name → value; columns not named start at 0), e.g. the heuristic's sites. */
	start?: Record<string, number>;
	onProgress?: (progress: LpProgress) => void;
	/** Asked now and then during the search: true stops it with the best solution found so far. */
	shouldStop?: () => boolean;
}

/** What a solver returns: its best feasible solution (even when stopped early) and its best bound. */
export interface LpResult {
	status: 'optimal' | 'time-limit' | 'interrupted' | 'infeasible' | 'failed';
	/** The solver's own words for the status. */
	detail: string;
	/** The best feasible solution's column values by name; null when none was found. */
	columns: Record<string, number> | null;
	/** The best proven bound on the objective (an upper bound when maximising, a lower when minimising); null = unknown. */
	bound: number | null;
}

/** Solves CPLEX LP text: HiGHS (src/lib/worker/highs-adapter.ts), or any solver with the same contract. */
export type LpSolve = (model: string, options: LpSolveOptions) => LpResult;

export interface ExactOptions {
	timeLimitS: number;
	maxNonzeros: number;
}

export const DEFAULT_EXACT_OPTIONS: Readonly<ExactOptions> = Object.freeze({ timeLimitS: 60, maxNonzeros: 2_000_000 });

/**
 * 'optimal': `sites` proven optimal. 'time-limit' / 'stopped': `sites` is the solver's best feasible
 * set (null = none found) and `bound` its best proven bound (null = none).
 */
export type ExactOutcome =
	| { status: 'optimal'; sites: number[]; bound: number | null; solveMs: number; rows: number; nonzeros: number }
	| { status: 'too-big'; nonzeros: number }
	| { status: 'time-limit' | 'stopped'; sites: number[] | null; bound: number | null; solveMs: number; detail: string }
	| { status: 'infeasible' | 'failed'; solveMs: number; detail: string };

export interface ExactRun {
	/** Sites to start from (the heuristic's), when they keep every constraint. */
	start?: readonly number[];
	onProgress?: (progress: LpProgress) => void;
	shouldStop?: () => boolean;
}

interface DemandRows {
	/** Per demand row: its candidates and its summed weight. */
	candidates: number[][];
	weight: number[];
	nonzeros: number;
}

function demandRows(instance: SitingInstance): DemandRows {
	const coveredBy = new Map<number, number[]>();
	for (let c = 0; c < instance.candidateCount; c++) {
		for (let i = instance.offsets[c]; i < instance.offsets[c + 1]; i++) {
			const cell = instance.cells[i];
			if (instance.weight[cell] <= 0) continue;
			const list = coveredBy.get(cell);
			if (list) list.push(c);
			else coveredBy.set(cell, [c]);
		}
	}
	const rowOf = new Map<string, number>();
	const rows: DemandRows = { candidates: [], weight: [], nonzeros: 0 };
	for (const [cell, candidates] of [...coveredBy].sort((a, b) => a[0] - b[0])) {
		const key = candidates.join(',');
		let row = rowOf.get(key);
		if (row === undefined) {
			row = rows.candidates.length;
			rowOf.set(key, row);
			rows.candidates.push(candidates);
			rows.weight.push(0);
			rows.nonzeros += candidates.length + 1;
		}
		rows.weight[row] += instance.weight[cell];
	}
	return rows;
}

function spacingPairs(instance: SitingInstance, spacingM: number): [number, number][] {
	const pairs: [number, number][] = [];
	if (spacingM <= 0) return pairs;
	const order = Array.from({ length: instance.candidateCount }, (_, c) => c).sort((a, b) => instance.x[a] - instance.x[b]);
	for (let i = 0; i < order.length; i++) {
		for (let j = i + 1; j < order.length && instance.x[order[j]] - instance.x[order[i]] < spacingM; j++) {
			const a = order[i];
			const b = order[j];
			if (Math.hypot(instance.x[a] - instance.x[b], instance.y[a] - instance.y[b]) < spacingM) pairs.push(a < b ? [a, b] : [b, a]);
		}
	}
	return pairs;
}

/** A linear expression on lines of a few terms (LP files are read token by token; short lines read everywhere). */
function sum(terms: string[]): string {
	const lines: string[] = [];
	for (let i = 0; i < terms.length; i += 12) lines.push(terms.slice(i, i + 12).join(' + '));
	return lines.join('\n  + ');
}

function groupRows(instance: SitingInstance, constraints: SitingConstraints): string[] {
	const rows: string[] = [];
	for (let group = 0; group < instance.groupCount; group++) {
		const members: string[] = [];
		for (let c = 0; c < instance.candidateCount; c++) if (instance.candidateGroup[c] === group) members.push(`x${c}`);
		const max = constraints.maxPerGroup[group] ?? Infinity;
		const min = constraints.minPerGroup[group] ?? 0;
		if (members.length === 0) {
			if (min > 0) rows.push(` gmin${group}: 0 x0 >= ${min}`);
			continue;
		}
		if (Number.isFinite(max) && max < members.length) rows.push(` gmax${group}: ${sum(members)} <= ${max}`);
		if (min > 0) rows.push(` gmin${group}: ${sum(members)} >= ${min}`);
	}
	return rows;
}

/**
 * The spacing rule as clique rows (Σ x ≤ 1 over candidates pairwise closer than the spacing), which
 * bound the LP relaxation tighter than one row per pair: each conflicting pair not yet in a clique
 * starts one, grown greedily with candidates in conflict with every member. Every pair ends up in a
 * clique and every clique holds only conflicting pairs, so the rows allow exactly the same site sets.
 */
function spacingCliques(instance: SitingInstance, spacingM: number): number[][] {
	const pairs = spacingPairs(instance, spacingM);
	const neighbours = new Map<number, Set<number>>();
	for (const [a, b] of pairs) {
		if (!neighbours.has(a)) neighbours.set(a, new Set());
		if (!neighbours.has(b)) neighbours.set(b, new Set());
		neighbours.get(a)!.add(b);
		neighbours.get(b)!.add(a);
	}
	const covered = new Set<string>();
	const cliques: number[][] = [];
	for (const [a, b] of pairs) {
		if (covered.has(`${a},${b}`)) continue;
		const clique = [a, b];
		for (const c of [...neighbours.get(a)!].sort((p, q) => p - q)) {
			if (c === b) continue;
			if (clique.every((member) => neighbours.get(member)!.has(c))) clique.push(c);
		}
		clique.sort((p, q) => p - q);
		for (let i = 0; i < clique.length; i++) for (let j = i + 1; j < clique.length; j++) covered.add(`${clique[i]},${clique[j]}`);
		cliques.push(clique);
	}
	return cliques;
}

interface Model {
	text: string;
	demand: DemandRows;
	rows: number;
	nonzeros: number;
}

function buildModel(instance: SitingInstance, constraints: SitingConstraints, objective: 'mclp' | 'lscp', limit: number, maxNonzeros: number): Model | { tooBig: number } {
	const demand = demandRows(instance);
	const cliques = spacingCliques(instance, constraints.minSpacingM);
	const nonzeros = demand.nonzeros + instance.candidateCount * 2 + cliques.reduce((sum, clique) => sum + clique.length, 0);
	if (nonzeros > maxNonzeros) return { tooBig: nonzeros };
	const xs = Array.from({ length: instance.candidateCount }, (_, c) => `x${c}`);
	const ys = demand.weight.map((weight, row) => `${weight} y${row}`);
	const out: string[] = [];
	if (objective === 'mclp') out.push('Maximize', ` obj: ${ys.length > 0 ? sum(ys) : '0 x0'}`);
	else out.push('Minimize', ` obj: ${xs.length > 0 ? sum(xs) : '0 y0'}`);
	out.push('Subject To');
	demand.candidates.forEach((candidates, row) => out.push(` d${row}: y${row} - ${candidates.map((c) => `x${c}`).join(' - ')} <= 0`));
	if (objective === 'mclp') out.push(` k: ${sum(xs)} <= ${limit}`);
	else out.push(` target: ${ys.length > 0 ? sum(ys) : '0 x0'} >= ${limit}`);
	out.push(...groupRows(instance, constraints));
	cliques.forEach((clique, i) => out.push(` s${i}: ${sum(clique.map((c) => `x${c}`))} <= 1`));
	out.push('Bounds', ...demand.weight.map((_, row) => ` 0 <= y${row} <= 1`), 'Binary', ...xs.map((x) => ` ${x}`), 'End');
	return { text: out.join('\n'), demand, rows: demand.candidates.length + 1 + cliques.length + instance.groupCount * 2, nonzeros };
}

/** A start for the solver: x = 1 on the sites, y = 1 on each demand row one of them covers. */
function startOf(demand: DemandRows, sites: readonly number[]): Record<string, number> {
	const start: Record<string, number> = {};
	const chosen = new Set(sites);
	for (const site of sites) start[`x${site}`] = 1;
	demand.candidates.forEach((candidates, row) => {
		if (candidates.some((c) => chosen.has(c))) start[`y${row}`] = 1;
	});
	return start;
}

/**
 * Solves the exact MCLP (at most k sites) or LSCP (fewest sites reaching `targetWeight`), from the
 * heuristic's sites when given; stopped early (time limit, `shouldStop`) it still returns the best
 * feasible set the solver found and its best bound.
 */
export function solveExact(
	solve: LpSolve,
	instance: SitingInstance,
	constraints: SitingConstraints,
	question: { objective: 'mclp'; k: number } | { objective: 'lscp'; targetWeight: number },
	options: ExactOptions = DEFAULT_EXACT_OPTIONS,
	run: ExactRun = {}
): ExactOutcome {
	const limit = question.objective === 'mclp' ? question.k : question.targetWeight;
	const model = buildModel(instance, constraints, question.objective, limit, options.maxNonzeros);
	if ('tooBig' in model) return { status: 'too-big', nonzeros: model.tooBig };
	const started = performance.now();
	let result: LpResult;
	try {
		result = solve(model.text, {
			time_limit: options.timeLimitS,
			mip_rel_gap: 1e-9,
			start: run.start && run.start.length > 0 ? startOf(model.demand, run.start) : undefined,
			onProgress: run.onProgress,
			shouldStop: run.shouldStop
		});
	} catch (error) {
		return { status: 'failed', solveMs: performance.now() - started, detail: (error as Error).message };
	}
	const solveMs = performance.now() - started;
	if (result.status === 'infeasible' || result.status === 'failed') return { status: result.status, solveMs, detail: result.detail };
	const columns = result.columns;
	const sites = columns === null ? null : sitesOf(instance, columns);
	if (result.status === 'optimal') {
		if (sites === null) return { status: 'failed', solveMs, detail: 'optimal without a solution' };
		return { status: 'optimal', sites, bound: result.bound, solveMs, rows: model.rows, nonzeros: model.nonzeros };
	}
	return { status: result.status === 'interrupted' ? 'stopped' : 'time-limit', sites, bound: result.bound, solveMs, detail: result.detail };
}

function sitesOf(instance: SitingInstance, columns: Record<string, number>): number[] {
	const sites: number[] = [];
	for (let c = 0; c < instance.candidateCount; c++) if ((columns[`x${c}`] ?? 0) > 0.5) sites.push(c);
	return sites;
}
