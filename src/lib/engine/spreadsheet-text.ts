/**
 * Text bound for a spreadsheet (CSV or XLSX), made safe to open. Names in the exports come from a
 * planner's own files; Excel, WPS and LibreOffice run a text cell that starts with =, +, -, @ (and,
 * per OWASP's CSV-injection guidance, tab or carriage return) as a formula: `=HYPERLINK(...)` in a
 * facility name would become a live link or worse. Such text gets a leading apostrophe, which the
 * spreadsheet shows as plain text. Numbers are never touched: a negative number stays a number.
 *
 * The one neutraliser of the project: the app's CSV and XLSX, the import problem list, the CLI's CSV
 * files and the indicator CSV all write through it. GeoJSON is data for GIS, not a spreadsheet, and keeps names verbatim.
 */

/** Leading characters that make a spreadsheet read text as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text with a leading apostrophe when it would start a formula; otherwise unchanged. */
export function neutraliseFormula(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV field (RFC 4180 quoting where needed): a finite number as plain digits, a non-finite
 * number or null as empty, text neutralised first.
 */
export function csvField(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = neutraliseFormula(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
