import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { detectMapping, normaliseHeader } from '$lib/io/import/column-mapping';
import { csvTableSource } from '$lib/io/import/csv-source';
import { decodeText, detectEncoding } from '$lib/io/import/encoding';
import { checkFileSize, detectFormat } from '$lib/io/import/formats';
import { readXlsxTable } from '$lib/io/import/xlsx-source';
import { detectFacilityStatus, detectFacilityType } from '$lib/io/import/value-mapping';
import { FileFormatError } from '$lib/io/load-result';
import type { RawRow } from '$lib/io/import/table-source';
import { expected, fixtureBytes } from './fixtures';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** GBK bytes from the system's iconv: an encoder independent of the browser-style decoders under test. */
const gbk = (text: string) => new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text }));

describe('text encodings', () => {
	test('the GBK fixture is detected as GB18030 and decodes to the Chinese header', () => {
		const bytes = fixtureBytes('facilities-gbk-gcj02.csv');
		const guess = detectEncoding(bytes);
		expect(guess).toMatchObject({ encoding: 'gb18030', bom: false });
		expect(guess.confident).toBe(true);
		expect(decodeText(bytes, guess.encoding).split('\r\n')[0]).toBe('编号,机构名称,机构类型,所属街道,经度,纬度,建筑面积（㎡）,床位数,建设状态,上级编号');
	});

	test('UTF-8 with and without BOM, plain ASCII, UTF-16 with BOM', () => {
		expect(detectEncoding(fixtureBytes('facilities-utf8-bom.csv'))).toMatchObject({ encoding: 'utf-8', bom: true, confident: true });
		expect(detectEncoding(utf8('名称,经度\n服务站,121.4\n'))).toMatchObject({ encoding: 'utf-8', reason: 'valid-utf8', confident: true });
		expect(detectEncoding(utf8('name,lon\nA,121.4\n'))).toMatchObject({ encoding: 'utf-8', reason: 'ascii' });
		const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('名,x', (char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]).flat()]);
		expect(detectEncoding(utf16).encoding).toBe('utf-16le');
		expect(decodeText(utf16, 'utf-16le')).toBe('名,x');
		expect(decodeText(fixtureBytes('facilities-utf8-bom.csv'), 'utf-8').startsWith('id,')).toBe(true);
	});

	test('a short GBK text that is also valid UTF-8 is recognised by its characters', () => {
		// 站 is D5 BE in GBK: also a valid two-byte UTF-8 sequence (Armenian վ).
		const bytes = gbk('站,1\n');
		expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe('վ,1\n');
		const guess = detectEncoding(bytes);
		expect(guess.encoding).toBe('gb18030');
		expect(guess.confident).toBe(false);
		expect(decodeText(bytes, guess.encoding)).toBe('站,1\n');
	});
});

