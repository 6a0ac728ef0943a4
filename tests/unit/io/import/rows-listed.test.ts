/**
 * Every row the importer does not load as-is is listed with its row number, the field at fault and the
 * value as written (issue 24): population rows outside every sub-district, repeated cells, and notes
 * written under a table ("填表人：张三  日期：2024-05-01"), in the dialog's list and in the problems CSV.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { importFile, type FacilitiesImport, type PopulationImport } from '$lib/io/import';
import { problemsCsvText } from '$lib/components/import/problem-download';
import { fieldText, problemText } from '$lib/components/import/problem-text';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';
import { truthSubdistricts } from './fixtures';

const translateIn =
	(language: Language): Translate =>
	(id, values) =>
		(MESSAGES[language][id] ?? id).replace(/\{(\w+)\}/g, (_, key: string) => String(values?.[key] ?? `{${key}}`));
const plain = (value: string) => value;

async function population(text: string, withBoundaries = true): Promise<PopulationImport> {
	const result = await importFile({
		kind: 'population',
		fileName: 'pop.csv',
		bytes: new TextEncoder().encode(text),
		options: {},
		context: withBoundaries ? { subdistricts: truthSubdistricts() } : {}
	});
	if (result.kind !== 'population') throw new Error('wrong kind');
	return result;
}

async function facilitiesXlsx(rows: (string | number | null)[][]): Promise<FacilitiesImport> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('机构');
	for (const row of rows) sheet.addRow(row);
	const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
	const result = await importFile({ kind: 'facilities', fileName: 'f.xlsx', bytes, options: {}, context: { subdistricts: truthSubdistricts() } });
	if (result.kind !== 'facilities') throw new Error('wrong kind');
	return result;
}

function csvRows(csv: string): string[][] {
	return Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
}

// The fixture's sub-districts cover 121.425–121.465 E, 31.205–31.255 N; row 5 lies far outside them.
const POPULATION = 'lon,lat,pop\n121.440,31.210,100\n121.4400,31.2100,50\n121.450,31.230,10\n121.300,31.100,70\n';

describe('a population row outside every sub-district', () => {
	test('is loaded, counted, and listed with its row, field and the position as written', async () => {
		const result = await population(POPULATION);
		expect(result.loaded).toBe(3);
		expect(result.outsideCount).toBe(1);
		expect(result.totalPopulation).toBe(180);
		expect(result.warnings).toEqual([expect.objectContaining({ row: 5, field: 'position', code: 'cell-outside-subdistricts', value: '121.300, 31.100' })]);
		const zh = translateIn('zh-CN');
		expect(problemText(zh, result.warnings[0], plain)).toBe('不在任何街镇范围内：已载入，合计中计入“不在任何街镇内”');
		expect(problemText(translateIn('en'), result.warnings[0], plain)).toMatch(/^outside every sub-district/);
		// Said once: the result's outside count is its sentence ("1 population cell lies outside…"), not a note too.
		expect(result.notes.map((note) => note.key)).not.toContain('cellsOutside');
	});

	test('is a row of the problems CSV, in the page’s language, as kept', async () => {
		const rows = csvRows(problemsCsvText(translateIn('zh-CN'), await population(POPULATION)));
		expect(rows.find((row) => row[0] === '5')).toEqual(['5', '', '坐标', '121.300, 31.100', '不在任何街镇范围内：已载入，合计中计入“不在任何街镇内”', '已载入']);
		const en = csvRows(problemsCsvText(translateIn('en'), await population(POPULATION)));
		expect(en.find((row) => row[0] === '5')?.slice(2, 4)).toEqual(['Coordinates', '121.300, 31.100']);
	});

	test('without boundaries nothing is said to be outside', async () => {
		const result = await population(POPULATION, false);
		expect(result.outsideCount).toBeNull();
		expect(result.warnings).toEqual([]);
	});
});

describe('a repeated population cell', () => {
	test('is filed under the coordinates with the value as written (not under 经度 / X, empty)', async () => {
		const result = await population(POPULATION);
		expect(result.problems).toEqual([expect.objectContaining({ row: 3, field: 'position', code: 'duplicate-cell', value: '121.4400, 31.2100' })]);
		expect(fieldText(translateIn('zh-CN'), result.problems[0].field)).toBe('坐标');
		const rows = csvRows(problemsCsvText(translateIn('zh-CN'), result));
		expect(rows.find((row) => row[0] === '3')?.slice(2, 4)).toEqual(['坐标', '121.4400, 31.2100']);
	});

	test('an H3 cell repeated in another case is filed under the H3 column with its id', async () => {
		const result = await population('h3,pop\n8931aa428a7ffff,10\n8931AA428A7FFFF,20\n', false);
		expect(result.problems).toEqual([expect.objectContaining({ row: 3, field: 'h3', code: 'duplicate-cell', value: '8931AA428A7FFFF' })]);
	});
});

describe('a note under an XLSX table', () => {
	const header = ['编号', '名称', '类型', '经度', '纬度', '建筑面积', '床位'];
	const centre = ['F1', '静安寺社区卫生服务中心', '社区卫生服务中心', 121.445, 31.225, 3000, 20];
	const station = ['F2', '南京西路站', '社区卫生服务站', 121.455, 31.23, 200, null];

	test('is listed by row as a note below the table, not a facility, with its text; not loaded', async () => {
		const result = await facilitiesXlsx([header, centre, station, [], ['填表人：张三  日期：2024-05-01']]);
		expect(result.loaded).toBe(2);
		expect(result.skipped).toBe(1);
		expect(result.problems).toEqual([expect.objectContaining({ row: 5, code: 'note-below-table', value: '填表人：张三  日期：2024-05-01' })]);
		expect(problemText(translateIn('zh-CN'), result.problems[0], plain)).toBe('表格下方的备注行，不是机构');
		expect(problemText(translateIn('en'), result.problems[0], plain)).toBe('a note below the table, not a facility');
	});

	test('a short row inside the table keeps its own reasons; so does a last record without coordinates', async () => {
		const result = await facilitiesXlsx([header, centre, ['备注：暂停'], station, ['F3', '无坐标站', '社区卫生服务站', null, null, 100, null]]);
		expect(result.problems.map((problem) => [problem.row, problem.code])).toEqual([
			[3, 'lon-missing'],
			[3, 'missing-name'],
			[3, 'missing-type'],
			[5, 'lon-missing']
		]);
	});

	test('a population file’s footer is a note too, not a cell without residents', async () => {
		const result = await population('lon,lat,pop\n121.440,31.210,100\n制表：区卫健委\n');
		expect(result.problems).toEqual([expect.objectContaining({ row: 3, code: 'note-below-table-cell', value: '制表：区卫健委' })]);
	});
});

async function facilitiesCsv(text: string): Promise<FacilitiesImport> {
	const result = await importFile({ kind: 'facilities', fileName: 'f.csv', bytes: new TextEncoder().encode(text), options: {}, context: { subdistricts: truthSubdistricts() } });
	if (result.kind !== 'facilities') throw new Error('wrong kind');
	return result;
}

describe('a total row (合计) at the bottom of a table', () => {
	const FACILITIES =
		'编号,名称,类型,经度,纬度,建筑面积,床位\n' +
		'F1,静安寺社区卫生服务中心,社区卫生服务中心,121.445,31.225,3000,20\n' +
		'F2,南京西路站,社区卫生服务站,121.455,31.230,200,\n' +
		',合计,,,,3200,20\n';

	test('is listed once, by row, as a total row and not a facility: skipped, in both languages', async () => {
		const result = await facilitiesCsv(FACILITIES);
		expect(result.loaded).toBe(2);
		expect(result.skipped).toBe(1);
		expect(result.problems).toEqual([expect.objectContaining({ row: 4, code: 'total-row', params: { word: '合计' }, name: '合计' })]);
		expect(problemText(translateIn('zh-CN'), result.problems[0], plain)).toBe('合计行（合计），不是机构：已跳过');
		expect(problemText(translateIn('en'), result.problems[0], plain)).toBe('a total row (合计), not a facility: skipped');
		const rows = csvRows(problemsCsvText(translateIn('en'), result));
		expect(rows.filter((row) => row[0] === '4')).toHaveLength(1);
	});

	test('小计 / Subtotal / Total in the first column are total rows too; a name merely containing 总计 is not', async () => {
		const result = await facilitiesCsv(
			'名称,类型,经度,纬度,床位\n' +
				'静安寺社区卫生服务中心,社区卫生服务中心,121.445,31.225,20\n' +
				'小计（2家）,,,,20\n' +
				'Jing’an subtotal,,,,20\n' +
				'总计划生育指导站,,,,\n' +
				'南京西路站,社区卫生服务站,121.455,31.230,\n' +
				'Total:,,,,40\n'
		);
		expect(result.loaded).toBe(2);
		expect(result.skipped).toBe(4);
		expect(result.problems.map((problem) => [problem.row, problem.code, problem.params?.word])).toEqual([
			[3, 'total-row', '小计'],
			[4, 'total-row', 'subtotal'],
			[5, 'lon-missing', undefined],
			[5, 'missing-type', undefined],
			[7, 'total-row', 'Total']
		]);
	});

	test('a population file’s total row is one listed row, not a cell without a position', async () => {
		const result = await population('lon,lat,pop\n121.440,31.210,100\n121.450,31.230,10\n合计,,110\n');
		expect(result.loaded).toBe(2);
		expect(result.skipped).toBe(1);
		expect(result.problems).toEqual([expect.objectContaining({ row: 4, code: 'total-row-cell', params: { word: '合计' } })]);
		expect(problemText(translateIn('en'), result.problems[0], plain)).toBe('a total row (合计), not a population cell: skipped');
	});

	test('a sub-district feature named 总计 without a boundary is a total row', async () => {
		const square = { type: 'Polygon', coordinates: [[[121.43, 31.21], [121.44, 31.21], [121.44, 31.22], [121.43, 31.22], [121.43, 31.21]]] };
		const collection = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { name: '静安寺街道', population: 100 }, geometry: square },
				{ type: 'Feature', properties: { name: '总计', population: 100 }, geometry: null }
			]
		};
		const result = await importFile({ kind: 'subdistricts', fileName: 's.geojson', bytes: new TextEncoder().encode(JSON.stringify(collection)) });
		expect(result.loaded).toBe(1);
		expect(result.skipped).toBe(1);
		expect(result.problems).toEqual([expect.objectContaining({ row: 2, code: 'total-row-subdistrict', params: { word: '总计' } })]);
	});
});

describe('a facility outside every sub-district', () => {
	test('is filed under its position with both coordinates as written, not under 经度 / X with the longitude alone', async () => {
		const result = await facilitiesCsv('编号,名称,类型,经度,纬度\nF1,静安寺社区卫生服务中心,社区卫生服务中心,121.445,31.225\nF2,浦东站,社区卫生服务站,121.62,31.10\n');
		expect(result.loaded).toBe(2);
		expect(result.warnings).toEqual([expect.objectContaining({ row: 3, field: 'position', code: 'outside-boundaries', value: '121.62, 31.10', name: '浦东站' })]);
		expect(fieldText(translateIn('zh-CN'), result.warnings[0].field)).toBe('坐标');
		const rows = csvRows(problemsCsvText(translateIn('zh-CN'), result));
		expect(rows.find((row) => row[0] === '3')?.slice(1, 5)).toEqual(['浦东站', '坐标', '121.62, 31.10', '位置不在任何已载入的街镇范围内']);
	});

	test('a facility drawn from a GeoJSON point is listed with its loaded position', async () => {
		const collection = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: { name: '浦东站', type: '社区卫生服务站' }, geometry: { type: 'Point', coordinates: [121.62, 31.1] } }]
		};
		const bytes = new TextEncoder().encode(JSON.stringify(collection));
		const result = await importFile({ kind: 'facilities', fileName: 'f.geojson', bytes, options: {}, context: { subdistricts: truthSubdistricts() } });
		expect(result.warnings).toEqual([expect.objectContaining({ row: 1, field: 'position', code: 'outside-boundaries', value: '121.62, 31.1' })]);
	});
});
