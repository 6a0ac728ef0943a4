import { FileFormatError } from '../load-result';
import type { CrsId } from './crs';
import { isRecord } from '../geojson';
import { memoryTableSource, type CellValue, type RawGeometry, type RawRow, type TableSource } from './table-source';

export interface ParquetTable {
	source: TableSource;
	declaredCrs: CrsId | null;
}

/**
 * Reads a Parquet file with hyparquet (pure JS; snappy and uncompressed pages — other codecs give a clear
 * error). GeoParquet's WKB geometry column, named in the "geo" metadata, is decoded to GeoJSON by hyparquet
 * and becomes the row geometry; the other columns become cells. GeoParquet without a "crs" means WGS84.
 */
export async function readParquetTable(bytes: Uint8Array): Promise<ParquetTable> {
	const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	let objects: Record<string, unknown>[];
	let geoColumn: string | null = null;
	let declaredCrs: CrsId | null = null;
	try {
		const metadata = parquetMetadata(buffer);
		const geo = metadata.key_value_metadata?.find(({ key }) => key === 'geo')?.value;
		if (geo) ({ geoColumn, declaredCrs } = readGeoMetadata(geo));
		objects = (await parquetReadObjects({ file: buffer, metadata })) as Record<string, unknown>[];
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		throw new FileFormatError(`cannot read this Parquet file (${(error as Error).message})`);
	}
	const headers = objects.length > 0 ? Object.keys(objects[0]).filter((key) => key !== geoColumn) : [];
	const rows: RawRow[] = objects.map((object, index) => ({
		row: index + 1,
		cells: headers.map((header) => scalar(object[header])),
		geometry: geoColumn ? asGeometry(object[geoColumn]) : undefined
	}));
	return { source: memoryTableSource(headers, rows, geoColumn !== null), declaredCrs };
}

function readGeoMetadata(geo: string): { geoColumn: string | null; declaredCrs: CrsId | null } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(geo);
	} catch {
		return { geoColumn: null, declaredCrs: null };
	}
	if (!isRecord(parsed) || typeof parsed.primary_column !== 'string' || !isRecord(parsed.columns)) return { geoColumn: null, declaredCrs: null };
	const column = parsed.columns[parsed.primary_column];
	const crs = isRecord(column) ? column.crs : undefined;
	if (crs === undefined || crs === null) return { geoColumn: parsed.primary_column, declaredCrs: 'wgs84' };
	const id = isRecord(crs) && isRecord(crs.id) ? crs.id : null;
	const code = id && (typeof id.code === 'number' || typeof id.code === 'string') ? Number(id.code) : NaN;
	const declaredCrs: CrsId | null = code === 4326 || String(id?.code) === 'CRS84' ? 'wgs84' : code === 4490 ? 'cgcs2000' : Number.isFinite(code) ? `epsg:${code}` : null;
	return { geoColumn: parsed.primary_column, declaredCrs };
}

function asGeometry(value: unknown): RawGeometry | null {
	return isRecord(value) && typeof value.type === 'string' ? (value as unknown as RawGeometry) : null;
}

function scalar(value: unknown): CellValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return String(value).slice(0, 200);
}
