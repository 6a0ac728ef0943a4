import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { test, expect, openApp, proposeAtCoordinates } from './fixtures';

/**
 * Findings of the planner walkthroughs in the side panels (scenarios, suggestion, profile).
 */

async function open(page: Page, language: 'zh-CN' | 'en', width = 1400, height = 860): Promise<void> {
	await page.setViewportSize({ width, height });
	await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
	await openApp(page);
}

/** The exported XLSX's "Scenario sites" sheet: one record per row, by header. */
async function siteSheet(page: Page): Promise<Record<string, string>[]> {
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('Scenario sites');
	expect(sheet, 'the scenario sites sheet').toBeDefined();
	const headers = (sheet!.getRow(1).values as unknown[]).slice(1).map(String);
	const rows: Record<string, string>[] = [];
	sheet!.eachRow((row, number) => {
		if (number === 1) return;
		rows.push(Object.fromEntries(headers.map((header, index) => [header, String(row.getCell(index + 1).value ?? '')])));
	});
	return rows;
}

test('a proposed site is stored with the 街镇 of its point: the report names it, also once removed; a site outside every 街镇 is said so', async ({ page }) => {
	await open(page, 'en');
	// In 大宁路 (Daning Road), then removed again.
	await proposeAtCoordinates(page, '121.447', '31.288');
	await expect(page.getByTestId('facility-editor')).toBeVisible();
	await expect(page.getByTestId('editor-outside')).toHaveCount(0);
	await page.getByTestId('editor-close').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(2);
	// One more in 大宁路 that stays, and one west of the district, outside every 街镇 (the coordinates form is still open).
	await page.getByTestId('coordinates-lon').fill('121.447');
	await page.getByTestId('coordinates-lat').fill('31.289');
	await page.getByTestId('coordinates-add').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(3);
	await page.getByTestId('coordinates-lon').fill('121.400');
	await page.getByTestId('coordinates-lat').fill('31.250');
	await page.getByTestId('coordinates-add').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(4);
	await expect(page.getByTestId('editor-outside')).toContainText('Outside every 街镇');
	await expect(page.getByTestId('editor-outside')).toContainText('count in no 街镇 and not in the district total');
	await expect(page.getByTestId('scenario-outside')).toContainText('1 site lies outside every 街镇');
	await expect(page.getByTestId('scenario-outside')).toContainText('Proposed station 3');
	await expect(page.getByTestId('scenario-comparison')).toBeVisible();

	const rows = await siteSheet(page);
	expect(rows.map((row) => [row['Facility'], row['Sub-district']])).toEqual([
		['Proposed station 1', 'Daning Road'],
		['Proposed station 2', 'Daning Road'],
		['Proposed station 3', 'outside every sub-district (area and beds in no total)']
	]);
	await page.getByTestId('scenario-outside').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/side-panels-outside-en.png' });
});

test('in Chinese, a site outside every 街镇 is said so beside it and in the scenario list', async ({ page }) => {
	await open(page, 'zh-CN');
	await proposeAtCoordinates(page, '121.400', '31.250');
	await expect(page.getByTestId('editor-outside')).toContainText('位于所有街镇边界之外');
	await expect(page.getByTestId('scenario-outside')).toContainText('1 处选址位于所有街镇边界之外');
});

test('after "Apply as scenario" the suggestion stays on screen, marked as applied to its scenario; only a later change makes it stale', async ({ page }) => {
	await open(page, 'en');
	await page.getByTestId('tab-scenario').click();
	const panel = page.getByTestId('suggest-sites');
	await panel.getByTestId('siting-k').fill('2');
	await panel.getByTestId('siting-run').click();
	await expect(panel.getByTestId('siting-site')).toHaveCount(2, { timeout: 120_000 });
	await expect(panel.getByTestId('siting-progress')).toHaveCount(0, { timeout: 120_000 });
	await panel.getByTestId('siting-apply').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(2);
	// The Apply itself is not a change: the table stays, said to be in the new scenario, and cannot be applied twice.
	await expect(panel.getByTestId('siting-applied')).toContainText('Applied: 2 suggested sites were added to scenario “Suggestion: 2 new sites”');
	await expect(panel.getByTestId('siting-site')).toHaveCount(2);
	await expect(panel.getByTestId('siting-stale')).toHaveCount(0);
	await expect(panel.getByTestId('siting-apply')).toHaveCount(0);
	await panel.getByTestId('siting-applied').scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/side-panels-applied-en.png' });
	// A real change afterwards (one of the sites undone) makes it stale.
	await page.getByTestId('scenario-undo').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(1);
	await expect(panel.getByTestId('siting-stale')).toBeVisible();
	await expect(panel.getByTestId('siting-site')).toHaveCount(0);
	await expect(panel.getByTestId('siting-applied')).toHaveCount(0);
});

test('the standards profile is no longer "(edited) · unsaved" once a value is typed back to the built-in one', async ({ page }) => {
	await open(page, 'en');
	await page.getByTestId('tab-standards').click();
	await page.locator('details.profile > summary').click();
	const editor = page.getByTestId('standards-profile-editor');
	const choice = editor.locator('label.choose select');
	const shown = () => choice.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
	await expect.poll(shown).toBe('Shanghai 2023');
	const field = editor.getByRole('spinbutton', { name: 'Centre area per 1,000 residents', exact: true });
	await expect(field).toHaveValue('100');
	await field.fill('120');
	await expect.poll(shown).toBe('Shanghai 2023 (edited) · unsaved');
	await field.fill('100');
	await expect.poll(shown).toBe('Shanghai 2023');
	// And it is the built-in again: the next edit makes a fresh copy, shown as edited.
	await field.fill('90');
	await expect.poll(shown).toBe('Shanghai 2023 (edited) · unsaved');
});

for (const [language, confirmText, cancelText] of [
	['en', 'Delete “Scenario 1”', 'Cancel'],
	['zh-CN', '删除“方案 1”', '取消']
] as const) {
	test(`deleting a scenario with edits (${language}): the confirming button says what it deletes`, async ({ page }) => {
		await open(page, language);
		await proposeAtCoordinates(page, '121.447', '31.288');
		await page.getByTestId('scenario-delete').click();
		await expect(page.getByTestId('scenario-delete-confirm')).toHaveText(confirmText);
		await expect(page.getByTestId('scenario-delete-cancel')).toHaveText(cancelText);
		await expect(page.getByRole('button', { name: language === 'en' ? 'Delete' : '删除', exact: true })).toHaveCount(1);
	});
}
