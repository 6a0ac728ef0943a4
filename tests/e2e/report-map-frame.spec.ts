import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { test, expect, openApp, downloadExport, printReportPdf } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 24 walkthrough: the printed report's maps followed the on-screen zoom (a 200 m corner after a
 * search) while the PNG fitted the district; the PDF legend had no entry for the hospitals' H; the PNG
 * legend had no proposed or closed sites; 江宁路街道 and 天目西路街道 overlapped.
 */

async function openZh(page: Page): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
}

/** The printed maps' scale texts and legends. */
async function printedMaps(page: Page, name: string): Promise<{ scales: string[]; legends: string[][] }> {
	let maps: { scales: string[]; legends: string[][] } = { scales: [], legends: [] };
	const pdf = await printReportPdf(page, async () => {
		const figures = await page.getByTestId('report-map').all();
		maps = {
			scales: await Promise.all(figures.map((figure) => figure.getByTestId('report-map-scale').innerText())),
			legends: await Promise.all(figures.map((figure) => figure.getByTestId('report-map-legend').locator('li').allInnerTexts()))
		};
	});
	writeFileSync(`test-results/${name}.pdf`, pdf);
	execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '5', `test-results/${name}.pdf`, `test-results/${name}`]);
	return maps;
}

/** Share of pixels that differ clearly between two PNGs of the same size (1 when the sizes differ). */
async function differingShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
	return page.evaluate(
		async ({ a, b }) => {
			const pixels = async (url: string) => {
				const image = new Image();
				await new Promise((resolve) => {
					image.onload = resolve;
					image.src = url;
				});
				const canvas = document.createElement('canvas');
				canvas.width = image.width;
				canvas.height = image.height;
				const context = canvas.getContext('2d')!;
				context.drawImage(image, 0, 0);
				return context.getImageData(0, 0, image.width, image.height);
			};
			const [first, second] = [await pixels(a), await pixels(b)];
			if (first.width !== second.width || first.height !== second.height) return 1;
			let differing = 0;
			for (let i = 0; i < first.data.length; i += 4) {
				const delta = Math.abs(first.data[i] - second.data[i]) + Math.abs(first.data[i + 1] - second.data[i + 1]) + Math.abs(first.data[i + 2] - second.data[i + 2]);
				if (delta > 60) differing++;
			}
			return differing / (first.width * first.height);
		},
		{ a: `data:image/png;base64,${a.toString('base64')}`, b: `data:image/png;base64,${b.toString('base64')}` }
	);
}

test('after a search zooms to a facility, the printed maps and the map PNG still show the whole district, and the view comes back', async ({ page }) => {
	await openZh(page);
	const fitted = await printedMaps(page, 'frame-fitted');
	const fittedPng = await downloadExport(page, 'png');

	await page.getByTestId('place-search').fill('服务中心');
	await page.locator('[data-testid="place-search-hit"][data-kind="facility"]').first().click();
	const map = page.getByTestId('map');
	await expect(map).not.toHaveAttribute('data-center', '');
	const zoomedCentre = await map.getAttribute('data-center');

	const zoomedPng = await downloadExport(page, 'png');
	writeFileSync('test-results/frame-after-search.png', zoomedPng);
	// The same district picture (only the selected sub-district's outline and the footer's minute may differ).
	expect(await differingShare(page, fittedPng, zoomedPng)).toBeLessThan(0.05);
	await expect(map, 'the planner’s zoomed view is back').toHaveAttribute('data-center', zoomedCentre ?? '');

	const afterSearch = await printedMaps(page, 'frame-after-search');
	expect(afterSearch.scales, 'the same scale as the district fitted').toEqual(fitted.scales);

	// The hospitals' H is on the map, so it is in the printed legend (and nothing not drawn: no proposed or closed sites).
	for (const legend of afterSearch.legends) {
		expect(legend).toContain('区级医院');
		expect(legend).not.toContain('拟建（带圈）');
		expect(legend).not.toContain('本方案关闭（划线）');
	}
});

test('a scenario with a proposed and a closed site: both in the printed legend and in the PNG legend', async ({ page }) => {
	await openZh(page);
	const plainPng = await downloadExport(page, 'png');
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	await page.locator('details.coordinates summary').click();
	await page.getByTestId('coordinates-lon').fill('121.447');
	await page.getByTestId('coordinates-lat').fill('31.288');
	await page.getByTestId('coordinates-add').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(1);
	await page.getByTestId('facility-pick').selectOption('S001');
	await page.getByTestId('editor-close').click();
	await expect(page.getByTestId('scenario-edits').locator('li')).toHaveCount(2);
	await expect(page.getByTestId('export-pdf')).toBeEnabled();

	const maps = await printedMaps(page, 'frame-scenario');
	for (const legend of maps.legends) {
		expect(legend).toContain('拟建（带圈）');
		expect(legend).toContain('本方案关闭（划线）');
	}
	const png = await downloadExport(page, 'png');
	writeFileSync('test-results/frame-scenario.png', png);
	// The closed symbol's grey (150, 150, 150) in the legend column right of the map: there with the closure only.
	const grey = (buffer: Buffer) =>
		page.evaluate(async (url) => {
			const image = new Image();
			await new Promise((resolve) => {
				image.onload = resolve;
				image.src = url;
			});
			const canvas = document.createElement('canvas');
			canvas.width = image.width;
			canvas.height = image.height;
			const context = canvas.getContext('2d')!;
			context.drawImage(image, 0, 0);
			const mapWidth = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas')!.width;
			const { data } = context.getImageData(mapWidth, 0, image.width - mapWidth, image.height);
			let count = 0;
			for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 150) + Math.abs(data[i + 1] - 150) + Math.abs(data[i + 2] - 150) <= 3) count++;
			return count;
		}, `data:image/png;base64,${buffer.toString('base64')}`);
	// A few anti-aliased text pixels are this grey too: the symbol adds well over a hundred.
	expect(await grey(png), 'the closed symbol in the legend').toBeGreaterThan((await grey(plainPng)) + 60);
});

test('江宁路街道 and 天目西路街道 no longer overlap on the map at 1440 px', async ({ page }) => {
	await openZh(page);
	const map = page.getByTestId('map');
	await expect(map).not.toHaveAttribute('data-labels', '');
	const labels = JSON.parse((await map.getAttribute('data-labels'))!) as { text: string; x: number; y: number; width: number; height: number }[];
	const box = (text: string) => labels.find((label) => label.text === text)!;
	const [a, b] = [box('江宁路街道'), box('天目西路街道')];
	expect(a && b).toBeTruthy();
	const apart = a.x + a.width / 2 <= b.x - b.width / 2 || b.x + b.width / 2 <= a.x - a.width / 2 || a.y + a.height / 2 <= b.y - b.height / 2 || b.y + b.height / 2 <= a.y - a.height / 2;
	expect(apart, JSON.stringify([a, b])).toBe(true);
	await page.screenshot({ path: 'test-results/labels-1440-zh.png' });
});
