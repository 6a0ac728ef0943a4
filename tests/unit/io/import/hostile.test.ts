import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { importFile, importNetwork, inspectFile, type DatasetKind, type ImportResult } from '$lib/io/import';
import { unzipWithinLimits } from '$lib/io/import/zip-limits';
import { FileFormatError } from '$lib/io/load-result';
import { unpackLines } from '$lib/io/network-pack';
import { parseOsmPbf } from '$lib/io/osm/osm-pbf';
import { parseOsmXml } from '$lib/io/osm/osm-xml';
import { loadNetworkFile, UsageError } from '../../../../scripts/lib/load-inputs';
import {
	osmBadCoordinatesXml,
	osmPbf,
	osmWideIdsXml,
	parquetClaimingRows,
	pbfFile,
	pbfZlibBomb,
	osmHeaderBlock,
	shapefileZipBomb,
	shapefileZipClaimingRecords,
	shapefileZipLyingSize,
	zipWithDeclaredSize,
	geoTiffStripBomb,
	wideCsv
} from '../../../../scripts/hostile-fixtures';

/**
 * The hostile files of issue 26, each through the entry points the import dialog's worker (importFile /
 * inspectFile with the OSM readers the worker loads) and the command line (loadNetworkFile) use, with the
 * message or outcome each must give.
 */
const MB = 1024 * 1024;
const osmReaders = { osmXml: parseOsmXml, osmPbf: parseOsmPbf };

function dialogImport(kind: DatasetKind, fileName: string, bytes: Uint8Array): Promise<ImportResult> {
	return importFile({ kind, fileName, bytes, osmReaders });
}

const dialogNetwork = (fileName: string, bytes: Uint8Array) => importNetwork({ fileName, bytes, osmReaders });

async function dialogRefusal(kind: DatasetKind, fileName: string, bytes: Uint8Array): Promise<FileFormatError> {
	const error = await dialogImport(kind, fileName, bytes).then(
		() => null,
		(caught: unknown) => caught
	);
	expect(error).toBeInstanceOf(FileFormatError);
	return error as FileFormatError;
}

const directory = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function cliNetwork(fileName: string, bytes: Uint8Array | string) {
	const path = join(directory, fileName);
	writeFileSync(path, bytes);
	return { path, load: () => loadNetworkFile(path) };
}

describe('OSM PBF: blobs are held to 32 MiB and to their declared raw size (item 3)', () => {
	test('a blob that unpacks beyond 32 MiB without declaring its size is stopped at the cap', async () => {
		const bomb = pbfZlibBomb(33 * MB);
		expect(bomb.length).toBeLessThan(100 * 1024);
		const error = await dialogRefusal('network', 'bomb.osm.pbf', bomb);
		expect(error.code).toBe('inflate-limit');
		expect(error.params).toMatchObject({ format: 'osm-pbf', limitBytes: 32 * MB });
		const cli = cliNetwork('bomb.osm.pbf', bomb);
		expect(cli.load).toThrow(UsageError);
		expect(cli.load).toThrow(new RegExp(`--network ${cli.path}: the PBF blob at byte \\d+ is \\d+ bytes or more; the OSM PBF format allows at most 33554432`));
	});

	test('a blob declaring more than 32 MiB is refused before it is unpacked', async () => {
		const header = osmHeaderBlock();
		const { zlibSync } = await import('fflate');
		const bytes = pbfFile([
			{ type: 'OSMHeader', zlib: zlibSync(header), rawSize: header.length },
			{ type: 'OSMData', zlib: zlibSync(new Uint8Array(10)), rawSize: 64 * MB }
		]);
		const error = await dialogRefusal('network', 'big.osm.pbf', bytes);
		expect(error).toMatchObject({ code: 'inflate-limit', params: { limitBytes: 32 * MB } });
	});

	test('a blob that unpacks beyond the raw size it declares is refused at that size', async () => {
		const error = await dialogRefusal('network', 'lying.osm.pbf', pbfZlibBomb(1 * MB, 1000));
		expect(error).toMatchObject({ code: 'inflate-limit', params: { format: 'osm-pbf', limitBytes: 1000 } });
		expect(error.message).toMatch(/unpacks beyond its declared 1000 bytes/);
	});

	test("the pbf library's own errors (a field of wire type 7) become a clear 'damaged' refusal", async () => {
		const header = osmHeaderBlock();
		// A PrimitiveBlock field with wire type 7, which the pbf library rejects as "Unimplemented type: 7".
		const bytes = pbfFile([
			{ type: 'OSMHeader', raw: header },
			{ type: 'OSMData', raw: new Uint8Array([0x1f, 0x01, 0x02]) }
		]);
		const error = await dialogRefusal('network', 'fuzzed.osm.pbf', bytes);
		expect(error).toMatchObject({ code: 'damaged', params: { format: 'osm-pbf', detail: 'Unimplemented type: 7' } });
		expect(cliNetwork('fuzzed.osm.pbf', bytes).load).toThrow(/not a readable OSM PBF file \(Unimplemented type: 7\)/);
	});
});

