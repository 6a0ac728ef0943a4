import { csvField } from '$lib/engine/spreadsheet-text';

/** One listed problem as the planner downloads it, already worded in the page's language. */
export interface ProblemCsvRow {
	row: number;
	name: string;
	column: string;
	value: string;
	problem: string;
	/** Rejected, or kept with the value unknown / worth a look. */
	outcome: string;
}

export const PROBLEM_CSV_COLUMNS = ['row', 'name', 'column', 'value', 'problem', 'outcome'] as const;

/**
 * The problem list as CSV for Excel on a Chinese Windows: UTF-8 with a byte-order mark (without it Excel
 * reads GBK and garbles the Chinese), CRLF line ends, RFC 4180 quoting. Names and values come from the
 * planner's file: text that a spreadsheet would run as a formula is neutralised.
 */
export function problemsToCsv(headers: Record<(typeof PROBLEM_CSV_COLUMNS)[number], string>, rows: readonly ProblemCsvRow[]): string {
	const lines = [PROBLEM_CSV_COLUMNS.map((column) => csvField(headers[column])).join(',')];
	for (const row of rows) lines.push([String(row.row), ...PROBLEM_CSV_COLUMNS.slice(1).map((column) => csvField(String(row[column])))].join(','));
	return `\ufeff${lines.join('\r\n')}\r\n`;
}
