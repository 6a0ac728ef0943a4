import { describe, expect, it } from 'vitest';
import { detectFormat } from '$lib/io/import/formats';
import { FileFormatError } from '$lib/io/load-result';
import { failureText } from '$lib/components/import/problem-text';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';

/** A Translate over the app's own bundles: {name} placeholders filled from values (as svelte-i18n does). */
const translateIn =
	(language: Language): Translate =>
	(id, values) =>
		(MESSAGES[language][id] ?? id).replace(/\{(\w+)\}/g, (_, key: string) => String(values?.[key] ?? `{${key}}`));

function failureOf(name: string, bytes: Uint8Array) {
	try {
		detectFormat(name, bytes);
	} catch (error) {
		if (error instanceof FileFormatError) return { message: error.message, isFormatError: true, code: error.code, params: error.params };
	}
	throw new Error('expected a FileFormatError');
}

describe('a file the importer cannot read', () => {
	const binary = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 1) % 7);
	it('is refused in the page’s language, naming the file (broken.xlsx in the Chinese UI was in English)', () => {
		const failure = failureOf('broken.xlsx', binary);
		const zh = failureText(translateIn('zh-CN'), failure, String, 'broken.xlsx');
		expect(zh).toContain('broken.xlsx');
		expect(zh).toMatch(/无法识别的文件格式/);
		expect(zh.replace('broken.xlsx', '')).not.toMatch(/unrecognised|binary|expected/i);
		expect(failureText(translateIn('en'), failure, String, 'broken.xlsx')).toMatch(/^Cannot import \u2068broken\.xlsx\u2069: unrecognised file format/);
	});

	it('says a damaged archive is damaged, in Chinese', () => {
		const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
		const zh = failureText(translateIn('zh-CN'), failureOf('broken.xlsx', zip), String, 'broken.xlsx');
		expect(zh).toMatch(/^“\u2068broken\.xlsx\u2069”已损坏，或不是有效的 ZIP 压缩包 文件/);
	});
});
