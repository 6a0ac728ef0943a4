import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { importFile, type DatasetKind, type ImportOptions, type ImportResult } from '$lib/io/import';
import { FileFormatError } from '$lib/io/load-result';
import { unpackLines } from '$lib/io/network-pack';
import { truthSubdistricts } from './fixtures';

/**
 * Thousands of random and malformed inputs: the importer must either return a result in which every
 * rejected row has a reason, or throw a FileFormatError with a message. Anything else (TypeError, RangeError,
 * a hang) fails the property.
 */
async function importOrReject(kind: DatasetKind, fileName: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<void> {
	let result: ImportResult;
	try {
		result = await importFile({ kind, fileName, bytes, options, context: { subdistricts: truthSubdistricts() } });
	} catch (error) {
		if (!(error instanceof FileFormatError)) throw error;
		expect(error.message.length).toBeGreaterThan(5);
		return;
	}
	checkResult(result);
}

function checkResult(result: ImportResult): void {
	expect(result.loaded).toBeGreaterThanOrEqual(0);
	expect(result.skipped).toBeGreaterThanOrEqual(0);
	for (const problem of result.problems) {
		expect(typeof problem.reason).toBe('string');
		expect(problem.reason.trim().length).toBeGreaterThan(0);
		expect(Number.isInteger(problem.row)).toBe(true);
	}
	// Every skipped row is explained: distinct rows with a problem = skipped rows (no cap is reached here).
	// A raster reports one problem per rejected pixel, by raster row.
	if (result.format === 'geotiff') expect(result.problems.length + result.omittedProblems).toBe(result.skipped);
	else if (result.kind !== 'network') expect(new Set(result.problems.map((problem) => problem.row)).size).toBe(result.skipped);
	const positions: [number, number][] =
		result.kind === 'facilities'
			? result.records.map((facility) => [facility.lon, facility.lat])
			: result.kind === 'population'
				? Array.from(result.records.lon, (lon, index) => [lon, result.records.lat[index]])
				: result.kind === 'subdistricts'
					? result.records.flatMap((area) => area.polygons.flat(2))
					: unpackLines(result.records).flatMap((line) => line.coords);
	for (const [lon, lat] of positions) {
		expect(Number.isFinite(lon) && Math.abs(lon) <= 180).toBe(true);
		expect(Number.isFinite(lat) && Math.abs(lat) <= 90).toBe(true);
	}
	if (result.kind === 'population') {
		expect(result.records.lon.length).toBe(result.loaded);
		for (const pop of result.records.pop) expect(pop >= 0 && Number.isFinite(pop)).toBe(true);
	}
	if (result.kind === 'facilities') expect(result.records.length).toBe(result.loaded);
}

const encode = (text: string) => new TextEncoder().encode(text);

const HEADERS = ['名称', '机构名称', 'name', '类型', 'type', '经度', 'lon', 'x', '纬度', 'lat', 'y', 'pop', '常住人口', 'h3', '床位', 'beds', '面积', '状态', '编号', 'id', '街道', '', '"', 'a,b'];
const CELLS = [
	'',
	' ',
	'121.45',
	'31.23',
	'121.4',
	'31.2',
	'-5',
	'0',
	'1e309',
	'NaN',
	'Infinity',
	'１２１．４５',
	'31,2',
	'1,200',
	'abc',
	'"',
	'""',
	'\n',
	'\r\n',
	'社区卫生服务站',
	'社区卫生服务中心',
	'诊所',
	'现有',
	'拟建',
	'8a309a6c1a07fff',
	'not-a-cell',
	'642000',
	'3456000',
	'-180.5',
	'90.0001',
	'x'.repeat(300),
	'\u0000',
	'\ufeff'
];

const csvText = fc
	.record({
		header: fc.array(fc.constantFrom(...HEADERS), { minLength: 0, maxLength: 8 }),
		rows: fc.array(fc.array(fc.constantFrom(...CELLS), { maxLength: 9 }), { maxLength: 12 }),
		delimiter: fc.constantFrom(',', ';', '\t', '|'),
		newline: fc.constantFrom('\n', '\r\n', '\r')
	})
	.map(({ header, rows, delimiter, newline }) => [header, ...rows].map((cells) => cells.join(delimiter)).join(newline));

const coordinate = fc.oneof(fc.double(), fc.constantFrom(121.45, 31.23, 0, -1, 1e20), fc.constant(null), fc.string({ maxLength: 4 }));
const position = fc.oneof(fc.tuple(coordinate, coordinate), fc.array(coordinate, { maxLength: 4 }), fc.constant(null));
const geometry = fc.oneof(
	fc.record({ type: fc.constantFrom('Point', 'MultiPoint', 'LineString', 'Polygon', 'MultiPolygon', 'MultiLineString', 'GeometryCollection', 'Nope'), coordinates: fc.oneof(position, fc.array(position, { maxLength: 6 }), fc.array(fc.array(position, { maxLength: 6 }), { maxLength: 3 }), fc.array(fc.array(fc.array(position, { maxLength: 6 }), { maxLength: 2 }), { maxLength: 2 })) }),
	fc.constant(null),
	fc.jsonValue()
);
const properties = fc.oneof(fc.dictionary(fc.constantFrom(...HEADERS, 'code', 'population'), fc.oneof(fc.constantFrom(...CELLS), fc.double(), fc.jsonValue())), fc.constant(null), fc.jsonValue());
const geoJsonText = fc.oneof(
	fc.array(fc.record({ type: fc.constantFrom('Feature', 'feature', 'X'), geometry, properties }), { maxLength: 8 }).map((features) => JSON.stringify({ type: 'FeatureCollection', features })),
	fc.jsonValue().map((value) => JSON.stringify(value)),
	fc.string().map((text) => `{${text}`)
);

const RUNS = 1500;
// A fixed seed keeps CI repeatable; set FUZZ_SEED to explore other inputs (see the issue notes on a hang found this way).
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261123) });

