import { readFeatureCollection } from '../geojson';
import { FileFormatError } from '../load-result';
import type { CrsId } from './crs';
import { csvTableSource } from './csv-source';
import { decodeText, decodeTextPrefix, detectEncoding, type EncodingGuess, type TextEncodingName } from './encoding';
import { featureTableSource } from './feature-source';
import type { ImportKind, ImportFormat } from './formats';
import { readParquetTable } from './parquet-source';
import { readZippedShapefile } from './shapefile-source';
import type { TableSource } from './table-source';
import { readXlsxTable } from './xlsx-source';

/** The encoding the importer used, with what it had detected. */
export type EncodingReport = EncodingGuess & { used: TextEncodingName };

export interface OpenedTable {
	source: TableSource;
	encoding: EncodingReport | null;
	sheets: string[] | null;
	sheet: string | null;
	/** A coordinate system the file itself declares (Shapefile .prj, GeoParquet metadata). */
	declaredCrs: CrsId | null;
}

export interface OpenOptions {
	encoding?: TextEncodingName;
	sheet?: string;
	/** The kind being imported: CSV and XLSX headers are the row that names its columns. */
	kind?: ImportKind;
	/** CSV / XLSX: the planner's header row (1-based row number); default: detected. */
	headerRow?: number;
	/** Preview only: large CSV files are decoded just far enough for the first rows. */
	previewOnly?: boolean;
}

const PREVIEW_DECODE_BYTES = 4 * 1024 * 1024;

/** Opens any tabular or feature format as a TableSource; raster and OSM formats are not tables. */
export async function openTable(format: ImportFormat, bytes: Uint8Array, options: OpenOptions): Promise<OpenedTable> {
	switch (format) {
		case 'csv': {
			const encoding = encodingReport(bytes, options.encoding);
			const text = options.previewOnly ? decodeTextPrefix(bytes, encoding.used, PREVIEW_DECODE_BYTES) : decodeText(bytes, encoding.used);
			return { source: csvTableSource(text, { kind: options.kind, headerRow: options.headerRow }), encoding, sheets: null, sheet: null, declaredCrs: null };
		}
		case 'xlsx': {
			const table = await readXlsxTable(bytes, { sheet: options.sheet, kind: options.kind, headerRow: options.headerRow });
			return { source: table.source, encoding: null, sheets: table.sheets, sheet: table.sheet, declaredCrs: null };
		}
		case 'geojson': {
			const encoding = encodingReport(bytes, options.encoding);
			const features = readFeatureCollection(decodeText(bytes, encoding.used), 'GeoJSON');
			return { source: featureTableSource(features), encoding, sheets: null, sheet: null, declaredCrs: geoJsonCrs(bytes) };
		}
		case 'shapefile-zip': {
			const table = await readZippedShapefile(bytes, options.encoding);
			return { source: table.source, encoding: { ...table.encoding, used: table.encoding.encoding }, sheets: null, sheet: null, declaredCrs: table.declaredCrs };
		}
		case 'parquet': {
			const table = await readParquetTable(bytes);
			return { source: table.source, encoding: null, sheets: null, sheet: null, declaredCrs: table.declaredCrs };
		}
		default:
			throw new FileFormatError(`a ${format} file is not a table`);
	}
}

function encodingReport(bytes: Uint8Array, override: TextEncodingName | undefined): EncodingReport {
	const guess = detectEncoding(bytes);
	return { ...guess, used: override ?? guess.encoding };
}

/**
 * Old-style GeoJSON "crs" members (GeoJSON 2008) still appear in exports from Chinese GIS tools:
 * "urn:ogc:def:crs:EPSG::4549" or "EPSG:4549". Only the first 4 KB are looked at.
 */
function geoJsonCrs(bytes: Uint8Array): CrsId | null {
	const head = new TextDecoder().decode(bytes.subarray(0, 4096));
	const code = head.match(/"crs"\s*:\s*\{[^}]*?EPSG:{1,2}(\d{4,5})/i)?.[1];
	if (!code) return null;
	if (code === '4326' || code === '4490' || code === '84') return code === '4490' ? 'cgcs2000' : 'wgs84';
	return `epsg:${Number(code)}`;
}
