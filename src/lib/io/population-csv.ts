import type { PopulationCells } from '$lib/engine/types';
import { readLonLat } from './coordinates';
import { columnIndexes, readCsvTable } from './csv-table';
import { dropDuplicateCells } from './duplicate-cells';
import { readResidents } from './fields';
import { FileFormatError, problemAt, type LoadResult, type RowProblem } from './load-result';

/** Reads population cell centroids `lon,lat,pop` (README: data formats). */
export function parsePopulationCsv(text: string): LoadResult<PopulationCells> {
	const table = readCsvTable(text, 'population CSV');
	const columns = columnIndexes(table.headers, ['lon', 'lat', 'pop'] as const);
	const missing = (['lon', 'lat', 'pop'] as const).filter((name) => columns[name] < 0);
	if (missing.length > 0) throw new FileFormatError(`population CSV: missing column(s) ${missing.join(', ')}`);

	const lon = new Float64Array(table.rows.length);
	const lat = new Float64Array(table.rows.length);
	const pop = new Float64Array(table.rows.length);
	const rows = new Float64Array(table.rows.length);
	const problems: RowProblem[] = [];
	let loaded = 0;
	for (const { row, cells } of table.rows) {
		const position = readLonLat(cells[columns.lon], cells[columns.lat]);
		if (!position.ok) {
			problems.push(problemAt(row, position.field, position));
			continue;
		}
		const residents = readResidents(cells[columns.pop], 'residentsPerCell');
		if (!residents.ok) {
			problems.push(problemAt(row, 'pop', residents));
			continue;
		}
		lon[loaded] = position.value[0];
		lat[loaded] = position.value[1];
		pop[loaded] = residents.value;
		rows[loaded] = row;
		loaded++;
	}
	const distinct = dropDuplicateCells({ lon: lon.slice(0, loaded), lat: lat.slice(0, loaded), pop: pop.slice(0, loaded) }, rows, 'lon');
	const allProblems = distinct.problems.length > 0 ? [...problems, ...distinct.problems].sort((a, b) => a.row - b.row) : problems;
	return {
		records: distinct.cells,
		loaded: distinct.cells.lon.length,
		skipped: table.rows.length - distinct.cells.lon.length,
		problems: allProblems
	};
}
