/**
 * Issue 24, the small "nothing on screen that is not true" items, in the browser: a walking threshold of 7.5
 * minutes reads 7.5 (not 8) in the 街镇 detail panel, and a default scenario name made in Chinese reads
 * "Scenario 1" on the English page and in the English CSV export, while a name the planner typed stays as typed.
 */
import { test, expect, openApp, downloadExport, proposeAtCoordinates } from './fixtures';

test('7.5 minutes reads 7.5 in the sub-district detail panel (zh), never 8', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
	const threshold = page.getByTestId('threshold');
	await threshold.fill('7.5');
	await threshold.blur();
	await expect(page.getByTestId('coverage-controls').locator('h2')).toContainText('7.5 分钟');
	await page.getByTestId('tab-standards').click();
	const table = page.getByTestId('standards-indicator-table');
	await table.locator('tbody tr').first().click();
	const detail = page.getByTestId('standards-subdistrict-detail');
	// The coverage rule goes by the one coverage label ("7.5 分钟覆盖率"), as in the report.
	await expect(detail).not.toContainText('服务圈覆盖');
	await expect(detail).toContainText('7.5 分钟覆盖率');
	await expect(detail).not.toContainText('8 分钟');
	await expect(detail).not.toContainText('8分钟');
	await detail.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/threshold-7.5-detail-zh.png' });
});

test('a default scenario name follows the language; a typed name stays as typed (page and English CSV)', async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	await expect(page.getByTestId('scenario-name')).toHaveValue('方案 1');

	await page.getByTestId('language-en').click();
	await expect(page.getByTestId('scenario-name')).toHaveValue('Scenario 1');
	await expect(page.getByTestId('scenario-banner')).toContainText('Scenario “\u2068Scenario 1\u2069”');
	await expect(page.getByTestId('scenario-banner')).not.toContainText('方案');
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true');
	const csv = (await downloadExport(page, 'csv')).toString('utf8');
	expect(csv).toContain('Scenario 1');
	expect(csv).not.toContain('方案 1');

	// Reloaded in English, the default name is still worded in English.
	await page.reload();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await page.getByTestId('tab-scenario').click();
	await expect(page.getByTestId('scenario-name')).toHaveValue('Scenario 1');

	// A typed name, even one that looks like a default, is never translated.
	await page.getByTestId('scenario-name').fill('方案 7');
	await page.getByTestId('scenario-name').press('Enter');
	await page.getByTestId('scenario-name').blur();
	await page.getByTestId('language-zh-CN').click();
	await page.getByTestId('language-en').click();
	await expect(page.getByTestId('scenario-name')).toHaveValue('方案 7');
	await expect(page.getByTestId('scenario-banner')).toContainText('Scenario “\u2068方案 7\u2069”');
});

test('a proposed site placed in Chinese reads "Proposed station 1" on the English page and in the English GeoJSON; a typed name stays', async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await proposeAtCoordinates(page, '121.455', '31.245');
	await expect(page.getByTestId('editor-name')).toHaveValue('拟建服务站 1');
	await expect(page.getByTestId('scenario-edits')).toContainText('拟建服务站 1');

	await page.getByTestId('language-en').click();
	await expect(page.getByTestId('editor-name')).toHaveValue('Proposed station 1');
	await expect(page.getByTestId('scenario-edits')).toContainText('Proposed station 1');
	await expect(page.getByTestId('scenario-edits')).not.toContainText('拟建');
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true');
	const geojson = (await downloadExport(page, 'geojson')).toString('utf8');
	expect(geojson).toContain('Proposed station 1');
	expect(geojson).not.toContain('拟建服务站');

	// Reloaded, the site keeps its default name in the reader's language; a name typed over it stays as typed.
	await page.reload();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await page.getByTestId('tab-scenario').click();
	await expect(page.getByTestId('scenario-edits')).toContainText('Proposed station 1');
	const siteId = await page.getByTestId('facility-pick').locator('option', { hasText: 'Proposed station 1' }).getAttribute('value');
	await page.getByTestId('facility-pick').selectOption(siteId ?? '');
	await expect(page.getByTestId('editor-name')).toHaveValue('Proposed station 1');
	await page.getByTestId('editor-name').fill('拟建服务站 9');
	await page.getByTestId('editor-apply').click();
	await page.getByTestId('language-zh-CN').click();
	await page.getByTestId('language-en').click();
	await expect(page.getByTestId('editor-name')).toHaveValue('拟建服务站 9');
});
