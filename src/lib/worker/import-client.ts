import { checkFileSizeBeforeReading, type DatasetKind, type ImportContext, type ImportOptions, type ImportResult, type ImportStage, type Inspection } from '$lib/io/import';
import { FileFormatError, type FileErrorCode, type ProblemParams } from '$lib/io/load-result';
import type { ImportWorkerRequest, ImportWorkerResponse } from './import-messages';

export type ProgressListener = (stage: ImportStage, fraction: number) => void;

/**
 * An import that failed in the worker; isFormatError tells a bad file from a bug or an out-of-memory.
 * code: "too-large" (refused before reading, params sizeBytes / limitBytes), "worker-stopped" (the worker
 * died, most likely out of memory), "cancelled"; absent for other errors, whose message is shown.
 */
export class ImportWorkerError extends Error {
	constructor(
		message: string,
		readonly isFormatError: boolean,
		readonly code?: FileErrorCode | 'worker-stopped' | 'cancelled',
		readonly params?: ProblemParams
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
		for (const { reject } of this.pending.values()) reject(new ImportWorkerError('cancelled', false, 'cancelled'));
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
		// Refuse a file beyond what the worker can hold before reading it: reading it is what would run out of memory.
		try {
			checkFileSizeBeforeReading(kind, file.name, file.size);
		} catch (error) {
			if (error instanceof FileFormatError) throw new ImportWorkerError(error.message, true, error.code, error.params);
			throw error;
		}
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
			const error = new ImportWorkerError(event.message || 'the import worker stopped', false, 'worker-stopped');
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
		if (message.kind === 'error') waiting.reject(new ImportWorkerError(message.message, message.isFormatError, message.code, message.params));
		else waiting.resolve(message);
	}
}
