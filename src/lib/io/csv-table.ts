import Papa from 'papaparse';
import { checkColumnCount } from './import/table-source';
import { FileFormatError } from './load-result';

export interface CsvTable {
	headers: string[];
	/** Data rows with their row number (header = row 1). */
	rows: { row: number; cells: string[] }[];
}

/** Reads CSV text with papaparse's delimiter sniffing; strips a BOM; keeps row numbers for error messages. */
export function readCsvTable(text: string, fileLabel = 'CSV'): CsvTable {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: false });
	const lines = parsed.data;
	const headerIndex = lines.findIndex((cells) => cells.some((cell) => cell.trim() !== ''));
	if (headerIndex < 0) throw new FileFormatError(`${fileLabel}: the file is empty`, 'empty-file');
	checkColumnCount(lines[headerIndex].length);
	const headers = lines[headerIndex].map((header) => header.trim());
	const rows: CsvTable['rows'] = [];
	for (let index = headerIndex + 1; index < lines.length; index++) {
		const cells = lines[index];
		if (cells.every((cell) => cell.trim() === '')) continue;
		rows.push({ row: index + 1, cells });
	}
	return { headers, rows };
}

/** Maps each wanted column name to its index in the header, or -1. */
export function columnIndexes<Name extends string>(headers: string[], wanted: readonly Name[]): Record<Name, number> {
	const lower = headers.map((header) => header.toLowerCase());
	return Object.fromEntries(wanted.map((name) => [name, lower.indexOf(name)])) as Record<Name, number>;
}
