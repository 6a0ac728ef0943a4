import { readNumber } from '../fields';
import { FileFormatError, type RowProblem } from '../load-result';
import { detectMapping, missingFields, sanitiseMapping, type ColumnMapping, type TargetField } from './column-mapping';
import { guessCrs, type CrsGuess } from './crs-guess';
import { conversionLabel, type CrsId } from './crs';
import type { DatasetKind, ImportFormat } from './formats';
import type { OpenedTable } from './open-source';
import type { ShiftCheck } from './shift-detection';
import type { ImportNote, ImportProblem, ImportSummary } from './types';
import { cellText, type RawGeometry, type RawRow, type TableSource } from './table-source';

/** Listed problems per import; beyond this only the count is kept (a 200 MB file of bad rows must stay displayable). */
export const MAX_LISTED_PROBLEMS = 5000;

/** Collects problems up to the cap and counts the rest. */
export class ProblemList {
	readonly items: ImportProblem[] = [];
	omitted = 0;

	add(problem: ImportProblem): void {
		if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push(problem);
		else this.omitted++;
	}

	addAll(problems: readonly ImportProblem[]): void {
		for (const problem of problems) this.add(problem);
	}

	/** In row order, as the dialog and the report list them. */
	sorted(): ImportProblem[] {
		return [...this.items].sort((a, b) => a.row - b.row);
	}
}

/** The planner's mapping when given (cleaned), else the detected one; throws when a required field is unmapped. */
export function resolveMapping(requested: ColumnMapping | undefined, source: TableSource, kind: DatasetKind): ColumnMapping {
	const mapping = requested ? sanitiseMapping(requested, kind, source.headers.length) : detectMapping(source.headers, kind);
	const missing = missingFields(mapping, kind, source.hasGeometry);
	if (missing.length > 0) {
		throw new FileFormatError(`no column chosen for: ${missing.join(', ')} (columns in the file: ${source.headers.slice(0, 20).join(', ')})`);
	}
	return mapping;
}

/** Sample positions from the preview rows: the mapped x/y columns, else the first vertex of each geometry. */
export function samplePositions(rows: readonly RawRow[], mapping: ColumnMapping): [number, number][] {
	const positions: [number, number][] = [];
	for (const row of rows) {
		if (mapping.lon !== undefined && mapping.lat !== undefined) {
			const x = readNumber(row.cells[mapping.lon]);
			const y = readNumber(row.cells[mapping.lat]);
			if (x.ok && y.ok) positions.push([x.value, y.value]);
		} else if (row.geometry) {
			const first = firstVertex(row.geometry);
			if (first) positions.push(first);
		}
	}
	return positions;
}

function firstVertex(geometry: RawGeometry): [number, number] | null {
	let value: unknown = geometry.coordinates;
	for (let depth = 0; depth < 5 && Array.isArray(value); depth++) {
		if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
		value = value[0];
	}
	return null;
}

export interface ResolvedCrs {
	crs: CrsId;
	guess: CrsGuess | null;
	notes: ImportNote[];
}

/** Declared by the planner > declared by the file > guessed from the values. */
export function resolveCrs(requested: CrsId | undefined, declaredByFile: CrsId | null, samples: readonly [number, number][]): ResolvedCrs {
	const guess = guessCrs(samples);
	const notes: ImportNote[] = [];
	if (requested) return { crs: requested, guess, notes };
	if (declaredByFile) {
		notes.push({ key: 'crsFromFile', params: { crs: declaredByFile } });
		return { crs: declaredByFile, guess: { crs: declaredByFile, confident: true, reason: 'declared', swapped: false }, notes };
	}
	if (guess.swapped) notes.push({ key: 'columnsSwapped' });
	if (!guess.confident) notes.push({ key: 'crsUnsure', params: { crs: guess.crs } });
	return { crs: guess.crs, guess, notes };
}

/** What a table import read: its records, how many rows it kept of how many, and the problems it listed. */
export interface TableRead<T> {
	mapping: ColumnMapping | null;
	records: T;
	loaded: number;
	rowCount: number;
	problems: ProblemList;
}

/**
 * The fields every table import reports (file, encoding, coordinate system, mapping, counts, problems), in
 * one place; an import spreads it and adds its kind, its warnings, notes and shift check when it has any,
 * and its own fields.
 */
export function tableImportResult<Format extends ImportFormat, T>(fileName: string, opened: OpenedTable & { format: Format }, resolved: ResolvedCrs, read: TableRead<T>) {
	return {
		fileName,
		format: opened.format,
		encoding: opened.encoding,
		crs: resolved.crs,
		crsGuess: resolved.guess,
		appliedConversion: conversionLabel(resolved.crs),
		mapping: read.mapping,
		headers: opened.source.headers,
		records: read.records,
		loaded: read.loaded,
		skipped: read.rowCount - read.loaded,
		problems: read.problems.sorted(),
		omittedProblems: read.problems.omitted,
		warnings: [] as ImportProblem[],
		notes: [] as ImportNote[],
		shift: null as ShiftCheck | null
	} satisfies ImportSummary & { records: T; loaded: number; skipped: number; problems: ImportProblem[] };
}

/** When x/y columns hold lat/lon (or northing/easting) in most rows, swap the two mapped columns. */
export function swapPositionColumns(mapping: ColumnMapping): ColumnMapping {
	if (mapping.lon === undefined || mapping.lat === undefined) return mapping;
	return { ...mapping, lon: mapping.lat, lat: mapping.lon };
}

export function cellOf(row: RawRow, mapping: ColumnMapping, field: TargetField): string {
	const column = mapping[field];
	if (column === undefined) return '';
	const value = row.cells[column];
	return value === null || value === undefined ? '' : String(value).trim();
}

/** The problem with the row's name and the cell as written in its column (when the column is mapped). */
export function labelProblem(problem: RowProblem, row: RawRow, mapping: ColumnMapping): ImportProblem {
	const column = problem.field === undefined ? undefined : mapping[problem.field as TargetField];
	const labelled: ImportProblem = { ...problem, name: cellOf(row, mapping, 'name') };
	if (column !== undefined) labelled.value = cellText(row.cells[column]);
	return labelled;
}

/** A growable Float64Array: population files can hold millions of cells. */
export class FloatColumn {
	private data = new Float64Array(1024);
	length = 0;

	push(value: number): void {
		if (this.length === this.data.length) {
			const grown = new Float64Array(this.data.length * 2);
			grown.set(this.data);
			this.data = grown;
		}
		this.data[this.length++] = value;
	}

	toArray(): Float64Array {
		return this.data.slice(0, this.length);
	}
}
