import { readFileSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every end-to-end test records each request the page makes and each console error; a request to any
 * origin other than the app's own fails the test (the app must work offline and keep data private).
 */
export interface PageWatch {
	foreignRequests: string[];
	consoleErrors: string[];
}

export const test = base.extend<{ watch: PageWatch }>({
	watch: async ({ page, baseURL }, use) => {
		const appOrigin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
		const watch: PageWatch = { foreignRequests: [], consoleErrors: [] };
		page.on('request', (request) => {
			const url = request.url();
			if (url.startsWith('data:') || url.startsWith('blob:')) return;
			if (new URL(url).origin !== appOrigin) watch.foreignRequests.push(url);
		});
		page.on('console', (message) => {
			if (message.type() === 'error' && !isHarmless(message.text())) watch.consoleErrors.push(message.text());
		});
		page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
		await use(watch);
		expect(watch.foreignRequests, 'requests outside the app origin').toEqual([]);
		expect(watch.consoleErrors, 'console errors').toEqual([]);
	}
});

/** Headless SwiftShader noise that says nothing about the app. */
function isHarmless(text: string): boolean {
	return /GPU stall due to ReadPixels|favicon\.ico/.test(text);
}

/** Opens the app and waits until the map has drawn, DuckDB holds the data and coverage is computed. */
export async function openApp(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await expect(page.locator('[data-testid="map-ready"]')).toBeAttached({ timeout: 60_000 });
	await expect(page.locator('.app')).toHaveAttribute('data-db-ready', 'true', { timeout: 60_000 });
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
}

/**
 * Chooses a map view in the view switch and waits until the map has drawn it. The switch shows a view as chosen only
 * once the map drew it (seconds on a busy machine), so Playwright's check(), which expects the radio checked at
 * once after its click, fails there although the click was taken.
 */
export async function chooseMapView(page: Page, view: 'status' | 'density' | 'minutes' | 'covered' | 'change'): Promise<void> {
	const radio = page.getByTestId(`view-${view}`);
	await radio.click();
	await expect(radio).toBeChecked({ timeout: 60_000 });
}

/**
 * Opens a new scenario, proposes one station with a click at `at` (page pixels) and leaves placing mode,
 * so the next press on the station drags it. Returns the scenario's edit list (one edit by then).
 */
export async function proposeStationAt(page: Page, at: { x: number; y: number }): Promise<Locator> {
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	const edits = page.getByTestId('scenario-edits').locator('li');
	await page.getByTestId('place-station').click();
	await page.mouse.click(at.x, at.y);
	await expect(edits).toHaveCount(1);
	await page.getByTestId('place-station').click();
	await expect(page.getByTestId('place-station')).toHaveAttribute('aria-pressed', 'false');
	return edits;
}

/**
 * Opens a new scenario and proposes one station by its coordinates, typed as given (default 121.447, 31.288,
 * in 大宁路); waits for the edit.
 */
export async function proposeAtCoordinates(page: Page, lon = '121.447', lat = '31.288'): Promise<void> {
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	await page.locator('details.coordinates summary').click();
	await page.getByTestId('coordinates-lon').fill(lon);
	await page.getByTestId('coordinates-lat').fill(lat);
	await page.getByTestId('coordinates-add').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(1);
}

/** Clicks an export button (`export-${format}`) and returns the downloaded file's bytes. */
export async function downloadExport(page: Page, format: string): Promise<Buffer> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
	return readFileSync(await file.path());
}

/** Imports one file through the dialog and loads it (`crs` when the coordinates need declaring, else WGS84 when the dialog asks); waits until coverage and DuckDB follow. */
export async function importThroughDialog(page: Page, kind: 'facilities' | 'population' | 'subdistricts' | 'network', path: string, crs?: string): Promise<void> {
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId(`import-kind-${kind}`).check();
	await dialog.getByTestId('import-file').setInputFiles(path);
	await expect(dialog.getByTestId('import-settings')).toBeVisible();
	// An unsure guess (WGS84, GCJ-02 and BD-09 look alike) must be settled by a choice: WGS84 unless told otherwise.
	if (crs) await dialog.getByTestId('import-crs-select').selectOption(crs);
	else if (await dialog.getByTestId('import-crs-required').isVisible()) await dialog.getByTestId('import-crs-select').selectOption('wgs84');
	await dialog.getByTestId('import-run').click();
	await expect(dialog.getByTestId('import-loaded')).toBeVisible();
	await dialog.getByTestId('import-load').click();
	await expect(page.getByTestId('import-dialog')).toHaveCount(0);
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.locator('.app')).toHaveAttribute('data-db-ready', 'true', { timeout: 60_000 });
}

/**
 * Exports the report as PDF the way the app does (its print dialog stubbed), then prints the page as
 * Chromium would, A4 landscape. `inPrint` runs while print media is emulated, before the PDF is made.
 */
export async function printReportPdf(page: Page, inPrint?: () => Promise<void>): Promise<Buffer> {
	await page.evaluate(() => {
		document.body.dataset.printed = '';
		window.print = () => {
			document.body.dataset.printed = 'yes';
		};
	});
	await page.getByTestId('export-pdf').click();
	await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
	await page.emulateMedia({ media: 'print' });
	await inPrint?.();
	const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
	await page.emulateMedia({ media: 'screen' });
	return pdf;
}

export { expect };
