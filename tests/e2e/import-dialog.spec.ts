import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const FIXTURES = 'tests/fixtures/import';
const expected = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, 'utf8')) as {
	facilities: { id: string }[];
	titleRow: { headerRow: number; unknownQuantities: { row: number; id: string; name: string; area: string; beds: string }[] };
};

async function inDialog(page: Page): Promise<boolean> {
	return page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="import-dialog"]')));
}

test('the import dialog is a modal: focus moves in, Tab stays inside, Escape closes, focus returns to "Load data"', async ({ page }) => {
	await openApp(page);
	const opener = page.getByTestId('open-import');
	await opener.click();
	const dialog = page.getByTestId('import-dialog');
	await expect(dialog).toBeVisible();
	await expect.poll(() => inDialog(page)).toBe(true);
	// More Tabs (both ways) than the dialog has controls: focus never reaches the page behind.
	for (let press = 0; press < 12; press++) {
		await page.keyboard.press('Tab');
		expect(await inDialog(page)).toBe(true);
	}
	for (let press = 0; press < 12; press++) {
		await page.keyboard.press('Shift+Tab');
		expect(await inDialog(page)).toBe(true);
	}
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await expect(opener).toBeFocused();
	// The close button too.
	await opener.click();
	await page.getByTestId('import-close').click();
	await expect(dialog).toHaveCount(0);
	await expect(opener).toBeFocused();
});

test("an Excel list with merged title rows: the header is found, non-numbers kept as unknown, problems downloaded, the banner names the layers still synthetic", async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await expect(page.getByTestId('synthetic-banner')).toBeVisible();
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-kind-facilities').check();
	await dialog.getByTestId('import-file').setInputFiles(`${FIXTURES}/facilities-title-row.xlsx`);
	await expect(dialog.getByTestId('import-settings')).toBeVisible();
	// Degrees alone cannot tell WGS84 from GCJ-02 or BD-09: Import waits for the planner's choice, and says so.
	await expect(dialog.getByTestId('import-run')).toBeDisabled();
	await expect(dialog.getByTestId('import-crs-required')).toContainText('请先选择文件的坐标系');
	await dialog.getByTestId('import-crs-select').selectOption('wgs84');
	await expect(dialog.getByTestId('import-crs-required')).toHaveCount(0);
	// The header row is shown and can be changed; the mapping is complete, so Import is enabled.
	const headerRow = dialog.getByTestId('import-header-row');
	await expect(headerRow).toHaveValue(String(expected.titleRow.headerRow));
	await expect(dialog.getByTestId('import-missing')).toHaveCount(0);
	await expect(dialog.getByTestId('import-run')).toBeEnabled();
	// Choosing the title row leaves required columns unmapped (Import disabled); back to the detected row.
	await headerRow.selectOption('1');
	await expect(dialog.getByTestId('import-missing')).toBeVisible();
	await expect(dialog.getByTestId('import-run')).toBeDisabled();
	await headerRow.selectOption(String(expected.titleRow.headerRow));
	await expect(dialog.getByTestId('import-run')).toBeEnabled();
	await dialog.getByTestId('import-run').click();

	const loaded = expected.facilities.length + expected.titleRow.unknownQuantities.length;
	await expect(dialog.getByTestId('import-loaded')).toContainText(String(loaded));
	await expect(dialog.getByTestId('import-skipped')).toHaveCount(0);
	const warnings = dialog.getByTestId('import-warnings');
	// Kept with warnings = the rows listed (against the demo's real boundaries the fixture's declared sub-districts disagree too).
	const warnedRows = new Set(await warnings.locator('td.row').allTextContents());
	await expect(dialog.getByTestId('import-kept-with-warnings')).toContainText(String(warnedRows.size));
	for (const unknown of expected.titleRow.unknownQuantities) {
		// Row numbers are the sheet's own (the two title rows count).
		const area = warnings.locator('tr', { has: page.locator('td.row', { hasText: new RegExp(`^${unknown.row}$`) }) }).filter({ has: page.locator('td[data-code="area-unknown"]') });
		await expect(area.locator('td.name')).toHaveText(unknown.name);
		await expect(area.locator('td.value')).toHaveText(unknown.area);
		await expect(area.locator('td[data-code]')).toHaveText(`建筑面积“\u2068${unknown.area}\u2069”不是有效数字：已保留，面积记为未知`);
	}
	await page.screenshot({ path: 'docs/screenshots/import-title-row-zh.png' });

	const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('import-download-problems').click()]);
	expect(file.suggestedFilename()).toBe('facilities-title-row-problems.csv');
	const csv = readFileSync(await file.path(), 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const lines = csv.slice(1).trimEnd().split('\r\n');
	expect(lines[0]).toBe('行号,名称,列,原值,问题,处理结果');
	const u1 = expected.titleRow.unknownQuantities[0];
	expect(lines).toContain(`${u1.row},${u1.name},床位数,${u1.beds},床位数“${u1.beds}”不是有效数字：已保留，床位记为未知,已载入`);

	await dialog.getByTestId('import-load').click();
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	// The planner's own facilities replace the demo's: the banner now names the layers still synthetic (population, boundaries, streets).
	await expect(page.getByTestId('synthetic-banner')).toHaveAttribute('data-layers', 'population subdistricts network');
	await expect(page.getByTestId('source-counts-facilities')).toContainText(String(loaded));
});
