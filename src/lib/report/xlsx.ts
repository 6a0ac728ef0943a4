/**
 * The gap report as an Excel workbook: a summary sheet, one sheet per table (sub-districts, centres,
 * the scenario comparison and its sites when there is one) and the method appendix with the input files. Numbers
 * are typed numbers with a number format of the column's decimals; headers are in the report's
 * language and carry the units; every table sheet freezes its header row. Every text cell goes
 * through neutraliseFormula ($lib/engine/spreadsheet-text): names from a planner's files that start
 * with =, +, -, @, tab or CR get a leading apostrophe and stay text, never a formula.
 */
import type { Row, Workbook, Worksheet } from 'exceljs';
import { neutraliseFormula } from '$lib/engine/spreadsheet-text';
import type { GapReport } from './model';
import type { CellValue, ReportColumn, ReportItem, ReportTable } from './table';
import { reportTranslator, type Translate } from './translate';

const MAX_COLUMN_WIDTH = 60;

/** Excel number format with thousands separators and `decimals` places. */
export function numberFormat(decimals: number): string {
	return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

/** Width in Excel character units: CJK characters take two. */
function textWidth(text: string): number {
	let width = 0;
	for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
	return width;
}

async function newWorkbook(): Promise<Workbook> {
	// exceljs is large: loaded only when a workbook is written; its CommonJS export arrives as
	// `default` under Vite and Node ESM alike, but guard for a bundler that flattens it.
	const module = await import('exceljs');
	const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
	return new ExcelJS.Workbook();
}

export async function gapReportToXlsx(report: GapReport, translate: Translate = reportTranslator(report.language)): Promise<Uint8Array> {
	const workbook = await newWorkbook();
	workbook.creator = 'Health Circle (健康圈)';
	workbook.title = report.title;
	workbook.created = report.generatedAt;
	addSummarySheet(workbook, report, translate);
	addTableSheet(workbook, report.subdistricts);
	addTableSheet(workbook, report.centres);
	if (report.comparison) addTableSheet(workbook, report.comparison);
	if (report.sites) addTableSheet(workbook, report.sites);
	addAppendixSheet(workbook, report, translate);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A cell's value as written: numbers as numbers, text neutralised. */
function safeValue(value: CellValue): CellValue {
	return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/** A row of text cells (labels, names), neutralised like every other text cell. */
function addTextRow(sheet: Worksheet, values: readonly string[]): Row {
	return sheet.addRow(values.map(neutraliseFormula));
}

function setTyped(sheet: Worksheet, row: number, column: number, value: CellValue, decimals: number): void {
	const cell = sheet.getCell(row, column);
	cell.value = safeValue(value);
	if (typeof value === 'number') cell.numFmt = numberFormat(decimals);
}

function addItems(sheet: Worksheet, items: readonly ReportItem[], withSource: boolean): void {
	for (const entry of items) {
		const row = addTextRow(sheet, [entry.label]);
		setTyped(sheet, row.number, 2, entry.value, entry.decimals);
		if (withSource && entry.source) sheet.getCell(row.number, 3).value = neutraliseFormula(entry.source);
	}
}

function addSummarySheet(workbook: Workbook, report: GapReport, t: Translate): void {
	const sheet = workbook.addWorksheet(t('report.sheet.summary'));
	sheet.columns = [{ width: 58 }, { width: 44 }];
	addTextRow(sheet, [report.title]).font = { bold: true, size: 14 };
	// Dataset, scenario, threshold, date, which layers are synthetic and where each came from, on the sheet that
	// opens first: the same items as the lines above the CSV's header.
	for (const entry of report.about) addTextRow(sheet, [entry.label, entry.text]);
	for (const notice of report.notices) addTextRow(sheet, [notice]).font = { bold: true, color: { argb: 'FF8A5A00' } };
	sheet.addRow([]);
	addTextRow(sheet, [t('report.meta.item'), t('report.meta.value')]).font = { bold: true };
	addItems(sheet, report.summary, false);
}

/** Writes a table's header and rows starting at `firstRow`; returns the next free row. */
function writeTable<Row>(sheet: Worksheet, table: ReportTable<Row>, firstRow: number): number {
	sheet.getRow(firstRow).values = table.columns.map((column) => neutraliseFormula(column.header));
	sheet.getRow(firstRow).font = { bold: true };
	const rows = table.total === null ? table.rows : [...table.rows, table.total];
	rows.forEach((row, index) => {
		const rowNumber = firstRow + 1 + index;
		table.columns.forEach((column, columnIndex) => setTyped(sheet, rowNumber, columnIndex + 1, column.value(row), column.decimals));
		if (row === table.total) sheet.getRow(rowNumber).font = { bold: true };
	});
	return firstRow + 1 + rows.length;
}

function columnWidths<Row>(columns: readonly ReportColumn<Row>[], rows: readonly Row[]): number[] {
	return columns.map((column) => {
		const values = rows.map((row) => column.value(row)).map((value) => (typeof value === 'number' ? value.toFixed(column.decimals).length + 3 : textWidth(value ?? '')));
		return Math.min(MAX_COLUMN_WIDTH, Math.max(8, Math.min(textWidth(column.header), 24), ...values) + 2);
	});
}

function addTableSheet<Row>(workbook: Workbook, table: ReportTable<Row>): void {
	const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	const rows = table.total === null ? table.rows : [...table.rows, table.total];
	columnWidths(table.columns, rows).forEach((width, index) => (sheet.getColumn(index + 1).width = width));
	sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
	writeTable(sheet, table, 1);
}

function addAppendixSheet(workbook: Workbook, report: GapReport, t: Translate): void {
	const sheet = workbook.addWorksheet(t('report.sheet.appendix'), { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = [{ width: 44 }, { width: 70 }, { width: 60 }];
	addTextRow(sheet, [t('report.meta.item'), t('report.meta.value'), t('report.meta.source')]).font = { bold: true };
	// The input files follow as a typed table (counts as numbers), not as the page's sentences.
	addItems(
		sheet,
		report.appendix.filter((entry) => !entry.key.startsWith('source.')),
		true
	);
	sheet.addRow([]);
	addTextRow(sheet, [report.sources.title]).font = { bold: true, size: 12 };
	writeTable(sheet, report.sources, sheet.rowCount + 1);
}
