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
/**
 * Unicode directional isolates (U+2066–U+2069). The page and the printed report wrap names from a
 * planner's files in them so Arabic or Hebrew text cannot reorder a sentence; in a cell they are
 * invisible characters that travel into Excel's searches and formulas, and could hide a formula start.
 */
const BIDI_ISOLATES = /[\u2066-\u2069]/g;

/** The text without directional isolates: what a spreadsheet cell or a CSV comment line holds. */
export function withoutIsolates(text: string): string {
	return text.replace(BIDI_ISOLATES, '');
}

/** The text as a spreadsheet cell: without directional isolates, with a leading apostrophe when it would start a formula. */
export function neutraliseFormula(text: string): string {
	const cell = withoutIsolates(text);
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
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
