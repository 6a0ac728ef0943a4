import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { importFile, type DatasetKind, type ImportResult } from '$lib/io/import';
import { FileFormatError } from '$lib/io/load-result';
import { unpackLines } from '$lib/io/network-pack';
import { parseOsmPbf } from '$lib/io/osm/osm-pbf';
import { parseOsmXml } from '$lib/io/osm/osm-xml';
import { geoTiffStripBomb, osmPbf, parquetClaimingRows, pbfFile, osmHeaderBlock, osmDataBlock, shapefileZipClaimingRecords } from '../../../../scripts/hostile-fixtures';
import { fixtureBytes } from './fixtures';

/**
 * One fuzz property per reader hardened for issue 26 (OSM PBF, OSM XML, GeoParquet, GeoTIFF, zipped
 * Shapefile, CSV), through importFile as the dialog's worker calls it: every input gives a FileFormatError
 * with a message or a result, and the result is bounded by what the input can hold (rows and line vertices
 * at most 8 per input byte), which a bomb or a lying header would break. FUZZ_RUNS (default 2,000 per reader,
 * seconds in CI) and FUZZ_SEED are raised by `npm run fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 2026120726);
const osmReaders = { osmXml: parseOsmXml, osmPbf: parseOsmPbf };

async function readOrRefuse(kind: DatasetKind, fileName: string, bytes: Uint8Array): Promise<ImportResult | null> {
	try {
		const result = await importFile({ kind, fileName, bytes, osmReaders });
		checkBounded(result, bytes.length);
		return result;
	} catch (error) {
		if (!(error instanceof FileFormatError)) throw error;
		expect(error.message.length).toBeGreaterThan(5);
		return null;
	}
}

/** What a result may hold given its input's size: a bomb or a lying header gives more. */
function checkBounded(result: ImportResult, inputBytes: number): void {
	const limit = inputBytes * 8 + 16;
	expect(result.loaded + result.skipped).toBeLessThanOrEqual(limit);
	if (result.kind === 'network') {
		const vertices = unpackLines(result.records).reduce((total, line) => total + line.coords.length, 0);
		expect(vertices).toBeLessThanOrEqual(limit);
		for (const line of unpackLines(result.records)) for (const [lon, lat] of line.coords) expect(Math.abs(lon) <= 180 && Math.abs(lat) <= 90).toBe(true);
	}
	if (result.kind === 'population') expect(result.records.lon.length).toBe(result.loaded);
}

/** Byte flips (offset, value), an optional cut, applied to a copy of a valid file. */
const damage = fc.record({
	flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 0, maxLength: 6 }),
	cut: fc.option(fc.nat(), { freq: 4 })
});

function damaged(bytes: Uint8Array, { flips, cut }: { flips: [number, number][]; cut: number | null }): Uint8Array {
	const copy = bytes.slice(0, cut === null ? bytes.length : Math.max(1, cut % (bytes.length + 1)));
	for (const [offset, value] of flips) copy[offset % copy.length] = value;
	return copy;
}

const coordinate = fc.oneof(fc.double({ noNaN: false }), fc.double({ min: -200, max: 200 }), fc.constantFrom(121.45, 31.23, -5000, 1e300));
const nodeId = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger(), fc.constantFrom(2 ** 53, 2 ** 60, -(2 ** 52)));
const nodes = fc.uniqueArray(fc.record({ id: nodeId, lon: coordinate, lat: coordinate }), { selector: (node) => node.id, minLength: 1, maxLength: 12 });

/** The PBF writer takes coordinates that fit its 64-bit integers (×10^7); out-of-range ones are still plenty. */
const pbfCoordinate = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -200, max: 200, noNaN: true }), fc.constantFrom(121.45, 31.23, -5000));
const pbfNodes = fc.uniqueArray(fc.record({ id: nodeId, lon: pbfCoordinate, lat: pbfCoordinate }), { selector: (node) => node.id, minLength: 1, maxLength: 12 });