describe('OSM coordinates out of range are refused and listed, like GeoJSON (item 5)', () => {
	test('.osm: lat −5000, lon 1e300 and NaN nodes are refused, the street is split there', async () => {
		const result = await dialogNetwork('bad.osm', new TextEncoder().encode(osmBadCoordinatesXml()));
		expect(result.skipped).toBe(3);
		expect(result.problems.map((problem) => [problem.row, problem.field, problem.code, problem.name])).toEqual([
			[2, 'lat', 'lat-out-of-range', 'node 2'],
			[3, 'lon', 'lon-out-of-range', 'node 3'],
			[4, 'lon', 'lon-not-number', 'node 4']
		]);
		// Only 5-6 is left of the street: nothing is drawn to or across a refused node.
		const lines = unpackLines(result.records);
		expect(lines.map((line) => line.coords)).toEqual([
			[
				[121.452, 31.232],
				[121.453, 31.233]
			]
		]);
		const cli = cliNetwork('bad.osm', osmBadCoordinatesXml()).load();
		expect(cli).toMatchObject({ skipped: 3, loaded: 1 });
	});

	test('.osm.pbf: the same nodes are refused the same way', async () => {
		const bytes = osmPbf(
			[
				{ id: 1, lon: 121.45, lat: 31.23 },
				{ id: 2, lon: 121.451, lat: -5000 },
				{ id: 3, lon: 200, lat: 31.23 },
				{ id: 4, lon: 121.452, lat: 31.232 },
				{ id: 5, lon: 121.453, lat: 31.233 }
			],
			[[1, 2, 3, 4, 5]]
		);
		const result = await dialogNetwork('bad.osm.pbf', bytes);
		expect(result.skipped).toBe(2);
		expect(result.problems.map((problem) => problem.code)).toEqual(['lat-out-of-range', 'lon-out-of-range']);
		expect(unpackLines(result.records).map((line) => line.coords.length)).toEqual([2]);
		expect(cliNetwork('bad.osm.pbf', bytes).load()).toMatchObject({ skipped: 2, loaded: 1 });
	});
});

describe('OSM node ids spanning more than 2^53 (item 14)', () => {
	test('all 231 nodes of the street are found', async () => {
		const { xml, nodeCount } = osmWideIdsXml();
		const result = await dialogNetwork('ids.osm', new TextEncoder().encode(xml));
		expect(result.skipped).toBe(0);
		const lines = unpackLines(result.records);
		expect(lines).toHaveLength(1);
		expect(lines[0].coords).toHaveLength(nodeCount);
	});

	test('an id beyond 2^53 (which doubles cannot hold exactly) is refused and listed', async () => {
		const xml = `<osm><node id="9223372036854775807" lat="31.2" lon="121.4"/><node id="1" lat="31.2" lon="121.41"/></osm>`;
		const result = await dialogNetwork('huge-id.osm', new TextEncoder().encode(xml));
		expect(result.problems).toMatchObject([{ row: 1, code: 'osm-node-id-unsafe', name: 'node 9223372036854776000' }]);
	});
});

describe('GeoParquet: a footer claiming more rows than the file can hold (item 1)', () => {
	test('a 3-row file whose footer claims 19,999,999 rows is refused before reading, in the dialog and its inspection', async () => {
		const bytes = parquetClaimingRows(19_999_999);
		expect(bytes.length).toBeLessThan(1000);
		for (const kind of ['facilities', 'population'] as const) {
			const error = await dialogRefusal(kind, 'lying.parquet', bytes);
			expect(error).toMatchObject({ code: 'claims-beyond-file', params: { format: 'parquet', claimed: 19_999_999, possible: bytes.length * 8 } });
		}
		await expect(inspectFile({ kind: 'facilities', fileName: 'lying.parquet', bytes })).rejects.toMatchObject({ code: 'claims-beyond-file' });
	});

	test('a footer claiming a few more rows than the columns hold is refused as damaged, not offered as rejected rows', async () => {
		const error = await dialogRefusal('facilities', 'short.parquet', parquetClaimingRows(5));
		expect(error.code).toBe('damaged');
		expect(error.message).toMatch(/holds 3 values, the footer declares 5 rows/);
	});

	test('the honest file still loads', async () => {
		const result = await dialogImport('facilities', 'honest.parquet', parquetClaimingRows(3));
		expect(result).toMatchObject({ loaded: 3, skipped: 0 });
	});
});

