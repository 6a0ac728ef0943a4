/**
 * Issue 24, items 1–4: what the page and the exports say is true of the layers and settings in effect, and a
 * planner's dataset is never lost by one click. Screenshots of the banner, the data sources and the dataset
 * list (both languages) go to docs/screenshots and were looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { test, expect, openApp, downloadExport, importThroughDialog, printReportPdf, proposeAtCoordinates } from './fixtures';

const FIXTURES = 'tests/fixtures/import';

async function language(page: Page, code: 'zh-CN' | 'en'): Promise<void> {
	await page.addInitScript((value) => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', value);
	}, code);
}

/** The text cells of the XLSX's first sheet. */
async function firstSheetText(bytes: Buffer): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	const lines: string[] = [];
	workbook.worksheets[0].eachRow((row) => lines.push((row.values as unknown[]).slice(1).map(String).join(' | ')));
	return lines.join('\n');
}

/** The printed report, one text per page (poppler's pdftotext). */
async function printedPages(page: Page): Promise<string[]> {
	const path = join(mkdtempSync(join(tmpdir(), 'truth-pdf-')), 'report.pdf');
	writeFileSync(path, await printReportPdf(page));
	return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
		.split('\f')
		.filter((text) => text.trim() !== '');
}

const number = (text: string) => Number(text.replace(/[^\d.]/g, ''));

test('provenance per layer after importing only a facility list; the dataset survives "back to the demo" and reopens (zh, en)', async ({ page }) => {
	await language(page, 'zh-CN');
	await openApp(page);
	const banner = page.getByTestId('synthetic-banner');
	await expect(banner).toHaveAttribute('data-layers', 'facilities population subdistricts network');
	await expect(page.getByTestId('saved-datasets')).toContainText('尚无已保存的数据集');

	await importThroughDialog(page, 'facilities', `${FIXTURES}/facilities-gbk-gcj02.csv`, 'gcj02');
	// Population, boundaries and streets are still the demo's: the banner names them; the facilities are the planner's file.
	await expect(banner).toHaveAttribute('data-layers', 'population subdistricts network');
	await expect(banner).toContainText('人口、街镇边界、路网');
	const sources = page.getByTestId('data-sources');
	await expect(sources.getByTestId('source-planner-facilities')).toBeVisible();
	await expect(sources.locator('li[data-kind="facilities"]')).toContainText('facilities-gbk-gcj02.csv');
	await expect(sources.locator('li[data-kind="facilities"]')).toContainText(/编码：gb/i);
	await expect(sources.locator('li[data-kind="facilities"]')).toContainText('GCJ-02');
	for (const kind of ['population', 'subdistricts', 'network']) await expect(sources.getByTestId(`source-synthetic-${kind}`)).toBeVisible();
	await sources.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/provenance-partial-zh.png' });

	// The XLSX's first sheet says which layers are synthetic, never "synthetic demo used: no".
	const sheet = await firstSheetText(await downloadExport(page, 'xlsx'));
	expect(sheet).toContain('以下图层为合成示例数据，并非真实数据：人口、街镇边界、步行路网。');
	// A cell holds the file name without the page's directional isolates; the layer says who settled the coordinate system.
	expect(sheet).toMatch(/数据来源：设施 \| 规划者文件 facilities-gbk-gcj02\.csv：载入 \d+ 行，跳过 \d+ 行；编码 gb[^|]*坐标系 GCJ-02（(由规划人员选择|文件中已声明|根据数值判断)）/i);
	expect(sheet).not.toMatch(/[\u2066-\u2069]/);
	expect(sheet).not.toMatch(/是否使用合成示例数据 \| 否/);
	// Every page of the PDF says which layers are synthetic.
	const pages = await printedPages(page);
	expect(pages.length).toBeGreaterThan(2);
	for (const [index, text] of pages.entries()) expect(text.replace(/\s+/g, ''), `PDF page ${index + 1}`).toContain('合成示例数据（非真实数据）图层：人口、街镇边界、步行路网');
	// The GeoJSON's metadata lists the synthetic layers.
	const geojson = JSON.parse((await downloadExport(page, 'geojson')).toString('utf8')) as { report: { synthetic: boolean; synthetic_layers: string[] } };
	expect(geojson.report).toMatchObject({ synthetic: true, synthetic_layers: ['population', 'subdistricts', 'network'] });

	// Back to the demo switches: the planner's dataset stays in the list and reopens as it was.
	const saved = page.getByTestId('saved-datasets');
	await expect(saved.locator('li')).toHaveCount(1);
	await page.getByTestId('back-to-demo').click();
	await expect(banner).toHaveAttribute('data-layers', 'facilities population subdistricts network');
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(saved.locator('li')).toHaveCount(1);
	await expect(saved.locator('li')).toContainText('facilities-gbk-gcj02.csv');
	await expect(page.locator('.app')).toHaveAttribute('data-db-ready', 'true', { timeout: 60_000 });
	await saved.evaluate((element) => element.scrollIntoView({ block: 'end' }));
	await page.screenshot({ path: 'docs/screenshots/saved-datasets-zh.png' });
	// After a reload the demo is still what opens, and the dataset is still listed.
	await page.reload();
	await openApp(page);
	await expect(saved.locator('li')).toHaveCount(1);
	await saved.getByTestId('saved-open').click();
	await expect(banner).toHaveAttribute('data-layers', 'population subdistricts network');
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('source-planner-facilities')).toBeVisible();

	// English: the same, in English.
	await page.getByTestId('language-en').click();
	await expect(banner).toContainText('still the synthetic demo, not real data: Population, Sub-district boundaries, Street network');
	await expect(sources.getByTestId('source-planner-facilities')).toHaveText('your file');
	await sources.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/provenance-partial-en.png' });
	await page.getByTestId('back-to-demo').click();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.locator('.app')).toHaveAttribute('data-db-ready', 'true', { timeout: 60_000 });
	await saved.evaluate((element) => element.scrollIntoView({ block: 'end' }));
	await page.screenshot({ path: 'docs/screenshots/saved-datasets-en.png' });

	// Deleting asks first; cancel keeps it, confirm removes it.
	await saved.getByTestId('saved-delete').click();
	await expect(saved.getByRole('alertdialog')).toContainText('cannot be restored');
	await saved.getByTestId('saved-delete-cancel').click();
	await expect(saved.locator('li')).toHaveCount(1);
	await saved.getByTestId('saved-delete').click();
	await saved.getByTestId('saved-delete-confirm').click();
	await expect(saved.locator('li')).toHaveCount(0);
});

