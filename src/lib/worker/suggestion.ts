import type { Candidate } from '$lib/engine/siting/candidates';
import type { RankedSite, SitingAnswer, SitingProblem } from '$lib/engine/siting/suggest';

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

/**
 * The engine's answer as the panel shows it: each ranked site with its candidate (position, snap), and the
 * problem's figures. The worker's suggest() calls it after engine/siting/suggest.ts's solveSiting (and on the
 * heuristic's answer while the exact solver works); `started`: when the problem was built, for totalMs.
 */
export function suggestionOf(problem: SitingProblem, { sites, ...answer }: SitingAnswer, started: number): Suggestion {
	return {
		...answer,
		sites: sites.map((ranked) => ({ ...ranked, site: problem.candidates[ranked.candidate] })),
		candidateCount: problem.instance.candidateCount,
		leftOut: problem.leftOut,
		totalResidents: problem.totalResidents,
		coveredResidentsToday: problem.coveredResidentsToday,
		catchmentsMs: problem.catchmentsMs,
		totalMs: performance.now() - started
	};
}
