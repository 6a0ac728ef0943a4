import type { Page } from '@playwright/test';
import { test, expect, openApp, proposeStationAt, chooseMapView } from './fixtures';
import { centreSymbolMiddles, pixelsNear } from './map-pixels';

/** Holds the page's main thread for `ms`, as a long computation or a busy machine would. */
async function blockMainThread(page: Page, ms: number): Promise<void> {
	await page.evaluate((ms) => {
		const end = performance.now() + ms;
		while (performance.now() < end);
	}, ms);
}

async function mapBox(page: Page) {
	const box = await page.getByTestId('map').boundingBox();
	if (!box) throw new Error('no map');
	return box;
}

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'en');
	});
});

test('a click on the map is never lost: not the first after load, not with the main thread busy between press and release', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	await expect(page.getByTestId('scenario-banner')).toBeVisible();
	const box = await mapBox(page);
	const edits = page.getByTestId('scenario-edits').locator('li');

	// The first click on the map after load (deck.gl's first pick compiles its picking shaders: ~650 ms).
	await page.getByTestId('place-station').click();
	await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.5);
	await expect(edits).toHaveCount(1);

	// Press, 1.5 s of a busy main thread, release: still one click, one station (placing stays on).
	await expect(page.getByTestId('place-station')).toHaveAttribute('aria-pressed', 'true');
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
	await page.mouse.down();
	await blockMainThread(page, 1500);
	await page.mouse.up();
	await expect(edits).toHaveCount(2);
});

test('the tooltip describes the cell under the pointer (residents, walking minutes, sub-district) and the centre under the pointer, cross included', async ({ page }) => {
	await openApp(page);
	// The population grid drawn (the map opens on the sub-districts' status).
	await chooseMapView(page, 'density');
	const box = await mapBox(page);
	const tooltip = page.getByTestId('map-tooltip');

	// A point over a population cell: its residents, its walk and its sub-district, not just the sub-district.
	let found = false;
	for (const [fx, fy] of [[0.5, 0.5], [0.45, 0.55], [0.55, 0.45], [0.4, 0.4], [0.6, 0.6]]) {
		await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
		await expect(tooltip).toBeVisible();
		const text = await tooltip.innerText();
		if (!text.includes('Residents:')) continue;
		expect(text).toMatch(/Travel time to nearest facility: [\d.]+ min/);
		expect(text).toMatch(/Sub-district: \S/);
		found = true;
		break;
	}
	expect(found, 'a population cell under one of the points').toBe(true);

	// The middle of a centre symbol is its white cross: pointing at it describes the centre.
	await page.mouse.move(box.x + 2, box.y + box.height - 2);
	const middles = await centreSymbolMiddles(page);
	expect(middles.length, 'centre symbols on the map').toBeGreaterThan(2);
	for (const middle of middles.slice(0, 3)) {
		await page.mouse.move(box.x + middle.x, box.y + middle.y);
		await expect(tooltip).toContainText('Type: Community health service centre');
	}
});

test('the tooltip follows a dragged site, and a closed facility stays on the map greyed and struck through', async ({ page }) => {
	await openApp(page);
	const box = await mapBox(page);
	const start = { x: box.x + box.width * 0.55, y: box.y + box.height * 0.5 };
	const edits = await proposeStationAt(page, start);

	const tooltip = page.getByTestId('map-tooltip');
	await page.mouse.move(start.x, start.y);
	await expect(tooltip).toContainText('Community health service station');
	await page.mouse.down();
	const end = { x: start.x + 160, y: start.y + 40 };
	for (let step = 1; step <= 8; step++) await page.mouse.move(start.x + step * 20, start.y + step * 5);
	// Mid-drag, the tooltip stands by the pointer at the drag's end, not where the drag began.
	await expect(async () => {
		const at = (await tooltip.boundingBox())!;
		expect(Math.abs(at.x - end.x)).toBeLessThan(40);
		expect(Math.abs(at.y - end.y)).toBeLessThan(40);
	}).toPass();
	await expect(tooltip).toContainText('Residents newly covered by the scenario');
	await page.mouse.up();
	await expect(edits).toHaveCount(2);

	// Closing a station: its symbol turns grey and struck through instead of vanishing.
	const grey: [number, number, number] = [150, 150, 150];
	const before = await pixelsNear(page, [grey], 6);
	const station = page.getByTestId('facility-pick').locator('option').filter({ hasText: /station|服务站/i }).first();
	await page.getByTestId('facility-pick').selectOption((await station.getAttribute('value'))!);
	await page.getByTestId('editor-close').click();
	await expect(edits).toHaveCount(3);
	await page.screenshot({ path: 'test-results/map-closed.png' });
	await expect(async () => {
		const after = await pixelsNear(page, [grey], 6);
		expect(after.matching - before.matching, 'grey pixels of the closed symbol').toBeGreaterThan(8);
	}).toPass();
});

test('the standards choropleth shows its legend colours (the population grid does not tint it)', async ({ page }) => {
	await openApp(page);
	await page.getByTestId('tab-standards').click();
	const swatches = page.getByTestId('choropleth-legend').locator('.swatch');
	await expect(swatches.first()).toBeVisible();
	// Each legend colour as it looks over the district's base fill (#fbfbf8), which is what the map shows.
	const legend = await swatches.evaluateAll((elements) =>
		elements.map((element) => {
			const [r, g, b, a = 1] = getComputedStyle(element).backgroundColor.match(/[\d.]+/g)!.map(Number);
			const over = (channel: number, base: number) => Math.round(channel * a + base * (1 - a));
			return [over(r, 0xfb), over(g, 0xfb), over(b, 0xf8)] as [number, number, number];
		})
	);
	await expect(async () => {
		const { drawn, matching } = await pixelsNear(page, legend, 8);
		expect(matching / drawn, 'share of the drawn map in a legend colour').toBeGreaterThan(0.5);
	}).toPass();
});

test('at 1024 px the legend opens compact and folds on demand; the zoom buttons speak the UI language', async ({ page }) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
	const map = await mapBox(page);
	const legend = page.getByTestId('legend');
	// The map opens on the status by severity: its legend, not the grid's, open on the first view.
	await expect(legend).toContainText('与标准的最大相对差距');
	const unfolded = (await legend.boundingBox())!;
	expect(unfolded.y + unfolded.height).toBeLessThanOrEqual(map.y + map.height);
	expect(unfolded.y).toBeGreaterThanOrEqual(map.y);
	await page.getByTestId('legend-toggle').click();
	const folded = (await legend.boundingBox())!;
	expect((folded.width * folded.height) / (map.width * map.height), 'legend share of the map, folded').toBeLessThan(0.03);

	await expect(page.locator('.maplibregl-ctrl-zoom-in')).toHaveAttribute('title', '放大');
	await expect(page.locator('.maplibregl-ctrl-zoom-out')).toHaveAttribute('title', '缩小');
	await page.getByTestId('language-en').click();
	await expect(page.locator('.maplibregl-ctrl-zoom-in')).toHaveAttribute('title', 'Zoom in');
	await page.screenshot({ path: 'test-results/map-1024.png' });
});
