/**
 * Text from a planner's file written into a CSV or sheet that Excel or WPS opens: a cell starting with
 * = + - @ (or a tab or carriage return) would be run as a formula, so it gets a leading apostrophe, which
 * the spreadsheet shows as plain text. Only for text cells: numbers are written as numbers.
 */
export function neutraliseSpreadsheetText(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