describe('zipped Shapefile: the .dbf record count and the archive sizes (items 3 and 4)', () => {
	test('a 515-byte-class archive whose .dbf claims 2 × 10^9 records is refused at once', async () => {
		const bytes = shapefileZipClaimingRecords(2_000_000_000);
		expect(bytes.length).toBeLessThan(1000);
		const error = await dialogRefusal('subdistricts', 'areas.zip', bytes);
		expect(error).toMatchObject({ code: 'claims-beyond-file', params: { format: 'shapefile-zip', claimed: 2_000_000_000, possible: 2 } });
		await expect(inspectFile({ kind: 'subdistricts', fileName: 'areas.zip', bytes })).rejects.toMatchObject({ code: 'claims-beyond-file' });
	});

	test('an archive that unpacks to more than 250 × its size (and beyond 16 MB) is refused before unpacking', async () => {
		const bytes = shapefileZipBomb(20 * MB);
		const error = await dialogRefusal('subdistricts', 'bomb.zip', bytes);
		expect(error).toMatchObject({ code: 'inflate-limit', params: { format: 'shapefile-zip', limitBytes: 16 * MB } });
	});

	test('an entry declaring more than deflate can produce from its packed bytes is refused', async () => {
		const bytes = shapefileZipLyingSize(1 * MB, 2_000_000_000);
		const error = await dialogRefusal('subdistricts', 'lying.zip', bytes);
		expect(error.code).toBe('inflate-limit');
		expect(error.message).toMatch(/ZIP entry areas\.dbf declares 2000000000 bytes/);
	});

	test('an entry declaring less than it holds is refused once it passes its declared size', async () => {
		const error = await dialogRefusal('subdistricts', 'short.zip', shapefileZipLyingSize(2 * MB, 100));
		expect(error).toMatchObject({ code: 'inflate-limit', params: { format: 'shapefile-zip', limitBytes: 100 } });
		expect(error.message).toMatch(/ZIP entry areas\.dbf unpacks to more than the 100 bytes it declares/);
	});

	test('an entry declaring more than it holds is damaged, not read short', async () => {
		const honest = shapefileZipBomb(64 * 1024);
		const error = await dialogRefusal('subdistricts', 'long.zip', zipWithDeclaredSize(honest, 'areas.dbf', 64 * 1024 + 10));
		expect(error.code).toBe('damaged');
		expect(error.message).toMatch(/areas\.dbf holds 65536 of the 65546 bytes it declares/);
	});

	test('an .xlsx whose sheet holds more than it declares is refused at its declared size (exceljs would unpack it whole)', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('机构');
		sheet.addRow(['id', 'name', 'type', 'lon', 'lat']);
		for (let index = 0; index < 200; index++) sheet.addRow([`C${index}`, `中心${index}`, 'centre', 121.44, 31.23]);
		const honest = new Uint8Array(await workbook.xlsx.writeBuffer());
		expect((await dialogImport('facilities', 'honest.xlsx', honest)).loaded).toBe(200);
		const error = await dialogRefusal('facilities', 'lying.xlsx', zipWithDeclaredSize(honest, 'xl/worksheets/sheet1.xml', 1000));
		expect(error).toMatchObject({ code: 'inflate-limit', params: { format: 'xlsx', limitBytes: 1000 } });
		expect(error.message).toMatch(/ZIP entry xl\/worksheets\/sheet1\.xml unpacks to more than the 1000 bytes it declares/);
	});
});

describe('GeoTIFF: a strip unpacks to at most rows × width × bytes per sample (item 3)', () => {
	test('a 16 × 16 Float32 raster whose strip unpacks to 4 MB is refused at 1,024 bytes', async () => {
		const bytes = geoTiffStripBomb(4 * MB);
		const error = await dialogRefusal('population', 'bomb.tif', bytes);
		expect(error).toMatchObject({ code: 'inflate-limit', params: { format: 'geotiff', limitBytes: 1024 } });
	});

	for (const compression of ['lzw', 'packBits'] as const) {
		test(`the same raster with a ${compression} strip bomb is refused at 1,024 bytes; an honest one loads`, async () => {
			const error = await dialogRefusal('population', `bomb-${compression}.tif`, geoTiffStripBomb(4 * MB, compression));
			expect(error).toMatchObject({ code: 'inflate-limit', params: { format: 'geotiff', limitBytes: 1024 } });
			const honest = await dialogImport('population', `honest-${compression}.tif`, geoTiffStripBomb(1024, compression));
			expect(honest).toMatchObject({ loaded: 0, skipped: 0, format: 'geotiff' });
		});
	}

	test('the same raster with an honest strip loads its 256 pixels', async () => {
		const result = await dialogImport('population', 'honest.tif', geoTiffStripBomb(1024));
		// Every pixel is zero (empty): read, nothing loaded, nothing rejected.
		expect(result).toMatchObject({ loaded: 0, skipped: 0, format: 'geotiff' });
	});
});

