import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { test, expect, openApp } from './fixtures';
import { gcjForward, haversineM } from '../unit/io/import/fixtures';

const DEMO = 'static/data/demo';

/** The CLI's suggestion on the demo files (same engine, run in Node with the exact solver). */
function cliSites(k: number): { lon: number; lat: number; newResidents: number; cumulativeResidents: number }[] {
	const out = mkdtempSync(join(tmpdir(), 'suggest-'));
	const files = ['--network', `${DEMO}/network.geojson`, '--facilities', `${DEMO}/facilities.csv`, '--population', `${DEMO}/population.csv`, '--subdistricts', `${DEMO}/subdistricts.geojson`];
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/suggest.ts', ...files, '--k', String(k), '--out', out], { stdio: 'pipe' });
	const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'sites.csv'), 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true, comments: '#' }).data;
	return rows.map((row) => ({ lon: Number(row.lon), lat: Number(row.lat), newResidents: Number(row.new_residents), cumulativeResidents: Number(row.cumulative_residents) }));
}

/** "+55,229" or "−1,200" as a number. */
const signedNumber = (text: string) => Number(text.replace(/[,\s]/g, '').replace('−', '-').replace('±', ''));

test('suggest 3 stations on the demo: the CLI\'s sites, applied as a scenario, the comparison rises by the reported amount, kept after reload', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	const panel = page.getByTestId('suggest-sites');
	await panel.getByTestId('siting-k').fill('3');
	await expect(panel.getByTestId('siting-form-problem')).toHaveCount(0);

	// A wrong entry is said, and blocks the run, never silently ignored.
	await panel.getByTestId('siting-k').fill('0');
	await expect(panel.getByTestId('siting-form-problem')).toHaveText(/whole number from 1 to 200/);
	await expect(panel.getByTestId('siting-run')).toBeDisabled();
	await panel.getByTestId('siting-k').fill('3');

	await panel.getByTestId('siting-run').click();
	const rows = panel.getByTestId('siting-site');
	await expect(rows).toHaveCount(3, { timeout: 60_000 });

	const expected = cliSites(3);
	const shown = await rows.evaluateAll((elements) =>
		elements.map((row) => ({ lon: Number(row.getAttribute('data-lon')), lat: Number(row.getAttribute('data-lat')), newResidents: Number(row.getAttribute('data-new-residents')) }))
	);
	expect(shown).toHaveLength(expected.length);
	shown.forEach((site, i) => {
		expect(site.lon, `site ${i + 1} lon`).toBeCloseTo(expected[i].lon, 6);
		expect(site.lat, `site ${i + 1} lat`).toBeCloseTo(expected[i].lat, 6);
		expect(site.newResidents, `site ${i + 1} residents`).toBe(expected[i].newResidents);
	});
	const reported = Number(await panel.getByTestId('siting-coverage').getAttribute('data-added'));
	expect(reported).toBe(expected.reduce((sum, site) => sum + site.newResidents, 0));
	expect(reported).toBeGreaterThan(0);
	await expect(panel.getByTestId('siting-coverage')).toContainText('→');
	// HiGHS, loaded from the app's own origin, certifies the suggestion as the CLI's does.
	await expect(panel.getByTestId('siting-gap')).toHaveAttribute('data-bound-kind', 'exact');
	await expect(panel.getByTestId('siting-gap')).toContainText('Proven optimal by the exact MILP');
	await page.screenshot({ path: 'docs/screenshots/siting-en.png' });

	await panel.getByTestId('siting-apply').click();
	await expect(page.getByTestId('scenario-name')).toHaveValue('Suggestion: 3 new sites');
	await expect(page.getByTestId('scenario-panel').getByRole('heading', { name: /3/ })).toBeVisible();
	// The new sites' default names follow the reader's language, as a proposed site's do.
	const edits = page.getByTestId('scenario-edits');
	await expect(edits).toContainText('Suggested station 1');
	await page.getByTestId('language-zh-CN').click();
	await expect(edits).toContainText('建议站点 1');
	await expect(edits).not.toContainText('Suggested station');
	await page.getByTestId('language-en').click();
	await expect(edits).toContainText('Suggested station 1');
	const coveredTotal = page.getByTestId('covered-residents-total');
	await expect(coveredTotal).not.toHaveText('±0', { timeout: 60_000 });
	await expect.poll(async () => signedNumber((await coveredTotal.textContent()) ?? '')).toBe(reported);

	// The applied suggestion is an ordinary scenario: saved, and back after a reload with the same rise.
	await page.reload();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await page.getByTestId('tab-scenario').click();
	await expect(page.getByTestId('scenario-name')).toHaveValue('Suggestion: 3 new sites');
	await expect.poll(async () => signedNumber((await page.getByTestId('covered-residents-total').textContent()) ?? ''), { timeout: 60_000 }).toBe(reported);
});

