/**
 * The report's own message lookup over the report bundles, so the report layer runs in Node (CLI, tests)
 * and in the browser without svelte-i18n. Messages are ICU, formatted as the page formats them
 * (i18n/message.ts): "{loaded, plural, one {# row} other {# rows}}" reads "1 row", "1,234 rows".
 */
import type { Translate } from '$lib/i18n';
import { messageTranslator } from '$lib/i18n/message';
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

const translators = new Map<ReportLanguage, Translate>();

/** A translate function over the report bundle of `language`; an unknown key throws (a missing label is a bug). */
export function reportTranslator(language: ReportLanguage): Translate {
	let translator = translators.get(language);
	if (!translator) {
		translator = messageTranslator(REPORT_MESSAGES[language], language, 'report');
		translators.set(language, translator);
	}
	return translator;
}
