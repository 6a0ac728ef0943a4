/**
 * Facility fixtures as Excel workbooks (exceljs): a plain one, and one laid out as district lists often are,
 * with merged title rows above the header and quantities written with units, separators and full-width digits.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { csvLine, FIXED_DATE, OUT } from './common';
import { facilities, type Truth } from './facility-truth';

/** Data on the first sheet with a title-free header, a formula and rich text; notes on a second sheet. */
export async function writeWorkbook(): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('机构清单');
	sheet.addRow(['ID', '名称', '类型', '街镇', '经度(lon)', '纬度(lat)', '面积', '床位', '状态']);
	facilities.forEach((facility, index) => {
		const row = sheet.addRow([facility.id, facility.name, facility.typeZh, facility.subdistrict, facility.lon, facility.lat, facility.areaM2, facility.beds, facility.statusZh]);
		if (index === 0) row.getCell(2).value = { richText: [{ text: facility.name.slice(0, 4), font: { bold: true } }, { text: facility.name.slice(4) }] };
		if (index === 1 && facility.beds !== null) row.getCell(8).value = { formula: `${facility.beds - 10}+10`, result: facility.beds };
	});
	const notes = workbook.addWorksheet('说明');
	notes.addRow(['本表为测试用合成数据 (synthetic test data)']);
	await saveWorkbook(workbook, 'facilities.xlsx');
}

export const TITLE_ROWS = ['静安区社区卫生服务机构一览表（测试用合成数据）', '填报日期：2024年6月　　面积单位：平方米'];
const TITLE_HEADER = ['序号', '机构名称', '机构类型', '所属街道', '经度', '纬度', '建筑面积（㎡）', '床位数（张）', '建设状态'];

/** Rows after the true facilities whose area and beds are not numbers: kept, with those fields unknown. */
export const UNKNOWN_QUANTITY_ROWS = [
	{ id: 'U1', name: '床位暂无服务站', typeZh: '社区卫生服务站', subdistrict: '江宁路街道', lon: 121.4401, lat: 31.2401, area: '约300', beds: '暂无', statusZh: '现有' },
	{ id: 'U2', name: '面积待核服务站', typeZh: '社区卫生服务站', subdistrict: '静安寺街道', lon: 121.4352, lat: 31.2153, area: '待核实', beds: '', statusZh: '现有' }
];

/** Row of the header in the title-row layouts; the data start on the next row. */
export const TITLE_HEADER_ROW = TITLE_ROWS.length + 1;

/**
 * The quantities as district lists write them (each parses to the truth): "5,200 m²", "5200平方米",
 * "１００" (full-width digits), "100张", or plain numbers.
 */
function writtenArea(facility: Truth, index: number): string | number {
	if (index % 4 === 0) return `${facility.areaM2.toLocaleString('en-US')} m²`;
	if (index % 4 === 1) return `${facility.areaM2}平方米`;
	if (index % 4 === 2) return fullWidth(String(facility.areaM2));
	return facility.areaM2;
}

function writtenBeds(facility: Truth, index: number): string | number | null {
	if (facility.beds === null) return null;
	if (index % 3 === 0) return `${facility.beds}张`;
	if (index % 3 === 1) return fullWidth(String(facility.beds));
	return facility.beds;
}

function fullWidth(digits: string): string {
	return digits.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
}

function titleLayoutRows(): (string | number | null)[][] {
	return [
		...facilities.map((facility, index) => [facility.id, facility.name, facility.typeZh, facility.subdistrict, facility.lon, facility.lat, writtenArea(facility, index), writtenBeds(facility, index), facility.statusZh]),
		...UNKNOWN_QUANTITY_ROWS.map((row) => [row.id, row.name, row.typeZh, row.subdistrict, row.lon, row.lat, row.area, row.beds, row.statusZh])
	];
}

/** Two merged title rows above the header (A1:I1, A2:I2), as exported from a district's Excel list. */
export async function writeTitleRowWorkbook(): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('机构一览');
	TITLE_ROWS.forEach((title, index) => {
		sheet.getCell(index + 1, 1).value = title;
		sheet.mergeCells(index + 1, 1, index + 1, TITLE_HEADER.length);
	});
	sheet.getRow(TITLE_HEADER_ROW).values = TITLE_HEADER;
	for (const cells of titleLayoutRows()) sheet.addRow(cells);
	await saveWorkbook(workbook, 'facilities-title-row.xlsx');
}

/** The same layout as a UTF-8 CSV (a title line and a note line above the header, as Excel saves them). */
export function writeTitleRowCsv(): void {
	const width = TITLE_HEADER.length;
	const titles = TITLE_ROWS.map((title) => [title, ...Array<null>(width - 1).fill(null)]);
	writeFileSync(join(OUT, 'facilities-title-row.csv'), '\ufeff' + [...titles, TITLE_HEADER, ...titleLayoutRows()].map(csvLine).join('\r\n') + '\r\n');
}

/**
 * exceljs's zip writer stamps the current time on every entry: the workbook is re-zipped with a fixed
 * time, so that re-running the script changes no bytes.
 */
async function saveWorkbook(workbook: ExcelJS.Workbook, fileName: string): Promise<void> {
	workbook.created = FIXED_DATE;
	workbook.modified = FIXED_DATE;
	const written = new Uint8Array(await workbook.xlsx.writeBuffer());
	writeFileSync(join(OUT, fileName), zipSync(unzipSync(written), { mtime: FIXED_DATE }));
}
