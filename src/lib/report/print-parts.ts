import type { ReportColumn } from './table';

/**
 * The printed sub-district table in two parts. Thirty columns on one A4 landscape page left each
 * column 8 mm wide, so names and six-digit figures wrapped mid-word ("江宁路 / 街道", "135,21 / 0").
 * Each part repeats the rank and the name, so a row reads on its own.
 */
export type PrintPart = 'areaBeds' | 'coverageResults';

/** Columns the print leaves out: they are in the appendix and the XLSX. */
const NOT_PRINTED = new Set(['code', 'residentsSource']);
/** Columns both parts carry, so each row names its sub-district. */
const ROW_LABEL = new Set(['rank', 'name']);
/** The first column of the second part; everything before it (but the labels) is the first part. */
const SECOND_PART_STARTS_AT = 'stations';

/** A table's printed columns: without those the print leaves out (codes over names read "pengpuz彭浦镇"). */
export function printedColumns<Row>(columns: ReportColumn<Row>[]): ReportColumn<Row>[] {
	return columns.filter((column) => !NOT_PRINTED.has(column.key));
}

export function printParts<Row>(columns: ReportColumn<Row>[]): { part: PrintPart; columns: ReportColumn<Row>[] }[] {
	const printed = printedColumns(columns);
	const split = printed.findIndex((column) => column.key === SECOND_PART_STARTS_AT);
	if (split < 0) return [{ part: 'areaBeds', columns: printed }];
	const labels = printed.filter((column) => ROW_LABEL.has(column.key));
	return [
		{ part: 'areaBeds', columns: printed.slice(0, split) },
		{ part: 'coverageResults', columns: [...labels, ...printed.slice(split).filter((column) => !ROW_LABEL.has(column.key))] }
	];
}
