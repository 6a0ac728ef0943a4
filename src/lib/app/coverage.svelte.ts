import { DEFAULT_COVERAGE_PARAMS, type CoverageParams } from '$lib/engine/coverage';
import type { GraphReport } from '$lib/engine/graph-report';
import type { Dataset } from '$lib/io/dataset';
import type { CoverageFigures, CoverageStage } from '$lib/worker/coverage-messages';
import type { CoverageClient } from '$lib/worker/coverage-clients';
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

	private latestComputeId = 0;

	constructor(private readonly client: CoverageClient) {}

	private readonly onStage = (stage: CoverageStage, fraction: number): void => {
		this.stage = stage;
		this.fraction = fraction;
	};

	/**
	 * Drops the figures of the dataset being replaced. Called in the same tick as the replacement, so
	 * nothing derived ever pairs the new dataset with the old one's figures (4 sub-districts, coverage for 14).
	 */
	forget(): void {
		this.result = null;
		this.graph = null;
		this.cellSubdistrict = null;
		this.latestComputeId = this.client.reserveId();
		this.revision++;
	}

	async prepare(dataset: Dataset): Promise<Prepared | null> {
		this.busy = true;
		this.result = null;
		try {
			const { graph, cellSubdistrict } = await this.client.prepare(dataset, this.params.maxSnapM, this.onStage);
			this.graph = graph;
			this.cellSubdistrict = cellSubdistrict;
			markStartup(STARTUP_MARK.prepared);
			return { cellSubdistrict, graph };
		} catch (error) {
			return this.fail(error);
		}
	}

	/**
	 * Recomputes with the current (or given) parameters; resolves once the newest request is answered.
	 * The `compute` request is answered by coverage.worker.ts's compute(): engine/coverage.ts's computeCoverage,
	 * whose per-area figures (coverage %) are engine/bands.ts's areaCoverage.
	 */
	async compute(params: CoverageParams = this.params): Promise<void> {
		const requestId = this.client.reserveId();
		this.latestComputeId = requestId;
		this.busy = true;
		this.error = null;
		try {
			const answer = await this.client.compute(requestId, $state.snapshot(params) as CoverageParams, this.onStage);
			if (requestId !== this.latestComputeId) return;
			this.result = answer.figures;
			if (answer.graph) this.graph = answer.graph;
			this.elapsedMs = answer.elapsedMs;
			this.revision++;
			markStartup(STARTUP_MARK.coverage);
		} catch (error) {
			if (requestId === this.latestComputeId) this.fail(error);
			return;
		} finally {
			if (requestId === this.latestComputeId) {
				this.busy = false;
				this.stage = null;
			}
		}
	}

	private fail(error: unknown): null {
		this.busy = false;
		this.error = error instanceof Error ? error.message : String(error);
		return null;
	}
}
