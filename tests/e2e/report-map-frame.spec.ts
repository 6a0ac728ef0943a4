import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { test, expect, openApp, downloadExport, printReportPdf, proposeAtCoordinates } from './fixtures';
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

/**
 * Two map PNGs compared in the page: the share of pixels that differ clearly (1 when the sizes differ), and
 * in each the pixels of the closed symbol's grey (150, 150, 150) in the legend column right of the map.
 */
async function comparePngs(page: Page, a: Buffer, b: Buffer): Promise<{ differingShare: number; closedGrey: [number, number] }> {
	return page.evaluate(
		async ({ a, b }) => {
			const pixels = async (url: string) => {
				const image = new Image();
				image.src = url;
				await image.decode();
				const canvas = document.createElement('canvas');
				canvas.width = image.width;
				canvas.height = image.height;
				const context = canvas.getContext('2d')!;
				context.drawImage(image, 0, 0);
				return context.getImageData(0, 0, image.width, image.height);
			};
			const [first, second] = [await pixels(a), await pixels(b)];
			const mapWidth = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas')!.width;
			const closedGrey = ({ data, width }: ImageData) => {
				let count = 0;
				for (let i = 0; i < data.length; i += 4) {
					if ((i / 4) % width >= mapWidth && Math.abs(data[i] - 150) + Math.abs(data[i + 1] - 150) + Math.abs(data[i + 2] - 150) <= 3) count++;
				}
				return count;
			};
			let differing = 0;
			const sameSize = first.width === second.width && first.height === second.height;
			for (let i = 0; sameSize && i < first.data.length; i += 4) {
				const delta = Math.abs(first.data[i] - second.data[i]) + Math.abs(first.data[i + 1] - second.data[i + 1]) + Math.abs(first.data[i + 2] - second.data[i + 2]);
				if (delta > 60) differing++;
			}
			return { differingShare: sameSize ? differing / (first.width * first.height) : 1, closedGrey: [closedGrey(first), closedGrey(second)] as [number, number] };
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
	expect((await comparePngs(page, fittedPng, zoomedPng)).differingShare).toBeLessThan(0.05);
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
	await proposeAtCoordinates(page);
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
	// The closed symbol's grey in the legend column: a few anti-aliased text pixels are this grey too, the symbol adds well over a hundred.
	const [plain, closed] = (await comparePngs(page, plainPng, png)).closedGrey;
	expect(closed, 'the closed symbol in the legend').toBeGreaterThan(plain + 60);
});

test('江宁路街道 and 天目西路街道 no longer overlap on the map at 1440 px', async ({ page }) => {
	await openZh(page);
	const map = page.getByTestId('map');
	await expect(map).not.toHaveAttribute('data-labels', '');
	const labels = JSON.parse((await map.getAttribute('data-labels'))!) as { text: string; x: number; y: number; width: number; height: number }[];
	// The map writes a 街道 name on two lines (labels.ts mapLabelText): compare the name without its line break.
	const box = (text: string) => labels.find((label) => label.text.replace('\n', '') === text)!;
	const [a, b] = [box('江宁路街道'), box('天目西路街道')];
	expect(a && b).toBeTruthy();
	const apart = a.x + a.width / 2 <= b.x - b.width / 2 || b.x + b.width / 2 <= a.x - a.width / 2 || a.y + a.height / 2 <= b.y - b.height / 2 || b.y + b.height / 2 <= a.y - a.height / 2;
	expect(apart, JSON.stringify([a, b])).toBe(true);
	await page.screenshot({ path: 'test-results/labels-1440-zh.png' });
});
