import type { DatasetKind, ImportContext, ImportOptions, ImportResult, ImportStage, Inspection } from '$lib/io/import';
import type { FileErrorCode, ProblemParams } from '$lib/io/load-result';

/**
 * Messages of the import worker. A request carries the file's bytes (transferred, not copied); "inspect"
 * answers with what the dialog previews, "import" with the validated records. Every answer repeats the id.
 */
export type ImportWorkerRequest = {
	requestId: number;
	action: 'inspect' | 'import';
	kind: DatasetKind;
	fileName: string;
	bytes: ArrayBuffer;
	options: ImportOptions;
	/** The data already loaded (for sub-district assignment and the shift check); import only. */
	context: ImportContext;
};

export type ImportWorkerResponse =
	| { kind: 'progress'; requestId: number; stage: ImportStage; fraction: number }
	| { kind: 'inspected'; requestId: number; inspection: Inspection }
	/** Population cells and network lines come as typed arrays, transferred: millions of points are never cloned. */
	| { kind: 'result'; requestId: number; result: ImportResult }
	| {
			kind: 'error';
			requestId: number;
			message: string;
			/** True for a file that cannot be read (the planner's problem); false for a bug or an out-of-memory. */
			isFormatError: boolean;
			/** For refusals the dialog words itself (too large): the code and its params. */
			code?: FileErrorCode;
			params?: ProblemParams;
	  };
