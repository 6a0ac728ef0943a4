import type { GapReport } from './gap-report';

/**
 * The per-sub-district table as CSV: UTF-8 with a BOM (so Excel on a Chinese Windows reads it as
 * UTF-8), CRLF line ends, headers in the report's language, numbers unformatted (no thousands separators).
 */
export function gapReportToCsv(report: GapReport): string {
	const header = report.columns.map((column) => quote(column.header));
	const lines = [report.district, ...report.rows].map((row, index) =>
		report.columns.map((column) => {
			const value = index === 0 && column.key === 'code' ? '' : column.value(row);
			if (value === null || value === undefined) return '';
			return typeof value === 'number' ? String(Number(value.toFixed(column.decimals))) : quote(value);
		})
	);
	// The district total comes last, after the ranked sub-districts.
	const [district, ...rows] = lines;
	return `\ufeff${[header, ...rows, district].map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

function quote(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
