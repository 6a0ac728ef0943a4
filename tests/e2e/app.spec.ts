import { writeFileSync, mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openApp, chooseMapView } from './fixtures';
import { mapPixelCensus } from './map-pixels';

test('the Jing\'an demo appears: map, 14 sub-districts, both languages, nothing leaves the origin', async ({ page, watch }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	expect(watch.foreignRequests).toEqual([]);

	// The synthetic-data notice is on screen.
	await expect(page.getByTestId('synthetic-banner')).toContainText('合成');

	// 14 sub-districts from SQL, with Chinese names.
	const rows = page.locator('[data-testid="subdistrict-table"] tbody tr');
	await expect(rows).toHaveCount(14);
	await expect(rows.first()).toContainText(/街道|镇/);

	// The map shows the district: the population grid (one click from the status view it opens on) and the centres' symbols are drawn.
	await chooseMapView(page, 'density');
	await page.waitForTimeout(500);
	const census = await mapPixelCensus(page);
	expect(census.drawn / census.sampled).toBeGreaterThan(0.12);
	expect(census.populationPurple).toBeGreaterThan(1000);
	expect(census.centreRed).toBeGreaterThan(20);

	// Start-up figures for the README (measured, not asserted): the app's performance marks, from navigation start.
	// The indicators (SQL over the coverage result) land after the tables; wait for their mark.
	await page.waitForFunction(() => performance.getEntriesByName('health-circle:indicators-ready', 'mark').length > 0, null, { timeout: 60_000 });
	const marks = await startupMarks(page);
	const loadMs = Number(await page.getByTestId('map-ready').getAttribute('data-ms'));
	const load = {
		navigationToMapReadyMs: loadMs,
		navigationToDatasetParsedMs: marks['dataset-parsed'],
		navigationToFirstMapMs: marks['first-map'],
		navigationToNetworkPreparedMs: marks['network-prepared'],
		navigationToCoverageReadyMs: marks['coverage-ready'],
		navigationToDuckdbOpenMs: marks['duckdb-open'],
		navigationToTablesReadyMs: marks['tables-ready'],
		navigationToIndicatorsReadyMs: marks['indicators-ready']
	};
	mkdirSync('bench', { recursive: true });
	writeFileSync('bench/e2e-load.json', JSON.stringify(load, null, 2));
	console.log(
		`navigation → first map ${load.navigationToFirstMapMs} ms, coverage ${load.navigationToCoverageReadyMs} ms, ` +
			`tables ${load.navigationToTablesReadyMs} ms, indicators ${load.navigationToIndicatorsReadyMs} ms`
	);
	await page.screenshot({ path: 'docs/screenshots/app-zh.png' });

	// Switching language changes the labels, and the choice survives a reload.
	await page.getByTestId('language-en').click();
	await expect(page.locator('.app header h1')).toHaveText('Health Circle');
	await expect(page.locator('[data-testid="subdistrict-table"] thead')).toContainText('Sub-district');
	await expect(rows.filter({ hasText: 'Jiangning Road' })).toHaveCount(1);
	await page.waitForTimeout(500);
	await page.screenshot({ path: 'docs/screenshots/app-en.png' });
	await page.reload();
	await openApp(page);
	await expect(page.locator('.app header h1')).toHaveText('Health Circle');
	expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
});

/** The app's start-up marks (health-circle:*), in ms from navigation start, keyed by name without the prefix. */
async function startupMarks(page: Page): Promise<Record<string, number>> {
	const marks = await page.evaluate(() =>
		performance
			.getEntriesByType('mark')
			.filter((mark) => mark.name.startsWith('health-circle:'))
			.map((mark) => [mark.name.slice('health-circle:'.length), Math.round(mark.startTime)] as const)
	);
	return Object.fromEntries(marks);
}
