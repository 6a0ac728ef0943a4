/**
 * How a wide table is offered in the dialog without rendering thousands of controls (issue 26, item 2):
 * every column stays choosable, but each field's list holds only the columns whose name matches the
 * planner's search (at most CHOICES_SHOWN), plus the column already mapped; the preview shows the mapped
 * columns and the first ones, at most PREVIEW_COLUMNS_SHOWN.
 */

/** Up to this many columns, every list simply holds every column (the dialog as it always was). */
export const ALL_COLUMNS_UP_TO = 100;
export const CHOICES_SHOWN = 50;
export const PREVIEW_COLUMNS_SHOWN = 30;

/** Column indexes a field's list offers: all of them for a narrow table, else the search's matches and the mapped column. */
export function columnChoices(headers: readonly string[], search: string, mapped: number | undefined): number[] {
	if (headers.length <= ALL_COLUMNS_UP_TO) return headers.map((_, index) => index);
	const needle = search.trim().toLowerCase();
	const choices: number[] = [];
	for (let index = 0; index < headers.length && choices.length < CHOICES_SHOWN; index++) {
		if (needle === '' || headers[index].toLowerCase().includes(needle)) choices.push(index);
	}
	if (mapped !== undefined && mapped < headers.length && !choices.includes(mapped)) choices.unshift(mapped);
	return choices;
}

/** Columns the preview shows, in file order: every mapped column, then the first ones up to PREVIEW_COLUMNS_SHOWN. */
export function previewColumns(columnCount: number, mapped: readonly number[]): number[] {
	if (columnCount <= PREVIEW_COLUMNS_SHOWN) return Array.from({ length: columnCount }, (_, index) => index);
	const shown = new Set(mapped.filter((column) => column >= 0 && column < columnCount));
	for (let index = 0; index < columnCount && shown.size < PREVIEW_COLUMNS_SHOWN; index++) shown.add(index);
	return [...shown].sort((a, b) => a - b);
}
