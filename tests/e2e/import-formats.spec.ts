import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const FIXTURES = 'tests/fixtures/import';
const expected = JSON.parse(readFileSync(`${FIXTURES}/expected.json`, 'utf8')) as {
	facilities: { id: string; lon: number; lat: number }[];
	subdistricts: { code: string; box: [number, number, number, number] }[];
	raster: { originLon: number; originLat: number; pixel: number };
};

function metresBetween(a: [number, number], b: [number, number]): number {
	const radians = Math.PI / 180;
	const h = Math.sin(((b[1] - a[1]) * radians) / 2) ** 2 + Math.cos(a[1] * radians) * Math.cos(b[1] * radians) * Math.sin(((b[0] - a[0]) * radians) / 2) ** 2;
	return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Loads one file through the import dialog's file picker and returns once the app has recomputed. */
async function importThroughPicker(page: Page, kind: string, file: string, crs?: string): Promise<void> {
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId(`import-kind-${kind}`).check();
	await dialog.getByTestId('import-file').setInputFiles(`${FIXTURES}/${file}`);
	await expect(dialog.getByTestId('import-run')).toBeVisible();
	if (crs?.startsWith('epsg:')) {
		await dialog.getByTestId('import-crs-select').selectOption('epsg');
		await dialog.getByTestId('import-crs-epsg').fill(crs.slice(5));
		await dialog.getByTestId('import-crs-epsg').press('Tab');
	} else if (crs) await dialog.getByTestId('import-crs-select').selectOption(crs);
	// Degrees without a declaration: WGS84, GCJ-02 and BD-09 look alike, so the dialog asks; these fixtures are WGS84.
	else if (await dialog.getByTestId('import-crs-required').isVisible()) await dialog.getByTestId('import-crs-select').selectOption('wgs84');
	await dialog.getByTestId('import-run').click();
	await expect(dialog.getByTestId('import-loaded')).toBeVisible();
	await dialog.getByTestId('import-load').click();
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
	await expect(page.getByTestId(`source-counts-${kind}`)).toBeVisible();
	await expect(page.locator('[data-kind="' + kind + '"]')).toContainText(file);
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.locator('.app')).toHaveAttribute('data-db-ready', 'true', { timeout: 60_000 });
}

interface StoredDataset {
	facilities: { id: string; lon: number; lat: number }[];
	subdistricts: { code: string; polygons: [number, number][][][] }[];
	cells: { lon: Float64Array; lat: Float64Array; pop: Float64Array };
}

async function stored(page: Page): Promise<StoredDataset> {
	return page.evaluate(
		() =>
			new Promise<StoredDataset>((resolve, reject) => {
				const request = indexedDB.open('health-circle');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					// The dataset on screen: its id is under 'active' → 'dataset', its record under 'datasets' → id (io/persist.ts).
					const tx = request.result.transaction(['active', 'datasets']);
					const active = tx.objectStore('active').get('dataset');
					active.onerror = () => reject(active.error);
					active.onsuccess = () => {
						const get = tx.objectStore('datasets').get(active.result);
						get.onerror = () => reject(get.error);
						get.onsuccess = () => {
							const dataset = get.result?.dataset;
							if (!dataset) return reject(new Error(`no saved dataset under the active id ${String(active.result)}`));
							resolve({ facilities: dataset.facilities, subdistricts: dataset.subdistricts, cells: { lon: Array.from(dataset.cells.lon), lat: Array.from(dataset.cells.lat), pop: Array.from(dataset.cells.pop) } as never });
						};
					};
				};
			})
	);
}

function expectFacilitiesWithin5m(facilities: StoredDataset['facilities']): void {
	for (const truth of expected.facilities) {
		const loaded = facilities.find((facility) => facility.id === truth.id);
		expect(loaded, truth.id).toBeDefined();
		expect(metresBetween([truth.lon, truth.lat], [loaded?.lon ?? 0, loaded?.lat ?? 0]), truth.id).toBeLessThan(5);
	}
}

test('every fixture format loads through the file picker, at the true WGS84 positions', async ({ page }) => {
	test.setTimeout(600_000); // ten imports through the dialog: a ceiling for a busy machine, not a speed check
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'en');
	});
	await openApp(page);

	// Zipped Shapefile, projected CGCS2000 Gauss-Krüger 120°E (.prj), GBK attributes.
	await importThroughPicker(page, 'subdistricts', 'subdistricts-gk120-gbk.zip');
	let data = await stored(page);
	expect(data.subdistricts).toHaveLength(4);
	for (const truth of expected.subdistricts) {
		const ring = data.subdistricts.find((subdistrict) => subdistrict.code === truth.code)?.polygons[0][0] ?? [];
		const lons = ring.map((point) => point[0]);
		const lats = ring.map((point) => point[1]);
		expect(metresBetween([Math.min(...lons), Math.min(...lats)], [truth.box[0], truth.box[1]]), truth.code).toBeLessThan(5);
		expect(metresBetween([Math.max(...lons), Math.max(...lats)], [truth.box[2], truth.box[3]]), truth.code).toBeLessThan(5);
	}

	// XLSX with Chinese headers; GeoJSON points; projected CSV (EPSG:4549).
	await importThroughPicker(page, 'facilities', 'facilities.xlsx');
	expectFacilitiesWithin5m((await stored(page)).facilities);
	await importThroughPicker(page, 'facilities', 'facilities.geojson');
	expectFacilitiesWithin5m((await stored(page)).facilities);
	await importThroughPicker(page, 'facilities', 'facilities-epsg4549.csv', 'epsg:4549');
	expectFacilitiesWithin5m((await stored(page)).facilities);

	// WorldPop-style GeoTIFF: the centre of the second pixel of the first row (the first is nodata) is a cell.
	await importThroughPicker(page, 'population', 'population-worldpop.tif');
	data = await stored(page);
	expect(data.cells.lon.length).toBeGreaterThan(500);
	const firstPixel: [number, number] = [expected.raster.originLon + 1.5 * expected.raster.pixel, expected.raster.originLat - expected.raster.pixel / 2];
	const nearest = Math.min(...Array.from(data.cells.lon, (lon, index) => metresBetween([lon, data.cells.lat[index]], firstPixel)));
	expect(nearest).toBeLessThan(5);

	// H3 cells, GeoParquet points, GeoJSON polygons; a street network.
	await importThroughPicker(page, 'population', 'population-h3.csv');
	await importThroughPicker(page, 'population', 'population-points.parquet');
	await importThroughPicker(page, 'population', 'population-polygons.geojson');
	await importThroughPicker(page, 'network', 'network.geojson');
	await expect(page.getByTestId('total-coverage')).toBeVisible();
	await page.screenshot({ path: 'docs/screenshots/planner-data-en.png' });
});
