/**
 * Candidate parcels go through the importer (issue 22 item 4): encoding, the header under a title row,
 * column mapping, the coordinate system converted to WGS84, every rejected row listed, and the parcel's
 * name and id kept through Apply and the export.
 */
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { Candidate } from '$lib/engine/siting/candidates';
import { suggestionEdits } from '$lib/engine/siting/edits';
import type { Facility } from '$lib/engine/types';
import { FileFormatError } from '$lib/io/load-result';
import { siteRows, sitesCsv } from '$lib/io/siting-export';
import { readParcelFile } from '$lib/io/siting-files';
import { describeSuggestedSite } from '$lib/app/describe-pick';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';
import { gcjForward, haversineM } from './import/fixtures';

const translateIn =
	(language: Language): Translate =>
	(id, values) =>
		(MESSAGES[language][id] ?? id).replace(/\{(\w+)\}/g, (_, key: string) => String(values?.[key] ?? `{${key}}`));

/** GBK bytes from the system's iconv: an encoder independent of the decoders under test. */
const gbk = (text: string) => new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text }));

// True WGS84 positions in Jing'an; the file holds them in GCJ-02 (the independent forward formula of the fixtures).
const TRUTH = [
	{ id: 'JA-01', name: '原华康路小学地块', lon: 121.4482, lat: 31.2291 },
	{ id: 'JA-02', name: '大宁路菜场地块', lon: 121.4571, lat: 31.2803 }
];

function gcjCsv(): string {
	const rows = TRUTH.map(({ id, name, lon, lat }) => {
		const [x, y] = gcjForward(lon, lat);
		return `${id},${name},${x.toFixed(7)},${y.toFixed(7)}`;
	});
	return ['静安区候选地块（高德坐标）,,,', '地块编号,地块名称,经度,纬度', rows[0], 'JA-03,坏经度地块,东经121度,31.23', rows[1], 'JA-01,重复编号地块,121.45,31.24', '合计,2,,', '填表人：张三  日期：2026-11-30,,,', ''].join('\r\n');
}

describe('a GCJ-02 parcel CSV in GBK with Chinese headers and a title row', () => {
	test('is decoded, its header found under the title, and every parcel converted to its true WGS84 position', async () => {
		const result = await readParcelFile('候选地块.csv', gbk(gcjCsv()), { crs: 'gcj02', crsChosenByPlanner: true });
		expect(result.encoding?.used).toBe('gb18030');
		expect(result.headerRow).toBe(2);
		expect(result.crs).toBe('gcj02');
		expect(result.crsChosenBy).toBe('planner');
		expect(result.appliedConversion).toBe('GCJ-02 → WGS84');
		expect(result.records.map(({ name, id, row }) => ({ name, id, row }))).toEqual([
			{ name: '原华康路小学地块', id: 'JA-01', row: 3 },
			{ name: '大宁路菜场地块', id: 'JA-02', row: 5 }
		]);
		result.records.forEach((parcel, i) => {
			const truth = TRUTH[i];
			// Within 1 m of the truth (gcoord inverts GCJ-02 to well under a metre), and far from the raw GCJ-02 numbers.
			expect(haversineM(parcel.lon, parcel.lat, truth.lon, truth.lat), parcel.name).toBeLessThan(1);
			const [gx, gy] = gcjForward(truth.lon, truth.lat);
			expect(haversineM(parcel.lon, parcel.lat, gx, gy)).toBeGreaterThan(400);
		});
	});

	test('every rejected row is listed with its row number and reason, and counted', async () => {
		const result = await readParcelFile('候选地块.csv', gbk(gcjCsv()), { crs: 'gcj02', crsChosenByPlanner: true });
		expect(result.loaded).toBe(2);
		expect(result.skipped).toBe(4);
		expect(result.problems.map(({ row, code, field }) => ({ row, code, field }))).toEqual([
			{ row: 4, code: 'lon-not-number', field: 'lon' },
			{ row: 6, code: 'duplicate-id', field: 'id' },
			{ row: 7, code: 'total-row-parcel', field: undefined },
			{ row: 8, code: 'note-below-table-parcel', field: undefined }
		]);
		expect(result.problems[0]).toMatchObject({ name: '坏经度地块', value: '东经121度' });
		expect(result.problems[1].reason).toBe('duplicate id "JA-01" (first on row 3)');
		expect(result.problems[3].value).toBe('填表人：张三  日期：2026-11-30');
	});

	test('without the planner\'s choice the system is a guess that says it is unsure, and nothing is converted', async () => {
		const result = await readParcelFile('候选地块.csv', gbk(gcjCsv()));
		expect(result.crs).toBe('wgs84');
		expect(result.crsChosenBy).toBe('detected');
		expect(result.crsGuess).toMatchObject({ confident: false, reason: 'geographic' });
		expect(result.appliedConversion).toBeNull();
		expect(result.notes).toContainEqual({ key: 'crsUnsure', params: { crs: 'wgs84' } });
	});
});

