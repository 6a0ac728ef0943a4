import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { test, expect, openApp } from './fixtures';

const DEMO = 'static/data/demo';

/** The CLI's indicators.csv for the demo: the numbers the app must show. */
function cliIndicators(): Record<string, string>[] {
	const out = mkdtempSync(join(tmpdir(), 'indicators-'));
	execFileSync(
		process.execPath,
		[
			'--import',
			'tsx',
			'scripts/indicators.ts',
			'--network',
			`${DEMO}/network.geojson`,
			'--facilities',
			`${DEMO}/facilities.csv`,
			'--population',
			`${DEMO}/population.csv`,
			'--subdistricts',
			`${DEMO}/subdistricts.geojson`,
			'--out',
			out
		],
		{ stdio: 'pipe' }
	);
	return Papa.parse<Record<string, string>>(readFileSync(join(out, 'indicators.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

test('a failing sub-district is highlighted; its detail shows the same area gap as the CLI', async ({ page }) => {
	const expected = cliIndicators();
	const failing = expected.filter((row) => row.rule_centre_area === 'fail');
	expect(failing.length).toBeGreaterThan(0);

	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await page.getByTestId('tab-standards').click();
	const table = page.getByTestId('standards-indicator-table');
	await expect(table.locator('tbody tr')).toHaveCount(14);
	await expect(page.getByTestId('choropleth-legend')).toBeVisible();

	const target = failing[0];
	const row = table.locator(`tbody tr[data-code="${target.code}"]`);
	await expect(row.locator('td.fail').first()).toBeVisible();
	await row.click();
	const detail = page.getByTestId('standards-subdistrict-detail');
	await expect(detail).toHaveAttribute('data-code', target.code);
	const gapText = (await detail.getByTestId('area-gap').textContent()) ?? '';
	const shownGap = Number(gapText.replace(/[^\d.]/g, ''));
	expect(shownGap).toBe(Math.round(Number(target.area_gap_m2)));
	// Capacity-aware access (E2SFCA) is shown with its method and parameters.
	await expect(detail.getByTestId('e2sfca-method')).toContainText('E2SFCA');
	await page.waitForTimeout(400);
	await detail.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/standards-zh.png' });
});
