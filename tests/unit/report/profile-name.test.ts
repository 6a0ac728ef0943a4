/**
 * The standards profile's name in the report (XLSX appendix, the PDF's appendix items, the CSV's lines): a
 * built-in profile, and the copy its first edit makes, are named in the report's language whatever the page's
 * language was when it was edited; a name the planner typed stays as typed. Expected names written out by hand.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { editedCopyName } from '$lib/app/profile-name';
import { customCopy, LEGACY_DISTRICT_NORM, SHANGHAI_2023, type StandardsProfile } from '$lib/engine/standards/profile';
import { gapReportToCsv } from '$lib/report/csv';
import { buildGapReport, type GapReportInput } from '$lib/report/model';
import { gapReportToXlsx } from '$lib/report/xlsx';
import { computeDemo, message, type DemoRun } from './fixtures';

let demo: DemoRun;
beforeAll(async () => {
	demo = await computeDemo();
});

const CJK = /[\u3000-\u9fff\uff00-\uffef]/u;

function inputFor(language: 'zh-CN' | 'en', profile: StandardsProfile): GapReportInput {
	return {
		language,
		generatedAt: new Date('2026-11-23T02:30:00Z'),
		dataset: { name: '静安区示例数据（合成）', nameEn: "Jing'an demo (synthetic)", sources: demo.sources },
		profile,
		coverageParams: demo.runs.coverage.params,
		servicePopulation: demo.options.servicePopulation,
		rows: demo.indicators.subdistricts,
		district: demo.indicators.district
	};
}

/** The profile's name as each export of the report states it: the appendix item, the XLSX appendix sheet, the CSV line. */
async function profileTexts(language: 'zh-CN' | 'en', profile: StandardsProfile): Promise<string[]> {
	const report = buildGapReport(inputFor(language, profile));
	const label = message(language, 'report.appendix.profile');
	const item = report.appendix.find((entry) => entry.key === 'profile')!;
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await gapReportToXlsx(report)) as unknown as ArrayBuffer);
	let cell = '';
	workbook.getWorksheet(message(language, 'report.sheet.appendix'))!.eachRow((row) => {
		if (row.getCell(1).value === label) cell = String(row.getCell(2).value);
	});
	const line = gapReportToCsv(report).split('\r\n').find((entry) => entry.startsWith(`# ${label}`)) ?? '';
	return [item.text.replace(/[\u2066-\u2069]/g, ''), cell.replace(/[\u2066-\u2069]/g, ''), line];
}

describe('the standards profile named in the report', () => {
	it('built-in profiles: in the report’s language, in every format', async () => {
		for (const [profile, zh, en] of [
			[SHANGHAI_2023, '上海 2023', 'Shanghai 2023'],
			[LEGACY_DISTRICT_NORM, '旧区级标准（普陀约 2012）', 'Legacy district norm (Putuo, c. 2012)']
		] as const) {
			for (const text of await profileTexts('en', profile as StandardsProfile)) expect(text).toContain(`${en} (${profile.id})`);
			for (const text of await profileTexts('zh-CN', profile as StandardsProfile)) expect(text).toContain(`${zh}（${profile.id}）`);
		}
	});

	it('the copy a first edit makes: each language’s name with that language’s suffix, so the English report has no Chinese in it', async () => {
		expect(editedCopyName(SHANGHAI_2023.name)).toEqual({ 'zh-CN': '上海 2023（已修改）', en: 'Shanghai 2023 (edited)' });
		const copy = customCopy(SHANGHAI_2023, 'custom-abc', editedCopyName(SHANGHAI_2023.name));
		for (const text of await profileTexts('en', copy)) {
			expect(text).toContain('Shanghai 2023 (edited) (custom-abc)');
			expect(text).not.toMatch(CJK);
		}
		for (const text of await profileTexts('zh-CN', copy)) expect(text).toContain('上海 2023（已修改）（custom-abc）');
	});

	it('a name the planner typed stays as typed, in either language’s report', async () => {
		const typed = customCopy(SHANGHAI_2023, 'custom-typed', { 'zh-CN': '静安 2025 草案', en: '静安 2025 草案' });
		for (const language of ['zh-CN', 'en'] as const) for (const text of await profileTexts(language, typed)) expect(text).toContain('静安 2025 草案');
	});
});
