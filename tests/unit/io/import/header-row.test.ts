import { describe, expect, test } from 'vitest';
import { importFile, inspectFile, type FacilitiesImport } from '$lib/io/import';
import { csvTableSource } from '$lib/io/import/csv-source';
import { chooseHeaderRow } from '$lib/io/import/header-row';
import { readXlsxTable } from '$lib/io/import/xlsx-source';
import { FileFormatError } from '$lib/io/load-result';
import { expected, fixtureBytes, haversineM } from './fixtures';

const HEADER = ['序号', '机构名称', '机构类型', '所属街道', '经度', '纬度', '建筑面积（㎡）', '床位数（张）', '建设状态'];

describe('header row detection', () => {
	test('a title above the header, a blank line and a note are passed over; data rows never win', () => {
		const rows = [
			{ row: 1, cells: ['静安区社区卫生服务机构一览表', null, null] },
			{ row: 2, cells: ['填报日期：2024年6月', '面积单位：平方米'] },
			{ row: 4, cells: HEADER },
			{ row: 5, cells: ['C1', '江宁路街道社区卫生服务中心', '社区卫生服务中心', '江宁路街道', 121.44, 31.23, 5200, 100, '现有'] }
		];
		expect(chooseHeaderRow(rows, 'facilities')).toMatchObject({ row: 4, detectedRow: 4 });
		// The header is found whatever comes above it, and only among the first rows.
		expect(chooseHeaderRow(rows.slice(2), 'facilities').row).toBe(4);
		// Without a kind (or with no known column anywhere) the first row with content is the header, as before.
		expect(chooseHeaderRow(rows, null).row).toBe(1);
		expect(chooseHeaderRow([{ row: 3, cells: ['a', 'b'] }, { row: 4, cells: ['c', 'd'] }], 'facilities').row).toBe(3);
	});

	test("the planner's row wins; a row beyond the first rows with content is refused", () => {
		const rows = [
			{ row: 1, cells: ['标题', null] },
			{ row: 2, cells: HEADER }
		];
		const choice = chooseHeaderRow(rows, 'facilities', 1);
		expect(choice).toMatchObject({ row: 1, detectedRow: 2 });
		expect(choice.candidates.map((candidate) => candidate.row)).toEqual([1, 2]);
		expect(choice.candidates[1].preview).toContain('机构名称');
		expect(() => chooseHeaderRow(rows, 'facilities', 7)).toThrow(FileFormatError);
	});

	test('CSV: rows above the header are not data; row numbers are the lines of the file', async () => {
		const text = '区卫生机构清单,,\n\n名称,经度,纬度\n站一,121.4,31.2\n站二,121.5,31.3\n';
		const source = csvTableSource(text, { kind: 'facilities' });
		expect(source.headers).toEqual(['名称', '经度', '纬度']);
		expect(source.header?.row).toBe(3);
		const rows: number[] = [];
		await source.forEachRow((row) => rows.push(row.row));
		expect(rows).toEqual([4, 5]);
		expect(source.preview.map((row) => row.row)).toEqual([4, 5]);
	});
});

describe('the district list with merged title rows (fixture)', () => {
	test('XLSX: the merged title is read once, the header found on row 3, Excel row numbers kept', async () => {
		const table = await readXlsxTable(fixtureBytes('facilities-title-row.xlsx'), { kind: 'facilities' });
		expect(table.source.header).toMatchObject({ row: expected.titleRow.headerRow, detectedRow: expected.titleRow.headerRow });
		expect(table.source.header?.candidates[0]).toEqual({ row: 1, preview: '静安区社区卫生服务机构一览表（测试用合成数据）' });
		expect(table.source.headers).toEqual(HEADER);
		expect(table.source.preview[0].row).toBe(expected.titleRow.firstDataRow);
		expect(table.source.preview[0].cells[0]).toBe(expected.facilities[0].id);
	});

	for (const fileName of ['facilities-title-row.xlsx', 'facilities-title-row.csv']) {
		test(`${fileName}: inspect proposes a complete mapping; the import reads every quantity as written, keeps the non-numbers as unknown`, async () => {
			const bytes = fixtureBytes(fileName);
			const inspection = await inspectFile({ kind: 'facilities', fileName, bytes });
			expect(inspection.header?.row).toBe(expected.titleRow.headerRow);
			expect(inspection.missing).toEqual([]);
			const result = (await importFile({ kind: 'facilities', fileName, bytes, options: { crs: 'wgs84' } })) as FacilitiesImport;
			expect(result.problems).toEqual([]);
			expect(result.loaded).toBe(expected.facilities.length + expected.titleRow.unknownQuantities.length);
			for (const truth of expected.facilities) {
				const facility = result.records.find((record) => record.id === truth.id);
				expect(facility, truth.id).toBeDefined();
				expect(haversineM(truth.lon, truth.lat, facility?.lon ?? 0, facility?.lat ?? 0)).toBeLessThan(1);
				expect(facility?.areaM2, truth.id).toBe(truth.areaM2);
				expect(facility?.beds, truth.id).toBe(truth.beds);
			}
			for (const unknown of expected.titleRow.unknownQuantities) {
				const facility = result.records.find((record) => record.id === unknown.id);
				expect(facility?.areaM2).toBeNull();
				expect(facility?.beds).toBeNull();
				const warnings = result.warnings.filter((warning) => warning.row === unknown.row);
				const expectedWarnings = [
					{ field: 'area_m2', code: 'area-unknown', value: unknown.area, name: unknown.name },
					...(unknown.beds ? [{ field: 'beds', code: 'beds-unknown', value: unknown.beds, name: unknown.name }] : [])
				];
				expect(warnings.map(({ field, code, value, name }) => ({ field, code, value, name }))).toEqual(expectedWarnings);
			}
		});
	}
});
