import type { DatasetKind, ImportContext, ImportOptions, ImportResult, ImportStage, Inspection } from '$lib/io/import';
import type { ImportWorkerRequest, ImportWorkerResponse } from './import-messages';

export type ProgressListener = (stage: ImportStage, fraction: number) => void;

/** An import that failed in the worker; isFormatError tells a bad file from a bug or an out-of-memory. */
export class ImportWorkerError extends Error {
	constructor(
		message: string,
		readonly isFormatError: boolean
	) {
		super(message);
		this.name = 'ImportWorkerError';
	}
}

export type WorkerFactory = () => Worker;

export function createImportWorker(): Worker {
	return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Talks to one import worker. cancel() terminates it (a synchronous parse cannot be interrupted any other
 * way) and the next call starts a fresh one, so a cancelled 200 MB import stops using CPU at once.
 */
export class ImportClient {
	private worker: Worker | null = null;
	private nextId = 1;
	private pending = new Map<number, { resolve: (value: ImportWorkerResponse) => void; reject: (error: Error) => void; onProgress?: ProgressListener }>();

	constructor(private readonly createWorker: WorkerFactory = createImportWorker) {}

	async inspect(kind: DatasetKind, file: File, options: ImportOptions = {}): Promise<Inspection> {
		const response = await this.send('inspect', kind, file, options, {});
		if (response.kind !== 'inspected') throw new Error(`unexpected answer ${response.kind}`);
		return response.inspection;
	}

	async import(kind: DatasetKind, file: File, options: ImportOptions, context: ImportContext, onProgress?: ProgressListener): Promise<ImportResult> {
		const response = await this.send('import', kind, file, options, context, onProgress);
		if (response.kind !== 'result') throw new Error(`unexpected answer ${response.kind}`);
		return response.result;
	}

	cancel(): void {
		this.worker?.terminate();
		this.worker = null;
		for (const { reject } of this.pending.values()) reject(new ImportWorkerError('cancelled', false));
		this.pending.clear();
	}

	dispose(): void {
		this.cancel();
	}

	private async send(
		action: ImportWorkerRequest['action'],
		kind: DatasetKind,
		file: File,
		options: ImportOptions,
		context: ImportContext,
		onProgress?: ProgressListener
	): Promise<ImportWorkerResponse> {
		const bytes = await file.arrayBuffer();
		const worker = this.ensureWorker();
		const requestId = this.nextId++;
		// options and context must be plain data (use $state.snapshot on Svelte state): proxies cannot be cloned.
		const request: ImportWorkerRequest = { requestId, action, kind, fileName: file.name, bytes, options, context };
		return new Promise((resolve, reject) => {
			this.pending.set(requestId, { resolve, reject, onProgress });
			worker.postMessage(request, [bytes]);
		});
	}

	private ensureWorker(): Worker {
		if (this.worker) return this.worker;
		const worker = this.createWorker();
		worker.onmessage = (event: MessageEvent<ImportWorkerResponse>) => this.receive(event.data);
		worker.onerror = (event) => {
			// A worker that dies (out of memory, a load error) fails every request in flight.
			event.preventDefault();
			const error = new ImportWorkerError(event.message || 'the import worker stopped', false);
			for (const { reject } of this.pending.values()) reject(error);
			this.pending.clear();
			this.worker?.terminate();
			this.worker = null;
		};
		this.worker = worker;
		return worker;
	}

	private receive(message: ImportWorkerResponse): void {
		const waiting = this.pending.get(message.requestId);
		if (!waiting) return;
		if (message.kind === 'progress') {
			waiting.onProgress?.(message.stage, message.fraction);
			return;
		}
		this.pending.delete(message.requestId);
		if (message.kind === 'error') waiting.reject(new ImportWorkerError(message.message, message.isFormatError));
		else waiting.resolve(message);
	}
}
