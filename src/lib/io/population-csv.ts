import type { PopulationCells } from '$lib/engine/types';
import { readLonLat } from './coordinates';
import { columnIndexes, readCsvTable } from './csv-table';
import { numberProblem, readNumber } from './fields';
import { FileFormatError, problemAt, type LoadResult, type RowProblem } from './load-result';
import { explain } from './problem-codes';

/** Reads population cell centroids `lon,lat,pop` (README: data formats). */
export function parsePopulationCsv(text: string): LoadResult<PopulationCells> {
	const table = readCsvTable(text, 'population CSV');
	const columns = columnIndexes(table.headers, ['lon', 'lat', 'pop'] as const);
	const missing = (['lon', 'lat', 'pop'] as const).filter((name) => columns[name] < 0);
	if (missing.length > 0) throw new FileFormatError(`population CSV: missing column(s) ${missing.join(', ')}`);

	const lon = new Float64Array(table.rows.length);
	const lat = new Float64Array(table.rows.length);
	const pop = new Float64Array(table.rows.length);
	const problems: RowProblem[] = [];
	let loaded = 0;
	for (const { row, cells } of table.rows) {
		const position = readLonLat(cells[columns.lon], cells[columns.lat]);
		if (!position.ok) {
			problems.push(problemAt(row, position.field, position));
			continue;
		}
		const residents = readNumber(cells[columns.pop]);
		if (!residents.ok || residents.value < 0) {
			problems.push(problemAt(row, 'pop', residents.ok ? explain('negative-population', { value: String(residents.value) }) : numberProblem('pop', residents)));
			continue;
		}
		lon[loaded] = position.value[0];
		lat[loaded] = position.value[1];
		pop[loaded] = residents.value;
		loaded++;
	}
	return {
		records: { lon: lon.slice(0, loaded), lat: lat.slice(0, loaded), pop: pop.slice(0, loaded) },
		loaded,
		skipped: table.rows.length - loaded,
		problems
	};
}
