import { test, expect } from './fixtures';

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
