import { describe, expect, test } from 'vitest';
import { answerOf, WorkerRpc } from '$lib/worker/rpc';

type Request = { requestId: number; kind: 'square'; value: number } | { requestId: number; kind: 'count'; upTo: number };
type Response =
	| { requestId: number; kind: 'squared'; value: number }
	| { requestId: number; kind: 'counting'; at: number }
	| { requestId: number; kind: 'counted'; total: number }
	| { requestId: number; kind: 'error'; message: string };

class WorkerFailure extends Error {}

/** A worker whose answers the test releases by hand, in any order. */
class FakeWorker {
	onmessage: ((event: MessageEvent<Response>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	received: Request[] = [];
	transfers: Transferable[][] = [];
	terminated = false;
	postMessage(request: Request, transfer: Transferable[]): void {
		this.received.push(request);
		this.transfers.push(transfer);
	}
	answer(response: Response): void {
		this.onmessage?.({ data: response } as MessageEvent<Response>);
	}
	die(message: string): void {
		this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
	}
	terminate(): void {
		this.terminated = true;
	}
}

function setUp() {
	const workers: FakeWorker[] = [];
	const rpc = new WorkerRpc<Request, Response>(
		() => {
			const worker = new FakeWorker();
			workers.push(worker);
			return worker as unknown as Worker;
		},
		{
			isProgress: (response) => response.kind === 'counting',
			failureOf: (response) => (response.kind === 'error' ? new WorkerFailure(response.message) : null),
			workerStopped: (message) => new WorkerFailure(`stopped: ${message}`)
		}
	);
	return { rpc, workers };
}

describe('WorkerRpc', () => {
	test('each answer finds its own request, whatever the order the worker answers in', async () => {
		const { rpc, workers } = setUp();
		const first = rpc.send({ kind: 'square', value: 3 });
		const second = rpc.send({ kind: 'square', value: 4 });
		const [worker] = workers;
		expect(workers).toHaveLength(1);
		const [a, b] = worker.received;
		expect(a.requestId).not.toBe(b.requestId);
		worker.answer({ requestId: b.requestId, kind: 'squared', value: 16 });
		worker.answer({ requestId: a.requestId, kind: 'squared', value: 9 });
		expect(await first).toEqual({ requestId: a.requestId, kind: 'squared', value: 9 });
		expect(await second).toEqual({ requestId: b.requestId, kind: 'squared', value: 16 });
	});

	test('progress goes to the request that asked, and does not settle it', async () => {
		const { rpc, workers } = setUp();
		const seenByCount: number[] = [];
		const seenBySquare: number[] = [];
		const counting = rpc.send({ kind: 'count', upTo: 2 }, { onProgress: (progress) => progress.kind === 'counting' && seenByCount.push(progress.at) });
		const squaring = rpc.send({ kind: 'square', value: 2 }, { onProgress: (progress) => progress.kind === 'counting' && seenBySquare.push(progress.at) });
		const [count, square] = workers[0].received;
		workers[0].answer({ requestId: count.requestId, kind: 'counting', at: 1 });
		workers[0].answer({ requestId: count.requestId, kind: 'counting', at: 2 });
		workers[0].answer({ requestId: square.requestId, kind: 'squared', value: 4 });
		workers[0].answer({ requestId: count.requestId, kind: 'counted', total: 2 });
		expect((await squaring).kind).toBe('squared');
		expect(await counting).toMatchObject({ kind: 'counted', total: 2 });
		expect(seenByCount).toEqual([1, 2]);
		expect(seenBySquare).toEqual([]);
	});

	test("a failure in the worker rejects only its request, with the protocol's error", async () => {
		const { rpc, workers } = setUp();
		const failing = rpc.send({ kind: 'square', value: Number.NaN });
		const fine = rpc.send({ kind: 'square', value: 5 });
		const [bad, good] = workers[0].received;
		workers[0].answer({ requestId: bad.requestId, kind: 'error', message: 'not a number' });
		workers[0].answer({ requestId: good.requestId, kind: 'squared', value: 25 });
		await expect(failing).rejects.toThrow(WorkerFailure);
		await expect(failing).rejects.toThrow('not a number');
		expect((await fine).kind).toBe('squared');
	});

	test('a worker that dies fails every request in flight, and the next request gets a fresh worker', async () => {
		const { rpc, workers } = setUp();
		const first = rpc.send({ kind: 'square', value: 1 });
		const second = rpc.send({ kind: 'count', upTo: 9 });
		workers[0].die('out of memory');
		await expect(first).rejects.toThrow('stopped: out of memory');
		await expect(second).rejects.toThrow('stopped: out of memory');
		expect(workers[0].terminated).toBe(true);
		const third = rpc.send({ kind: 'square', value: 6 });
		expect(workers).toHaveLength(2);
		workers[1].answer({ requestId: workers[1].received[0].requestId, kind: 'squared', value: 36 });
		expect(await third).toMatchObject({ value: 36 });
	});

	test('terminate rejects what is in flight with the reason given; answers of the old worker are ignored', async () => {
		const { rpc, workers } = setUp();
		const pending = rpc.send({ kind: 'square', value: 7 });
		rpc.terminate(new WorkerFailure('cancelled'));
		await expect(pending).rejects.toThrow('cancelled');
		// A late answer for a forgotten request settles nothing and throws nothing.
		workers[0].answer({ requestId: workers[0].received[0].requestId, kind: 'squared', value: 49 });
	});

	test('a reserved id is the one sent, and buffers are handed over as transfers', async () => {
		const { rpc, workers } = setUp();
		const reserved = rpc.reserveId();
		const buffer = new ArrayBuffer(8);
		void rpc.send({ kind: 'square', value: 8 }, { requestId: reserved, transfer: [buffer] });
		expect(workers[0].received[0].requestId).toBe(reserved);
		expect(workers[0].transfers[0]).toEqual([buffer]);
		expect(rpc.reserveId()).toBeGreaterThan(reserved);
	});
});

describe('answerOf', () => {
	test('narrows to the expected kinds and reports any other as a protocol bug', () => {
		const squared = { requestId: 1, kind: 'squared', value: 4 } as Response;
		expect(answerOf(squared, 'squared').value).toBe(4);
		expect(() => answerOf(squared, 'counted')).toThrow('unexpected answer squared (expected counted)');
	});
});