test('the suggestion panel in Chinese, with a parcel file whose bad rows are listed', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	const panel = page.getByTestId('suggest-sites');
	await expect(panel.locator('summary')).toHaveText('选址建议');
	const parcels = ['name,lon,lat', '地块A,121.4480,31.2290', '地块B,not-a-number,31.2300', '地块C,121.4600,'].join('\n');
	await panel.getByTestId('siting-parcels-input').setInputFiles({ name: 'parcels.csv', mimeType: 'text/csv', buffer: Buffer.from(parcels, 'utf8') });
	await expect(panel.getByTestId('siting-parcels-counts')).toHaveText('\u2068parcels.csv\u2069：已载入 1 条，跳过 2 条'); // the file name bidi-isolated (FSI … PDI)
	const problemRows = panel.getByTestId('siting-parcels-problems').locator('tbody tr');
	await expect(problemRows).toHaveCount(2);
	await expect(problemRows.nth(0).locator('td').first()).toHaveText('3');
	await expect(problemRows.nth(1).locator('td').first()).toHaveText('4');
	// WGS84, GCJ-02 and BD-09 look alike: the suggestion waits for the planner to say which.
	await expect(panel.getByTestId('siting-run')).toBeDisabled();
	await panel.getByTestId('siting-parcels-crs-select').selectOption('wgs84');
	await expect(panel.getByTestId('siting-parcels-crs-used')).toHaveAttribute('data-chosen-by', 'planner');

	// A file that cannot be read says so and keeps the parcels already loaded.
	await panel.getByTestId('siting-parcels-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n', 'utf8') });
	await expect(panel.getByTestId('siting-file-error')).toHaveText('bad.csv 没有经度和纬度列（lon/lat、经度/纬度），仍使用之前的文件。');
	await expect(panel.getByTestId('siting-parcels-counts')).toHaveText('\u2068parcels.csv\u2069：已载入 1 条，跳过 2 条'); // the file name bidi-isolated (FSI … PDI)

	await panel.getByTestId('siting-k').fill('2');
	await panel.getByTestId('siting-run').click();
	await expect(panel.getByTestId('siting-site')).toHaveCount(2, { timeout: 60_000 });
	await expect(panel.getByTestId('siting-coverage')).toContainText('覆盖率');
	await page.screenshot({ path: 'docs/screenshots/siting-zh.png' });
});

