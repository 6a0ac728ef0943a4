import type { CoverageParams, CoverageResult } from '$lib/engine/coverage';
import type { GraphReport } from '$lib/engine/graph';
import type { Facility, FacilityType, NetworkLine, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { E2sfcaByArea } from '$lib/engine/e2sfca-areas';

/** What the coverage worker is asked to do. Every request carries an id; the answer repeats it. */
export type CoverageRequest =
	| {
			kind: 'prepare';
			requestId: number;
			network: NetworkLine[] | null;
			facilities: Facility[];
			cells: PopulationCells;
			subdistricts: Subdistrict[];
			maxSnapM: number;
	  }
	| { kind: 'compute'; requestId: number; params: CoverageParams }
	/** The nearest-centre run (catchment service populations) and E2SFCA over the capacity facilities. */
	| { kind: 'nearest-centres'; requestId: number; params: CoverageParams; coverageParams: CoverageParams; capacityTypes: FacilityType[] };

export type CoverageStage = 'assign' | 'graph' | 'snap' | 'search';

/** The per-cell and per-area figures the UI needs; the network state stays in the worker. */
export type CoverageFigures = Omit<CoverageResult, 'network'>;

export type CoverageResponse =
	| { kind: 'progress'; requestId: number; stage: CoverageStage; fraction: number }
	| { kind: 'prepared'; requestId: number; cellSubdistrict: Int32Array; graph: GraphReport | null }
	| { kind: 'computed'; requestId: number; figures: CoverageFigures; graph: GraphReport | null; elapsedMs: number }
	| { kind: 'nearest-centres'; requestId: number; minutes: Float32Array; facilityIndex: Int32Array; e2sfca: E2sfcaByArea }
	| { kind: 'error'; requestId: number; message: string };
