import { clip, readNumber } from '../fields';
import { FileFormatError, problemAt, type RowProblem } from '../load-result';
import type { Explained } from '../problem-codes';
import { detectMapping, missingFields, sanitiseMapping, type ColumnMapping, type TargetField } from './column-mapping';
import { guessCrs, type CrsGuess } from './crs-guess';
import { conversionLabel, type CrsId } from './crs';
import type { ImportKind, ImportFormat } from './formats';
import type { OpenedTable } from './open-source';
import type { ShiftCheck } from './shift-detection';
import type { CrsChoice, ImportNote, ImportProblem, ImportSummary } from './types';
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
export function resolveMapping(requested: ColumnMapping | undefined, source: TableSource, kind: ImportKind): ColumnMapping {
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
	chosenBy: CrsChoice;
}

/**
 * Declared by the planner > declared by the file > guessed from the values. `chosenByPlanner` says whether
 * `requested` is the planner's own choice or the dialog passing back what it was shown (the provenance
 * differs, the system does not). A file's declaration stays the guess whatever is requested.
 */
export function resolveCrs(requested: CrsId | undefined, declaredByFile: CrsId | null, samples: readonly [number, number][], chosenByPlanner = false): ResolvedCrs {
	const guess: CrsGuess = declaredByFile ? { crs: declaredByFile, confident: true, reason: 'declared', swapped: false } : guessCrs(samples);
	const notes: ImportNote[] = [];
	if (requested) return { crs: requested, guess, notes, chosenBy: chosenByPlanner ? 'planner' : declaredByFile === requested ? 'file' : 'detected' };
	if (declaredByFile) {
		notes.push({ key: 'crsFromFile', params: { crs: declaredByFile } });
		return { crs: declaredByFile, guess, notes, chosenBy: 'file' };
	}
	if (guess.swapped) notes.push({ key: 'columnsSwapped' });
	if (!guess.confident) notes.push({ key: 'crsUnsure', params: { crs: guess.crs } });
	return { crs: guess.crs, guess, notes, chosenBy: 'detected' };
}

/** At most this many filled cells make a row that may be a note under the table rather than a record. */
const NOTE_MAX_CELLS = 2;

/**
 * Whether a row has something that reads as a position: a number in the x/y (or lon/lat) columns, an
 * H3-shaped id, or a geometry. A footer written across the first column ("制表：区卫健委" in the x column)
 * has none.
 */
export function rowHasPosition(row: RawRow, mapping: ColumnMapping): boolean {
	if (mapping.lon !== undefined || mapping.lat !== undefined) return readNumber(cellOf(row, mapping, 'lon')).ok || readNumber(cellOf(row, mapping, 'lat')).ok;
	if (mapping.h3 !== undefined) return /^[0-9a-f]{15}$/i.test(cellOf(row, mapping, 'h3'));
	return row.geometry !== null && row.geometry !== undefined;
}

function filledTexts(row: RawRow): string[] {
	return row.cells.map(cellText).filter((text) => text !== '');
}

/**
 * A total or subtotal row ("合计", "小计", "总计", "Total", "Subtotal", "Sum") in the name column or the
 * first column: the word as written, else null. A Chinese word counts when nothing but punctuation, a space,
 * a figure or a bracket follows it ("静安区合计", "合计：", "小计（12家）"; not "总计划生育站"); an English
 * one when the cell is the word, possibly after a place and before a colon, bracket or figure ("Jing'an
 * subtotal", "Total: 12"; not "Total Health Clinic").
 */
