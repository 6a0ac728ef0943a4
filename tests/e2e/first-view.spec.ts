import { test, expect, openApp, proposeAtCoordinates, chooseMapView } from './fixtures';
import type { Page } from '@playwright/test';

/** Issue 24 items 6, 7 and 9: the first view says which 街镇 fail and how badly, without waiting for DuckDB; map furniture follows the view. */

async function openIn(page: Page, language: 'zh-CN' | 'en', width: number, height = 900): Promise<void> {
	await page.setViewportSize({ width, height });
	await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
}

async function overviewGaps(page: Page): Promise<number[]> {
	return page
		.locator('[data-testid="subdistrict-table"] tbody td[data-column="status"]')
		.evaluateAll((cells) => cells.map((cell) => (cell.getAttribute('data-gap') === '' ? -1 : Number(cell.getAttribute('data-gap')))));
}

test('the overview with each 街镇’s status and gap is on screen while DuckDB has not started, worst first, on the status map', async ({ page }) => {
	await openIn(page, 'zh-CN', 1440);
	// DuckDB's wasm never arrives: whatever the first view shows cannot come from it.
	await page.route('**/*duckdb*.wasm', () => undefined);
	await page.goto('/');
	const rows = page.locator('[data-testid="subdistrict-table"] tbody tr');
	await expect(rows).toHaveCount(14);
	await expect(page.locator('.app')).toHaveAttribute('data-db-ready', 'false');
	await expect(page.getByText('正在启动本地数据库')).toHaveCount(0);
	// Worst first: the gaps never increase down the table, and the first row fails.
	const gaps = await overviewGaps(page);
	expect(gaps[0]).toBeGreaterThan(0);
	for (let i = 1; i < gaps.length; i++) expect(gaps[i], `row ${i} after row ${i - 1}`).toBeLessThanOrEqual(gaps[i - 1]);
	await expect(rows.first().locator('td[data-column="status"]')).toContainText('未达标');
	await expect(rows.first().locator('td[data-column="gap"]')).toHaveText(/^\d+%$/);
	await expect(rows.first().locator('td[data-column="gap"]')).toHaveAttribute('title', /差 \d+%/);
	// The map opens on the status map graded by severity, and its legend says by what.
	await expect(page.getByTestId('view-status')).toBeChecked();
	await expect(page.getByTestId('choropleth-legend')).toContainText('与标准的最大相对差距');
});