const fuzz = <Values>(property: fc.IAsyncProperty<Values>) => fc.assert(property, { numRuns: RUNS, seed: SEED });

describe(`fuzz (${RUNS} inputs per reader, seed ${SEED}): a clear error or a bounded result`, () => {
	test('OSM PBF: valid files with any coordinates and ids, damaged and re-framed', async () => {
		const header = osmHeaderBlock();
		await fuzz(
			fc.asyncProperty(pbfNodes, damage, fc.boolean(), fc.boolean(), async (list, harm, raw, harmIt) => {
				const refs = list.map((node) => node.id).filter((id) => Number.isSafeInteger(id));
				const bytes = raw
					? pbfFile([
							{ type: 'OSMHeader', raw: header },
							{ type: 'OSMData', raw: osmDataBlock(list, [refs]) }
						])
					: osmPbf(list, [refs]);
				await readOrRefuse('network', 'fuzz.osm.pbf', harmIt ? damaged(bytes, harm) : bytes);
			})
		);
	});

	test('OSM XML: any coordinates, ids and damage', async () => {
		await fuzz(
			fc.asyncProperty(nodes, damage, fc.boolean(), async (list, harm, harmIt) => {
				const text = `<osm>${list.map((node) => `<node id="${node.id}" lat="${node.lat}" lon="${node.lon}"/>`).join('')}<way id="1">${list.map((node) => `<nd ref="${node.id}"/>`).join('')}<tag k="highway" v="footway"/></way></osm>`;
				const bytes = new TextEncoder().encode(text);
				await readOrRefuse('network', 'fuzz.osm', harmIt ? damaged(bytes, harm) : bytes);
			})
		);
	});

	test('GeoParquet: any declared row count, damaged footers and pages', async () => {
		await fuzz(
			fc.asyncProperty(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 })), damage, async (rows, harm) => {
				await readOrRefuse('facilities', 'fuzz.parquet', damaged(parquetClaimingRows(rows), harm));
			})
		);
	});

	test('GeoTIFF: strips of any unpacked size, damaged headers', async () => {
		// The 16 × 16 Float32 raster holds 1,024 bytes: a strip unpacking to more must be refused when intact.
		const stripBytes = [0, 1000, 1024, 1025, 4096, 256 * 1024];
		const rasters = [fixtureBytes('population-worldpop.tif'), ...stripBytes.map(geoTiffStripBomb)];
		await fuzz(
			fc.asyncProperty(fc.nat({ max: rasters.length - 1 }), damage, async (which, harm) => {
				const intact = harm.flips.length === 0 && harm.cut === null;
				const result = await readOrRefuse('population', 'fuzz.tif', intact ? rasters[which] : damaged(rasters[which], harm));
				if (intact && which > 0 && stripBytes[which - 1] > 1024) expect(result).toBeNull();
			})
		);
	});

	test('zipped Shapefile: any .dbf record count, damaged archives', async () => {
		const fixture = fixtureBytes('subdistricts-gk120-gbk.zip');
		await fuzz(
			fc.asyncProperty(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })), damage, fc.boolean(), async (records, harm, useFixture) => {
				await readOrRefuse('subdistricts', 'fuzz.zip', damaged(useFixture ? fixture : shapefileZipClaimingRecords(records), harm));
			})
		);
	});

	test('CSV: tables from 1 to 2,100 columns wide', async () => {
		await fuzz(
			fc.asyncProperty(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 8 }), weight: 40 }, { arbitrary: fc.integer({ min: 1990, max: 2100 }), weight: 1 }), fc.array(fc.constantFrom('', '121.45', '31.23', 'x', '"', '1e309'), { maxLength: 6 }), async (width, cells) => {
				const header = Array.from({ length: width }, (_, index) => ['name', 'type', 'lon', 'lat'][index] ?? `c${index}`).join(',');
				const bytes = new TextEncoder().encode(`${header}\n${cells.join(',')}\n`);
				const result = await readOrRefuse('facilities', 'fuzz.csv', bytes);
				if (width > 2000) expect(result).toBeNull();
			})
		);
	});
});