export function totalRowWord(row: RawRow, mapping: ColumnMapping): string | null {
	for (const text of [cellOf(row, mapping, 'name'), cellText(row.cells[0]).trim()]) {
		const chinese = /(合计|小计|总计)(?=$|[\s:：,，、（(\d])/u.exec(text);
		if (chinese) return chinese[1];
		const english = /^(?:[\p{L}'’.\- ]{0,40}\s)?((?:grand\s+|sub-?)?(?:total|sum))\s*(?:[:：(（\d].*)?$/iu.exec(text);
		if (english) return english[1];
	}
	return null;
}

/**
 * Rows that are not records, each listed once for what it is rather than for the fields it lacks:
 * - a total or subtotal row ("合计" with summed beds and no position; see totalRowWord), wherever it stands;
 * - a note below the table: a footer such as "填表人：张三  日期：2024-05-01" fills one or two cells, at least
 *   one of them text, and has no position. A rejected row of that shape is held back until a later row with a
 *   position shows it was inside the table after all (its own problems are then listed); those still held at
 *   the end are listed as a note below the table, with the note as written.
 * Either way the row is listed, counted as skipped and not loaded: nothing is dropped silently.
 */
export class NotesBelowTable {
	private held: ImportProblem[][] = [];
	private heldRows: RawRow[] = [];

	constructor(
		private readonly list: ProblemList,
		private readonly mapping: ColumnMapping,
		/** What such a row is said to be: a note below the table, not a facility (or not a population cell). */
		private readonly note: Explained,
		/** What a total row is said to be, given the total word as written: not a facility (or not a population cell). */
		private readonly totalRow: (word: string) => Explained
	) {}

	/** A row that has a position: the table goes on below any row held so far. */
	sawPosition(): void {
		for (const problems of this.held) this.list.addAll(problems);
		this.held = [];
		this.heldRows = [];
	}

	/** A rejected row with its problems: listed now (as a total row when it is one), or held when it may be a note below the table. */
	reject(row: RawRow, hasPosition: boolean, problems: readonly ImportProblem[]): void {
		if (hasPosition) this.sawPosition();
		const word = hasPosition ? null : totalRowWord(row, this.mapping);
		if (word !== null) {
			this.list.add(totalRowProblem(row, this.mapping, this.totalRow(word)));
			return;
		}
		const texts = filledTexts(row);
		const noteShaped = !hasPosition && texts.length > 0 && texts.length <= NOTE_MAX_CELLS && texts.some((text) => !readNumber(text).ok);
		if (!noteShaped) {
			this.list.addAll(problems);
			return;
		}
		this.held.push([...problems]);
		this.heldRows.push(row);
	}

	/** The end of the file: every row still held lies below the table's last record. */
	finish(): void {
		for (const row of this.heldRows) this.list.add({ ...problemAt(row.row, undefined, this.note), name: '', value: clip(filledTexts(row).join(' · '), 120) });
		this.held = [];
		this.heldRows = [];
	}
}

/** One listed problem for a total row: its name (or first cell) as written, no field at fault. */
export function totalRowProblem(row: RawRow, mapping: ColumnMapping, explained: Explained): ImportProblem {
	return { ...problemAt(row.row, undefined, explained), name: cellOf(row, mapping, 'name'), value: clip(filledTexts(row).join(' · '), 120) };
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
		crsChosenBy: resolved.chosenBy,
		appliedConversion: conversionLabel(resolved.crs),
		mapping: read.mapping,
		headers: opened.source.headers,
		records: read.records,
		loaded: read.loaded,
		skipped: read.rowCount - read.loaded,
		problems: read.problems.sorted(),
		omittedProblems: read.problems.omitted,
		warnings: [] as ImportProblem[],
		omittedWarnings: 0,
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

/**
 * The problem with the row's name and the cell as written in its column (when the column is mapped); a
 * problem of the position ("position") with both cells as written, "x, y".
 */
export function labelProblem(problem: RowProblem, row: RawRow, mapping: ColumnMapping): ImportProblem {
	const labelled: ImportProblem = { ...problem, name: cellOf(row, mapping, 'name') };
	if (problem.field === 'position') {
		if (mapping.lon !== undefined && mapping.lat !== undefined) labelled.value = `${cellText(row.cells[mapping.lon])}, ${cellText(row.cells[mapping.lat])}`;
		return labelled;
	}
	const column = problem.field === undefined ? undefined : mapping[problem.field as TargetField];
	if (column !== undefined) labelled.value = cellText(row.cells[column]);
	return labelled;
}

/** A loaded position (WGS84), for a row drawn from a geometry: the file has no single cell to quote. */
export function formatPosition(lon: number, lat: number): string {
	return `${Number(lon.toFixed(6))}, ${Number(lat.toFixed(6))}`;
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
