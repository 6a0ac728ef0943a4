/**
 * The planner's siting files from their bytes, the same way in the browser panel and the CLI:
 * candidate parcels as CSV (any encoding the importer detects) or the first sheet of an XLSX, and
 * excluded areas as GeoJSON. Whole-file problems throw FileFormatError; bad rows are listed.
 */
import type { MultiPolygonCoords } from '$lib/engine/types';
import type { ParcelInput } from '$lib/engine/siting/candidates';
import { readCsvTable } from './csv-table';
import { decodeText, detectEncoding } from './import/encoding';
import type { RawRow } from './import/table-source';
import { readXlsxTable } from './import/xlsx-source';
import type { LoadResult } from './load-result';
import { parseExcludedAreas, parseParcelRows } from './siting-inputs';

export async function readParcelFile(fileName: string, bytes: Uint8Array): Promise<LoadResult<ParcelInput[]>> {
	if (fileName.toLowerCase().endsWith('.xlsx')) {
		const table = await readXlsxTable(bytes);
		const rows: RawRow[] = [];
		await table.source.forEachRow((row) => rows.push(row));
		return parseParcelRows(table.source.headers, rows, fileName);
	}
	const table = readCsvTable(decodeText(bytes, detectEncoding(bytes).encoding), fileName);
	return parseParcelRows(table.headers, table.rows, fileName);
}

export function readExcludedFile(fileName: string, bytes: Uint8Array): LoadResult<MultiPolygonCoords[]> {
	return parseExcludedAreas(decodeText(bytes, detectEncoding(bytes).encoding), fileName);
}
