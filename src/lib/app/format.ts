import { shownPercent } from '$lib/engine/percent';
import type { Language } from '$lib/i18n';

/** Numbers in the reader's locale, with a fixed number of decimals (reports and panels must agree). */
export function formatNumber(value: number | null | undefined, language: Language, decimals = 0): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '—';
	return new Intl.NumberFormat(language, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A percentage as the planner reads it everywhere: the one rounding rule of engine/percent.ts, then the locale. */
export function formatPercent(value: number | null | undefined, language: Language, decimals = 1): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '—';
	return `${formatNumber(shownPercent(value, decimals), language, decimals)}%`;
}
