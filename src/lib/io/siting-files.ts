/**
 * The planner's siting files from their bytes, the same way in the browser panel and the CLI: candidate
 * parcels through the importer (CSV in any encoding it detects, or an XLSX sheet; header under title rows,
 * column mapping, coordinate system converted to WGS84, every rejected row listed) and excluded areas as
 * GeoJSON. Whole-file problems throw FileFormatError; bad rows are listed.
 */
import type { MultiPolygonCoords } from '$lib/engine/types';
import { decodeText, detectEncoding } from './import/encoding';
import { importParcels } from './import/import-file';
import type { ImportOptions, ParcelsImport } from './import/types';
import type { LoadResult } from './load-result';
import { parseExcludedAreas } from './siting-inputs';

/** `options`: the planner's coordinate system (crs, crsChosenByPlanner), encoding, sheet or header row; default: detected. */
export function readParcelFile(fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ParcelsImport> {
	return importParcels({ fileName, bytes, options });
}

export function readExcludedFile(fileName: string, bytes: Uint8Array): LoadResult<MultiPolygonCoords[]> {
	return parseExcludedAreas(decodeText(bytes, detectEncoding(bytes).encoding), fileName);
}
