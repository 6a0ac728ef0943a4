/**
 * Numbers and dates in the reader's language: the one formatter of the page's panels and of the report, so
 * a figure reads the same in both. No svelte-i18n here, so the report formats the same in Node (CLI, tests)
 * and in the browser.
 */
import { shownPercent } from '$lib/engine/percent';
import type { Language } from './index';

/** Rounds to `decimals` places the way the figure is shown, so a stored value equals its display. */
export function roundTo(value: number, decimals: number): number {
	const rounded = Number(value.toFixed(decimals));
	return Object.is(rounded, -0) ? 0 : rounded;
}

/** A number in the reader's locale with exactly `decimals` places (reports and panels must agree); null, undefined and NaN show as an em dash. */
export function formatNumber(value: number | null | undefined, language: Language, decimals = 0): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '—';
	return new Intl.NumberFormat(language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A percentage as the planner reads it everywhere: the one rounding rule of engine/percent.ts, then the locale. */
export function formatPercent(value: number | null | undefined, language: Language, decimals = 1): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '—';
	return `${formatNumber(shownPercent(value, decimals), language, decimals)}%`;
}

/** A date and time in the reader's locale (e.g. 2026年11月23日 12:40 / November 23, 2026 at 12:40 PM). */
export function formatReportDate(date: Date, language: Language, timeZone?: string): string {
	return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** Text of a typed cell value: numbers formatted for the locale, text as is, null as an em dash. */
export function formatReportValue(value: string | number | null, decimals: number, language: Language): string {
	return typeof value === 'number' ? formatNumber(value, language, decimals) : (value ?? '—');
}

/**
 * A threshold from the standards profile inside a label: grouped, as many decimals as it has (up to
 * three) and at least `minimumDecimals` (1.0 beds per 1,000 reads as "1.0", not "1").
 */
export function formatThreshold(value: number, language: Language, minimumDecimals = 0): string {
	return new Intl.NumberFormat(language, { minimumFractionDigits: minimumDecimals, maximumFractionDigits: Math.max(3, minimumDecimals) }).format(value);
}