describe('formats', () => {
	test('recognised by content first', () => {
		expect(detectFormat('data.txt', fixtureBytes('facilities.xlsx'))).toBe('xlsx');
		expect(detectFormat('data.zip', fixtureBytes('subdistricts-gk120-gbk.zip'))).toBe('shapefile-zip');
		expect(detectFormat('pop.tif', fixtureBytes('population-worldpop.tif'))).toBe('geotiff');
		expect(detectFormat('x.json', fixtureBytes('subdistricts.geojson'))).toBe('geojson');
		expect(detectFormat('x.csv', fixtureBytes('facilities-gbk-gcj02.csv'))).toBe('csv');
		expect(detectFormat('x.osm', utf8('<?xml version="1.0"?><osm></osm>'))).toBe('osm-xml');
		expect(detectFormat('x.parquet', utf8('PAR1....'))).toBe('parquet');
	});

	test('binary junk and bad archives are rejected with a reason', () => {
		expect(() => detectFormat('x.bin', new Uint8Array([0, 1, 2, 3, 0, 0, 5]))).toThrow(/unrecognised binary/);
		expect(() => detectFormat('x.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toThrow(FileFormatError);
		expect(() => detectFormat('roads.osm.pbf', utf8('not a pbf at all'))).toThrow(/OSMHeader/);
		// Text saved under an Excel name is not read as a one-column CSV (it was, labelled "CSV").
		expect(() => detectFormat('broken.xlsx', utf8('机构名称,经度\n某中心,121.45'))).toThrow(/not a readable Excel workbook/);
		expect(() => detectFormat('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0x41, 0x42]))).toThrow(FileFormatError);
	});

	test('size limits are checked before reading', () => {
		expect(() => checkFileSize('csv', 200 * 1024 * 1024)).not.toThrow();
		expect(() => checkFileSize('csv', 400 * 1024 * 1024)).toThrow(/400 MB; the limit for csv is 300 MB/);
		expect(() => checkFileSize('osm-pbf', 60 * 1024 * 1024)).not.toThrow();
	});
});

describe('CSV tables', () => {
	async function rows(text: string): Promise<RawRow[]> {
		const all: RawRow[] = [];
		await csvTableSource(text).forEachRow((row) => all.push(row));
		return all;
	}

	test('semicolon files, quoted newlines, blank lines and row numbers like a spreadsheet', async () => {
		const source = csvTableSource('\n名称;经度;纬度\n"站\n一";121.4;31.2\n\n站二;121.5;31.3\n');
		expect(source.headers).toEqual(['名称', '经度', '纬度']);
		const read = await rows('\n名称;经度;纬度\n"站\n一";121.4;31.2\n\n站二;121.5;31.3\n');
		expect(read.map((row) => [row.row, row.cells[0]])).toEqual([
			[3, '站\n一'],
			[5, '站二']
		]);
	});

	test('chunked streaming gives the same rows as a whole read, across chunk boundaries', async () => {
		// 4 MB chunks: 120 000 rows of ~40 chars cross the boundary at least once, one with a quoted comma.
		const lines = ['lon,lat,pop'];
		for (let index = 0; index < 120_000; index++) lines.push(index === 100_000 ? `121.4,31.2,"1,000"` : `${121.4 + index * 1e-7},${31.2 + index * 1e-7},${index % 97}`);
		const read = await rows(lines.join('\n'));
		expect(read.length).toBe(120_000);
		expect(read[0].row).toBe(2);
		expect(read[119_999].row).toBe(120_001);
		expect(read[100_000].cells).toEqual(['121.4', '31.2', '1,000']);
		expect(read[54_321].cells[2]).toBe(String(54_321 % 97));
	});

	test('an empty file is a format error', () => {
		expect(() => csvTableSource('')).toThrow(FileFormatError);
		expect(() => csvTableSource('\n\n  \n')).toThrow(/empty/);
	});
});

describe('XLSX tables', () => {
	test('first sheet, Excel row numbers, formula results and rich text flattened', async () => {
		const table = await readXlsxTable(fixtureBytes('facilities.xlsx'));
		expect(table.sheets).toEqual(['机构清单', '说明']);
		expect(table.sheet).toBe('机构清单');
		const read: RawRow[] = [];
		await table.source.forEachRow((row) => read.push(row));
		expect(read.length).toBe(expected.facilities.length);
		expect(read[0].row).toBe(2);
		expect(read[0].cells[1]).toBe(expected.facilities[0].name);
		expect(read[1].cells[7]).toBe(expected.facilities[1].beds);
		const notes = await readXlsxTable(fixtureBytes('facilities.xlsx'), { sheet: '说明' });
		expect(notes.source.headers[0]).toMatch(/synthetic/);
		await expect(readXlsxTable(fixtureBytes('facilities.xlsx'), { sheet: 'nope' })).rejects.toThrow(/no sheet named/);
		await expect(readXlsxTable(utf8('PK not really'))).rejects.toThrow(FileFormatError);
	});
});

describe('column mapping', () => {
	test('Chinese headers of a typical district list', () => {
		const headers = ['序号', '机构名称', '机构类型', '所属街道', '经度', '纬度', '建筑面积（㎡）', '床位数（张）', '建设状态', '上级机构编号'];
		expect(detectMapping(headers, 'facilities')).toEqual({ id: 0, name: 1, type: 2, subdistrict: 3, lon: 4, lat: 5, area_m2: 6, beds: 7, status: 8, parent_id: 9 });
	});

	test('English and short headers; a name column that is really the sub-district name', () => {
		expect(detectMapping(['Name', 'Type', 'Longitude', 'Latitude', 'Area (m²)', 'Beds'], 'facilities')).toEqual({ name: 0, type: 1, lon: 2, lat: 3, area_m2: 4, beds: 5 });
		expect(detectMapping(['x', 'y', 'name', 'category'], 'facilities')).toEqual({ lon: 0, lat: 1, name: 2, type: 3 });
		expect(detectMapping(['机构全称', '所属街道名称', 'lng', 'lat', '类别'], 'facilities')).toMatchObject({ subdistrict: 1, lon: 2, lat: 3, type: 4 });
	});

	test('population and sub-district files', () => {
		expect(detectMapping(['lon', 'lat', '常住人口(人)'], 'population')).toEqual({ lon: 0, lat: 1, pop: 2 });
		expect(detectMapping(['h3_index', 'population'], 'population')).toEqual({ h3: 0, pop: 1 });
		expect(detectMapping(['街道代码', '街道名称', 'name_en', '常住人口'], 'subdistricts')).toEqual({ code: 0, name: 1, name_en: 2, population: 3 });
	});

	test('header normalisation drops units, brackets and spacing', () => {
		expect(normaliseHeader('建筑面积（㎡）')).toBe('建筑面积');
		expect(normaliseHeader(' Area (m²) ')).toBe('area');
		expect(normaliseHeader('area_m2')).toBe('area');
	});
});

describe('value mapping', () => {
	test('facility types as Shanghai lists write them', () => {
		const cases: [string, string | null][] = [
			['社区卫生服务中心', 'centre'],
			['静安寺街道社区卫生服务中心', 'centre'],
			['社区卫生服务分中心', 'branch'],
			['分中心', 'branch'],
			['社区卫生服务站', 'station'],
			['卫生站', 'station'],
			['服务站', 'station'],
			['村卫生室', 'village_clinic'],
			['区级医院', 'hospital'],
			['医院', 'hospital'],
			['Community Health Service Center', 'centre'],
			['village clinic', 'village_clinic'],
			['station', 'station'],
			['诊所', null],
			['', null]
		];
		for (const [raw, canonical] of cases) expect([raw, detectFacilityType(raw)]).toEqual([raw, canonical]);
	});

	test('statuses of the 2023 plan', () => {
		const cases: [string, string | null][] = [
			['现有', 'existing'],
			['在建', 'under_construction'],
			['启动建设', 'construction_starting'],
			['调整优化', 'plan_adjusting'],
			['调整优化建设规划', 'plan_adjusting'],
			['过渡用房', 'transitional'],
			['拟建', 'proposed'],
			['', 'existing'],
			['不详', null]
		];
		for (const [raw, canonical] of cases) expect([raw, detectFacilityStatus(raw)]).toEqual([raw, canonical]);
	});
});
