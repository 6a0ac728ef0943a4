import { DEFAULT_COVERAGE_PARAMS, type CoverageParams } from '$lib/engine/coverage';
import type { GraphReport } from '$lib/engine/graph-report';
import type { Dataset } from '$lib/io/dataset';
import type { Facility, FacilityType } from '$lib/engine/types';
import type { CoverageFigures, CoverageRequest, CoverageResponse, CoverageStage } from '$lib/worker/coverage-messages';
import type { CandidateOptions } from '$lib/engine/siting/candidates';
import type { SitingQuestion } from '$lib/engine/siting/suggest';
import type { Suggestion } from '$lib/worker/siting-run';

/** A suggestion's progress as the worker reports it (phase, counts, the heuristic's answer, the solver's figures). */
export type SitingProgress = Omit<Extract<CoverageResponse, { kind: 'siting-progress' }>, 'kind' | 'requestId'>;
import CoverageWorker from '$lib/worker/coverage.worker?worker';
import { markStartup, STARTUP_MARK } from './startup-marks';

export interface Prepared {
	cellSubdistrict: Int32Array;
	graph: GraphReport | null;
}

/**
 * Runs the coverage engine in a Web Worker so the tab never freezes. Only the newest compute request
 * matters: an answer to an older one is dropped, so fast changes to the controls never show stale figures.
 */
export class CoverageController {
	params = $state<CoverageParams>({ ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes] });
	result = $state.raw<CoverageFigures | null>(null);
	graph = $state.raw<GraphReport | null>(null);
	stage = $state<CoverageStage | null>(null);
	fraction = $state(0);
	busy = $state(false);
	error = $state<string | null>(null);
	elapsedMs = $state<number | null>(null);
	/** Sub-district index of every population cell (−1 = in none), from the last prepare. */
	cellSubdistrict = $state.raw<Int32Array | null>(null);
	/** Bumped with every new result, so map layers know to recolour. */
	revision = $state(0);

	private worker: Worker | null = null;
	private nextRequestId = 1;
	private latestComputeId = 0;
	private pending = new Map<number, (response: CoverageResponse) => void>();
	private sitingProgress = new Map<number, (progress: Extract<CoverageResponse, { kind: 'siting-progress' }>) => void>();

	private ensureWorker(): Worker {
		if (this.worker) return this.worker;
		this.worker = new CoverageWorker();
		this.worker.onmessage = (event: MessageEvent<CoverageResponse>) => this.receive(event.data);
		return this.worker;
	}

	private receive(response: CoverageResponse): void {
		if (response.kind === 'progress') {
			this.stage = response.stage;
			this.fraction = response.fraction;
			return;
		}
		if (response.kind === 'siting-progress') {
			this.sitingProgress.get(response.requestId)?.(response);
			return;
		}
		const resolve = this.pending.get(response.requestId);
		this.pending.delete(response.requestId);
		this.sitingProgress.delete(response.requestId);
		resolve?.(response);
	}

	private send(request: CoverageRequest): Promise<CoverageResponse> {
		const worker = this.ensureWorker();
		return new Promise((resolve) => {
			this.pending.set(request.requestId, resolve);
			worker.postMessage(request);
		});
	}

	/**
	 * Drops the figures of the dataset being replaced. Called in the same tick as the replacement, so
	 * nothing derived ever pairs the new dataset with the old one's figures (4 sub-districts, coverage for 14).
	 */
	forget(): void {
		this.result = null;
		this.graph = null;
		this.cellSubdistrict = null;
		this.latestComputeId = this.nextRequestId++;
		this.revision++;
	}

	async prepare(dataset: Dataset): Promise<Prepared | null> {
		this.busy = true;
		this.result = null;
		const response = await this.send({
			kind: 'prepare',
			requestId: this.nextRequestId++,
			network: dataset.network,
			facilities: dataset.facilities,
			cells: dataset.cells,
			subdistricts: dataset.subdistricts,
			maxSnapM: this.params.maxSnapM
		});
		if (response.kind === 'error') return this.fail(response.message);
		if (response.kind !== 'prepared') return null;
		this.graph = response.graph;
		this.cellSubdistrict = response.cellSubdistrict;
		markStartup(STARTUP_MARK.prepared);
		return { cellSubdistrict: response.cellSubdistrict, graph: response.graph };
	}

	/**
	 * Recomputes with the current (or given) parameters; resolves once the newest request is answered.
	 * The `compute` request is answered by coverage.worker.ts's compute(): engine/coverage.ts's computeCoverage,
	 * whose per-area figures (coverage %) are engine/bands.ts's areaCoverage.
	 */
	async compute(params: CoverageParams = this.params): Promise<void> {
		const requestId = this.nextRequestId++;
		this.latestComputeId = requestId;
		this.busy = true;
		this.error = null;
		const response = await this.send({ kind: 'compute', requestId, params: $state.snapshot(params) as CoverageParams });
		if (requestId !== this.latestComputeId) return;
		this.busy = false;
		this.stage = null;
		if (response.kind === 'error') {
			this.fail(response.message);
			return;
		}
		if (response.kind !== 'computed') return;
		this.result = response.figures;
		if (response.graph) this.graph = response.graph;
		this.elapsedMs = response.elapsedMs;
		this.revision++;
		markStartup(STARTUP_MARK.coverage);
	}

	/** The nearest-centre run and E2SFCA, for the standards; leaves the coverage on screen alone. */
	async nearestCentres(
		params: CoverageParams,
		capacityTypes: FacilityType[],
		facilities?: Facility[]
	): Promise<Extract<CoverageResponse, { kind: 'nearest-centres' }> | null> {
		const response = await this.send({
			kind: 'nearest-centres',
			requestId: this.nextRequestId++,
			params,
			coverageParams: $state.snapshot(this.params) as CoverageParams,
			capacityTypes,
			facilities
		});
		if (response.kind === 'error') this.error = response.message;
		return response.kind === 'nearest-centres' ? response : null;
	}

	/** A scenario's coverage from the worker's incremental state: the changed cells, or every cell when `full`. */
	scenario(facilities: Facility[], full: boolean): Promise<CoverageResponse> {
		return this.send({ kind: 'scenario', requestId: this.nextRequestId++, facilities, full });
	}

	/**
	 * Suggested sites against the last computed coverage, or a scenario's facilities on it; progress is reported as
	 * the worker goes. The `suggest` request is answered by coverage.worker.ts's suggest() → worker/siting-run.ts's
	 * runSiting → engine/siting/suggest.ts's solveSiting, which gives each ranked site its newResidents.
	 */
	async suggest(
		question: SitingQuestion,
		candidates: CandidateOptions,
		facilities: Facility[] | null,
		onProgress: (progress: SitingProgress) => void
	): Promise<Suggestion> {
		const requestId = this.nextRequestId++;
		this.sitingProgress.set(requestId, onProgress);
		const response = await this.send({ kind: 'suggest', requestId, question, candidates, facilities });
		if (response.kind === 'error') throw new Error(response.message);
		if (response.kind !== 'suggested') throw new Error(`unexpected answer ${response.kind}`);
		return response.suggestion;
	}

	private fail(message: string): null {
		this.busy = false;
		this.error = message;
		return null;
	}
}
