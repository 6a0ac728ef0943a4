import type { Workbook } from 'exceljs';
import type { GapReport, LabelledValue, Translate } from './gap-report';

/**
 * The gap report as a workbook: a summary sheet, the per-sub-district table (numbers typed as numbers
 * with number formats, headers in the report's language, header row frozen) and the method appendix.
 */
export async function gapReportToXlsx(report: GapReport, t: Translate): Promise<Uint8Array> {
	// exceljs is large: loaded only when a workbook is written (its default export differs between builds).
	const module = await import('exceljs');
	const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
	const workbook = new ExcelJS.Workbook();
	workbook.created = report.generatedAt;
	addLabelledSheet(workbook, t('report.sheet.summary'), [
		{ label: report.title, value: report.datasetName },
		{ label: t('report.generated', { values: { date: '' } }).replace(/[:：]\s*$/, ''), value: report.generatedAt.toISOString().slice(0, 10) },
		...(report.scenarioName ? [{ label: t('report.scenario', { values: { name: '' } }).replace(/[:：]\s*$/, ''), value: report.scenarioName }] : []),
		...report.summary
	]);

	const table = workbook.addWorksheet(t('report.sheet.subdistricts'), { views: [{ state: 'frozen', ySplit: 1 }] });
	table.columns = report.columns.map((column) => ({ header: column.header, key: column.key, width: Math.max(10, column.header.length * 2) }));
	for (const row of [...report.rows, report.district]) {
		table.addRow(Object.fromEntries(report.columns.map((column) => [column.key, row === report.district && column.key === 'code' ? '' : column.value(row)])));
	}
	report.columns.forEach((column, index) => {
		if (column.kind === 'number') table.getColumn(index + 1).numFmt = column.decimals > 0 ? `#,##0.${'0'.repeat(column.decimals)}` : '#,##0';
	});
	table.getRow(1).font = { bold: true };

	addLabelledSheet(workbook, t('report.sheet.appendix'), report.appendix);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addLabelledSheet(workbook: Workbook, name: string, rows: LabelledValue[]): void {
	const sheet = workbook.addWorksheet(name);
	sheet.columns = [{ width: 44 }, { width: 70 }];
	for (const row of rows) sheet.addRow([row.label, row.value]);
}
