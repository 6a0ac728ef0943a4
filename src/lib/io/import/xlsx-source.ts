import type { CellValue as ExcelCellValue, Workbook } from 'exceljs';
import { zipSync } from 'fflate';
import { FileFormatError } from '../load-result';
import type { ImportKind } from './formats';
import { chooseHeaderRow } from './header-row';
import { checkColumnCount, headerNames, memoryTableSource, type CellValue, type RawRow, type TableSource } from './table-source';
import { unzipWithinLimits } from './zip-limits';

export interface XlsxTable {
	source: TableSource;
	sheets: string[];
	sheet: string;
}

export interface XlsxOptions {
	sheet?: string;
	/** The kind being imported: the header is the row that names its columns (see header-row.ts). */
	kind?: ImportKind;
	/** The planner's header row (Excel's row number); default: detected. */
	headerRow?: number;
}

/**
 * Reads one sheet of an .xlsx workbook with exceljs (loaded on demand: it is large). The chosen sheet, or
 * else the first with any content; the header is detected among the first rows (a merged title above it is
 * passed over); rows above the header are not data. Row numbers are Excel's own.
 */
export async function readXlsxTable(bytes: Uint8Array, options: XlsxOptions = {}): Promise<XlsxTable> {
	const sheetName = options.sheet;
	const workbook = await loadWorkbook(bytes);
	const sheets = workbook.worksheets.map((sheet) => sheet.name);
	const sheet = sheetName
		? workbook.worksheets.find((candidate) => candidate.name === sheetName)
		: workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
	if (!sheet) {
		throw new FileFormatError(sheetName ? `the workbook has no sheet named "${sheetName}"` : 'the workbook has no sheet with data');
	}
	const rows: { row: number; cells: CellValue[] }[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const values = Array.isArray(row.values) ? (row.values as ExcelCellValue[]) : [];
		// exceljs row.values is 1-based (index 0 is empty).
		const cells = values.slice(1).map(plainCell);
		for (let index = 0; index < cells.length; index++) if (cells[index] === undefined) cells[index] = null;
		// A merged range repeats its value in every cell: only its first (master) cell keeps it.
		row.eachCell((cell, column) => {
			if (cell.isMerged && cell.master !== cell) cells[column - 1] = null;
		});
		if (cells.some((cell) => cell !== null && String(cell).trim() !== '')) rows.push({ row: rowNumber, cells });
	});
	if (rows.length === 0) throw new FileFormatError(`sheet "${sheet.name}" is empty`);
	const choice = chooseHeaderRow(rows, options.kind ?? null, options.headerRow);
	const headerIndex = rows.findIndex((row) => row.row === choice.row);
	const header = rows[headerIndex];
	const data = rows.slice(headerIndex + 1);
	const width = Math.max(header.cells.length, ...data.slice(0, 1000).map((row) => row.cells.length));
	checkColumnCount(width);
	const headers = headerNames(Array.from({ length: width }, (_, index) => header.cells[index] ?? null));
	const body: RawRow[] = data.map(({ row, cells }) => ({ row, cells }));
	return { source: { ...memoryTableSource(headers, body, false), header: choice }, sheets, sheet: sheet.name };
}

async function loadWorkbook(bytes: Uint8Array): Promise<Workbook> {
	const module = await import('exceljs');
	const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
	const workbook = new ExcelJS.Workbook();
	// exceljs unpacks with JSZip, which inflates an entry whatever size it declares: the workbook is unpacked
	// here within the limits (zip-limits.ts) and handed over stored, so no entry can grow beyond its word.
	const stored = zipSync(unzipWithinLimits(bytes, 'xlsx'), { level: 0 });
	try {
		await workbook.xlsx.load(stored as unknown as Parameters<Workbook['xlsx']['load']>[0]);
	} catch (error) {
		const detail = (error as Error).message.slice(0, 200);
		throw new FileFormatError(`not a readable Excel .xlsx workbook (${detail}); old .xls files must be saved as .xlsx first`, 'damaged', { format: 'xlsx', detail });
	}
	return workbook;
}

/** Flattens exceljs's rich cell values (formulas, rich text, links, dates) to what the cell displays. */
export function plainCell(value: ExcelCellValue): CellValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if ('richText' in value) return value.richText.map((part) => part.text).join('');
	if ('hyperlink' in value) return value.text;
	if ('error' in value) return null;
	if ('result' in value) return value.result === undefined ? null : plainCell(value.result as ExcelCellValue);
	return null;
}

