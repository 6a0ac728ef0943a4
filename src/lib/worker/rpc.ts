/**
 * The page's side of a worker: numbered requests, each answered by one message that repeats its number,
 * with progress messages routed to the request that asked for them. Both workers (coverage, import) are
 * spoken to through this one façade, so how an answer finds its request, how a failure in the worker
 * reaches the caller and what happens when the worker dies are written once.
 *
 * Hand-written rather than Comlink: the requests are plain tagged unions whose typed arrays are
 * transferred, answers must be matched to the newest request (older ones are dropped by the callers),
 * and a dying worker must fail every request in flight; Comlink's proxies add none of that.
 */

/** Every message of a worker protocol carries the id of the request it belongs to and a kind. */
export interface RpcMessage {
	requestId: number;
	kind: string;
}

/** A request as its sender writes it: the façade numbers it. */
export type Unnumbered<Request extends { requestId: number }> = Request extends unknown ? Omit<Request, 'requestId'> : never;

export interface RpcProtocol<Response extends RpcMessage> {
	/** Messages that report progress of a request still running (not its answer). */
	isProgress(response: Response): boolean;
	/** An answer that is a failure in the worker: the error the request's promise rejects with; null for any other answer. */
	failureOf(response: Response): Error | null;
	/** The error that every request in flight rejects with when the worker itself stops (out of memory, a load error). */
	workerStopped(message: string): Error;
}

interface Waiting<Response> {
	resolve: (response: Response) => void;
	reject: (error: Error) => void;
	onProgress?: (progress: Response) => void;
}

export class WorkerRpc<Request extends { requestId: number }, Response extends RpcMessage> {
	private worker: Worker | null = null;
	private nextRequestId = 1;
	private readonly waiting = new Map<number, Waiting<Response>>();

	constructor(
		private readonly createWorker: () => Worker,
		private readonly protocol: RpcProtocol<Response>
	) {}

	/** A fresh request number, for callers that must know it before sending (to drop answers of older requests). */
	reserveId(): number {
		return this.nextRequestId++;
	}

	/**
	 * Sends a request and resolves with its answer (rejects with the protocol's error for a failure).
	 * `requestId` from reserveId(), or a new one; `transfer` moves buffers instead of copying them.
	 */
	send(request: Unnumbered<Request>, options: { requestId?: number; transfer?: Transferable[]; onProgress?: (progress: Response) => void } = {}): Promise<Response> {
		const requestId = options.requestId ?? this.reserveId();
		const worker = this.ensureWorker();
		return new Promise((resolve, reject) => {
			this.waiting.set(requestId, { resolve, reject, onProgress: options.onProgress });
			worker.postMessage({ ...request, requestId }, options.transfer ?? []);
		});
	}

	/** Stops the worker at once (a synchronous computation cannot be interrupted any other way); the next request starts a fresh one. */
	terminate(reason: Error): void {
		this.worker?.terminate();
		this.worker = null;
		this.failAll(reason);
	}

	private ensureWorker(): Worker {
		if (this.worker) return this.worker;
		const worker = this.createWorker();
		worker.onmessage = (event: MessageEvent<Response>) => this.receive(event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			this.terminate(this.protocol.workerStopped(event.message || 'the worker stopped'));
		};
		this.worker = worker;
		return worker;
	}

	private receive(response: Response): void {
		const waiting = this.waiting.get(response.requestId);
		if (!waiting) return;
		if (this.protocol.isProgress(response)) {
			waiting.onProgress?.(response);
			return;
		}
		this.waiting.delete(response.requestId);
		const failure = this.protocol.failureOf(response);
		if (failure) waiting.reject(failure);
		else waiting.resolve(response);
	}

	private failAll(error: Error): void {
		for (const { reject } of this.waiting.values()) reject(error);
		this.waiting.clear();
	}
}

/** The answer narrowed to the kinds a request expects; any other kind is a bug in the protocol, reported as one. */
export function answerOf<Response extends RpcMessage, Kind extends Response['kind']>(response: Response, ...kinds: Kind[]): Extract<Response, { kind: Kind }> {
	if ((kinds as string[]).includes(response.kind)) return response as Extract<Response, { kind: Kind }>;
	throw new Error(`unexpected answer ${response.kind} (expected ${kinds.join(' or ')})`);
}
