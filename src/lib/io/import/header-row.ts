import { readNumber } from '../fields';
import { FileFormatError } from '../load-result';
import { detectMapping } from './column-mapping';
import type { ImportKind } from './formats';
import { cellText, headerNames, type CellValue } from './table-source';

/** How far down a header is looked for: district lists put one or two title rows above it, rarely more. */
export const HEADER_SEARCH_ROWS = 20;

/** A row that could be the header, as the dialog offers it: its row number and its first cells. */
export interface HeaderCandidate {
	row: number;
	preview: string;
}

/** The header a table was read with: the row chosen, the row detected, and the rows the planner may choose instead. */
export interface HeaderChoice {
	row: number;
	detectedRow: number;
	candidates: HeaderCandidate[];
}

interface NumberedRow {
	row: number;
	cells: readonly CellValue[];
}

/**
 * The header among the first non-blank rows: the row whose cells are mostly text and name the most known
 * columns (column-mapping's synonyms), the earliest on a tie. A merged title above the header fills one
 * cell, a data row is mostly numbers, so neither wins over a real header. When no row names any known
 * column (or no kind is given), the first non-blank row is the header. The planner's choice (a row number) wins.
 */
export function chooseHeaderRow(rows: readonly NumberedRow[], kind: ImportKind | null, requestedRow?: number): HeaderChoice {
	const searched = rows.filter((row) => row.cells.some((cell) => cellText(cell) !== '')).slice(0, HEADER_SEARCH_ROWS);
	if (searched.length === 0) throw new FileFormatError('the table is empty (or its first rows are blank)');
	let detectedRow = searched[0].row;
	let bestScore = 0;
	for (const candidate of searched) {
		const score = kind ? headerScore(candidate.cells, kind) : 0;
		if (score > bestScore) {
			bestScore = score;
			detectedRow = candidate.row;
		}
	}
	const candidates = searched.map((candidate) => ({ row: candidate.row, preview: previewText(candidate.cells) }));
	if (requestedRow === undefined) return { row: detectedRow, detectedRow, candidates };
	if (!searched.some((candidate) => candidate.row === requestedRow)) {
		throw new FileFormatError(`row ${requestedRow} cannot be the header: choose one of the first ${HEADER_SEARCH_ROWS} rows with content`);
	}
	return { row: requestedRow, detectedRow, candidates };
}

/** Known columns a row names; 0 for a row that is not mostly text or has fewer than two filled cells. */
function headerScore(cells: readonly CellValue[], kind: ImportKind): number {
	const filled = cells.filter((cell) => cellText(cell) !== '');
	const text = filled.filter((cell) => typeof cell === 'string' && !readNumber(cell).ok);
	if (text.length < 2 || text.length * 2 < filled.length) return 0;
	return Object.keys(detectMapping(headerNames(cells), kind)).length;
}

function previewText(cells: readonly CellValue[]): string {
	const text = cells.map(cellText).filter((cell) => cell !== '').slice(0, 6).join(' · ');
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
