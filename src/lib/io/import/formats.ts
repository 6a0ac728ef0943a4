import { unzipSync } from 'fflate';
import { FileFormatError } from '../load-result';

/** The four kinds of data a planner can load; each replaces the same part of the dataset. */
export const DATASET_KINDS = ['facilities', 'population', 'subdistricts', 'network'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];
/**
 * What the importer reads: a dataset layer, or the site-suggestion panel's candidate parcels (a planner's
 * table read through the same pipeline, but not a layer of the dataset, so not offered in the import dialog).
 */
export type ImportKind = DatasetKind | 'parcels';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'geojson', 'shapefile-zip', 'geotiff', 'parquet', 'osm-xml', 'osm-pbf'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Which formats make sense for which kind of data (README: "Loading your own data"). */
export const FORMATS_BY_KIND: Record<ImportKind, readonly ImportFormat[]> = {
	facilities: ['csv', 'xlsx', 'geojson', 'shapefile-zip', 'parquet'],
	parcels: ['csv', 'xlsx'],
	population: ['csv', 'xlsx', 'geojson', 'geotiff', 'parquet'],
	subdistricts: ['geojson', 'shapefile-zip', 'parquet'],
	network: ['osm-pbf', 'osm-xml', 'geojson']
};

const MB = 1024 * 1024;

/**
 * Largest file accepted per format. A file is held in memory several times over while it is parsed
 * (bytes, decoded text, parsed rows), so these keep a worker well under a browser tab's ~2–4 GB; checking
 * the size before reading means nothing already loaded is lost to an out-of-memory crash.
 * .osm.pbf is the densest: scripts/bench/osm-pbf.ts measured a 60 MB extract at about 1.9 GB peak in the
 * reader when nearly every way is a street (README, Benchmarks), so the limit stays at 80 MB.
 */
export const SIZE_LIMITS_BYTES: Record<ImportFormat, number> = {
	csv: 300 * MB,
	xlsx: 60 * MB,
	geojson: 250 * MB,
	'shapefile-zip': 150 * MB,
	geotiff: 300 * MB,
	parquet: 200 * MB,
	'osm-xml': 250 * MB,
	'osm-pbf': 80 * MB
};

/** The format a file name promises (before any byte is read); null when the name says nothing. */
export function formatFromFileName(fileName: string): ImportFormat | null {
	const name = fileName.toLowerCase();
	if (name.endsWith('.osm.pbf') || name.endsWith('.pbf')) return 'osm-pbf';
	if (name.endsWith('.osm')) return 'osm-xml';
	if (name.endsWith('.csv') || name.endsWith('.txt') || name.endsWith('.tsv')) return 'csv';
	if (name.endsWith('.xlsx')) return 'xlsx';
	if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
	if (name.endsWith('.zip')) return 'shapefile-zip';
	if (name.endsWith('.tif') || name.endsWith('.tiff')) return 'geotiff';
	if (name.endsWith('.parquet') || name.endsWith('.geoparquet')) return 'parquet';
	return null;
}

/**
 * The largest size that may be read for this kind of data and file name: the named format's limit when the
 * name gives one the kind accepts, else the largest of the kind's formats (the exact check follows once the
 * format is detected from the bytes).
 */
export function sizeLimitFor(kind: ImportKind, fileName: string): { limit: number; format: ImportFormat | null } {
	const named = formatFromFileName(fileName);
	if (named && FORMATS_BY_KIND[kind].includes(named)) return { limit: SIZE_LIMITS_BYTES[named], format: named };
	return { limit: Math.max(...FORMATS_BY_KIND[kind].map((format) => SIZE_LIMITS_BYTES[format])), format: null };
}

/** The refusal for a file beyond a limit: code "too-large" with sizes in bytes, for the dialog to word. */
export function tooLargeError(sizeBytes: number, limit: number, format: ImportFormat | null): FileFormatError {
	return new FileFormatError(
		`the file is ${(sizeBytes / MB).toFixed(0)} MB; the limit for ${format ?? 'this kind of data'} is ${(limit / MB).toFixed(0)} MB ` +
			`(split the file, or clip it to the district, and load the parts)`,
		'too-large',
		{ sizeBytes, limitBytes: limit, format: format ?? '' }
	);
}