describe('a parcel workbook with a merged title row and a 填表人 footer', () => {
	async function workbook(): Promise<Uint8Array> {
		const book = new ExcelJS.Workbook();
		const sheet = book.addWorksheet('地块');
		sheet.addRow(['2026年静安区社区卫生服务站候选地块']);
		sheet.mergeCells('A1:D1');
		sheet.addRow(['序号', '地块名称', '经度', '纬度']);
		sheet.addRow([1, '芷江西路地块', 121.4601, 31.2602]);
		sheet.addRow([2, '共和新路地块', 121.4583, '']);
		sheet.addRow([3, '临汾路地块', 121.4562, 31.3131]);
		sheet.addRow([]);
		sheet.addRow(['填表人：李四']);
		return new Uint8Array(await book.xlsx.writeBuffer());
	}

	test('is read from the header under the title, with names, ids, and the bad row and the footer listed', async () => {
		const result = await readParcelFile('parcels.xlsx', await workbook(), { crs: 'wgs84', crsChosenByPlanner: true });
		expect(result.headerRow).toBe(2);
		expect(result.records).toEqual([
			{ lon: 121.4601, lat: 31.2602, name: '芷江西路地块', id: '1', row: 3 },
			{ lon: 121.4562, lat: 31.3131, name: '临汾路地块', id: '3', row: 5 }
		]);
		expect(result.loaded).toBe(2);
		expect(result.skipped).toBe(2);
		expect(result.problems.map(({ row, code }) => ({ row, code }))).toEqual([
			{ row: 4, code: 'lat-missing' },
			{ row: 7, code: 'note-below-table-parcel' }
		]);
		expect(result.problems[0].name).toBe('共和新路地块');
	});
});

describe('a parcel file that cannot be used at all', () => {
	test('without longitude and latitude columns is refused with the code the panel words', async () => {
		const error = await readParcelFile('bad.csv', new TextEncoder().encode('a,b\n1,2\n')).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(FileFormatError);
		expect((error as FileFormatError).code).toBe('no-lon-lat');
	});
});

describe('a parcel keeps its name and id through Apply and the export', () => {
	const parcel = (id: string | null, name: string, row: number): Candidate => ({ source: 'parcel', lon: 121.45, lat: 31.23, label: name, facilityId: null, parcel: { id, row }, subdistrict: 0 });
	const grid: Candidate = { source: 'grid', lon: 121.44, lat: 31.22, label: '', facilityId: null, subdistrict: 0 };
	const naming = (rank: number) => ({ name: `Suggested station ${rank}`, defaultNumber: rank, defaultName: 'suggested' as const });
	const today: Facility[] = [{ id: 'JA-09', name: 'Centre', type: 'centre', subdistrict: '', lon: 121.4, lat: 31.2, areaM2: 5000, beds: 100, status: 'existing', parentId: null }];

	test('Apply names the new site after its parcel and gives it the parcel\'s id when free', () => {
		const edits = suggestionEdits(
			[parcel('JA-01', '原华康路小学地块', 3), grid, parcel('JA-09', '大宁路菜场地块', 5), parcel(null, '', 6)].map((candidate, i) => ({ candidate, rank: i + 1 })),
			'station',
			today,
			naming
		);
		const added = edits.map((edit) => (edit.kind === 'add' ? { id: edit.facility.id, name: edit.facility.name, defaultNumber: edit.facility.defaultNumber } : null));
		expect(added).toEqual([
			{ id: 'JA-01', name: '原华康路小学地块', defaultNumber: undefined },
			{ id: 'suggested-2', name: 'Suggested station 2', defaultNumber: 2 },
			// JA-09 is an existing facility's id: the site keeps the parcel's name under an id of its own.
			{ id: 'suggested-3', name: '大宁路菜场地块', defaultNumber: undefined },
			// A parcel without a name or id is named like any suggested site.
			{ id: 'suggested-4', name: 'Suggested station 4', defaultNumber: 4 }
		]);
	});

	test('the map\'s tooltip names the suggested site\'s parcel by name and id, in the reader\'s language', () => {
		const mark = { lon: 121.45, lat: 31.23, rank: 1, candidate: parcel('JA-01', '原华康路小学地块', 3), newResidents: 1234 };
		expect(describeSuggestedSite(mark, translateIn('zh-CN'), 'zh-CN')).toBe('第 1 个建议站点\n地块 \u2068原华康路小学地块\u2069（\u2068JA-01\u2069）\n新增覆盖居民：1,234');
		expect(describeSuggestedSite({ ...mark, candidate: parcel(null, '', 6) }, translateIn('en'), 'en')).toBe('Suggested site 1\nParcel row 6\nResidents newly covered: 1,234');
	});

	test('the export carries the parcel\'s name and id', () => {
		const site = (candidate: Candidate) => ({ site: candidate, newResidents: 10, cumulativeResidents: 10, cumulativePct: 1 });
		const rows = siteRows([site(parcel('JA-01', '原华康路小学地块', 3)), site(grid)], [], 'zh-CN');
		expect(rows.map(({ source, candidate_id, label }) => ({ source, candidate_id, label }))).toEqual([
			{ source: 'parcel', candidate_id: 'JA-01', label: '原华康路小学地块' },
			{ source: 'grid', candidate_id: '', label: '' }
		]);
		expect(sitesCsv(rows).replace(/^\ufeff/, '').split('\n')[0]).toBe('rank,lon,lat,lon_gcj02,lat_gcj02,subdistrict_code,subdistrict_name,source,candidate_id,label,new_residents,cumulative_residents,cumulative_pct');
	});
});
