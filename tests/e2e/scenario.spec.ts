import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Page } from '@playwright/test';
import { test, expect, openApp, proposeAtCoordinates, chooseMapView } from './fixtures';

const DEMO = 'static/data/demo';
const INPUTS = ['--network', `${DEMO}/network.geojson`, '--facilities', `${DEMO}/facilities.csv`, '--population', `${DEMO}/population.csv`, '--subdistricts', `${DEMO}/subdistricts.geojson`];
type CsvRow = Record<string, string>;

function cli(extra: string[]): string {
	const out = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/coverage.ts', ...INPUTS, ...extra, '--out', out], { stdio: 'pipe' });
	return out;
}

function csv(path: string): CsvRow[] {
	return Papa.parse<CsvRow>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/**
 * An uncovered place worth a station, chosen from the CLI's own baseline (not from the app): the
 * most populated uncovered cell of the sub-district with the lowest coverage.
 */
function uncoveredSite(): { code: string; lon: string; lat: string } {
	const out = cli([]);
	const areas = csv(join(out, 'subdistricts.csv'));
	const worst = areas.reduce((low, row) => (Number(row.coverage_pct) < Number(low.coverage_pct) ? row : low));
	const cells = csv(join(out, 'cells.csv')).filter((cell) => cell.subdistrict === worst.code && cell.covered === '0' && cell.minutes !== '');
	const site = cells.reduce((best, cell) => (Number(cell.pop) > Number(best.pop) ? cell : best));
	return { code: worst.code, lon: site.lon, lat: site.lat };
}

/** The comparison table as text, row by row (sub-district code → cells). */
async function comparison(page: Page): Promise<Map<string, string[]>> {
	const table = page.getByTestId('scenario-comparison');
	await expect(table.locator('tbody tr')).toHaveCount(14);
	const rows = new Map<string, string[]>();
	for (const row of await table.locator('tr[data-code]').all()) {
		rows.set((await row.getAttribute('data-code')) ?? '', (await row.locator('td, th').allInnerTexts()).map((text) => text.trim()));
	}
	return rows;
}

async function overviewCoverage(page: Page, code: string): Promise<string> {
	await page.getByTestId('tab-overview').click();
	const text = (await page.locator(`[data-testid="subdistrict-table"] tr[data-code="${code}"] td`).last().innerText()).trim();
	await page.getByTestId('tab-scenario').click();
	return text;
}

/** Waits until the scenario has been followed in the worker and the comparison settled after the last edit. */
async function settled(page: Page, edits: number): Promise<void> {
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(edits);
	await expect(page.getByTestId('scenario-update-ms')).toBeVisible();
	await page.waitForTimeout(400);
}

async function freshPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
	const page = await context.newPage();
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	return page;
}

