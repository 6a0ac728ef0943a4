/**
 * Download file names in the report's language (with the scenario's name, made safe for file
 * systems, and the date in the report's time zone), and a Chinese report without English: the
 * standards' source notes come from the profile in both languages.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILES, sourceText } from '$lib/engine/standards/profile';
import { validateProfile } from '$lib/engine/standards/validate';
import { fileDate, fileStem, safeFileNamePart } from '$lib/report/file-name';
import { reportTranslator } from '$lib/report/translate';

describe('file names', () => {
	const date = new Date('2026-12-03T17:30:00Z'); // 01:30 on 4 December in Shanghai
	it('carry the date of the report’s time zone, not UTC’s', () => {
		expect(fileDate(date, 'Asia/Shanghai')).toBe('2026-12-04');
		expect(fileDate(date, 'UTC')).toBe('2026-12-03');
	});

	it('are localised, and a scenario’s carries its name', () => {
		expect(fileStem(reportTranslator('zh-CN'), 'report', date, null, 'Asia/Shanghai')).toBe('健康圈缺口报告-2026-12-04');
		expect(fileStem(reportTranslator('en'), 'report', date, null, 'Asia/Shanghai')).toBe('health-circle-gap-report-2026-12-04');
		expect(fileStem(reportTranslator('zh-CN'), 'report', date, '彭浦镇新增服务站，关闭一站', 'Asia/Shanghai')).toBe('健康圈缺口报告-彭浦镇新增服务站，关闭一站-2026-12-04');
		expect(fileStem(reportTranslator('en'), 'scenario', date, 'Site A', 'Asia/Shanghai')).toBe('health-circle-scenario-Site-A-2026-12-04');
	});

	it('lose what a file system forbids and stay short', () => {
		expect(safeFileNamePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
		expect(safeFileNamePart('..\\..\\etc/passwd')).toBe('etc-passwd');
		expect(safeFileNamePart('  新方案.  ')).toBe('新方案');
		expect(safeFileNamePart('tab\tand\nnewline')).toBe('tab-and-newline');
		expect(safeFileNamePart('///')).toBe('');
		expect([...safeFileNamePart('长'.repeat(200))]).toHaveLength(60);
		expect(fileStem(reportTranslator('en'), 'report', date, '???', 'UTC')).toBe('health-circle-gap-report-2026-12-03');
	});
});

describe('standards source notes', () => {
	it('every built-in rule cites its source in Chinese without English words, and in English', () => {
		for (const profile of BUILT_IN_PROFILES) {
			expect(validateProfile(profile).ok, profile.id).toBe(true);
			for (const [key, rule] of Object.entries(profile.rules)) {
				expect(sourceText(rule.source, 'zh-CN'), `${profile.id} ${key}`).not.toMatch(/[A-Za-z]{2,}/);
				expect(sourceText(rule.source, 'en'), `${profile.id} ${key}`).toMatch(/[A-Za-z]{3,}/);
			}
		}
	});

	it('a hand-written profile may give one text for both languages', () => {
		const profile = structuredClone(BUILT_IN_PROFILES[0]) as unknown as { rules: Record<string, { source: unknown }> };
		profile.rules.stationAreaMin.source = 'district memo 2026';
		expect(validateProfile(profile).ok).toBe(true);
		profile.rules.stationAreaMin.source = { 'zh-CN': '区文件', en: '' };
		expect(validateProfile(profile).ok).toBe(false);
	});
});
