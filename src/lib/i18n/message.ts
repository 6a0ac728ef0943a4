/**
 * ICU message formatting without svelte-i18n, for code that words things in Node as in the browser (the
 * report, its CLI and tests). svelte-i18n formats the page's messages with the same library
 * (intl-messageformat) and the same option (tags are text), so a message reads the same on the page and
 * in a report: plurals ("1 row", "2 rows"), numbers grouped for the language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Language, Translate } from './index';

/** A Translate over one language's messages; an unknown key throws (a missing label is a bug, never shown as its key). */
export function messageTranslator(messages: Readonly<Record<string, string>>, language: Language, bundle: string): Translate {
	const compiled = new Map<string, IntlMessageFormat>();
	return (key, values) => {
		let format = compiled.get(key);
		if (!format) {
			const message = messages[key];
			if (message === undefined) throw new Error(`${bundle} message "${key}" is missing for ${language}`);
			// ignoreTag as svelte-i18n sets it: "<" in a message ("< 5") is text, not a rich-text tag.
			format = new IntlMessageFormat(message, language, undefined, { ignoreTag: true });
			compiled.set(key, format);
		}
		return String(format.format(values));
	};
}