test('a proposed station raises coverage live, survives a reload, and exports and re-imports with identical numbers', async ({ page, browser }) => {
	const site = uncoveredSite();
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'en');
	});
	await openApp(page);
	const baselinePanel = await overviewCoverage(page, site.code);

	// A new scenario, and a station at the uncovered site typed in as coordinates.
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	await expect(page.getByTestId('scenario-banner')).toBeVisible();
	await page.locator('details.coordinates summary').click();
	await page.getByTestId('coordinates-lon').fill(site.lon);
	await page.getByTestId('coordinates-lat').fill(site.lat);
	await page.getByTestId('coordinates-add').click();
	await settled(page, 1);

	// The sub-district's coverage rises in the comparison table and in the overview panel.
	const afterAdd = await comparison(page);
	expect(afterAdd.get(site.code)?.[2], 'coverage change in points').toMatch(/^\+\d/);
	expect(afterAdd.get(site.code)?.[3], 'residents newly covered').toMatch(/^\+\d/);
	const scenarioPanel = await overviewCoverage(page, site.code);
	expect(Number.parseFloat(scenarioPanel)).toBeGreaterThan(Number.parseFloat(baselinePanel));
	await expect(page.getByTestId('scenario-coverage')).toContainText('+');

	// 改扩建 of the new station: the edit is listed and undo / redo step through it.
	await page.getByTestId('editor-area').fill('350');
	await page.getByTestId('editor-beds').fill('10');
	await page.getByTestId('editor-apply').click();
	await settled(page, 2);
	await expect(page.getByTestId('scenario-edits')).toContainText('area 350 m²');
	await page.getByTestId('scenario-undo').click();
	await settled(page, 1);
	await page.getByTestId('scenario-redo').click();
	await settled(page, 2);

	// A second station placed by clicking the map, then dragged: a move edit, coverage follows the drag.
	const map = page.getByTestId('map');
	const box = (await map.boundingBox())!;
	const start = { x: box.x + box.width * 0.55, y: box.y + box.height * 0.5 };
	await page.getByTestId('place-station').click();
	await page.mouse.click(start.x, start.y);
	await settled(page, 3);
	await page.getByTestId('place-station').click();
	await page.waitForTimeout(500);
	await page.mouse.move(start.x, start.y);
	await page.mouse.down();
	for (let step = 1; step <= 10; step++) await page.mouse.move(start.x + step * 12, start.y + step * 4);
	await page.mouse.up();
	await settled(page, 4);
	await expect(page.getByTestId('scenario-edits').locator('li').last()).toContainText('Move');

	// 改扩建 of the sub-district's existing centre, picked by name: +2,000 m² and +60 beds raise its m² and beds per 1,000.
	const facilities = csv(`${DEMO}/facilities.csv`);
	const centre = facilities.find((row) => row.type === 'centre' && row.subdistrict === site.code)!;
	await page.getByTestId('facility-pick').selectOption(centre.id);
	await expect(page.getByTestId('editor-name')).toHaveValue(centre.name);
	await page.getByTestId('editor-area').fill(String(Number(centre.area_m2) + 2000));
	await page.getByTestId('editor-beds').fill(String(Number(centre.beds) + 60));
	await page.getByTestId('editor-apply').click();
	await settled(page, 5);
	const afterEnlarging = (await comparison(page)).get(site.code)!;
	expect(afterEnlarging[4], 'Δ m² per 1,000').toMatch(/^\+\d/);
	expect(afterEnlarging[5], 'Δ beds per 1,000').toMatch(/^\+\d/);

	// Closing an existing station elsewhere: the edit is listed, and the station leaves the map's facility list.
	const station = facilities.find((row) => row.type === 'station' && row.subdistrict !== site.code)!;
	await page.getByTestId('facility-pick').selectOption(station.id);
	await page.getByTestId('editor-close').click();
	await settled(page, 6);
	await expect(page.getByTestId('scenario-edits').locator('li').last()).toContainText(`Close “\u2068${station.name}\u2069”`);
	await expect(page.getByTestId('facility-pick').locator(`option[value="${station.id}"]`)).toHaveCount(0);
	await chooseMapView(page, 'change');
	await page.waitForTimeout(800);
	await page.screenshot({ path: 'docs/screenshots/scenario-en.png' });
	const beforeReload = await comparison(page);

	// The gap report exported now carries the scenario: its sheet compares baseline and scenario per sub-district.
	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('Scenario');
	expect(sheet, 'scenario sheet').toBeDefined();
	const headers = (sheet!.getRow(1).values as unknown[]).slice(1).map(String);
	const column = (header: string) => headers.indexOf(header) + 1;
	let compared = 0;
	sheet!.eachRow((row, number) => {
		const cells = beforeReload.get(String(row.getCell(column('Code')).value ?? ''));
		if (number === 1 || !cells) return;
		const shown = `${Number(row.getCell(column('Coverage (%), baseline')).value).toFixed(1)} → ${Number(row.getCell(column('Coverage (%), scenario')).value).toFixed(1)}`;
		expect(shown).toBe(cells[1]);
		compared++;
	});
	expect(compared, '14 sub-districts and the district total').toBe(15);

	// A reload finds the scenario as it was, with the same numbers.
	await page.reload();
	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	await settled(page, 6);
	expect(await comparison(page)).toEqual(beforeReload);

	// The app's scenario equals a full recomputation by the CLI of the exported file.
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scenario-export').click()]);
	const exported = readFileSync((await file.path())!, 'utf8');
	const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
	writeFileSync(join(dir, 'scenario.json'), exported);
	const byCli = new Map(csv(join(cli(['--scenario', join(dir, 'scenario.json')]), 'comparison.csv')).map((row) => [row.code, row]));
	for (const [code, cells] of beforeReload) {
		const row = byCli.get(code);
		if (!row) continue;
		const shown = cells[1].split('→').map((part) => part.trim());
		const percent = (covered: string) => ((Number(covered) / Number(row.population)) * 100).toFixed(1);
		expect(shown, `${code} baseline → scenario coverage`).toEqual([percent(row.covered_baseline), percent(row.covered_scenario)]);
	}

	// Imported into a fresh browser profile, the scenario gives identical numbers.
	const other = await freshPage(browser);
	await openApp(other);
	await other.getByTestId('tab-scenario').click();
	await other.getByTestId('scenario-import').setInputFiles(join(dir, 'scenario.json'));
	await settled(other, 6);
	expect(await comparison(other)).toEqual(beforeReload);

	// A file from another dataset is refused whole, with a reason, and changes nothing.
	const foreign = JSON.parse(exported) as { dataset: { fingerprint: string } };
	foreign.dataset.fingerprint = '0000000000000000';
	writeFileSync(join(dir, 'foreign.json'), JSON.stringify(foreign));
	await other.getByTestId('scenario-import').setInputFiles(join(dir, 'foreign.json'));
	await expect(other.getByTestId('scenario-import-problems')).toBeVisible();
	await expect(other.getByTestId('scenario-select').locator('option')).toHaveCount(2);
	await other.context().close();
});

test('the scenario panel in Chinese', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
	const site = uncoveredSite();
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	await page.locator('details.coordinates summary').click();
	await page.getByTestId('coordinates-lon').fill(site.lon);
	await page.getByTestId('coordinates-lat').fill(site.lat);
	await page.getByTestId('coordinates-add').click();
	await settled(page, 1);
	await expect(page.getByTestId('scenario-edits')).toContainText('新增');
	await expect(page.getByTestId('scenario-comparison')).toContainText('覆盖率');
	await chooseMapView(page, 'change');
	await page.waitForTimeout(800);
	await page.screenshot({ path: 'docs/screenshots/scenario-zh.png' });
});

test('removing a proposed site in its editor takes it out of every figure, with no error (the editor read the gone site and stopped the page’s update)', async ({ page }) => {
	await openApp(page);
	const baseline = (await page.getByTestId('coverage-summary').innerText()).match(/\d+\.\d%/)![0];
	await proposeAtCoordinates(page, '121.4414', '31.2698');
	await expect(page.getByTestId('scenario-coverage')).toContainText('+');
	await expect(page.getByTestId('facility-editor')).toBeVisible();
	await page.getByTestId('editor-close').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(2);
	await expect(page.getByTestId('facility-editor')).toHaveCount(0);
	// Back to the baseline's figure: the removed site counts nowhere.
	await expect(page.getByTestId('scenario-coverage')).toContainText(baseline);
	await expect(page.getByTestId('scenario-coverage')).toContainText('+0.0');
});