describe('fuzz: the importer never crashes and explains every rejection', () => {
	test('random CSV-like text as facilities and population', async () => {
		await fc.assert(
			fc.asyncProperty(csvText, fc.constantFrom<DatasetKind>('facilities', 'population'), fc.constantFrom<ImportOptions>({}, { crs: 'gcj02' }, { crs: 'epsg:4549' }, { encoding: 'gb18030' }), async (text, kind, options) => {
				await importOrReject(kind, 'fuzz.csv', encode(text), options);
			}),
			{ numRuns: RUNS }
		);
	});

	test('random GeoJSON-like text as facilities, population, sub-districts and network', async () => {
		await fc.assert(
			fc.asyncProperty(geoJsonText, fc.constantFrom<DatasetKind>('facilities', 'population', 'subdistricts', 'network'), fc.constantFrom<ImportOptions>({}, { crs: 'bd09' }, { crs: 'epsg:3857' }), async (text, kind, options) => {
				await importOrReject(kind, 'fuzz.geojson', encode(text), options);
			}),
			{ numRuns: RUNS }
		);
	});

	test('arbitrary strings and bytes under every kind', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.string({ maxLength: 300 }).map(encode), fc.string({ unit: 'binary', maxLength: 300 }).map(encode), fc.uint8Array({ maxLength: 400 })),
				fc.constantFrom<DatasetKind>('facilities', 'population', 'subdistricts', 'network'),
				fc.constantFrom('data.csv', 'data.geojson', 'data.xlsx', 'data.zip', 'data.tif', 'data.osm.pbf'),
				async (bytes, kind, fileName) => {
					await importOrReject(kind, fileName, bytes);
				}
			),
			{ numRuns: RUNS }
		);
	});

	test('a Shapefile record whose length is damaged is rejected, not looped over forever (found by FUZZ_SEED=21486)', async () => {
		const { fixtureBytes } = await import('./fixtures');
		const flipped = fixtureBytes('subdistricts-gk120-gbk.zip').slice();
		for (const [offset, value] of [[1708, 199], [2041, 78], [1805, 243]]) flipped[offset] = value;
		// Those flips damage the .shp's deflate stream, which the importer now refuses as a damaged archive;
		// the .shp they produce (what a lenient unzip yields) is zipped again, consistently, to reach the reader.
		await expect(importFile({ kind: 'subdistricts', fileName: 'subdistricts.zip', bytes: flipped })).rejects.toThrow(/damaged ZIP archive \(.*\.shp holds 2888 of the 2948 bytes/);
		const bytes = zipSync(unzipSync(flipped));
		await expect(importFile({ kind: 'subdistricts', fileName: 'subdistricts.zip', bytes })).rejects.toThrow(/damaged Shapefile .* record \d+ at byte \d+/);
	});

	test('corrupted real files (random byte flips in the fixtures) are read or rejected cleanly', async () => {
		const { fixtureBytes } = await import('./fixtures');
		const fixtures: [string, DatasetKind][] = [
			['facilities.xlsx', 'facilities'],
			['subdistricts-gk120-gbk.zip', 'subdistricts'],
			['population-worldpop.tif', 'population'],
			['facilities-gbk-gcj02.csv', 'facilities'],
			['subdistricts.parquet', 'subdistricts'],
			['population-points.parquet', 'population']
		];
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...fixtures), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async ([name, kind], flips) => {
				const bytes = fixtureBytes(name).slice();
				for (const [offset, value] of flips) bytes[offset % bytes.length] = value;
				await importOrReject(kind, name, bytes);
			}),
			{ numRuns: 400 }
		);
	});
});
