import { describe, expect, test } from 'vitest';
import { createCoverageRpc, CoverageWorkerError, ScenarioClient, SitingClient } from '$lib/worker/coverage-clients';
import type { CoverageRequest, CoverageResponse, ScenarioDelta } from '$lib/worker/coverage-messages';
import type { Suggestion } from '$lib/worker/suggestion';

/** A coverage worker that answers each request with what the test queued for its kind. */
function fakeCoverageWorker(answer: (request: CoverageRequest) => CoverageResponse[]) {
	const sent: CoverageRequest[] = [];
	const worker = {
		onmessage: null as ((event: MessageEvent<CoverageResponse>) => void) | null,
		onerror: null,
		postMessage(request: CoverageRequest) {
			sent.push(request);
			queueMicrotask(() => answer(request).forEach((data) => worker.onmessage?.({ data } as MessageEvent<CoverageResponse>)));
		},
		terminate() {}
	};
	return { rpc: createCoverageRpc(() => worker as unknown as Worker), sent };
}

describe('the coverage worker clients', () => {
	test('a scenario request overtaken by a newer one resolves to null; its answer resolves to the delta', async () => {
		const delta = { full: true } as ScenarioDelta;
		const { rpc, sent } = fakeCoverageWorker((request) =>
			request.kind === 'scenario' && request.full ? [{ kind: 'scenario', requestId: request.requestId, delta, elapsedMs: 1 }] : [{ kind: 'dropped', requestId: request.requestId }]
		);
		const client = new ScenarioClient(rpc);
		expect(await client.follow([], false)).toBeNull();
		expect(await client.follow([], true)).toMatchObject({ kind: 'scenario', delta });
		expect(sent.map((request) => request.kind)).toEqual(['scenario', 'scenario']);
	});

	test("a suggestion reports the worker's progress without its envelope, and a worker error rejects it", async () => {
		const suggestion = { sites: [] } as unknown as Suggestion;
		let fail = false;
		const { rpc } = fakeCoverageWorker((request) =>
			fail
				? [{ kind: 'error', requestId: request.requestId, message: 'site suggestion needs a street network' }]
				: [
						{ kind: 'siting-progress', requestId: request.requestId, phase: 'choosing', done: 1, total: 3 },
						{ kind: 'suggested', requestId: request.requestId, suggestion }
					]
		);
		const client = new SitingClient(rpc);
		const progress: unknown[] = [];
		const question = { objective: 'mclp', k: 3 } as never;
		expect(await client.suggest(question, {} as never, null, (figures) => progress.push(figures))).toBe(suggestion);
		expect(progress).toEqual([{ phase: 'choosing', done: 1, total: 3 }]);
		fail = true;
		await expect(client.suggest(question, {} as never, null, () => {})).rejects.toThrow(CoverageWorkerError);
	});
});
