import type { Translate } from '$lib/i18n';
import type { ImportResult } from '$lib/io/import';
import { problemsToCsv, PROBLEM_CSV_COLUMNS, type ProblemCsvRow } from '$lib/io/import/problems-csv';
import type { ImportProblem } from '$lib/io/import/types';
import { asWritten, fieldText, problemText } from './problem-text';

/**
 * The rejected rows and the rows kept with a warning, in row order, as CSV in the page's language: what
 * the planner sends back to whoever keeps the list. Problems beyond the listed cap are only counted.
 */
export function problemsCsvText(translate: Translate, result: ImportResult): string {
	const row = (problem: ImportProblem, outcome: string): ProblemCsvRow => ({
		row: problem.row,
		name: problem.name ?? '',
		column: fieldText(translate, problem.field),
		value: problem.value ?? '',
		problem: problemText(translate, problem, asWritten),
		outcome
	});
	const rows = [
		...result.problems.map((problem) => row(problem, translate('import.download.rejected'))),
		...result.warnings.map((warning) => row(warning, translate('import.download.kept')))
	].sort((a, b) => a.row - b.row);
	const headers = Object.fromEntries(PROBLEM_CSV_COLUMNS.map((column) => [column, translate(`import.download.column.${column}`)])) as Record<(typeof PROBLEM_CSV_COLUMNS)[number], string>;
	return problemsToCsv(headers, rows);
}

/** A file name for the download, after the imported file's ("机构.xlsx" → "机构-problems.csv"). */
export function problemsFileName(fileName: string): string {
	return `${fileName.replace(/\.[^.]+$/, '') || 'import'}-problems.csv`;
}
