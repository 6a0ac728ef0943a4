import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { test, expect, openApp, downloadExport as download, printReportPdf } from './fixtures';

const NAMES = JSON.parse(readFileSync('data/jingan-units.json', 'utf8')).units as { code: string; name: string; name_en: string }[];

/** The printed report as Chromium makes it, turned into text by poppler's pdftotext. */
async function printedText(page: Page, language: string): Promise<string> {
	const pdf = await printReportPdf(page);
	const dir = mkdtempSync(join(tmpdir(), 'report-'));
	writeFileSync(join(dir, 'report.pdf'), pdf);
	writeFileSync(`docs/report-${language}.pdf`, pdf);
	return execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
}

test('the gap report downloads as XLSX, CSV, GeoJSON, PNG and prints to PDF in both languages', async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await expect(page.getByTestId('export-xlsx')).toBeEnabled({ timeout: 60_000 });

	// On-screen figures: residents and area gap per sub-district from the standards table.
	await page.getByTestId('tab-standards').click();
	const onScreen = new Map<string, { residents: number; areaGap: number }>();
	for (const row of await page.locator('[data-testid="standards-indicator-table"] tbody tr').all()) {
		const figure = async (column: string) => Number(((await row.locator(`td[data-column="${column}"]`).textContent()) ?? '').replace(/[^\d.-]/g, ''));
		onScreen.set((await row.getAttribute('data-code')) ?? '', { residents: await figure('residents'), areaGap: await figure('areaGapM2') });
	}
	expect(onScreen.size).toBe(14);

	// XLSX: typed numbers equal to the table on screen, Chinese headers.
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await download(page, 'xlsx')) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('各街镇');
	expect(sheet).toBeDefined();
	const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
	expect(headers).toContain('面积缺口（m²）');
	const codeColumn = headers.indexOf('代码') + 1;
	const residentsColumn = headers.indexOf('常住人口（人）') + 1;
	const gapColumn = headers.indexOf('面积缺口（m²）') + 1;
	let checked = 0;
	sheet?.eachRow((row, number) => {
		const code = String(row.getCell(codeColumn).value ?? '');
		if (number === 1 || !onScreen.has(code)) return;
		expect(typeof row.getCell(residentsColumn).value).toBe('number');
		expect(row.getCell(residentsColumn).value).toBe(onScreen.get(code)?.residents);
		expect(Math.round(Number(row.getCell(gapColumn).value))).toBe(onScreen.get(code)?.areaGap);
		checked++;
	});
	expect(checked).toBe(14);

	// CSV: UTF-8 with BOM, the right columns, 14 sub-districts and a total row.
	const csv = await download(page, 'csv');
	expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	// Above its header, `#` lines say what it was made from (the demo: every layer synthetic).
	expect(csv.toString('utf8').slice(1).split('\r\n')).toContain('# 合成示例数据（逐图层）：全部图层（设施、人口、街镇边界、步行路网）为合成示例数据，并非真实数据');
	const parsed = Papa.parse<Record<string, string>>(csv.toString('utf8').slice(1), { header: true, skipEmptyLines: true, comments: '#' });
	expect(parsed.meta.fields).toEqual(headers.map(String));
	expect(parsed.data).toHaveLength(15);

	// GeoJSON: 14 sub-district features with numeric indicators, plus uncovered areas.
	const geojson = JSON.parse((await download(page, 'geojson')).toString('utf8'));
	expect(geojson.type).toBe('FeatureCollection');
	const subdistricts = geojson.features.filter((feature: { properties: { kind: string } }) => feature.properties.kind === 'subdistrict');
	expect(subdistricts).toHaveLength(14);
	for (const feature of geojson.features) {
		expect(feature.geometry.type).toBe('MultiPolygon');
		for (const polygon of feature.geometry.coordinates) for (const ring of polygon) expect(ring[0]).toEqual(ring[ring.length - 1]);
	}
	for (const feature of subdistricts) expect(typeof feature.properties.residents).toBe('number');
	expect(geojson.features.some((feature: { properties: { kind: string } }) => feature.properties.kind === 'uncovered')).toBe(true);

	// PNG of the map.
	const png = await download(page, 'png');
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

	// PDF through Chromium's print, in Chinese and in English.
	const chinese = await printedText(page, 'zh');
	for (const unit of NAMES) expect(chinese).toContain(unit.name);
	expect(chinese).toContain('上海 2023');
	await page.getByTestId('language-en').click();
	await expect(page.locator('.app header h1')).toHaveText('Health Circle');
	const english = await printedText(page, 'en');
	for (const unit of NAMES) expect(english.replace(/\s+/g, ' ')).toContain(unit.name_en);
	expect(english).toContain('Shanghai 2023');
});
