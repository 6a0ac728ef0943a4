/**
 * What every loader returns: the records it accepted and, for each rejected row, its row number and why.
 * Row numbers follow the spreadsheet convention: the header is row 1, the first data row is row 2;
 * for GeoJSON the row is the 1-based feature index.
 */
export interface RowProblem {
	row: number;
	field?: string;
	reason: string;
}

export interface LoadResult<T> {
	records: T;
	loaded: number;
	skipped: number;
	problems: RowProblem[];
}

/** A file that cannot be read at all (wrong format, no header, not JSON): nothing from it is loaded. */
export class FileFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FileFormatError';
	}
}
