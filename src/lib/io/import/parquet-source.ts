import { FileFormatError } from '../load-result';
import type { CrsId } from './crs';
import { isRecord } from '../geojson';
import { checkColumnCount, memoryTableSource, type CellValue, type RawGeometry, type RawRow, type TableSource } from './table-source';

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
	const { parquetMetadata, parquetReadObjects, snappyUncompress } = await import('hyparquet');
	// Snappy expands at most ~21×: a page header claiming more is refused before its buffer is allocated.
	const compressors = {
		SNAPPY: (input: Uint8Array, outputLength: number) => {
			const limitBytes = input.length * SNAPPY_MAX_RATIO + 64;
			if (outputLength > limitBytes) {
				throw new FileFormatError(
					`a Parquet page of ${input.length} compressed bytes claims ${outputLength} bytes unpacked; Snappy allows at most ${limitBytes}`,
					'inflate-limit',
					{ format: 'parquet', limitBytes }
				);
			}
			const output = new Uint8Array(outputLength);
			snappyUncompress(input, output);
			return output;
		}
	};
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	let columns: Map<string, unknown[]>;
	let geoColumn: string | null = null;
	let declaredCrs: CrsId | null = null;
	try {
		const metadata = parquetMetadata(buffer);
		checkMetadata(metadata, buffer.byteLength);
		const geo = metadata.key_value_metadata?.find(({ key }) => key === 'geo')?.value;
		if (geo) ({ geoColumn, declaredCrs } = readGeoMetadata(geo));
		// One column at a time: when several damaged columns fail together, hyparquet's parallel read can leave
		// a rejection unobserved; column by column, every failure reaches this catch.
		columns = new Map();
		const names = topLevelColumns(metadata);
		checkColumnCount(names.length);
		for (const name of names) {
			const objects = (await parquetReadObjects({ file: buffer, metadata, columns: [name], compressors })) as Record<string, unknown>[];
			columns.set(name, objects.map((object) => object[name]));
		}
		// Every column must hold a value (or a null) for every row the footer declares: fewer means the
		// footer lies, and its missing rows must not become thousands of "rejected" rows.
		const declared = Number(metadata.num_rows);
		for (const [name, values] of columns) {
			const present = values.reduce<number>((count, value) => (value === undefined ? count : count + 1), 0);
			if (present !== declared) throw damaged(`column "${name}" holds ${present} values, the footer declares ${declared} rows`);
		}
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		const detail = (error as Error).message.slice(0, 200);
		throw new FileFormatError(`cannot read this Parquet file (${detail})`, 'damaged', { format: 'parquet', detail });
	}
	const rowCount = Math.max(0, ...[...columns.values()].map((values) => values.length));
	const headers = [...columns.keys()].filter((key) => key !== geoColumn);
	const rows: RawRow[] = Array.from({ length: rowCount }, (_, index) => ({
		row: index + 1,
		cells: headers.map((header) => scalar(columns.get(header)?.[index])),
		geometry: geoColumn ? asGeometry(columns.get(geoColumn)?.[index]) : undefined
	}));
	return { source: memoryTableSource(headers, rows, geoColumn !== null), declaredCrs };
}

/** Rows beyond this are refused up front: every row becomes an object, and no district needs more. */
const MAX_ROWS = 20_000_000;
/**
 * Rows a Parquet file can hold per byte. A row needs at least one bit in some column (positions differ from
 * row to row; a column that is the same on every row compresses to nothing), so a file holds at most 8 rows
 * per byte: a 731-byte footer claiming 19,999,999 rows is refused before anything is allocated for them.
 */
const MAX_ROWS_PER_BYTE = 8;
/** Snappy's largest expansion: a 3-byte copy op yields at most 64 bytes. */
const SNAPPY_MAX_RATIO = 22;

function damaged(detail: string): FileFormatError {
	return new FileFormatError(`this Parquet file is damaged (${detail})`, 'damaged', { format: 'parquet', detail });
}

type Metadata = ReturnType<typeof import('hyparquet').parquetMetadata>;

/**
 * Sanity checks before reading. A damaged footer can make the reader loop on a bogus repetition level or
 * allocate arrays of hundreds of millions of entries, which crashes a browser tab instead of throwing;
 * these checks turn the damage seen in fuzzing into a clear error first.
 */
function checkMetadata(metadata: Metadata, byteLength: number): void {
	const rows = Number(metadata.num_rows);
	if (!Number.isFinite(rows) || rows < 0) throw damaged('row count');
	const possible = byteLength * MAX_ROWS_PER_BYTE;
	if (rows > possible) {
		throw new FileFormatError(`this Parquet file claims ${rows} rows, but ${byteLength} bytes can hold at most ${possible}: damaged or forged footer`, 'claims-beyond-file', {
			format: 'parquet',
			claimed: rows,
			possible
		});
	}
	if (rows > MAX_ROWS) throw new FileFormatError(`this Parquet file has ${rows} rows; at most ${MAX_ROWS} can be loaded`);
	metadata.schema.slice(1).forEach((element) => {
		if (element.repetition_type === undefined) throw damaged(`column "${element.name}" has no repetition type`);
		if (!element.num_children && element.type === undefined) throw damaged(`column "${element.name}" has no type`);
	});
	const leafNames = new Set(leafPaths(metadata.schema));
	let groupRows = 0;
	for (const group of metadata.row_groups) {
		groupRows += Number(group.num_rows);
		for (const column of group.columns) {
			const meta = column.meta_data;
			if (!meta) continue;
			const start = Number(meta.data_page_offset);
			const size = Number(meta.total_compressed_size);
			if (!(start >= 0 && size >= 0 && start + size <= byteLength)) throw damaged('a column chunk lies outside the file');
			if (Number(meta.num_values) > MAX_ROWS * 4) throw damaged('value count');
			if (!leafNames.has(meta.path_in_schema.join('.'))) throw damaged('a column chunk names no column of the schema');
		}
	}
	if (groupRows !== rows) throw damaged('row groups do not add up to the row count');
}

/** Dotted paths of the leaf columns, as column chunks name them. */
function leafPaths(schema: Metadata['schema']): string[] {
	const paths: string[] = [];
	let index = 1;
	const walk = (prefix: string[]) => {
		const element = schema[index++];
		if (!element) return;
		const path = [...prefix, element.name];
		if (!element.num_children) paths.push(path.join('.'));
		for (let child = 0; child < (element.num_children ?? 0); child++) walk(path);
	};
	while (index < schema.length) walk([]);
	return paths;
}

/** Names of the top-level columns (nested groups count once, by their group name). */
function topLevelColumns(metadata: Metadata): string[] {
	const names: string[] = [];
	const schema = metadata.schema;
	for (let index = 1; index < schema.length; index++) {
		names.push(schema[index].name);
		index += countDescendants(schema, index);
	}
	return names;
}

function countDescendants(schema: Metadata['schema'], index: number): number {
	let count = 0;
	for (let child = 0; child < (schema[index].num_children ?? 0); child++) {
		const position = index + count + 1;
		count += 1 + countDescendants(schema, position);
	}
	return count;
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
