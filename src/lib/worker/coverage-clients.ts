/**
 * The page's clients of the coverage worker, one per kind of request. They share one worker (it holds
 * the prepared network and the scenario state between requests) through one WorkerRpc; each names the
 * request it sends and the function of coverage.worker.ts that answers it.
 */
import type { CoverageParams } from '$lib/engine/coverage';
import type { Facility, FacilityType } from '$lib/engine/types';
import type { Dataset } from '$lib/io/dataset';
import type { CandidateOptions } from '$lib/engine/siting/candidates';
import type { SitingQuestion } from '$lib/engine/siting/suggest';
import type { CoverageRequest, CoverageResponse, CoverageStage } from './coverage-messages';
import type { Suggestion } from './suggestion';
import { answerOf, WorkerRpc } from './rpc';
import CoverageWorker from './coverage.worker?worker';

export type CoverageRpc = WorkerRpc<CoverageRequest, CoverageResponse>;

/** A request the coverage worker could not answer (its message says why), or the worker stopped. */
export class CoverageWorkerError extends Error {
	override name = 'CoverageWorkerError';
}

export function createCoverageRpc(createWorker: () => Worker = () => new CoverageWorker()): CoverageRpc {
	return new WorkerRpc<CoverageRequest, CoverageResponse>(createWorker, {
		isProgress: (response) => response.kind === 'progress' || response.kind === 'siting-progress',
		failureOf: (response) => (response.kind === 'error' ? new CoverageWorkerError(response.message) : null),
		workerStopped: (message) => new CoverageWorkerError(message)
	});
}

type Answer<Kind extends CoverageResponse['kind']> = Extract<CoverageResponse, { kind: Kind }>;
export type StageListener = (stage: CoverageStage, fraction: number) => void;

function stageListener(onStage: StageListener) {
	return (progress: CoverageResponse) => {
		if (progress.kind === 'progress') onStage(progress.stage, progress.fraction);
	};
}

/** `prepare` and `compute`: answered by coverage.worker.ts's prepare() and compute() (engine/coverage.ts's computeCoverage). */
export class CoverageClient {
	constructor(private readonly rpc: CoverageRpc) {}

	reserveId(): number {
		return this.rpc.reserveId();
	}

	async prepare(dataset: Dataset, maxSnapM: number, onStage: StageListener): Promise<Answer<'prepared'>> {
		const { network, facilities, cells, subdistricts } = dataset;
		// The network is copied, not transferred: the page keeps drawing and saving it.
		const response = await this.rpc.send({ kind: 'prepare', network, facilities, cells, subdistricts, maxSnapM }, { onProgress: stageListener(onStage) });
		return answerOf(response, 'prepared');
	}

	/** `requestId` from reserveId(), so the caller knows which answer is the newest before it arrives. */
	async compute(requestId: number, params: CoverageParams, onStage: StageListener): Promise<Answer<'computed'>> {
		const response = await this.rpc.send({ kind: 'compute', params }, { requestId, onProgress: stageListener(onStage) });
		return answerOf(response, 'computed');
	}
}

/** `nearest-centres`: answered by coverage.worker.ts's nearestCentres() (the nearest-centre run and E2SFCA). */
export class NearestCentresClient {
	constructor(private readonly rpc: CoverageRpc) {}

	/** `facilities`: a scenario's list; default the dataset's. `coverageParams`: the coverage in effect (E2SFCA's bands). */
	async run(params: CoverageParams, coverageParams: CoverageParams, capacityTypes: FacilityType[], facilities?: Facility[]): Promise<Answer<'nearest-centres'>> {
		const response = await this.rpc.send({ kind: 'nearest-centres', params, coverageParams, capacityTypes, facilities });
		return answerOf(response, 'nearest-centres');
	}
}

/** `scenario`: answered by coverage.worker.ts's runPendingScenario() (IncrementalCoverage through ScenarioSession). */
export class ScenarioClient {
	constructor(private readonly rpc: CoverageRpc) {}

	/** The changed cells of a scenario's facility list (every cell when `full`); null when a newer request overtook it. */
	async follow(facilities: Facility[], full: boolean): Promise<Answer<'scenario'> | null> {
		const response = answerOf(await this.rpc.send({ kind: 'scenario', facilities, full }), 'scenario', 'dropped');
		return response.kind === 'scenario' ? response : null;
	}
}

/** A suggestion's progress as the worker reports it (phase, counts, the heuristic's answer, the solver's figures). */
export type SitingProgress = Omit<Answer<'siting-progress'>, 'kind' | 'requestId'>;

/** `suggest`: answered by coverage.worker.ts's suggest(), which calls engine/siting/suggest.ts's solveSiting. */
export class SitingClient {
	constructor(private readonly rpc: CoverageRpc) {}

	/** Suggested sites against the last computed coverage, or a scenario's facilities on it (null = the baseline's). */
	async suggest(question: SitingQuestion, candidates: CandidateOptions, facilities: Facility[] | null, onProgress: (progress: SitingProgress) => void): Promise<Suggestion> {
		const response = await this.rpc.send(
			{ kind: 'suggest', question, candidates, facilities },
			{
				onProgress: (progress) => {
					if (progress.kind !== 'siting-progress') return;
					const { kind: _kind, requestId: _requestId, ...figures } = progress;
					onProgress(figures);
				}
			}
		);
		return answerOf(response, 'suggested').suggestion;
	}
}
