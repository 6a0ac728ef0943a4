import { FileFormatError } from '../load-result';
import type { HeaderChoice } from './header-row';

/**
 * The common shape every tabular input is turned into before column mapping: CSV and XLSX rows, and the
 * properties of GeoJSON / Shapefile / Parquet features (with their geometry alongside).
 */

/** A GeoJSON geometry as read from a file: not yet validated. */
export interface RawGeometry {
	type: string;
	coordinates?: unknown;
	geometries?: unknown;
}

export type CellValue = string | number | boolean | null;

export interface RawRow {
	/** Row number shown to the planner: spreadsheet rows (header = 1) for tables, the 1-based feature index for features. */
	row: number;
	cells: CellValue[];
	/** Features only: the geometry (null when the feature has none). */
	geometry?: RawGeometry | null;
}

export interface TableSource {
	headers: string[];
	/** True when rows carry a geometry (GeoJSON, Shapefile, GeoParquet). */
	hasGeometry: boolean;
	/** The first rows, for the preview and for guessing the mapping and the coordinate system. */
	preview: RawRow[];
	/** CSV and XLSX: the row read as the header, and the rows that could be instead; features have none. */
	header?: HeaderChoice;
	/** Total data rows when known without reading everything. */
	rowCount: number | null;
	/** Visits every data row in order; reports progress as a fraction of the input read. */
	forEachRow(visit: (row: RawRow) => void, onProgress?: (fraction: number) => void): Promise<void>;
}

export const PREVIEW_ROWS = 50;

/**
 * Columns a table may have. A planner's table has a few dozen; 20,000 columns made the dialog render
 * hundreds of thousands of controls (issue 26, item 2), and every row holds a cell per column.
 */
export const MAX_COLUMNS = 2000;

/** Refuses a table wider than MAX_COLUMNS (code "too-many-columns"), before rows are built for it. */
export function checkColumnCount(columns: number): void {
	if (columns > MAX_COLUMNS) {
		throw new FileFormatError(`the table has ${columns} columns; at most ${MAX_COLUMNS} can be loaded`, 'too-many-columns', { columns, limit: MAX_COLUMNS });
	}
}

/** A source over rows already in memory (XLSX, features). */
export function memoryTableSource(headers: string[], rows: RawRow[], hasGeometry: boolean): TableSource {
	return {
		headers,
		hasGeometry,
		preview: rows.slice(0, PREVIEW_ROWS),
		rowCount: rows.length,
		async forEachRow(visit, onProgress) {
			const step = Math.max(1, Math.floor(rows.length / 20));
			rows.forEach((row, index) => {
				visit(row);
				if (onProgress && index % step === 0) onProgress(index / rows.length);
			});
			onProgress?.(1);
		}
	};
}

/** Header cells as text: blanks become "column N" so that every column can be chosen in the mapping. */
export function headerNames(cells: readonly CellValue[]): string[] {
	return cells.map((cell, index) => {
		const text = cell === null ? '' : String(cell).trim();
		return text === '' ? `column ${index + 1}` : text;
	});
}

export function cellText(value: CellValue | undefined): string {
	return value === null || value === undefined ? '' : String(value).trim();
}
