import { test, expect, openApp } from './fixtures';

/**
 * Issue 24: while the app loads, the view switch must show what the map shows. The coverage worker's script
 * is held back, so the map can only draw the density grid: the switch has density checked (not 达标状况), the
 * legend is the density legend. Once the worker arrives the status map is drawn, and the switch follows.
 */
test('while coverage is not computed yet, the switch shows density, like the map and its legend; then status', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/*coverage.worker*', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/');
	await expect(page.locator('[data-testid="map-ready"]')).toBeAttached({ timeout: 60_000 });
	await expect(page.getByTestId('legend-density')).toBeVisible();
	await expect(page.getByTestId('choropleth-legend')).toHaveCount(0);
	await expect(page.getByTestId('view-density')).toBeChecked();
	await expect(page.getByTestId('view-status')).not.toBeChecked();
	await page.screenshot({ path: 'test-results/view-switch-loading-zh.png' });

	release();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('view-status')).toBeChecked();
	await expect(page.getByTestId('choropleth-legend')).toBeVisible();
	await expect(page.getByTestId('legend-density')).toHaveCount(0);
});

/**
 * Issue 24 (walkthrough at 1024 px): the switch showed 达标状况 while the map still drew density without
 * facilities. deck.gl's layers draw in MapLibre's next frame, which on a busy machine comes seconds later.
 * Here MapLibre's frames are held back (requestAnimationFrame queued, not run): the switch keeps the view the
 * map shows and says "drawing…", the legend claims no colours, until the frame is drawn.
 */
test('a view the map has not drawn yet is not claimed: the switch keeps the drawn view and says drawing… until the frame comes', async ({ page }) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await page.goto('/');
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('view-status')).toBeChecked();
	await expect(page.getByTestId('map-drawing')).toHaveCount(0);

	await page.evaluate(() => {
		const held = window as unknown as { heldFrames: FrameRequestCallback[]; realFrame: typeof requestAnimationFrame };
		held.heldFrames = [];
		held.realFrame = window.requestAnimationFrame;
		window.requestAnimationFrame = (callback) => {
			held.heldFrames.push(callback);
			return 0;
		};
	});
	await page.getByTestId('view-density').click();
	// The map still shows the status: the switch says so, and no density legend yet.
	await expect(page.getByTestId('view-status')).toBeChecked();
	await expect(page.getByTestId('view-density')).not.toBeChecked();
	await expect(page.getByTestId('legend-density')).toHaveCount(0);
	await expect(page.getByTestId('map-drawing')).toBeVisible();
	await expect(page.getByTestId('legend-drawing')).toBeVisible();
	await page.screenshot({ path: 'test-results/view-switch-drawing-1024-zh.png' });

	await page.evaluate(() => {
		const held = window as unknown as { heldFrames: FrameRequestCallback[]; realFrame: typeof requestAnimationFrame };
		window.requestAnimationFrame = held.realFrame;
		for (const callback of held.heldFrames.splice(0)) callback(performance.now());
	});
	await expect(page.getByTestId('view-density')).toBeChecked();
	await expect(page.getByTestId('map-drawing')).toHaveCount(0);
	await expect(page.getByTestId('legend-density')).toBeVisible();
	await expect(page.getByTestId('view-status')).not.toBeChecked();
});

/**
 * Issue 24 (walkthrough, item 9): on the standards tab with the map colouring menu on an indicator (coverage %,
 * area gap), the switch still said 达标状况 / Status while the map and legend drew that indicator; choosing
 * Density left the menu naming the indicator. Both now name the sub-district colouring the map has drawn, in
 * the same words (the menu said 达标情况, the switch 达标状况), and the menu names none while the grid is drawn.
 */
for (const language of ['zh-CN', 'en'] as const) {
	test(`standards tab at 1024 px (${language}): the switch and the colouring menu name the colouring the map draws`, async ({ page }) => {
		await page.setViewportSize({ width: 1024, height: 768 });
		await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
		await openApp(page);
		await page.getByTestId('tab-standards').click();
		const menu = page.getByTestId('map-indicator');
		const menuText = () => menu.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent?.trim() ?? '');
		const subdistrictChoice = page.locator('label', { has: page.getByTestId('view-status') });
		const drawn = async () => {
			await expect(page.getByTestId('map-drawing')).toHaveCount(0);
			await expect(page.getByTestId('legend-drawing')).toHaveCount(0);
		};

		await drawn();
		await expect(page.getByTestId('view-status')).toBeChecked();
		expect(await menu.inputValue()).toBe('status');
		await expect(subdistrictChoice).toHaveText(await menuText());

		for (const indicator of ['coveragePct', 'areaGapM2'] as const) {
			await menu.selectOption(indicator);
			await drawn();
			await expect(page.getByTestId('view-status')).toBeChecked();
			const name = await menuText();
			await expect(subdistrictChoice, `the switch names ${indicator}`).toHaveText(name);
			await expect(page.getByTestId('choropleth-legend').locator('h3')).toContainText(name.replace(/\s*\(.*\)$/, ''));
		}
		await page.screenshot({ path: `test-results/view-switch-indicator-1024-${language}.png` });

		// The grid drawn: the menu no longer claims a sub-district colouring.
		await page.getByTestId('view-density').click();
		await drawn();
		await expect(page.getByTestId('view-density')).toBeChecked();
		await expect(page.getByTestId('legend-density')).toBeVisible();
		await expect(page.getByTestId('choropleth-legend')).toHaveCount(0);
		expect(await menu.inputValue(), 'the menu names no sub-district colouring while the grid is drawn').toBe('');
		await page.screenshot({ path: `test-results/view-switch-density-1024-${language}.png` });

		// Choosing a colouring in the menu draws it, and the switch follows.
		await menu.selectOption('coveragePct');
		await drawn();
		await expect(page.getByTestId('view-status')).toBeChecked();
		await expect(subdistrictChoice).toHaveText(await menuText());
		await expect(page.getByTestId('choropleth-legend')).toBeVisible();
	});
}