test('residents reconciled with a row outside every sub-district; invalid settings refused beside the field; the editor reads "20张" and "300㎡"', async ({ page }) => {
	await language(page, 'zh-CN');
	await openApp(page);
	// The demo's population plus 70 residents far outside every sub-district (the Huangpu river mouth).
	const dir = mkdtempSync(join(tmpdir(), 'truth-'));
	const population = join(dir, 'population-outside.csv');
	writeFileSync(population, `${readFileSync('static/data/demo/population.csv', 'utf8').trimEnd()}\n121.60,31.38,70\n`);
	await importThroughDialog(page, 'population', population);

	const reconciliation = page.getByTestId('residents-reconciliation');
	await expect(reconciliation).toContainText('不在任何街镇内 70');
	await expect(page.getByTestId('residents-outside')).toContainText('70 人的位置不在任何街镇内');
	// total = within + outside, within = covered + not covered + unreachable, and within = the overview table's total.
	const parts = (await reconciliation.innerText()).match(/[\d,]+(?=\D|$)/g)!.map(number);
	const [total, within, minutes, covered, , notCovered, unreachable, outside] = parts;
	expect(minutes).toBe(15);
	expect(total).toBe(within + outside);
	expect(within).toBe(covered + notCovered + unreachable);
	const tableTotal = number(await page.locator('[data-testid="subdistrict-table"] tfoot th.number').first().innerText());
	expect(tableTotal).toBe(within);
	await expect(page.getByTestId('coverage-summary')).toContainText(`${covered.toLocaleString('en-US')} / ${within.toLocaleString('en-US')}`);
	const coverageBefore = await page.getByTestId('total-coverage').innerText();
	await expect(page.locator('[data-testid="subdistrict-table"] tfoot th.number').last()).toHaveText(coverageBefore);

	// Settings: −5, 0 and 200 are refused beside the field and 15 min stays in effect; 7.5 is taken and said.
	const threshold = page.getByTestId('threshold');
	const problem = page.getByTestId('setting-problem-thresholdMinutes');
	for (const typed of ['-5', '0', '200']) {
		await threshold.fill(typed);
		await threshold.press('Enter');
		await threshold.blur();
		await expect(problem).toHaveText('请输入 1–60 之间的数值（单位：分钟）；当前仍为 15 分钟');
		await expect(threshold).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByTestId('coverage-controls').locator('h2')).toContainText('15 分钟');
		await expect(page.getByTestId('total-coverage')).toHaveText(coverageBefore);
	}
	await page.screenshot({ path: 'docs/screenshots/setting-refused-zh.png' });
	await threshold.fill('7.5');
	await threshold.blur();
	await expect(problem).toHaveCount(0);
	await expect(page.getByTestId('coverage-controls').locator('h2')).toContainText('7.5 分钟');
	await expect(reconciliation).toContainText('7.5 分钟内可达');
	await expect(page.getByTestId('total-coverage')).not.toHaveText(coverageBefore);
	await expect(page.getByTestId('setting-ranges')).toContainText('可含小数');
	const speed = page.getByTestId('speed');
	await speed.fill('0');
	await speed.blur();
	await expect(page.getByTestId('setting-problem-speedKmh')).toHaveText('请输入 0.5–40 之间的数值（单位：km/h）；当前仍为 4.5 km/h');

	// The scenario editor reads quantities as the import does.
	await proposeAtCoordinates(page, '121.4550', '31.2450');
	const edits = page.getByTestId('scenario-edits').locator('li');
	await expect(edits.first()).toContainText('床位数未知');
	await expect(edits.first()).not.toContainText('未知 张');
	await page.getByTestId('editor-area').fill('300㎡');
	await page.getByTestId('editor-beds').fill('20张');
	await page.getByTestId('editor-apply').click();
	await expect(page.getByTestId('facility-editor').getByRole('alert')).toHaveCount(0);
	await expect(edits).toHaveCount(2);
	await expect(edits.last()).toContainText('建筑面积 300 m²，床位 20 张');

	// Deleting a scenario with edits asks first.
	await page.getByTestId('scenario-delete').click();
	await expect(page.getByTestId('scenario-delete-confirm')).toBeVisible();
	await page.getByTestId('scenario-delete-cancel').click();
	await expect(edits).toHaveCount(2);
	await page.getByTestId('scenario-delete').click();
	await page.getByTestId('scenario-delete-confirm').click();
	await expect(page.getByTestId('scenario-edits')).toHaveCount(0);
});
