import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openApp, printReportPdf, proposeAtCoordinates } from './fixtures';
import type { Page } from '@playwright/test';

/** Issue 24 item 11 (the printed report with a scenario) and item 12 (the Chinese title at 390 px). */

async function withScenario(page: Page): Promise<void> {
	await proposeAtCoordinates(page);
	await expect(page.getByTestId('export-pdf')).toBeEnabled();
}

/** Prints the report (Chromium's PDF), keeps it under docs/ and its pages as PNG, and returns its text. */
async function printReport(page: Page, language: string): Promise<string> {
	// The scale strip lies under each map picture, never over it (it covered 静安寺 at the southern edge).
	const pdf = await printReportPdf(page, async () => {
		for (const map of await page.getByTestId('report-map').all()) {
			const picture = (await map.getByTestId('report-map-picture').boundingBox())!;
			const scale = (await map.getByTestId('report-map-scale').boundingBox())!;
			expect(scale.y, 'scale strip below the map picture').toBeGreaterThanOrEqual(picture.y + picture.height - 0.5);
		}
	});
	const dir = mkdtempSync(join(tmpdir(), 'report-scenario-'));
	writeFileSync(join(dir, 'report.pdf'), pdf);
	execFileSync('pdftoppm', ['-png', '-r', '60', join(dir, 'report.pdf'), join('test-results', `report-scenario-${language}`)]);
	return execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
}

for (const language of ['zh-CN', 'en'] as const) {
	test(`the printed report with a scenario in ${language}: names without codes, headers whole, the scale under the map`, async ({ page }) => {
		await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
		await openApp(page);
		await withScenario(page);
		const text = await printReport(page, language);
		// No sub-district code runs into a name ("pengpuz彭浦镇"): codes are lower-case Latin, names Chinese or capitalised.
		expect(text).not.toMatch(/[a-z]{4,}[\u4e00-\u9fff]/);
		expect(text).not.toMatch(/pengpuzhen|daninglu|jingansi/);
		if (language === 'en') {
			// pdftotext keeps a word whole when the header did; "Resident s" and "Communi ty" were split.
			expect(text).not.toMatch(/Resident\s+s\b|Communi\s+ty\b|Coverag\s+e\b|Scenari\s+o\b/);
		}
	});
}

test('at 390 px in Chinese the title and subtitle read on one line each', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
	const title = (await page.locator('header h1').boundingBox())!;
	const subtitle = (await page.locator('header .brand p').boundingBox())!;
	expect(title.height, 'one line of 18 px text').toBeLessThan(32);
	expect(subtitle.height, 'one line of 12 px text').toBeLessThan(22);
	expect(subtitle.width).toBeGreaterThan(100);
	expect((await page.locator('.app header').boundingBox())!.height).toBeLessThan(160);
	await page.screenshot({ path: 'docs/screenshots/app-zh-390.png' });
});
