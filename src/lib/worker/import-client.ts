import { checkFileSizeBeforeReading, type DatasetKind, type ImportContext, type ImportOptions, type ImportResult, type ImportStage, type Inspection } from '$lib/io/import';
import { FileFormatError, type FileErrorCode, type ProblemParams } from '$lib/io/load-result';
import type { ImportWorkerRequest, ImportWorkerResponse } from './import-messages';
import { answerOf, WorkerRpc } from './rpc';

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
	private readonly rpc: WorkerRpc<ImportWorkerRequest, ImportWorkerResponse>;

	constructor(createWorker: WorkerFactory = createImportWorker) {
		this.rpc = new WorkerRpc(createWorker, {
			isProgress: (message) => message.kind === 'progress',
			failureOf: (message) => (message.kind === 'error' ? new ImportWorkerError(message.message, message.isFormatError, message.code, message.params) : null),
			workerStopped: (message) => new ImportWorkerError(message, false, 'worker-stopped')
		});
	}

	async inspect(kind: DatasetKind, file: File, options: ImportOptions = {}): Promise<Inspection> {
		return answerOf(await this.send('inspect', kind, file, options, {}), 'inspected').inspection;
	}

	async import(kind: DatasetKind, file: File, options: ImportOptions, context: ImportContext, onProgress?: ProgressListener): Promise<ImportResult> {
		return answerOf(await this.send('import', kind, file, options, context, onProgress), 'result').result;
	}

	cancel(): void {
		this.rpc.terminate(new ImportWorkerError('cancelled', false, 'cancelled'));
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
		// options and context must be plain data (use $state.snapshot on Svelte state): proxies cannot be cloned.
		return this.rpc.send(
			{ action, kind, fileName: file.name, bytes, options, context },
			{
				transfer: [bytes],
				onProgress: (message) => {
					if (message.kind === 'progress') onProgress?.(message.stage, message.fraction);
				}
			}
		);
	}
}
