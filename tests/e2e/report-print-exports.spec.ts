import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, downloadExport, printReportPdf, proposeAtCoordinates } from './fixtures';
import { picturePixelsNear } from './map-pixels';

/**
 * Issue 24 walkthrough, exports: the printed maps' heading, both maps and their captions on one page (both
 * languages, 1440 and 1024 px, with a scenario); no search highlight in the map PNG and the printed maps;
 * printing leaves the planner's zoom and centre as they were.
 */

const dir = mkdtempSync(join(tmpdir(), 'print-exports-'));
const bundle = (language: string) => JSON.parse(readFileSync(`src/lib/i18n/report.${language}.json`, 'utf8')) as Record<string, string>;
const BUNDLES = { 'zh-CN': bundle('zh-CN'), en: bundle('en') };

/** Each page's text of a PDF (pdftotext per page) and the pages that carry images (pdfimages -list). */
function pdfPages(pdf: Buffer, name: string): { texts: string[]; imagePages: number[] } {
	const path = join(dir, `${name}.pdf`);
	writeFileSync(path, pdf);
	writeFileSync(`test-results/${name}.pdf`, pdf);
	const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
	const texts = Array.from({ length: count }, (_, index) => execFileSync('pdftotext', ['-f', String(index + 1), '-l', String(index + 1), '-layout', path, '-'], { encoding: 'utf8' }));
	const imagePages = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })
		.split('\n')
		.slice(2)
		.filter((line) => line.trim() !== '')
		// Images of the map (a few hundred pixels wide), not the legend's 10 pt symbols.
		.filter((line) => Number(line.trim().split(/\s+/)[3]) >= 200)
		.map((line) => Number(line.trim().split(/\s+/)[0]));
	return { texts, imagePages };
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

test('the printed maps: heading, both maps and both captions on one page, in both languages at 1440 and 1024 px', async ({ page }) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await proposeAtCoordinates(page);
	for (const width of [1440, 1024]) {
		await page.setViewportSize({ width, height: 768 });
		for (const language of ['zh-CN', 'en'] as const) {
			await page.getByTestId(`language-${language}`).click();
			await expect(page.getByTestId('export-pdf')).toBeEnabled();
			const name = `maps-page-${language}-${width}`;
			const { texts, imagePages } = pdfPages(await printReportPdf(page), name);
			const bundle = BUNDLES[language];
			const heading = texts.findIndex((text) => text.split('\n').some((line) => line.trim() === bundle['report.section.maps']));
			expect(heading, `${name}: the maps heading`).toBeGreaterThanOrEqual(0);
			const onPage = squeeze(texts[heading]);
			expect(onPage, `${name}: the status map's caption on the heading's page`).toContain(squeeze(bundle['report.map.status']));
			expect(onPage, `${name}: the coverage map's caption on the heading's page`).toContain(squeeze(bundle['report.map.coverage'].replace('{mode}', bundle['report.mode.walk'])));
			expect(imagePages.length, `${name}: two map pictures`).toBe(2);
			expect(imagePages, `${name}: both maps on the heading's page`).toEqual([heading + 1, heading + 1]);
			if (width === 1024) execFileSync('pdftoppm', ['-png', '-r', '50', '-f', String(heading + 1), '-l', String(heading + 1), join(dir, `${name}.pdf`), `test-results/${name}`]);
		}
	}
});

/** Pixels of the selected outline's near-black (20, 20, 20) in a picture: a search's thick outline adds thousands. */
const outlinePixels = (page: Page, url: string) => picturePixelsNear(page, url, [20, 20, 20], 12);

/** The printed maps' pictures as drawn on the report (data URLs). */
async function printedPictures(page: Page): Promise<string[]> {
	let urls: string[] = [];
	await printReportPdf(page, async () => {
		urls = await page.getByTestId('report-map-picture').evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src));
	});
	return urls;
}

test('a place search’s thick outline stays on screen: the map PNG and the printed maps draw the district as their legend explains it', async ({ page }) => {
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
	const png = `data:image/png;base64,${(await downloadExport(page, 'png')).toString('base64')}`;
	const printed = await printedPictures(page);

	await page.getByTestId('place-search').fill('daning');
	await page.getByTestId('place-search-hit').first().click();
	await expect(page.locator('[data-testid="subdistrict-table"] tr.selected')).toHaveCount(1);
	const searchedPng = await downloadExport(page, 'png');
	writeFileSync('test-results/png-after-place-search.png', searchedPng);
	const searchedPrinted = await printedPictures(page);

	const [plain, searched] = [await outlinePixels(page, png), await outlinePixels(page, `data:image/png;base64,${searchedPng.toString('base64')}`)];
	// The thick outline of 大宁路街道 is a few thousand such pixels; without it the two pictures hold the same few.
	expect(Math.abs(searched - plain), `PNG near-black pixels ${plain} → ${searched}`).toBeLessThan(300);
	for (const [index, url] of searchedPrinted.entries()) {
		const [before, after] = [await outlinePixels(page, printed[index]), await outlinePixels(page, url)];
		expect(Math.abs(after - before), `printed map ${index}: near-black pixels ${before} → ${after}`).toBeLessThan(300);
	}
	// On screen the search's outline is still there.
	await expect(page.locator('[data-testid="subdistrict-table"] tr.selected')).toHaveCount(1);
});

test('printing the report leaves the planner’s zoom and centre as they were', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	await openApp(page);
	const map = page.getByTestId('map');
	await page.getByTestId('place-search').fill('服务中心');
	const centreBefore = await map.getAttribute('data-center');
	await page.locator('[data-testid="place-search-hit"][data-kind="facility"]').first().click();
	await expect(map).not.toHaveAttribute('data-center', centreBefore ?? '');
	// Pan a little by hand as well: the view is the planner's own, not a fitted one.
	const box = (await map.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 5 });
	await page.mouse.up();
	await expect(map).not.toHaveAttribute('data-center', centreBefore ?? '');
	const view = { centre: await map.getAttribute('data-center'), zoom: await map.getAttribute('data-zoom') };
	expect(Number(view.zoom)).toBeGreaterThan(14);

	await printReportPdf(page);
	// Let the page settle back into screen media (resize observers, two frames, the map's own move events).
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 500)))));
	await expect(map).toHaveAttribute('data-zoom', view.zoom ?? '');
	await expect(map).toHaveAttribute('data-center', view.centre ?? '');
});

test('the printed comparison table’s English headers stay inside their columns (“(percentage points)” ran into the next header)', async ({ page }) => {
	// A4 landscape less the @page margins (297 − 2 × 12 mm) at 96 px per inch: the width the table is printed at.
	await page.setViewportSize({ width: 1032, height: 800 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	await openApp(page);
	await proposeAtCoordinates(page);
	await expect(page.getByTestId('export-pdf')).toBeEnabled();
	let overflowing: string[] = [];
	let headers = 0;
	await printReportPdf(page, async () => {
		const measured = await page.locator('.indicators th').evaluateAll((cells) =>
			cells.map((cell) => ({ text: (cell.textContent ?? '').trim(), overflows: cell.scrollWidth > cell.clientWidth + 1 }))
		);
		headers = measured.length;
		overflowing = measured.filter((cell) => cell.overflows).map((cell) => cell.text);
	});
	expect(headers, 'the report’s indicator tables were measured').toBeGreaterThan(20);
	expect(overflowing, 'headers wider than their column').toEqual([]);
});
