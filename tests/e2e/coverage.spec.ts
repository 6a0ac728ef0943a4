import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { test, expect, openApp, chooseMapView } from './fixtures';
import { mapPixelCensus } from './map-pixels';

const DEMO = 'static/data/demo';

function cliCoverage(extra: string[] = []): Record<string, string>[] {
	const out = mkdtempSync(join(tmpdir(), 'coverage-'));
	const files = ['--network', `${DEMO}/network.geojson`, '--facilities', `${DEMO}/facilities.csv`, '--population', `${DEMO}/population.csv`, '--subdistricts', `${DEMO}/subdistricts.geojson`];
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/coverage.ts', ...files, ...extra, '--out', out], { stdio: 'pipe' });
	return Papa.parse<Record<string, string>>(readFileSync(join(out, 'subdistricts.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

async function panelCoverage(page: import('@playwright/test').Page): Promise<Map<string, string>> {
	const rows = page.locator('[data-testid="subdistrict-table"] tbody tr');
	await expect(rows).toHaveCount(14);
	const shown = new Map<string, string>();
	for (const row of await rows.all()) shown.set((await row.getAttribute('data-code')) ?? '', ((await row.locator('td').last().textContent()) ?? '').trim());
	return shown;
}

test('the app shows the same coverage per sub-district as the CLI, for walking and for the elderly pace', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	await openApp(page);
	const walking = cliCoverage();
	let shown = await panelCoverage(page);
	for (const row of walking) expect(shown.get(row.code), row.code).toBe(percent(row));

	// The travel-time layer recolours the grid.
	// Chosen once the map has drawn it (a fixed wait and check() both raced the draw on a busy machine).
	await chooseMapView(page, 'minutes');
	const census = await mapPixelCensus(page);
	expect(census.drawn / census.sampled).toBeGreaterThan(0.12);
	await page.screenshot({ path: 'docs/screenshots/travel-time-en.png' });

	// Recomputing at the elderly pace gives the CLI's elderly figures.
	const elderly = cliCoverage(['--mode', 'elderly']);
	await page.getByLabel('Elderly walk').check();
	await expect(page.getByTestId('speed')).toHaveValue('3.6');
	await expect(page.getByTestId('total-coverage')).not.toHaveText(/^93\.0%$/);
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true');
	await expect
		.poll(async () => {
			shown = await panelCoverage(page);
			return elderly.filter((row) => shown.get(row.code) !== percent(row)).map((row) => `${row.code}: app ${shown.get(row.code)}, CLI ${percent(row)}`);
		})
		.toEqual([]);
});

/** The CLI row's coverage as the panel formats it, from its exact resident counts (coverage_pct is rounded to 2 decimals). */
function percent(row: Record<string, string>): string {
	return `${((Number(row.covered) / Number(row.population)) * 100).toFixed(1)}%`;
}
