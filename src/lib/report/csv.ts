/**
 * The per-sub-district table as CSV, for Excel on a Chinese Windows: UTF-8 with a byte-order mark
 * (without it Excel reads the file as GBK and garbles the Chinese), CRLF line ends, RFC 4180 quoting,
 * headers in the report's language with units, plain numbers (no thousands separators, '.' decimals,
 * rounded like every other format) and the district total as the last row.
 */
import type { GapReport } from './model';
import type { CellValue, ReportTable } from './table';

export const CSV_BOM = '\ufeff';

/**
 * One field. Text that Excel would run as a formula (=, +, @, tab, CR at the start) gets a leading
 * apostrophe: names come from user files, and a CSV opened by double-click must not execute them.
 */
export function csvCell(value: CellValue): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = /^[=+@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function tableToCsv<Row>(table: ReportTable<Row>): string {
	const rows = table.total === null ? table.rows : [...table.rows, table.total];
	const lines = [table.columns.map((column) => csvCell(column.header)).join(',')];
	for (const row of rows) lines.push(table.columns.map((column) => csvCell(column.value(row))).join(','));
	return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** The ranked sub-district table with the district total last. */
export function gapReportToCsv(report: GapReport): string {
	return tableToCsv(report.subdistricts);
}
