import { derived, type Readable } from 'svelte/store';
import { _, addMessages, init, locale } from 'svelte-i18n';
import en from './en.json';
import zhCN from './zh-CN.json';
import importEn from './import.en.json';
import importZhCN from './import.zh-CN.json';
import standardsEn from './standards.en.json';
import standardsZhCN from './standards.zh-CN.json';
import reportEn from './report.en.json';
import reportZhCN from './report.zh-CN.json';
import scenarioFileEn from './scenario-file.en.json';
import scenarioFileZhCN from './scenario-file.zh-CN.json';
import scenarioEn from './scenario.en.json';
import scenarioZhCN from './scenario.zh-CN.json';
import sitingEn from './siting.en.json';
import sitingZhCN from './siting.zh-CN.json';
import firstViewEn from './first-view.en.json';
import firstViewZhCN from './first-view.zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * A message for `key` with its `{name}` placeholders filled from `values`: the one translate signature of the
 * project, for the page (the `translate` store below, over svelte-i18n) and for the report (report/translate.ts,
 * without svelte-i18n so that it runs in Node).
 */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'health-circle.language';

// Exported for the tests only: the catalogue tests compare the zh-CN and en keys and placeholders.
/** All message bundles, keyed by language: the app's own and each feature's (flat keys with the feature's prefix). */
export const MESSAGES: Record<Language, Record<string, string>> = {
	'zh-CN': { ...zhCN, ...importZhCN, ...standardsZhCN, ...reportZhCN, ...scenarioFileZhCN, ...scenarioZhCN, ...sitingZhCN, ...firstViewZhCN },
	en: { ...en, ...importEn, ...standardsEn, ...reportEn, ...scenarioFileEn, ...scenarioEn, ...sitingEn, ...firstViewEn }
};

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The page's language from svelte-i18n's locale (a string, or null before init): Chinese unless it is one we have. */
export function languageOf(value: unknown): Language {
	return isLanguage(value) ? value : 'zh-CN';
}

/** svelte-i18n's `$_` as a Translate, for code outside components that words things for the page. */
export const translate: Readable<Translate> = derived(_, (format) => (key: string, values?: Readonly<Record<string, string | number>>) => format(key, values && { values: { ...values } }));

/** The remembered choice, else the browser's language if we have it, else Chinese (the planners' language). */
function initialLanguage(): Language {
	const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
	if (isLanguage(stored)) return stored;
	const browser = globalThis.navigator?.language ?? '';
	return browser.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function setupI18n(): Language {
	for (const language of LANGUAGES) addMessages(language, MESSAGES[language]);
	const language = initialLanguage();
	init({ fallbackLocale: 'zh-CN', initialLocale: language });
	applyDocumentLanguage(language);
	return language;
}

export function setLanguage(language: Language): void {
	locale.set(language);
	globalThis.localStorage?.setItem(STORAGE_KEY, language);
	applyDocumentLanguage(language);
}

function applyDocumentLanguage(language: Language): void {
	if (globalThis.document) globalThis.document.documentElement.lang = language;
}
