/**
 * Issue 24 (walkthrough): the report's own translator filled "{name}" placeholders only, so an ICU plural in a
 * report bundle came out as its source text and English said "1 rows loaded". The report now formats ICU
 * messages as the page does; the expected sentences are written out by hand.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { REPORT_LANGUAGES, REPORT_MESSAGES, reportTranslator } from '$lib/report/translate';

const en = reportTranslator('en');
const zh = reportTranslator('zh-CN');

describe('the report bundles in English and Chinese', () => {
	it('say 1 row and 1,234 rows loaded, grouped in both languages', () => {
		expect(en('report.appendix.sourceCounts', { loaded: 1, skipped: 0, conversion: 'none' })).toBe('1 row loaded, 0 skipped; coordinate conversion: none');
		expect(en('report.appendix.sourceCounts', { loaded: 1234, skipped: 2345, conversion: 'none' })).toBe('1,234 rows loaded, 2,345 skipped; coordinate conversion: none');
		expect(zh('report.appendix.sourceCounts', { loaded: 1234, skipped: 2, conversion: '无' })).toBe('载入1,234行，跳过2行；坐标转换：无');
		expect(en('report.layers.file', { file: 'a.csv', loaded: 1, skipped: 0, encoding: 'UTF-8', conversion: 'none' })).toBe(
			"planner's file a.csv: 1 row loaded, 0 skipped; encoding UTF-8; coordinate conversion none"
		);
	});

	it('say 1 minute and 7.5 minutes, 1 bed and 20 beds', () => {
		expect(en('report.map.covered', { minutes: 1 })).toBe('Population cells within 1 minute');
		expect(en('report.map.uncovered', { minutes: 7.5 })).toBe('Population cells beyond 7.5 minutes');
		expect(en('report.summary.coverage', { minutes: 15 })).toBe('Residents within 15 minutes (%)');
		expect(en('report.appendix.rule.coverage', { target: 90, minutes: 1 })).toBe('90% of residents within 1 minute');
		expect(en('report.column.newCentresUnderBeds', { value: 1 })).toBe('New centres under 1 bed (count)');
		expect(en('report.appendix.rule.newCentreBeds', { value: 20, statuses: 'proposed' })).toBe('at least 20 beds per new centre (statuses: proposed)');
		expect(zh('report.map.covered', { minutes: 1 })).toBe('1分钟内可达的人口网格');
		expect(zh('report.appendix.rule.newCentreBeds', { value: 20, statuses: '拟建' })).toBe('每个新建中心不少于20张（状态：拟建）');
	});

	it('are all valid ICU messages, with "<" as text (as svelte-i18n reads them)', () => {
		for (const language of REPORT_LANGUAGES) {
			for (const [key, message] of Object.entries(REPORT_MESSAGES[language])) {
				expect(() => new IntlMessageFormat(message, language, undefined, { ignoreTag: true }), `${language} ${key}`).not.toThrow();
			}
		}
	});
});
