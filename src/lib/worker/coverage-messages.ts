import type { CoverageParams, CoverageResult } from '$lib/engine/coverage';
import type { GraphReport } from '$lib/engine/graph-report';
import type { Facility, FacilityType, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { PackedLines } from '$lib/io/network-pack';
import type { E2sfcaByArea } from '$lib/engine/e2sfca-areas';
import type { CandidateOptions } from '$lib/engine/siting/candidates';
import type { SitingQuestion } from '$lib/engine/siting/suggest';
import type { LpProgress } from '$lib/engine/siting/milp';
import type { Suggestion, SuggestionPhase } from './suggestion';

/** What the coverage worker is asked to do. Every request carries an id; the answer repeats it. */
export type CoverageRequest =
	| {
			kind: 'prepare';
			requestId: number;
			/** Copied, not transferred: the page keeps drawing and saving it. Unpacked in the worker. */
			network: PackedLines | null;
			facilities: Facility[];
			cells: PopulationCells;
			subdistricts: Subdistrict[];
			maxSnapM: number;
	  }
	| { kind: 'compute'; requestId: number; params: CoverageParams }
	/** The nearest-centre run (catchment service populations) and E2SFCA over the capacity facilities. */
	| {
			kind: 'nearest-centres';
			requestId: number;
			params: CoverageParams;
			coverageParams: CoverageParams;
			capacityTypes: FacilityType[];
			/** A scenario's facility list; default the dataset's. */
			facilities?: Facility[];
	  }
	/**
	 * A scenario's facility list (baseline with its edits applied), or the baseline's own list to leave
	 * the scenario. Answered with the cells that changed since the previous scenario request, computed
	 * incrementally from the last `compute`. A newer request that arrives first makes it `dropped`.
	 */
	| { kind: 'scenario'; requestId: number; facilities: Facility[]; /** Send every cell, not only the changed ones (the page has no scenario state yet). */ full: boolean }
	/** Suggested new sites (MCLP / LSCP) against the last `compute`'s coverage and parameters. */
	/** `facilities`: the active scenario's list, whose coverage is "today" for the suggestion; null = the baseline's. */
	| { kind: 'suggest'; requestId: number; question: SitingQuestion; candidates: CandidateOptions; facilities: Facility[] | null };

export type CoverageStage = 'assign' | 'graph' | 'snap' | 'search';

/** The per-cell and per-area figures the UI needs; the network state stays in the worker. */
export type CoverageFigures = Omit<CoverageResult, 'network'>;

export type CoverageResponse =
	| { kind: 'progress'; requestId: number; stage: CoverageStage; fraction: number }
	| { kind: 'prepared'; requestId: number; cellSubdistrict: Int32Array; graph: GraphReport | null }
	| { kind: 'computed'; requestId: number; figures: CoverageFigures; graph: GraphReport | null; elapsedMs: number }
	| { kind: 'nearest-centres'; requestId: number; minutes: Float32Array; facilityIndex: Int32Array; e2sfca: E2sfcaByArea }
	| { kind: 'scenario'; requestId: number; delta: ScenarioDelta; elapsedMs: number }
	/** `heuristic`: the answer before certification; `solver`: the exact solver's best value and bound so far. */
	| { kind: 'siting-progress'; requestId: number; phase: SuggestionPhase; done: number; total: number; heuristic?: Suggestion; solver?: LpProgress }
	| { kind: 'suggested'; requestId: number; suggestion: Suggestion }
	/** A scenario request overtaken by a newer one before it was started. */
	| { kind: 'dropped'; requestId: number }
	| { kind: 'error'; requestId: number; message: string };

/**
 * What changed between two scenario states. `full` carries every cell (the first answer after a
 * compute, or when facility indexes moved); otherwise only `cells` with their new values.
 */
export interface ScenarioDelta {
	full: boolean;
	/** The cells whose values follow (every cell, in order, when full). */
	cells: Int32Array;
	minutes: Float32Array;
	facilityIndex: Int32Array;
	covered: Uint8Array;
	unreachable: Uint8Array;
	bySubdistrict: CoverageResult['bySubdistrict'];
	outside: CoverageResult['outside'];
	total: CoverageResult['total'];
	unsnappedFacilities: number[];
}
