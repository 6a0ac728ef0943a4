/**
 * formatThreshold, the one formatter of a setting or standard shown in a label (minutes, m², beds):
 * exactly as set, 7.5 and 12.5 with their decimal, whole numbers without one. Expected texts by hand.
 */
import { describe, expect, it } from 'vitest';
import { formatThreshold } from '$lib/i18n/format';

describe('formatThreshold', () => {
	it('shows minutes exactly: 7.5, 12.5, 15 (no ".0"), 7.25', () => {
		for (const language of ['en', 'zh-CN'] as const) {
			expect(formatThreshold(7.5, language)).toBe('7.5');
			expect(formatThreshold(12.5, language)).toBe('12.5');
			expect(formatThreshold(15, language)).toBe('15');
			expect(formatThreshold(7.25, language)).toBe('7.25');
		}
	});

	it('groups large values and keeps a minimum of decimals when asked (1.0 beds)', () => {
		expect(formatThreshold(50_000, 'en')).toBe('50,000');
		expect(formatThreshold(1, 'en', 1)).toBe('1.0');
	});
});