test('a suggestion starts from the active scenario: its coverage is today\'s, and Apply keeps the planner\'s station and adds two', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	// Today's covered residents by the CLI (its best single site's cumulative figure less the site's own).
	const [best] = cliSites(1);
	const coveredToday = best.cumulativeResidents - best.newResidents;
	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	const panel = page.getByTestId('suggest-sites');
	await expect(panel.getByTestId('siting-start')).toHaveAttribute('data-start', 'baseline');

	// The planner's own station, in a new scenario.
	await page.getByTestId('scenario-new').click();
	await page.locator('details.coordinates summary').click();
	await page.getByTestId('coordinates-lon').fill(String(best.lon));
	await page.getByTestId('coordinates-lat').fill(String(best.lat));
	await page.getByTestId('coordinates-add').click();
	const edits = page.getByTestId('scenario-edits').locator('li');
	await expect(edits).toHaveCount(1);
	const coveredTotal = page.getByTestId('covered-residents-total');
	await expect(coveredTotal).not.toHaveText('±0', { timeout: 60_000 });
	const stationAdds = signedNumber((await coveredTotal.textContent()) ?? '');
	expect(stationAdds).toBeGreaterThan(0);
	await expect(panel.getByTestId('siting-start')).toHaveAttribute('data-start', 'scenario');

	// Constraints, an excluded area (around the CLI's third-best site) and named parcels (near the second and fourth): for the screenshot.
	const [, second, third, fourth] = cliSites(4);
	const box = (lon: number, lat: number, d: number) => [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]];
	const excluded = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'green belt' }, geometry: { type: 'Polygon', coordinates: [box(third.lon, third.lat, 0.003)] } }] };
	await panel.getByTestId('siting-excluded-input').setInputFiles({ name: 'excluded.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(excluded), 'utf8') });
	const parcels = ['name,lon,lat', `Former school plot,${second.lon + 0.0004},${second.lat}`, `Market lot,${fourth.lon},${fourth.lat + 0.0004}`].join('\n');
	await panel.getByTestId('siting-parcels-input').setInputFiles({ name: 'parcels.csv', mimeType: 'text/csv', buffer: Buffer.from(parcels, 'utf8') });
	await expect(panel.getByTestId('siting-parcels-counts')).toContainText('2 loaded');
	await panel.getByTestId('siting-parcels-crs-select').selectOption('wgs84');
	await expect(panel.getByTestId('siting-parcels-crs-used')).toHaveAttribute('data-chosen-by', 'planner');
	await panel.getByTestId('siting-spacing').fill('600');
	await panel.getByTestId('siting-max-per').fill('2');
	await panel.getByTestId('siting-k').fill('2');
	await panel.getByTestId('siting-run').click();
	await expect(panel.getByTestId('siting-site')).toHaveCount(2, { timeout: 120_000 });
	await expect(panel.getByTestId('siting-progress')).toHaveCount(0, { timeout: 120_000 });
	await panel.getByTestId('siting-site').first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/siting-scenario-constraints-en.png' });
	// The starting coverage is the scenario's (today's plus what the planner's station adds), not the baseline's.
	await expect(panel.getByTestId('siting-coverage')).toHaveAttribute('data-covered-today', String(coveredToday + stationAdds));
	const added = Number(await panel.getByTestId('siting-coverage').getAttribute('data-added'));
	expect(added).toBeGreaterThan(0);

	// "Export suggestion": the CLI's columns, the sites of the table with their residents, and the same in GeoJSON.
	const shownResidents = await panel.getByTestId('siting-site').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-new-residents'))));
	const [csvFile] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('siting-export-csv').click()]);
	const csvText = readFileSync((await csvFile.path())!, 'utf8').replace(/^\ufeff/, '');
	// What the sites were computed from, above the header: dataset, scenario, threshold, date, synthetic layers.
	const provenance = csvText.split('\n').filter((line) => line.startsWith('# '));
	expect(provenance.length).toBeGreaterThanOrEqual(9);
	expect(provenance.map((line) => line.slice(2, line.indexOf(':')))).toEqual(expect.arrayContaining(['Dataset', 'Scenario', 'Time threshold (minutes)', 'Generated', 'Synthetic demo data, per layer']));
	expect(provenance).toContain('# Time threshold (minutes): 15');
	expect(provenance).toContain('# Scenario: Scenario 1');
	expect(csvText.split('\n')[provenance.length]).toBe('rank,lon,lat,lon_gcj02,lat_gcj02,subdistrict_code,subdistrict_name,source,candidate_id,label,new_residents,cumulative_residents,cumulative_pct');
	const exported = Papa.parse<Record<string, string>>(csvText, { header: true, comments: '#', skipEmptyLines: true }).data;
	expect(exported.map((row) => Number(row.new_residents))).toEqual(shownResidents);
	expect(Number(exported.at(-1)?.cumulative_residents)).toBe(coveredToday + stationAdds + added);
	const [geoFile] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('siting-export-geojson').click()]);
	const geo = JSON.parse(readFileSync((await geoFile.path())!, 'utf8')) as { features: { geometry: { coordinates: number[] }; properties: { new_residents: number } }[] };
	expect(geo.features.map((feature) => feature.properties.new_residents)).toEqual(shownResidents);
	expect(geo.features.map((feature) => feature.geometry.coordinates)).toEqual(exported.map((row) => [Number(row.lon), Number(row.lat)]));

	// Apply into the scenario: the planner's station stays, two sites are added, the rise is the sum.
	await expect(panel.getByTestId('siting-apply-to-scenario')).toBeChecked();
	await panel.getByTestId('siting-apply').click();
	await expect(edits).toHaveCount(3);
	await expect.poll(async () => signedNumber((await coveredTotal.textContent()) ?? ''), { timeout: 60_000 }).toBe(stationAdds + added);
	// No new scenario: the baseline and the planner's one.
	await expect(page.getByTestId('scenario-select').locator('option')).toHaveCount(2);
});

