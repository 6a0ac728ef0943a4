/**
 * The report's own message lookup: a plain `translate(key, values)` over the report bundles, so the
 * report layer runs in Node (CLI, tests) and in the browser without svelte-i18n. The report bundles
 * use only `{name}` placeholders (no ICU plurals), which is all this interpolates.
 */
import type { Translate } from '$lib/i18n';
import reportEn from '$lib/i18n/report.en.json';
import reportZhCN from '$lib/i18n/report.zh-CN.json';

export const REPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** The project's one translate signature (defined in the i18n layer), re-exported for the report's modules. */
export type { Translate };

// Exported for the tests only: the report tests look labels up in the bundles independently.
export const REPORT_MESSAGES: Readonly<Record<ReportLanguage, Readonly<Record<string, string>>>> = {
	'zh-CN': reportZhCN,
	en: reportEn
};

export function isReportLanguage(value: unknown): value is ReportLanguage {
	return typeof value === 'string' && (REPORT_LANGUAGES as readonly string[]).includes(value);
}

// Exported for the tests only, which fill placeholders independently of the translator.
/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export function interpolate(message: string, values?: Readonly<Record<string, string | number>>): string {
	if (!values) return message;
	return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A translate function over the report bundle of `language`; an unknown key throws (a missing label is a bug). */
export function reportTranslator(language: ReportLanguage): Translate {
	const messages = REPORT_MESSAGES[language];
	return (key, values) => {
		const message = messages[key];
		if (message === undefined) throw new Error(`report message "${key}" is missing for ${language}`);
		return interpolate(message, values);
	};
}
