import { readFileSync } from 'node:fs';
import { test, expect, openApp } from './fixtures';

const FIXTURES = 'tests/fixtures/import';
const expected = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, 'utf8')) as {
	facilities: { id: string; lon: number; lat: number }[];
	gbkBadRows: { row: number; id: string; field: string }[];
	gbkWarningRows: { row: number; id: string; name: string; field: string; value: string }[];
};

function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const radians = Math.PI / 180;
	const dLat = (b.lat - a.lat) * radians;
	const dLon = (b.lon - a.lon) * radians;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * radians) * Math.cos(b.lat * radians) * Math.sin(dLon / 2) ** 2;
	return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

test('a GBK CSV with Chinese headers, GCJ-02 coordinates and bad rows: problems by row, valid rows loaded, kept after reload', async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-kind-facilities').check();
	await dialog.getByTestId('import-file').setInputFiles(`${FIXTURES}/facilities-gbk-gcj02.csv`);
	await expect(dialog.getByTestId('import-settings')).toBeVisible();
	await expect(dialog.getByTestId('import-encoding')).toHaveValue(/gb/i);
	await dialog.getByTestId('import-crs-select').selectOption('gcj02');
	await dialog.getByTestId('import-run').click();

	// Every bad row is listed with its row number; the counts are shown.
	const problems = dialog.getByTestId('import-problems');
	await expect(problems).toBeVisible();
	const listedRows = (await problems.locator('td.row').allTextContents()).map(Number);
	for (const bad of expected.gbkBadRows) expect(listedRows).toContain(bad.row);
	// Reasons are worded in the page's language (translated from each problem's code), not the importer's English.
	const reasonOfRow = (row: number) => problems.locator('tr', { has: page.locator('td.row', { hasText: new RegExp(`^${row}$`) }) }).locator('td[data-code]');
	await expect(reasonOfRow(25)).toHaveText('缺少经度');
	await expect(reasonOfRow(26)).toHaveText('纬度不是数字：\u2068三十一\u2069');
	for (const reason of await problems.locator('td[data-code]').allTextContents()) expect(reason).toMatch(/[\u4e00-\u9fff]/);
	// An area of "约800" or -5 beds keeps the facility, with that value unknown, listed under the warnings by name.
	const warnings = dialog.getByTestId('import-warnings');
	for (const kept of expected.gbkWarningRows) {
		const code = `${kept.field === 'area_m2' ? 'area' : 'beds'}-${/^-\d/.test(kept.value) ? 'negative-' : ''}unknown`;
		const line = warnings.locator('tr', { has: page.locator('td.row', { hasText: new RegExp(`^${kept.row}$`) }) }).filter({ has: page.locator(`td[data-code="${code}"]`) });
		await expect(line.locator('td.name')).toHaveText(kept.name);
		await expect(line.locator('td.value')).toHaveText(kept.value);
		await expect(line.locator('td[data-code]')).toContainText('已保留');
	}
	await expect(dialog.getByTestId('import-kept-with-warnings')).toContainText(String(new Set(await warnings.locator('td.row').allTextContents()).size));
	const good = expected.facilities.length + expected.gbkWarningRows.length;
	await expect(dialog.getByTestId('import-loaded')).toContainText(String(good));
	await expect(dialog.getByTestId('import-skipped')).toContainText(String(expected.gbkBadRows.length));
	await expect(dialog.getByTestId('import-conversion')).toContainText(/GCJ/);
	await page.screenshot({ path: 'docs/screenshots/import-problems-zh.png' });
	await dialog.getByTestId('import-load').click();

	// The app recomputes with the new facilities and says where the data came from.
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('source-counts-facilities')).toContainText(`${good}`);
	await expect(page.getByTestId('source-counts-facilities')).toContainText(`${expected.gbkBadRows.length}`);

	// Converted to WGS84 within 5 m of the true positions (read back from the browser's store).
	const stored = await page.evaluate(
		() =>
			new Promise<{ id: string; lon: number; lat: number }[]>((resolve, reject) => {
				const request = indexedDB.open('health-circle');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					// The open dataset's id is in the 'active' store; each dataset is its own record.
					const transaction = request.result.transaction(['datasets', 'active']);
					const active = transaction.objectStore('active').get('dataset');
					active.onsuccess = () => {
						const get = transaction.objectStore('datasets').get(active.result);
						get.onsuccess = () => resolve(get.result.dataset.facilities);
						get.onerror = () => reject(get.error);
					};
					active.onerror = () => reject(active.error);
				};
			})
	);
	expect(stored).toHaveLength(good);
	for (const kept of expected.gbkWarningRows) expect(stored.find((facility) => facility.id === kept.id)).toBeDefined();
	for (const truth of expected.facilities) {
		const loaded = stored.find((facility) => facility.id === truth.id);
		expect(loaded, truth.id).toBeDefined();
		expect(metresBetween(truth, loaded ?? { lon: 0, lat: 0 }), truth.id).toBeLessThan(5);
	}

	// A reload keeps the planner's data; going back to the demo is explicit.
	await page.reload();
	await openApp(page);
	await expect(page.getByTestId('source-counts-facilities')).toContainText(`${good}`);
	await page.getByTestId('back-to-demo').click();
	await expect(page.getByTestId('synthetic-banner')).toBeVisible();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('back-to-demo')).toHaveCount(0);
});
