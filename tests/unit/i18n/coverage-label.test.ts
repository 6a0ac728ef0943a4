/**
 * The coverage share within the threshold is one figure and bears one label in every view: the overview's
 * column, the standards table's column, the 街镇 detail's field, and the Chinese report's columns (which add the unit).
 * They read "7.5分钟覆盖" in the table beside "7.5 分钟覆盖率" in the detail panel.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, MESSAGES } from '$lib/i18n';

const PAGE_KEYS = ['column.coverage', 'standards.column.coveragePct', 'standards.field.coverage'];
const REPORT_KEYS = ['report.summary.coverage', 'report.column.coverageWithin'];

describe('the coverage label', () => {
	for (const language of LANGUAGES) {
		it(`is worded the same in every view (${language})`, () => {
			const messages = MESSAGES[language];
			const page = PAGE_KEYS.map((key) => messages[key]);
			expect(new Set(page).size, page.join(' | ')).toBe(1);
		});
	}
	// The English report spells "minute" out in its wider columns; the Chinese one uses the page's words.
	it('the Chinese report uses the same words, with the unit', () => {
		for (const key of REPORT_KEYS) expect(MESSAGES['zh-CN'][key], key).toBe(`${MESSAGES['zh-CN']['column.coverage']}（%）`);
	});
});
