/**
 * Numbers and dates in the report's language. Kept here (not in $lib/app) so the report layer has no
 * dependency on the app layer and formats the same in Node and in the browser.
 */
import type { ReportLanguage } from './translate';

/** Rounds to `decimals` places the way the figure is shown, so a stored value equals its display. */
export function roundTo(value: number, decimals: number): number {
	const rounded = Number(value.toFixed(decimals));
	return Object.is(rounded, -0) ? 0 : rounded;
}

/** A number in the reader's locale with exactly `decimals` places; null and NaN show as an em dash. */
export function formatReportNumber(value: number | null, decimals: number, language: ReportLanguage): string {
	if (value === null || Number.isNaN(value)) return '—';
	return new Intl.NumberFormat(language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A date and time in the reader's locale (e.g. 2026年11月23日 12:40 / November 23, 2026 at 12:40 PM). */
export function formatReportDate(date: Date, language: ReportLanguage, timeZone?: string): string {
	return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** Text of a typed cell value: numbers formatted for the locale, text as is, null as an em dash. */
export function formatReportValue(value: string | number | null, decimals: number, language: ReportLanguage): string {
	return typeof value === 'number' ? formatReportNumber(value, decimals, language) : (value ?? '—');
}

/**
 * A threshold from the standards profile inside a label: grouped, as many decimals as it has (up to
 * three) and at least `minimumDecimals` (1.0 beds per 1,000 reads as "1.0", not "1").
 */
export function formatThreshold(value: number, language: ReportLanguage, minimumDecimals = 0): string {
	return new Intl.NumberFormat(language, { minimumFractionDigits: minimumDecimals, maximumFractionDigits: Math.max(3, minimumDecimals) }).format(value);
}
