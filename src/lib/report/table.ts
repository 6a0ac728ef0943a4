/** The typed table shape every report format writes: columns with headers in the report's language. */

export type CellValue = string | number | null;

export interface ReportColumn<Row> {
	/** Stable English id, the same in every language (used for GeoJSON and tests). */
	key: string;
	/** Header in the report's language, with the unit. */
	header: string;
	kind: 'text' | 'number';
	/** Decimal places of a number column: values are rounded to them, so stored = shown. */
	decimals: number;
	value: (row: Row) => CellValue;
}

export interface ReportTable<Row> {
	id: 'subdistricts' | 'centres' | 'scenario' | 'sites' | 'sources';
	/** Heading in the report's language. */
	title: string;
	/** Worksheet name (at most 31 characters, no []:*?/\ ). */
	sheetName: string;
	columns: ReportColumn<Row>[];
	rows: Row[];
	/** A totals row shown last (the district), or null. */
	total: Row | null;
}

/** A labelled figure of the summary or the appendix. */
export interface ReportItem {
	key: string;
	/** Label in the report's language, with the unit. */
	label: string;
	/** Typed value: a number rounded to `decimals`, a text, or null (not known / not applicable). */
	value: CellValue;
	decimals: number;
	/** The value formatted for the report's locale ("—" for null). */
	text: string;
	/** Where a threshold comes from (appendix rules), when known. */
	source?: string;
}
