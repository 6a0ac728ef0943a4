import type { CoverageInput, CoverageResult } from '$lib/engine/coverage';
import type { Candidate, CandidateOptions } from '$lib/engine/siting/candidates';
import type { ExactOptions, LpProgress, LpSolve } from '$lib/engine/siting/milp';
import { buildSitingProblem, solveSiting, type RankedSite, type SitingAnswer, type SitingQuestion } from '$lib/engine/siting/suggest';

/** 'catchments': one bounded search per candidate; 'choosing': greedy picks (done = sites picked); 'certifying': the exact MILP. */
export type SuggestionPhase = 'catchments' | 'choosing' | 'certifying';

export interface SuggestedSiteFigures extends RankedSite {
	site: Candidate;
}

/**
 * What the panel shows of a suggestion: the ranked sites with their candidates, and the figures
 * that say how good they are. The catchments stay in the worker (they can be hundreds of MB).
 */
export interface Suggestion extends Omit<SitingAnswer, 'sites'> {
	sites: SuggestedSiteFigures[];
	candidateCount: number;
	leftOut: { outside: number; excluded: number; unsnapped: number };
	totalResidents: number;
	coveredResidentsToday: number;
	catchmentsMs: number;
	totalMs: number;
}

export interface SitingRunInput {
	/** The last baseline computation's input and result (its coverage is "today"). */
	input: CoverageInput;
	baseline: CoverageResult;
	question: SitingQuestion;
	candidates: CandidateOptions;
	onProgress: (phase: SuggestionPhase, done: number, total: number) => void;
	/** The heuristic's answer, shown at once while the exact solver works. */
	onHeuristic?: (suggestion: Suggestion) => void;
	/** The exact solver's best value and bound as they improve. */
	onSolverProgress?: (progress: LpProgress) => void;
	/** The exact solver, when it could be loaded; without it the gap is against the solver-free bound. */
	exact: { solve: LpSolve; options: ExactOptions } | null;
}

/**
 * The worker's side of "选址建议": the same engine calls as `npm run suggest`, so the sites are the
 * CLI's; HiGHS certifies them (or states the gap) within a shorter time limit than the CLI's.
 */
export function runSiting(run: SitingRunInput): Suggestion {
	const started = performance.now();
	const prepared = run.baseline.network?.prepared ?? run.input.prepared;
	if (!prepared) throw new Error('site suggestion needs a street network');
	const problem = buildSitingProblem({
		prepared,
		baseline: run.baseline,
		params: run.input.params,
		subdistricts: run.input.subdistricts,
		candidates: run.candidates,
		onProgress: (done, total) => run.onProgress('catchments', done, total)
	});
	const wanted = run.question.objective === 'mclp' ? run.question.k : problem.instance.candidateCount;
	const onPick = (picked: number) => run.onProgress('choosing', picked, wanted);
	const suggestionOf = ({ sites, ...answer }: SitingAnswer): Suggestion => ({
		...answer,
		sites: sites.map((ranked) => ({ ...ranked, site: problem.candidates[ranked.candidate] })),
		candidateCount: problem.instance.candidateCount,
		leftOut: problem.leftOut,
		totalResidents: problem.totalResidents,
		coveredResidentsToday: problem.coveredResidentsToday,
		catchmentsMs: problem.catchmentsMs,
		totalMs: performance.now() - started
	});
	const exact = run.exact ? { ...run.exact, onProgress: run.onSolverProgress } : undefined;
	const onHeuristic = (answer: SitingAnswer) => {
		run.onHeuristic?.(suggestionOf(answer));
		run.onProgress('certifying', 0, 1);
	};
	return suggestionOf(solveSiting(problem, run.question, { onPick, exact, onHeuristic }));
}