describe('wide tables are refused with a message (item 2)', () => {
	test('a CSV with 20,000 columns is refused in the inspection and the import; 2,000 columns load', async () => {
		const wide = wideCsv(20_000);
		await expect(inspectFile({ kind: 'facilities', fileName: 'wide.csv', bytes: wide })).rejects.toMatchObject({ code: 'too-many-columns', params: { columns: 20_000, limit: 2000 } });
		expect(await dialogRefusal('population', 'wide.csv', wide)).toMatchObject({ code: 'too-many-columns' });
		const inspection = await inspectFile({ kind: 'facilities', fileName: 'ok.csv', bytes: wideCsv(2000) });
		expect(inspection.headers).toHaveLength(2000);
	});

	test('an .xlsx sheet 2,001 columns wide is refused', async () => {
		const ExcelJS = (await import('exceljs')).default;
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('wide');
		sheet.addRow(Array.from({ length: 2001 }, (_, index) => (index === 0 ? 'name' : index === 1 ? 'lon' : index === 2 ? 'lat' : `c${index}`)));
		sheet.addRow(['x', 121.45, 31.23]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		expect(await dialogRefusal('facilities', 'wide.xlsx', bytes)).toMatchObject({ code: 'too-many-columns', params: { columns: 2001 } });
	});

	test('GeoJSON features with 3,000 distinct property keys are refused before a cell is made for each', async () => {
		const features = Array.from({ length: 3000 }, (_, index) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [121.45, 31.23] }, properties: { [`k${index}`]: 1 } }));
		const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
		expect(await dialogRefusal('population', 'wide.geojson', bytes)).toMatchObject({ code: 'too-many-columns', params: { columns: 3000 } });
	});
});

describe('the command line reads CSV with the same column limit (item 2)', () => {
	test('a 20,000-column facilities CSV is one line naming the file and the limit', async () => {
		const { loadInputs } = await import('../../../../scripts/lib/load-inputs');
		const path = join(directory, 'wide-facilities.csv');
		writeFileSync(path, wideCsv(20_000));
		expect(() => loadInputs({ network: null, facilities: path, population: path, subdistricts: path })).toThrow(
			new UsageError(`--facilities ${path}: the table has 20000 columns; at most 2000 can be loaded`)
		);
	});
});

describe('ZIP64 entries (sizes in the extra field)', () => {
	test('are refused with a message saying so (a file of the sizes loaded here never needs them)', () => {
		const content = new TextEncoder().encode('街道 '.repeat(500));
		const packed = deflateSync(content);
		const name = new TextEncoder().encode('a.dbf');
		const local = new Uint8Array(30 + name.length);
		const localView = new DataView(local.buffer);
		localView.setUint32(0, 0x04034b50, true);
		localView.setUint16(8, 8, true);
		localView.setUint32(18, packed.length, true);
		localView.setUint32(22, content.length, true);
		localView.setUint16(26, name.length, true);
		local.set(name, 30);
		// Central directory entry: both sizes 0xFFFFFFFF, the real ones in extra field 1 (uncompressed, then compressed).
		const central = new Uint8Array(46 + name.length + 20);
		const centralView = new DataView(central.buffer);
		centralView.setUint32(0, 0x02014b50, true);
		centralView.setUint16(10, 8, true);
		centralView.setUint32(20, 0xffffffff, true);
		centralView.setUint32(24, 0xffffffff, true);
		centralView.setUint16(28, name.length, true);
		centralView.setUint16(30, 20, true);
		centralView.setUint32(42, 0, true);
		central.set(name, 46);
		centralView.setUint16(46 + name.length, 1, true);
		centralView.setUint16(48 + name.length, 16, true);
		centralView.setBigUint64(50 + name.length, BigInt(content.length), true);
		centralView.setBigUint64(58 + name.length, BigInt(packed.length), true);
		const end = new Uint8Array(22);
		const endView = new DataView(end.buffer);
		endView.setUint32(0, 0x06054b50, true);
		endView.setUint16(8, 1, true);
		endView.setUint16(10, 1, true);
		endView.setUint32(12, central.length, true);
		endView.setUint32(16, local.length + packed.length, true);
		const zip = new Uint8Array([...local, ...packed, ...central, ...end]);
		// The ZIP64 end record is left out here, so the archive's own check finds the 0xFFFFFFFF sizes first.
		expect(() => unzipWithinLimits(zip, 'shapefile-zip')).toThrow(FileFormatError);
		const withRealSizesInHeader = zip.slice();
		new DataView(withRealSizesInHeader.buffer).setUint32(local.length + packed.length + 24, content.length, true);
		expect(() => unzipWithinLimits(withRealSizesInHeader, 'shapefile-zip')).toThrow(/damaged ZIP archive \(a ZIP64 archive: save or zip it again as a plain ZIP\)/);
	});
});
