/// <reference lib="webworker" />
import { computeCoverage, prepareNetwork, type PreparedNetwork } from '$lib/engine/coverage';
import { buildWalkGraph, type WalkGraph } from '$lib/engine/graph';
import { describeGraph } from '$lib/engine/graph-report';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import { e2sfcaByArea } from '$lib/engine/e2sfca-areas';
import type { Facility, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { CoverageFigures, CoverageRequest, CoverageResponse, CoverageStage } from './coverage-messages';
import { ScenarioSession } from './scenario-session';
import { buildSitingProblem, solveSiting } from '$lib/engine/siting/suggest';
import type { LpProgress } from '$lib/engine/siting/milp';
import { suggestionOf, type Suggestion, type SuggestionPhase } from './suggestion';
import { loadBrowserLpSolve } from './highs-browser';

/** The dataset as prepared once; compute requests reuse it. */
interface WorkerState {
	graph: WalkGraph | null;
	prepared: PreparedNetwork | null;
	facilities: Facility[];
	cells: PopulationCells;
	cellSubdistrict: Int32Array;
	subdistricts: Subdistrict[];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let state: WorkerState | null = null;
/** Follows the page's scenario from the last baseline computation; null until one exists. */
let scenario: ScenarioSession | null = null;
/** The newest scenario request not yet started: a newer one replaces it (the older is answered 'dropped'). */
let pendingScenario: Extract<CoverageRequest, { kind: 'scenario' }> | null = null;

function post(message: CoverageResponse, transfer: Transferable[] = []): void {
	scope.postMessage(message, transfer);
}

function progress(requestId: number, stage: CoverageStage, fraction: number): void {
	post({ kind: 'progress', requestId, stage, fraction });
}

function prepare(request: Extract<CoverageRequest, { kind: 'prepare' }>): void {
	const { requestId } = request;
	progress(requestId, 'assign', 0);
	const cellSubdistrict = assignPointsToPolygons(request.cells.lon, request.cells.lat, request.subdistricts);
	progress(requestId, 'graph', 0.2);
	// Built straight from the packed lines' typed arrays: no per-point objects, even in the worker.
	const graph = request.network ? buildWalkGraph(request.network) : null;
	progress(requestId, 'snap', 0.6);
	const prepared = graph ? prepareNetwork(graph, request.cells, request.maxSnapM) : null;
	state = { graph, prepared, facilities: request.facilities, cells: request.cells, cellSubdistrict, subdistricts: request.subdistricts };
	scenario = null;
	post({ kind: 'prepared', requestId, cellSubdistrict: cellSubdistrict.slice(), graph: graph ? describeGraph(graph) : null });
}

function compute(request: Extract<CoverageRequest, { kind: 'compute' }>): void {
	if (!state) throw new Error('coverage requested before the dataset was prepared');
	const started = performance.now();
	progress(request.requestId, 'search', 0.8);
	const input = { ...state, prepared: state.prepared ?? undefined, params: request.params };
	const result = computeCoverage(input);
	const elapsedMs = performance.now() - started;
	const { network, ...figures } = result;
	if (network) state.prepared = network.prepared;
	scenario = ScenarioSession.keeping(input, result);
	// The report with this run's context: residents in components without a counted facility, or beyond the snap distance.
	const graph =
		network && state.graph
			? describeGraph(state.graph, {
					cellSnap: network.prepared.cellSnap,
					cellPopulation: state.cells.pop,
					facilitySnap: network.facilitySnap,
					facilityIncluded: network.counted
				})
			: null;
	const slim: CoverageFigures = figures;
	post({ kind: 'computed', requestId: request.requestId, figures: slim, graph, elapsedMs }, [
		slim.minutes.buffer,
		slim.facilityIndex.buffer,
		slim.covered.buffer,
		slim.unreachable.buffer
	]);
}

function nearestCentres(request: Extract<CoverageRequest, { kind: 'nearest-centres' }>): void {
	if (!state) throw new Error('nearest centres requested before the dataset was prepared');
	const facilities = request.facilities ?? state.facilities;
	const result = computeCoverage({ ...state, facilities, prepared: state.prepared ?? undefined, params: request.params });
	const e2sfca = e2sfcaByArea({
		nearestCentre: result,
		facilities,
		cells: state.cells,
		cellSubdistrict: state.cellSubdistrict,
		subdistrictCount: state.subdistricts.length,
		capacityTypes: request.capacityTypes,
		coverageParams: request.coverageParams
	});
	post({ kind: 'nearest-centres', requestId: request.requestId, minutes: result.minutes, facilityIndex: result.facilityIndex, e2sfca }, [
		result.minutes.buffer,
		result.facilityIndex.buffer
	]);
}

/** Scenario requests wait one turn of the event loop, so that of several queued positions only the newest is computed. */
function queueScenario(request: Extract<CoverageRequest, { kind: 'scenario' }>): void {
	if (pendingScenario) post({ kind: 'dropped', requestId: pendingScenario.requestId });
	pendingScenario = request;
	setTimeout(() => guarded(pendingScenario?.requestId ?? 0, runPendingScenario), 0);
}

function runPendingScenario(): void {
	const request = pendingScenario;
	if (!request) return;
	pendingScenario = null;
	if (!scenario) throw new Error('scenario requested before coverage was computed');
	const started = performance.now();
	const delta = scenario.follow(request.facilities, request.full);
	post({ kind: 'scenario', requestId: request.requestId, delta, elapsedMs: performance.now() - started }, [
		delta.cells.buffer,
		delta.minutes.buffer,
		delta.facilityIndex.buffer,
		delta.covered.buffer,
		delta.unreachable.buffer
	]);
}

/** The browser's limits for certification: a planner waits seconds, not the CLI's minute. */
const BROWSER_EXACT_OPTIONS = { timeLimitS: 15, maxNonzeros: 1_000_000 };

/**
 * The `suggest` request (SitingClient.suggest): the same engine calls as `npm run suggest`, so the sites are the
 * CLI's. engine/siting/suggest.ts's solveSiting ranks the sites and gives each its new residents; HiGHS certifies
 * them (or states the gap) within a shorter time limit than the CLI's; suggestionOf adds each site's position.
 */
async function suggest(request: Extract<CoverageRequest, { kind: 'suggest' }>): Promise<void> {
	const { requestId } = request;
	const sitingProgress = (phase: SuggestionPhase, done: number, total: number, figures: { heuristic?: Suggestion; solver?: LpProgress } = {}) =>
		post({ kind: 'siting-progress', requestId, phase, done, total, ...figures });
	// Without the solver the suggestion still stands, with the solver-free bound.
	const solve = await loadBrowserLpSolve().catch(() => null);
	if (!scenario) throw new Error('sites suggested before coverage was computed');
	// A scenario's facilities are "today" for the suggestion: its coverage, computed in full on the same prepared network.
	const input = request.facilities ? { ...scenario.input, facilities: request.facilities } : scenario.input;
	const baseline = request.facilities ? computeCoverage(input) : scenario.baseline;
	const started = performance.now();
	const prepared = baseline.network?.prepared ?? input.prepared;
	if (!prepared) throw new Error('site suggestion needs a street network');
	const problem = buildSitingProblem({
		prepared,
		baseline,
		params: input.params,
		subdistricts: input.subdistricts,
		candidates: request.candidates,
		onProgress: (done, total) => sitingProgress('catchments', done, total)
	});
	const wanted = request.question.objective === 'mclp' ? request.question.k : problem.instance.candidateCount;
	const answer = solveSiting(problem, request.question, {
		onPick: (picked) => sitingProgress('choosing', picked, wanted),
		exact: solve ? { solve, options: BROWSER_EXACT_OPTIONS, onProgress: (solver) => sitingProgress('certifying', 0, 1, { solver }) } : undefined,
		// The heuristic's answer is shown at once while the exact solver works.
		onHeuristic: (heuristic) => {
			sitingProgress('certifying', 0, 1, { heuristic: suggestionOf(problem, heuristic, started) });
			sitingProgress('certifying', 0, 1);
		}
	});
	post({ kind: 'suggested', requestId, suggestion: suggestionOf(problem, answer, started) });
}

function guarded(requestId: number, run: () => void): void {
	try {
		run();
	} catch (error) {
		post({ kind: 'error', requestId, message: error instanceof Error ? error.message : String(error) });
	}
}

scope.onmessage = (event: MessageEvent<CoverageRequest>) => {
	const request = event.data;
	if (request.kind === 'scenario') return queueScenario(request);
	if (request.kind === 'suggest') {
		suggest(request).catch((error: unknown) => post({ kind: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) }));
		return;
	}
	guarded(request.requestId, () => {
		if (request.kind === 'prepare') prepare(request);
		else if (request.kind === 'nearest-centres') nearestCentres(request);
		else compute(request);
	});
};
