/**
 * Issue 24 in the import dialog (Chinese UI): an unsure coordinate system waits for the planner's choice,
 * recorded as theirs; a population file's rows outside every sub-district, repeated cells and the note
 * under the table are listed by row with the field and value; a damaged workbook is refused in Chinese.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const FIXTURES = 'tests/fixtures/import';

async function openInChinese(page: Page): Promise<void> {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
}

async function chooseFile(page: Page, kind: string, file: { name: string; mimeType: string; buffer: Buffer } | string) {
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId(`import-kind-${kind}`).check();
	await dialog.getByTestId('import-file').setInputFiles(file);
	return dialog;
}

test('degrees without a declaration: Import waits for the planner to choose the coordinate system, and the choice is recorded as theirs; a declared file imports as before', async ({ page }) => {
	await openInChinese(page);
	const dialog = await chooseFile(page, 'facilities', { name: '机构.csv', mimeType: 'text/csv', buffer: readFileSync('static/data/demo/facilities.csv') });
	await expect(dialog.getByTestId('import-settings')).toBeVisible();
	await expect(dialog.getByTestId('import-run')).toBeDisabled();
	const why = dialog.getByTestId('import-crs-required');
	await expect(why).toHaveText('请先选择文件的坐标系再导入：仅凭经纬度数值无法区分 WGS84、GCJ-02（高德、腾讯）与 BD-09（百度），三者相差可达数百米。');
	await expect(dialog.getByTestId('import-crs-select')).toHaveValue('');
	await dialog.screenshot({ path: 'test-results/import-crs-required-zh.png' });

	await dialog.getByTestId('import-crs-select').selectOption('wgs84');
	await expect(why).toHaveCount(0);
	await expect(dialog.getByTestId('import-run')).toBeEnabled();
	await dialog.getByTestId('import-run').click();
	await expect(dialog.getByTestId('import-crs-chosen')).toHaveText('坐标系：WGS84（由规划人员选择）');
	await dialog.getByTestId('import-load').click();
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
	await expect(page.getByTestId('source-crs-facilities')).toHaveText('坐标系：WGS84（由规划人员选择）');
	await expect(page.getByTestId('source-crs-facilities')).toHaveAttribute('data-chosen-by', 'planner');
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });

	// A Shapefile whose .prj declares its system: nothing to ask, imported as before, recorded as the file's.
	const declared = await chooseFile(page, 'subdistricts', `${FIXTURES}/subdistricts-gk120-gbk.zip`);
	await expect(declared.getByTestId('import-settings')).toBeVisible();
	await expect(declared.getByTestId('import-crs-required')).toHaveCount(0);
	await expect(declared.getByTestId('import-run')).toBeEnabled();
	await declared.getByTestId('import-run').click();
	await expect(declared.getByTestId('import-crs-chosen')).toHaveAttribute('data-chosen-by', 'file');
	await expect(declared.getByTestId('import-crs-chosen')).toContainText('文件中已声明');
});

test('a population file: the row outside every sub-district, the repeated cell, the total row and the note under the table are listed by row, field and value, and downloaded', async ({ page }) => {
	await openInChinese(page);
	const [header, first, ...rest] = readFileSync('static/data/demo/population.csv', 'utf8').trimEnd().split('\n');
	const [lon, lat] = first.split(',');
	// Rows: header 1, first 2, the demo's rows, then the repeat, the outside point, a total row and the footer.
	const repeatRow = rest.length + 3;
	const lines = [header, first, ...rest, `${lon},${lat},5`, '121.000,31.000,70', '合计,,99999', '制表：区卫健委'];
	const dialog = await chooseFile(page, 'population', { name: '人口.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
	await expect(dialog.getByTestId('import-settings')).toBeVisible();
	await dialog.getByTestId('import-crs-select').selectOption('wgs84');
	await dialog.getByTestId('import-run').click();
	await expect(dialog.getByTestId('import-loaded')).toBeVisible();

	const rowOf = (table: string, row: number) => dialog.getByTestId(table).locator('tr', { has: page.locator('td.row', { hasText: new RegExp(`^${row}$`) }) });
	const outside = rowOf('import-warnings', repeatRow + 1);
	await expect(outside.locator('td').nth(2)).toHaveText('坐标');
	await expect(outside.locator('td.value')).toHaveText('121.000, 31.000');
	await expect(outside.locator('td[data-code]')).toHaveText('不在任何街镇范围内：已载入，合计中计入“不在任何街镇内”');
	const repeat = rowOf('import-problems', repeatRow);
	await expect(repeat.locator('td').nth(2)).toHaveText('坐标');
	await expect(repeat.locator('td.value')).toHaveText(`${lon}, ${lat}`);
	await expect(repeat.locator('td[data-code]')).toHaveAttribute('data-code', 'duplicate-cell');
	const total = rowOf('import-problems', repeatRow + 2);
	await expect(total).toHaveCount(1);
	await expect(total.locator('td[data-code]')).toHaveText('合计行（\u2068合计\u2069），不是人口单元：已跳过');
	await total.scrollIntoViewIfNeeded();
	await dialog.getByTestId('import-problems').screenshot({ path: 'test-results/import-population-total-row-zh.png' });
	const note = rowOf('import-problems', repeatRow + 3);
	await expect(note.locator('td.value')).toHaveText('制表：区卫健委');
	await expect(note.locator('td[data-code]')).toHaveText('表格下方的备注行，不是人口单元');
	await dialog.getByTestId('import-warnings').scrollIntoViewIfNeeded();
	await dialog.screenshot({ path: 'test-results/import-population-rows-zh.png' });

	const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('import-download-problems').click()]);
	const csv = readFileSync(await file.path(), 'utf8').slice(1).trimEnd().split('\r\n');
	expect(csv).toContain(`${repeatRow + 1},,坐标,"121.000, 31.000",不在任何街镇范围内：已载入，合计中计入“不在任何街镇内”,已载入`);
	expect(csv).toContain(`${repeatRow + 2},,,合计 · 99999,合计行（合计），不是人口单元：已跳过,未载入`);
	expect(csv).toContain(`${repeatRow + 3},,,制表：区卫健委,表格下方的备注行，不是人口单元,未载入`);
});

test('a damaged workbook is refused in Chinese; the reader’s English stays out of the sentence, marked as a technical detail', async ({ page }) => {
	await openInChinese(page);
	// A ZIP that is an .xlsx by name but holds no workbook parts (exceljs cannot read it).
	const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
	const dialog = await chooseFile(page, 'facilities', { name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: zip });
	const error = dialog.getByTestId('import-error');
	await expect(error).toBeVisible();
	const sentence = error.locator('p').first();
	await expect(sentence).toContainText('已损坏');
	// No English words in the Chinese sentence (the file's name and the format's "ZIP" aside).
	expect(((await sentence.textContent()) ?? '').replace('broken.xlsx', '')).not.toMatch(/[a-z]{3,}/);
	await expect(error.getByTestId('import-error-detail')).toContainText('技术信息');
	await dialog.screenshot({ path: 'test-results/import-damaged-zh.png' });
	// A binary file that is no format at all: named, in Chinese.
	await dialog.getByTestId('import-file').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 1) % 7)) });
	await expect(error.locator('p').first()).toContainText('无法识别的文件格式');
	await expect(error).not.toContainText('unrecognised');
});
