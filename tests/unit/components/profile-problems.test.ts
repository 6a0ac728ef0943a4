/**
 * The standards editor words a refused profile's problems through the i18n layer (issue 24): in the
 * Chinese UI a problem reads in Chinese, with the file's values kept; every code has a message in both
 * languages with the same placeholders, and the English message is the problem's reason.
 */
import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, test } from 'vitest';
import { problemText } from '$lib/components/import/problem-text';
import { BUILT_IN_PROFILES } from '$lib/engine/standards/profile';
import { parseProfileJson, PROFILE_PROBLEM_TEXT, validateProfile, type ProfileProblemCode } from '$lib/engine/standards/validate';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';
import { placeholdersOf } from '$lib/io/problem-codes';

const translator =
	(language: Language): Translate =>
	(key, values) => {
		const message = MESSAGES[language][key];
		return message === undefined ? key : String(new IntlMessageFormat(message, language).format(values ?? {}));
	};
const plain = (value: string) => value;
const inChinese = (problem: Parameters<typeof problemText>[1]) => problemText(translator('zh-CN'), problem, plain, 'standards.problem');

describe('a refused standards profile in the Chinese UI', () => {
	test('its problems read in Chinese, values from the file kept', () => {
		const profile = JSON.parse(JSON.stringify(BUILT_IN_PROFILES[0]));
		profile.rules.centreAreaPerThousand.value = -5;
		profile.rules.coverageMinutes.enabled = false;
		profile.coverageTypes = ['nonsense'];
		const result = validateProfile(profile);
		if (result.ok) throw new Error('expected a refusal');
		const texts = result.problems.map((problem) => [problem.field, inChinese(problem)]);
		expect(texts.find(([field]) => field === 'coverageTypes')?.[1]).toMatch(/^无法识别的值 "nonsense"；可用的值：/);
		expect(texts.map(([, text]) => text).join('\n')).not.toMatch(/must|unknown|missing|got/);
		expect(texts).toContainEqual(['rules.centreAreaPerThousand.value', '应大于 0（现为 -5）']);
		expect(texts).toContainEqual(['rules.coverageMinutes.enabled', '须为 true（时间阈值始终需要）']);
	});

	test('a file that is not JSON: Chinese sentence, the parser’s English marked as a technical detail', () => {
		const result = parseProfileJson('{ not json');
		if (result.ok) throw new Error('expected a refusal');
		expect(inChinese(result.problems[0])).toMatch(/^不是有效的 JSON 文件（技术信息：.+）$/);
	});

	test('every code has a message in both languages, same placeholders; the English one is the reason', () => {
		for (const code of Object.keys(PROFILE_PROBLEM_TEXT) as ProfileProblemCode[]) {
			const english = PROFILE_PROBLEM_TEXT[code];
			for (const language of ['zh-CN', 'en'] as const) {
				const message = MESSAGES[language][`standards.problem.${code}`];
				expect(message, `${language} ${code}`).toBeDefined();
				expect(placeholdersOf(message), `${language} ${code}`).toEqual(placeholdersOf(english));
			}
			expect(MESSAGES.en[`standards.problem.${code}`]).toBe(english);
		}
	});
});
