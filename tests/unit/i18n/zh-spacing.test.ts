/**
 * Chinese has no spaces between words: a message whose placeholder is itself Chinese ("ZIP 压缩包", "分钟")
 * must not put a space between it and the Chinese after it ("ZIP 压缩包 文件", "1–60 分钟 之间", issue 24).
 * A space between a number or a Latin word and Chinese is the house style and stays.
 */
import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, test } from 'vitest';
import { MESSAGES } from '$lib/i18n';

const zh = (key: string, values: Record<string, string | number>) => String(new IntlMessageFormat(MESSAGES['zh-CN'][key], 'zh-CN').format(values));
const CJK_SPACE_CJK = /[\u3400-\u9fff\uff01-\uff5e] +[\u3400-\u9fff]/u;

describe('zh messages with a Chinese value inside', () => {
	test('settings refused beside the field: minutes in Chinese, speed in km/h', () => {
		for (const unit of ['分钟', 'km/h']) {
			for (const key of ['settingsInput.outOfRange', 'settingsInput.notANumber']) {
				const text = zh(key, { min: 1, max: 60, current: 15, unit });
				expect(text, `${key} ${unit}`).not.toMatch(CJK_SPACE_CJK);
				expect(text).toContain(`15 ${unit}`);
			}
		}
		expect(zh('settingsInput.outOfRange', { min: 1, max: 60, current: 15, unit: '分钟' })).toBe('请输入 1–60 之间的数值（单位：分钟）；当前仍为 15 分钟');
	});

	test('file refusals naming a format in Chinese', () => {
		for (const format of Object.keys(MESSAGES['zh-CN']).filter((key) => key.startsWith('import.format.')).map((key) => MESSAGES['zh-CN'][key])) {
			for (const key of ['import.error.damaged', 'import.error.inflateLimit', 'import.error.claimsBeyondFile']) {
				const text = zh(key, { file: 'a.xlsx', format, limit: '16 MB', claimed: 100, possible: 10 });
				expect(text, `${key} ${format}`).not.toMatch(CJK_SPACE_CJK);
				expect(text).toContain(format);
			}
		}
	});
});
