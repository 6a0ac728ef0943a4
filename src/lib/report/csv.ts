/**
 * The per-sub-district table as CSV, for Excel on a Chinese Windows: UTF-8 with a byte-order mark
 * (without it Excel reads the file as GBK and garbles the Chinese), CRLF line ends, RFC 4180 quoting,
 * headers in the report's language with units, plain numbers (no thousands separators, '.' decimals,
 * rounded like every other format) and the district total as the last row. Text that a spreadsheet
 * would run as a formula is neutralised by csvField ($lib/engine/spreadsheet-text).
 */
import { csvField, withoutIsolates } from '$lib/engine/spreadsheet-text';
import type { AreaIndicators } from '$lib/engine/standards/indicators';
import { textColumn } from './columns';
import type { GapReport } from './model';
import { reportTranslator, type ReportLanguage } from './translate';
import type { CellValue, ReportItem, ReportTable } from './table';

export const CSV_BOM = '\ufeff';

/** `comments`: lines above the header (provenanceCsvLines). */
export function tableToCsv<Row>(table: ReportTable<Row>, comments: readonly string[] = []): string {
	const rows = table.total === null ? table.rows : [...table.rows, table.total];
	const lines = [...comments, table.columns.map((column) => csvField(column.header)).join(',')];
	for (const row of rows) lines.push(table.columns.map((column) => csvField(column.value(row))).join(','));
	return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * The ranked sub-district table with the district total last. Above its header, `# label: text` lines say
 * what it was made from: the XLSX first sheet's items (dataset, scenario, threshold, date, which layers are
 * synthetic, each layer's source), the standards profile, and every resident once with its reason (the
 * summary's reconciliation, residents outside every sub-district included). A scenario's CSV also says so in
 * a first column with the scenario's name on every row (a file name is lost once the table is pasted).
 */
export function gapReportToCsv(report: GapReport): string {
	const { subdistricts, scenarioName } = report;
	const profile = report.appendix.filter((entry) => entry.key === 'profile');
	const comments = provenanceCsvLines([...report.about, ...profile, ...report.residentsCheck], report.language);
	if (scenarioName === null) return tableToCsv(subdistricts, comments);
	const header = reportTranslator(report.language)('report.csv.scenario');
	return tableToCsv({ ...subdistricts, columns: [textColumn<AreaIndicators>('scenario', header, () => scenarioName), ...subdistricts.columns] }, comments);
}

/**
 * What a CSV was made from, as lines above its header: "# label: text", one per provenance item (dataset,
 * scenario, threshold, date, synthetic layers, each layer's source). A line starting with "#" is a comment to
 * CSV readers that skip them (Papa Parse `comments: '#'`, pandas `comment='#'`) and plain text in Excel; line
 * breaks inside a value are folded so that an item stays one line.
 */
export function provenanceCsvLines(items: readonly ReportItem[], language: ReportLanguage): string[] {
	const line = reportTranslator(language);
	// The label/value separator is the language's (a full-width colon in Chinese, after labels that use one).
	// A number is written as in the table's cells (no thousands separator): Excel splits a line at its commas, and
	// "975,777" would read as 975 in one cell and 777 in the next.
	const text = (entry: ReportItem) => (typeof entry.value === 'number' ? csvField(entry.value) : entry.text);
	return items.map((entry) => withoutIsolates(line('report.csv.provenanceLine', { label: entry.label, text: text(entry) })).replace(/[\r\n]+/g, ' '));
}