test('the overview sorts by name in the UI language, and its figures agree with DuckDB’s once it is ready', async ({ page }) => {
	for (const language of ['zh-CN', 'en'] as const) {
		await openIn(page, language, 1440);
		await openApp(page);
		await expect(page.getByTestId('overview-mismatch')).toHaveCount(0);
		await page.getByTestId('overview-sort-name').click();
		const names = await page.locator('[data-testid="subdistrict-table"] tbody td.name').allInnerTexts();
		expect(names).toHaveLength(14);
		const collator = new Intl.Collator(language === 'en' ? 'en' : 'zh-CN');
		expect(names).toEqual([...names].sort((a, b) => collator.compare(a, b)));
		if (language === 'en') expect(names.every((name) => /^[A-Za-z]/.test(name))).toBe(true);
		else expect(names.every((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
	}
});

test('a search by pinyin, English or Chinese name zooms to the 街镇 or facility and selects it', async ({ page }) => {
	await openIn(page, 'zh-CN', 1440);
	await openApp(page);
	const map = page.getByTestId('map');
	const before = await map.getAttribute('data-center');
	await page.getByTestId('place-search').fill('daning');
	const hit = page.getByTestId('place-search-hit').first();
	await expect(hit).toContainText('大宁路');
	const code = (await hit.getAttribute('data-id'))!;
	await hit.click();
	await expect(page.locator(`[data-testid="subdistrict-table"] tr[data-code="${code}"]`)).toHaveClass(/selected/);
	await expect(map).not.toHaveAttribute('data-center', before ?? '');

	// A facility by its Chinese name: the map zooms to it and its 街镇 is selected.
	await page.getByTestId('place-search').fill('服务中心');
	const facility = page.locator('[data-testid="place-search-hit"][data-kind="facility"]').first();
	await expect(facility).toBeVisible();
	const centreBefore = await map.getAttribute('data-center');
	await facility.click();
	await expect(map).not.toHaveAttribute('data-center', centreBefore ?? '');
	await expect(page.locator('[data-testid="subdistrict-table"] tr.selected')).toHaveCount(1);
});

test('a proposed site placed on the Chinese page is found on the English page by the name shown there, and by its Chinese form', async ({ page }) => {
	await openIn(page, 'zh-CN', 1440);
	await openApp(page);
	await proposeAtCoordinates(page, '121.45', '31.23');
	await page.getByTestId('language-en').click();
	await page.getByTestId('tab-overview').click();
	const hits = page.locator('[data-testid="place-search-hit"][data-kind="facility"]');
	await page.getByTestId('place-search').fill('Proposed station');
	await expect(hits).toHaveCount(1);
	await expect(hits).toHaveText(/^Proposed station 1/);
	await page.getByTestId('place-search').fill('拟建服务站');
	await expect(hits).toHaveText(/^Proposed station 1/);
});

/** The district's outline in map pixels, and the view switch's bottom edge in the same frame. */
async function districtFrame(page: Page) {
	const box = (await page.getByTestId('map').getAttribute('data-district-box'))!.split(',').map(Number);
	const map = (await page.getByTestId('map').boundingBox())!;
	const view = (await page.locator('.view-switch').boundingBox())!;
	return { left: box[0], top: box[1], right: box[2], bottom: box[3], width: map.width, height: map.height, switchBottom: view.y + view.height - map.y };
}

function expectFitted(frame: Awaited<ReturnType<typeof districtFrame>>, when: string): void {
	expect(frame.left, `${when}: west edge inside`).toBeGreaterThanOrEqual(0);
	expect(frame.right, `${when}: east edge inside`).toBeLessThanOrEqual(frame.width);
	expect(frame.bottom, `${when}: south edge inside`).toBeLessThanOrEqual(frame.height);
	expect(frame.top, `${when}: north tip below the view switch`).toBeGreaterThanOrEqual(frame.switchBottom);
}

test('the map refits after a resize and a language switch; the north tip clears the view switch', async ({ page }) => {
	await openIn(page, 'en', 1440);
	await openApp(page);
	await expect.poll(async () => (await page.getByTestId('map').getAttribute('data-district-box')) ?? '').not.toBe('');
	expectFitted(await districtFrame(page), 'at 1440 px');
	await page.setViewportSize({ width: 1024, height: 768 });
	await expect.poll(async () => (await districtFrame(page)).right <= (await districtFrame(page)).width).toBe(true);
	expectFitted(await districtFrame(page), 'after resizing to 1024 px');
	await page.getByTestId('language-zh-CN').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.waitForTimeout(300);
	expectFitted(await districtFrame(page), 'after switching to Chinese at 1024 px');
});

test('map furniture follows the view: no grid legend over the status map, no greyed scenario choice on the baseline', async ({ page }) => {
	await openIn(page, 'zh-CN', 1440);
	await openApp(page);
	const legend = page.getByTestId('legend');
	// Coverage on the overview: its legend, no sub-district legend.
	await chooseMapView(page, 'covered');
	await expect(legend).toContainText('覆盖情况');
	await expect(page.getByTestId('choropleth-legend')).toHaveCount(0);
	// The standards tab shows its indicator on the map: the coverage legend goes.
	await page.getByTestId('tab-standards').click();
	await expect(page.getByTestId('view-status')).toBeChecked();
	await expect(page.getByTestId('choropleth-legend')).toBeVisible();
	await expect(legend).not.toContainText('覆盖情况');
	// No scenario shown: the scenario's change is not offered at all (never checked-but-greyed).
	await expect(page.getByTestId('view-change')).toHaveCount(0);
	await expect(page.locator('.view-switch input:checked:disabled')).toHaveCount(0);
});

test('a click anywhere in a header cell sorts by it, not only on its words (overview and standards table, 390 and 1024 px)', async ({ page }) => {
	for (const width of [390, 1024]) {
		await openIn(page, 'zh-CN', width);
		await openApp(page);
		const cell = page.locator('[data-testid="subdistrict-table"] thead th').first();
		await expect(cell).toHaveAttribute('aria-sort', 'none');
		await cell.scrollIntoViewIfNeeded();
		const box = (await cell.boundingBox())!;
		// The cell's far corner, away from the header's words.
		await page.mouse.click(box.x + box.width - 3, box.y + 3);
		await expect(cell).not.toHaveAttribute('aria-sort', 'none');
	}
	await page.getByTestId('tab-standards').click();
	const standardsCell = page.getByTestId('standards-indicator-table').locator('thead th').nth(2);
	await expect(standardsCell).toHaveAttribute('aria-sort', 'none');
	await standardsCell.scrollIntoViewIfNeeded();
	const box = (await standardsCell.boundingBox())!;
	await page.mouse.click(box.x + 3, box.y + 3);
	await expect(standardsCell).not.toHaveAttribute('aria-sort', 'none');
});
