import { describe, expect, it } from 'vitest';
import { detectFormat } from '$lib/io/import/formats';
import { FileFormatError } from '$lib/io/load-result';
import { describeFailure, failureText } from '$lib/components/import/problem-text';
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

	it('says a damaged archive is damaged, in Chinese, with the reader’s English apart and marked as a technical detail', () => {
		const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
		const failure = failureOf('broken.xlsx', zip);
		const zh = describeFailure(translateIn('zh-CN'), failure, String, 'broken.xlsx');
		expect(zh.sentence).toBe('“\u2068broken.xlsx\u2069”已损坏或不是有效的文件（应为 ZIP 压缩包），未导入任何内容。');
		// The reader's (fflate's) words are English: kept for whoever fixes the file, outside the sentence.
		expect(zh.detail).toBe(failure.params?.detail);
		expect(zh.detail).toMatch(/[a-z]{3,}/);
		expect(translateIn('zh-CN')('import.error.detail', { detail: zh.detail ?? '' })).toMatch(/^技术信息（读取程序的原文，英文）：/);
		expect(describeFailure(translateIn('en'), failure, String, 'broken.xlsx').sentence).toBe('“\u2068broken.xlsx\u2069” is damaged or is not a valid ZIP archive file, so nothing was loaded from it.');
	});

	it('keeps any reader’s English out of the Chinese sentence: a workbook exceljs cannot read, a refusal without a code, a worker that stopped', () => {
		const zh = translateIn('zh-CN');
		const failures = [
			{ message: 'x', isFormatError: true, code: 'damaged', params: { format: 'xlsx', detail: "Can't find end of central directory : is this a zip file ?" } },
			{ message: 'no column chosen for: name (columns in the file: a, b)', isFormatError: true },
			{ message: 'Cannot read properties of undefined', isFormatError: false },
			{ message: 'Out of memory', isFormatError: false, code: 'worker-stopped' }
		];
		for (const failure of failures) {
			const described = describeFailure(zh, failure, String, 'broken.xlsx');
			const english = failure.params?.detail ?? failure.message;
			expect(described.sentence.replace('broken.xlsx', '').replace('Excel', ''), english).not.toMatch(/[a-z]{3,}/);
			expect(described.detail).toBe(english);
		}
	});
});
