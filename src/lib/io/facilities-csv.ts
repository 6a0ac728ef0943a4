import type { Facility } from '$lib/engine/types';
import { columnIndexes, readCsvTable } from './csv-table';
import { FACILITY_FIELDS, validateFacilityRows, type FacilityRow } from './facility-record';
import { FileFormatError, type LoadResult } from './load-result';

const REQUIRED = ['id', 'name', 'type', 'lon', 'lat'] as const;

/**
 * Reads a facilities CSV in the canonical columns (README: data formats). `rows` holds the file row of
 * each facility kept, so later warnings about a facility name its real row even after rejected rows.
 */
export function parseFacilitiesCsv(text: string): LoadResult<Facility[]> & { rows: number[] } {
	const table = readCsvTable(text, 'facilities CSV');
	const columns = columnIndexes(table.headers, FACILITY_FIELDS);
	const missing = REQUIRED.filter((name) => columns[name] < 0);
	if (missing.length > 0) throw new FileFormatError(`facilities CSV: missing column(s) ${missing.join(', ')}`);

	const rows = table.rows.map(({ row, cells }) => {
		const values: FacilityRow = {};
		for (const field of FACILITY_FIELDS) if (columns[field] >= 0) values[field] = cells[columns[field]];
		return { row, values };
	});
	const { facilities, rows: keptRows, problems } = validateFacilityRows(rows);
	return { records: facilities, rows: keptRows, loaded: facilities.length, skipped: table.rows.length - facilities.length, problems };
}
