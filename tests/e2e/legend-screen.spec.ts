import { test, expect, openApp, proposeAtCoordinates } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 24: the on-screen legend says what the colours mean on the first view at every width (it was folded
 * at 1024 and 390 px), and it lists the facility symbols the map draws from the one legend model the map PNG
 * and the printed report read (it kept its own list and never showed a scenario's closed sites).
 */

async function open(page: Page, language: 'zh-CN' | 'en', width: number, height: number): Promise<void> {
	await page.setViewportSize({ width, height });
	await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
	await openApp(page);
}

for (const [language, width, height] of [
	['zh-CN', 1024, 768],
	['en', 1024, 768],
	['zh-CN', 390, 844],
	['en', 390, 844],
	['en', 1440, 900]
] as const) {
	test(`first view at ${width} px (${language}): the legend is open, says what the colours are and leaves the district in view`, async ({ page }) => {
		await open(page, language, width, height);
		const legend = page.getByTestId('legend');
		await expect(page.getByTestId('legend-toggle')).toHaveAttribute('aria-expanded', 'true');
		// The status map's classes: each colour with its words, in view.
		const lines = page.getByTestId('choropleth-legend').locator('li');
		expect(await lines.count()).toBeGreaterThanOrEqual(5);
		for (const line of await lines.all()) {
			await expect(line).toBeInViewport();
			expect((await line.innerText()).trim().length, 'a colour with its meaning').toBeGreaterThan(0);
		}
		await expect(legend.locator('li[data-mark="drawn"]').first()).toBeInViewport();
		const map = (await page.getByTestId('map').boundingBox())!;
		const box = (await legend.boundingBox())!;
		expect(box.y, 'the legend starts inside the map').toBeGreaterThanOrEqual(map.y);
		expect(box.y + box.height, 'the legend ends inside the map').toBeLessThanOrEqual(map.y + map.height + 0.5);
		expect(box.x + box.width, 'the legend ends inside the map').toBeLessThanOrEqual(map.x + map.width + 0.5);
		expect((box.width * box.height) / (map.width * map.height), 'legend share of the map').toBeLessThan(width >= 1200 ? 0.3 : 0.25);
		if (width >= 1024) {
			// The district clear of the open legend once the legend has its status classes (it grows after the first fit).
			await expect.poll(async () => districtClearOfLegend(page), { message: 'the district’s extent clear of the legend' }).toBe(true);
		}
		// The legend (bottom left) and the scale bar (bottom right) do not cover each other (at 390 px they did).
		await expectLegendClearOfScaleBar(page);
		// The view switch at the top (two rows at 390 px) leaves the district's north edge in sight.
		await expect.poll(async () => districtClearOfSwitch(page), { message: 'the district’s extent clear of the view switch' }).toBe(true);
		await page.screenshot({ path: `test-results/legend-first-${width}-${language}.png` });
		// Folds on demand.
		await page.getByTestId('legend-toggle').click();
		await expect(page.getByTestId('choropleth-legend')).toHaveCount(0);
	});
}

test('the legend lists the symbols the map draws: the hospitals’ H, then a scenario’s proposed and closed sites', async ({ page }) => {
	await open(page, 'zh-CN', 1440, 900);
	const legend = page.getByTestId('legend');
	await expect(legend.locator('li[data-mark="drawn"]', { hasText: '区级医院' })).toBeVisible();
	await expect(legend.locator('li[data-mark="drawn"] img')).toHaveCount(await legend.locator('li[data-mark="drawn"]').count());
	await expect(legend.locator('li[data-mark="proposed"]')).toHaveCount(0);
	await expect(legend.locator('li[data-mark="closed"]')).toHaveCount(0);

	await proposeAtCoordinates(page);
	await expect(legend.locator('li[data-mark="proposed"]')).toHaveText('拟建（带圈）');
	await expect(legend.locator('li[data-mark="closed"]')).toHaveCount(0);
	await page.getByTestId('facility-pick').selectOption('S001');
	await page.getByTestId('editor-close').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(2);
	await expect(legend.locator('li[data-mark="closed"]')).toHaveText('本方案关闭（划线）');
	await expect(legend.locator('li[data-mark="closed"] img')).toBeVisible();
	await page.screenshot({ path: 'test-results/legend-scenario-1440-zh.png' });
});

/** The legend (bottom left) and the map's scale bar (bottom right) do not overlap. */
async function expectLegendClearOfScaleBar(page: Page): Promise<void> {
	const box = (await page.getByTestId('legend').boundingBox())!;
	const scale = (await page.locator('.maplibregl-ctrl-scale').boundingBox())!;
	const apart = box.x + box.width <= scale.x + 0.5 || scale.x + scale.width <= box.x + 0.5 || box.y + box.height <= scale.y + 0.5 || scale.y + scale.height <= box.y + 0.5;
	expect(apart, `legend ${JSON.stringify(box)}, scale bar ${JSON.stringify(scale)}`).toBe(true);
}

/**
 * Whether the district's extent (the map's data-district-box, in map pixels) lies clear of the view switch at the
 * map's top left: below it, or beside it.
 */
async function districtClearOfSwitch(page: Page): Promise<boolean> {
	const map = page.getByTestId('map');
	const [left, top] = (await map.getAttribute('data-district-box'))!.split(',').map(Number);
	const mapBox = (await map.boundingBox())!;
	const switchBox = (await page.locator('.view-switch').boundingBox())!;
	return top >= switchBox.y + switchBox.height - mapBox.y - 0.5 || left >= switchBox.x + switchBox.width - mapBox.x - 0.5;
}

/** Whether the district's extent (the map's data-district-box, in map pixels) and the legend at its bottom left do not overlap. */
async function districtClearOfLegend(page: Page): Promise<boolean> {
	const map = page.getByTestId('map');
	const [left, , , bottom] = (await map.getAttribute('data-district-box'))!.split(',').map(Number);
	const mapBox = (await map.boundingBox())!;
	const legendBox = (await page.getByTestId('legend').boundingBox())!;
	return bottom <= legendBox.y - mapBox.y + 0.5 || left >= legendBox.x + legendBox.width - mapBox.x - 0.5;
}

for (const [language, width, height] of [
	['zh-CN', 1024, 768],
	['en', 1024, 768],
	['zh-CN', 1440, 900]
] as const) {
	test(`standards tab at ${width} px (${language}): the open legend leaves the whole district in sight, its title whole`, async ({ page }) => {
		await open(page, language, width, height);
		const map = page.getByTestId('map');
		const boxBefore = await map.getAttribute('data-district-box');
		await page.getByTestId('tab-standards').click();
		await expect(page.getByTestId('standards-indicator-table').locator('tbody tr')).toHaveCount(14);
		// The wider table narrows the map: the district is fitted again (data-district-box: its extent in map pixels).
		await expect(map).not.toHaveAttribute('data-district-box', boxBefore ?? '');
		await expect(page.getByTestId('legend-toggle')).toHaveAttribute('aria-expanded', 'true');
		const [left, , , bottom] = (await map.getAttribute('data-district-box'))!.split(',').map(Number);
		const mapBox = (await map.boundingBox())!;
		const legendBox = (await page.getByTestId('legend').boundingBox())!;
		const legendTop = legendBox.y - mapBox.y;
		const legendRight = legendBox.x + legendBox.width - mapBox.x;
		// The district's extent and the legend (bottom left) do not overlap: the district ends above it or starts right of it.
		expect(bottom <= legendTop + 0.5 || left >= legendRight - 0.5, `district box left ${left}, bottom ${bottom}; legend top ${legendTop}, right ${legendRight}`).toBe(true);
		expect(bottom, 'the district is not shrunk to nothing').toBeGreaterThan(mapBox.height / 3);
		// Beside the wider table the legend and the scale bar share the narrow map's foot: neither covers the other.
		await expectLegendClearOfScaleBar(page);
		// The view switch wraps to two rows over the narrow map: the district's north edge stays below it.
		await expect.poll(async () => districtClearOfSwitch(page), { message: 'the district’s extent clear of the view switch' }).toBe(true);
		// The status title breaks only between its parts (zh: after the colon), never inside a word.
		for (const part of await page.getByTestId('choropleth-legend').locator('h3 .unbroken').all()) {
			expect(await part.evaluate((element) => element.getClientRects().length), `"${await part.innerText()}" on one line`).toBe(1);
		}
		await page.screenshot({ path: `test-results/legend-standards-${width}-${language}.png` });
	});
}

test('the view switch grows (a longer colouring name, another language) on a map the planner has not moved: the district is fitted clear of it again', async ({ page }) => {
	await open(page, 'zh-CN', 1024, 768);
	await page.getByTestId('tab-standards').click();
	await expect(page.getByTestId('standards-indicator-table').locator('tbody tr')).toHaveCount(14);
	await expect.poll(async () => districtClearOfSwitch(page), { message: 'clear of the switch at first' }).toBe(true);
	const map = page.getByTestId('map');
	const before = await map.getAttribute('data-district-box');
	// The switch takes another row's height (as a wrapped "drawing…" or a longer name would).
	await page.locator('.view-switch').evaluate((element: HTMLElement) => (element.style.paddingBottom = '40px'));
	await expect(map).not.toHaveAttribute('data-district-box', before!);
	await expect.poll(async () => districtClearOfSwitch(page), { message: 'clear of the taller switch' }).toBe(true);
	await page.screenshot({ path: 'test-results/legend-switch-grown-1024-zh.png' });
});
