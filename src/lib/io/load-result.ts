import type { Explained, ProblemParams, RowProblemCode } from './problem-codes';

export type { ProblemParams, RowProblemCode } from './problem-codes';

/**
 * What every loader returns: the records it accepted and, for each rejected row, its row number and why.
 * Row numbers follow the spreadsheet convention: the header is row 1, the first data row is row 2;
 * for GeoJSON the row is the 1-based feature index.
 * `code` and `params` are what the UI translates (i18n key `import.problem.<code>`, see problem-codes.ts);
 * `reason` is the same message in English, for the command line and logs.
 */
export interface RowProblem {
	row: number;
	field?: string;
	code: RowProblemCode;
	params?: ProblemParams;
	reason: string;
}

/** A RowProblem from an explained reason (params left out when there are none). */
export function problemAt(row: number, field: string | undefined, explained: Explained): RowProblem {
	const problem: RowProblem = { row, code: explained.code, reason: explained.reason };
	if (field !== undefined) problem.field = field;
	if (explained.params) problem.params = explained.params;
	return problem;
}

export interface LoadResult<T> {
	records: T;
	loaded: number;
	skipped: number;
	problems: RowProblem[];
}

/**
 * Whole-file refusals the UI words itself (i18n `import.error.<code>`), with their params; other
 * FileFormatErrors show their message. damaged: {format, detail}; inflate-limit: {format, limitBytes};
 * claims-beyond-file: {format, claimed, possible}; too-many-columns: {columns, limit}; unrecognised-format: {name}.
 */
export type FileErrorCode = 'too-large' | 'empty-file' | 'no-lon-lat' | 'unrecognised-format' | 'damaged' | 'inflate-limit' | 'claims-beyond-file' | 'too-many-columns';

/** A file that cannot be read at all (wrong format, no header, not JSON): nothing from it is loaded. */
export class FileFormatError extends Error {
	constructor(
		message: string,
		readonly code?: FileErrorCode,
		readonly params?: ProblemParams
	) {
		super(message);
		this.name = 'FileFormatError';
	}
}
