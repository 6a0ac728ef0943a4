/** Facility fixtures as Excel workbooks (exceljs). */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FIXED_DATE, OUT } from './common';
import { facilities } from './facility-truth';

/** Data on the first sheet with a title-free header, a formula and rich text; notes on a second sheet. */
export async function writeWorkbook(): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	workbook.created = FIXED_DATE;
	workbook.modified = FIXED_DATE;
	const sheet = workbook.addWorksheet('机构清单');
	sheet.addRow(['ID', '名称', '类型', '街镇', '经度(lon)', '纬度(lat)', '面积', '床位', '状态']);
	facilities.forEach((facility, index) => {
		const row = sheet.addRow([facility.id, facility.name, facility.typeZh, facility.subdistrict, facility.lon, facility.lat, facility.areaM2, facility.beds, facility.statusZh]);
		if (index === 0) row.getCell(2).value = { richText: [{ text: facility.name.slice(0, 4), font: { bold: true } }, { text: facility.name.slice(4) }] };
		if (index === 1 && facility.beds !== null) row.getCell(8).value = { formula: `${facility.beds - 10}+10`, result: facility.beds };
	});
	const notes = workbook.addWorksheet('说明');
	notes.addRow(['本表为测试用合成数据 (synthetic test data)']);
	await workbook.xlsx.writeFile(join(OUT, 'facilities.xlsx'));
}