test('a GCJ-02 parcel file with a title row is read with its names and lands at the true WGS84 position', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	// Two parcels at the CLI's two best sites (true WGS84), written as Amap (GCJ-02) gives them, by the published
	// forward formula (tests/unit/io/import/fixtures.ts, independent of gcoord, which the app uses to convert back).
	const truth = cliSites(2).map((site, i) => ({ ...site, id: `JA-0${i + 1}`, name: ['Former school plot', 'Market lot'][i] }));
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('地块');
	sheet.addRow(['静安区候选地块（高德坐标）']);
	sheet.mergeCells('A1:D1');
	sheet.addRow(['地块编号', '地块名称', '经度', '纬度']);
	for (const parcel of truth) sheet.addRow([parcel.id, parcel.name, ...gcjForward(parcel.lon, parcel.lat)]);
	sheet.addRow([]);
	sheet.addRow(['填表人：张三']);
	const buffer = Buffer.from(await book.xlsx.writeBuffer());

	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	const panel = page.getByTestId('suggest-sites');
	await panel.getByTestId('siting-parcels-input').setInputFiles({ name: 'parcels.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
	// Read from the header under the merged title; the footer listed with its row, not dropped.
	await expect(panel.getByTestId('siting-parcels-counts')).toContainText('2 loaded, 1 skipped');
	await expect(panel.getByTestId('siting-parcels-problems').locator('tbody tr td').first()).toHaveText('6');
	await expect(panel.getByTestId('siting-parcels-columns')).toContainText('Header on row 2');
	// The values cannot tell GCJ-02 from WGS84: the panel says so and waits for the planner's choice.
	await expect(panel.getByTestId('siting-parcels-crs-used')).toHaveAttribute('data-chosen-by', 'detected');
	await expect(panel.getByTestId('siting-form-problem')).toContainText('Choose the coordinate system of the parcel file');
	await expect(panel.getByTestId('siting-run')).toBeDisabled();
	await panel.getByTestId('siting-parcels-crs-select').selectOption('gcj02');
	await expect(panel.getByTestId('siting-parcels-crs-used')).toHaveAttribute('data-crs', 'gcj02');
	await expect(panel.getByTestId('siting-parcels-crs-used')).toContainText('converted to WGS84 (GCJ-02 → WGS84)');
	await expect(panel.getByTestId('siting-parcels-counts')).toContainText('2 loaded, 1 skipped');

	// Only the parcels as candidates: both are suggested, at their true WGS84 positions, by name and id.
	await panel.getByTestId('siting-grid').fill('0');
	await panel.getByTestId('siting-k').fill('2');
	await expect(panel.getByTestId('siting-form-problem')).toHaveCount(0);
	await panel.getByTestId('siting-run').click();
	const rows = panel.getByTestId('siting-site');
	await expect(rows).toHaveCount(2, { timeout: 120_000 });
	await expect(panel.getByTestId('siting-progress')).toHaveCount(0, { timeout: 120_000 });
	const shown = await rows.evaluateAll((elements) => elements.map((row) => ({ lon: Number(row.getAttribute('data-lon')), lat: Number(row.getAttribute('data-lat')), text: row.textContent ?? '' })));
	expect(shown).toHaveLength(2);
	for (const parcel of truth) {
		const site = shown.find((candidate) => candidate.text.includes(parcel.name));
		expect(site, parcel.name).toBeDefined();
		expect(site?.text).toContain(`(\u2068${parcel.id}\u2069)`);
		// Within 1 m of the true position (the raw GCJ-02 numbers lie about 480 m away).
		expect(haversineM(site?.lon ?? 0, site?.lat ?? 0, parcel.lon, parcel.lat), parcel.name).toBeLessThan(1);
	}
	await rows.first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'docs/screenshots/siting-parcels-gcj02-en.png' });

	// The export names each site's parcel and id; Apply names the scenario's sites after the parcels.
	const [csvFile] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('siting-export-csv').click()]);
	const exported = Papa.parse<Record<string, string>>(readFileSync((await csvFile.path())!, 'utf8').replace(/^\ufeff/, ''), { header: true, comments: '#', skipEmptyLines: true }).data;
	expect(exported.map((row) => [row.source, row.candidate_id, row.label]).sort()).toEqual(truth.map((parcel) => ['parcel', parcel.id, parcel.name]).sort());
	await panel.getByTestId('siting-apply').click();
	const edits = page.getByTestId('scenario-edits');
	for (const parcel of truth) await expect(edits).toContainText(parcel.name);

	// Another file starts from the importer's guess again: the planner's choice was for the file before.
	await panel.getByTestId('siting-parcels-input').setInputFiles({ name: 'parcels-2.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
	await expect(panel.getByTestId('siting-parcels-counts')).toContainText('parcels-2.xlsx');
	await expect(panel.getByTestId('siting-parcels-crs-used')).toHaveAttribute('data-chosen-by', 'detected');
	await expect(panel.getByTestId('siting-run')).toBeDisabled();
});