/** Throws before any reading when a file is beyond what the worker can hold. */
export function checkFileSize(format: ImportFormat, sizeBytes: number): void {
	const limit = SIZE_LIMITS_BYTES[format];
	if (sizeBytes > limit) throw tooLargeError(sizeBytes, limit, format);
}

/** The same check from the name and size alone, before the file is read into memory (main thread). */
export function checkFileSizeBeforeReading(kind: ImportKind, fileName: string, sizeBytes: number): void {
	const { limit, format } = sizeLimitFor(kind, fileName);
	if (sizeBytes > limit) throw tooLargeError(sizeBytes, limit, format);
}

/** Recognises a file by its first bytes, then its name; throws for anything the importer cannot read. */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
	const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipFormat(bytes, extension);
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || startsWith(bytes, [0x49, 0x49, 0x2b, 0x00])) {
		return 'geotiff';
	}
	if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
	if (looksLikeOsmPbf(bytes)) return 'osm-pbf';
	if (extension === 'pbf') throw new FileFormatError(`${fileName}: not an OpenStreetMap PBF file (no OSMHeader block)`);
	// An Excel workbook is a ZIP archive: a ".xlsx" that is not one is damaged or mislabelled, not a one-column CSV.
	if (extension === 'xlsx' || extension === 'xls') {
		throw new FileFormatError(`${fileName}: not a readable Excel workbook (an .xlsx file is a ZIP archive; this one is not: save it again from Excel)`, 'unrecognised-format', { name: fileName });
	}
	const firstChar = firstTextCharacter(bytes);
	if (firstChar === '{' || firstChar === '[') return 'geojson';
	if (firstChar === '<') return 'osm-xml';
	if (bytes.length > 0 && isBinary(bytes)) {
		throw new FileFormatError(`${fileName}: unrecognised binary file (expected CSV, XLSX, GeoJSON, zipped Shapefile, GeoTIFF, Parquet or OSM)`, 'unrecognised-format', { name: fileName });
	}
	return 'csv';
}

function zipFormat(bytes: Uint8Array, extension: string): ImportFormat {
	const names = listZipEntries(bytes);
	if (names.some((name) => name.startsWith('xl/'))) return 'xlsx';
	if (names.some((name) => name.toLowerCase().endsWith('.shp'))) return 'shapefile-zip';
	if (extension === 'xlsx') return 'xlsx';
	throw new FileFormatError('a ZIP archive that holds neither an Excel workbook nor a Shapefile (.shp)', 'unrecognised-format', { name: '' });
}

/** Entry names of a ZIP archive, read from its directory without decompressing anything. */
export function listZipEntries(bytes: Uint8Array): string[] {
	const names: string[] = [];
	try {
		unzipSync(bytes, {
			filter: (file) => {
				names.push(file.name);
				return false;
			}
		});
	} catch (error) {
		const detail = (error as Error).message;
		throw new FileFormatError(`damaged ZIP archive (${detail})`, 'damaged', { format: 'zip', detail });
	}
	return names;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** An .osm.pbf file starts with a 4-byte header length, then a BlobHeader whose type is "OSMHeader". */
function looksLikeOsmPbf(bytes: Uint8Array): boolean {
	if (bytes.length < 16) return false;
	const head = String.fromCharCode(...bytes.subarray(0, 24));
	return head.includes('OSMHeader');
}

function firstTextCharacter(bytes: Uint8Array): string {
	let start = 0;
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) start = 3;
	else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		// UTF-16: the first non-zero byte of the first non-blank code unit.
		for (let index = 2; index < Math.min(bytes.length, 512); index++) {
			const byte = bytes[index];
			if (byte !== 0 && byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return String.fromCharCode(byte);
		}
		return '';
	}
	for (let index = start; index < Math.min(bytes.length, 4096); index++) {
		const byte = bytes[index];
		if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return String.fromCharCode(byte);
	}
	return '';
}

/** Text files have no NUL bytes and few control characters; UTF-16 text is recognised by its BOM elsewhere. */
function isBinary(bytes: Uint8Array): boolean {
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
	const sample = bytes.subarray(0, 8192);
	let control = 0;
	for (const byte of sample) {
		if (byte === 0) return true;
		if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
	}
	return control > sample.length * 0.05;
}
