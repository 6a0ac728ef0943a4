import { CoordinateHash } from '$lib/engine/coordinate-hash';
import type { PopulationCells } from '$lib/engine/types';
import { problemAt, type RowProblem } from './load-result';
import { explain } from './problem-codes';

export interface DistinctCells {
	cells: PopulationCells;
	/** Indexes of the cells kept, in order, for callers with other per-cell arrays; null when every cell was kept. */
	kept: Int32Array | null;
	/** One problem per dropped cell, naming its row and the row it repeats. */
	problems: RowProblem[];
}

/**
 * Drops every cell at the position of an earlier one, with a problem naming both rows: a repeated file or
 * row must not double the residents. H3 ids map to one centre whatever their case, so a repeated H3 cell
 * (upper or lower case) is caught here too. Positions are compared exactly, in a typed-array hash (a
 * population file can hold millions of cells).
 */
export function dropDuplicateCells(cells: PopulationCells, rows: ArrayLike<number>, field: string): DistinctCells {
	const count = cells.lon.length;
	const hash = new CoordinateHash(new Int32Array(CoordinateHash.slotCount(count)), new Float64Array(2 * Math.max(count, 1)));
	const firstCellOfId = new Int32Array(count);
	const keep: number[] = [];
	const problems: RowProblem[] = [];
	for (let cell = 0; cell < count; cell++) {
		const before = hash.size;
		const id = hash.idOf(cells.lon[cell], cells.lat[cell]);
		if (hash.size > before) {
			firstCellOfId[id] = cell;
			keep.push(cell);
			continue;
		}
		const first = firstCellOfId[id];
		problems.push(problemAt(rows[cell], field, explain('duplicate-cell', { firstRow: String(rows[first]), value: `${cells.lon[cell]}, ${cells.lat[cell]}` })));
	}
	if (problems.length === 0) return { cells, kept: null, problems };
	const kept = Int32Array.from(keep);
	const pick = (values: Float64Array) => Float64Array.from(kept, (cell) => values[cell]);
	return { cells: { lon: pick(cells.lon), lat: pick(cells.lat), pop: pick(cells.pop) }, kept, problems };
}
