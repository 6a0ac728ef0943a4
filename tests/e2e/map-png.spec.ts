import { writeFileSync } from 'node:fs';
import { test, expect, openApp, downloadExport } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Issue 24 item 8: the map PNG carries a title band, the legend of the view, a scale bar, a north arrow
 * and a footer (date, data source, synthetic layers), not only the bare map canvas.
 */

interface PngFacts {
	width: number;
	height: number;
	mapWidth: number;
	mapHeight: number;
	/** Dark (text) pixels in the band above the map and in the band below it. */
	darkAbove: number;
	darkBelow: number;
	/** Rows of text in the footer (runs of rows holding dark pixels). */
	footerLines: number;
	/** Dark pixels at the map's upper-right corner (the north arrow). */
	darkNorth: number;
	/** How many of the legend's swatch colours appear in the legend's column right of the map. */
	swatchesFound: number;
}

async function pngFacts(page: Page, png: Buffer, swatches: number[][]): Promise<PngFacts> {
	return page.evaluate(
		async ({ url, swatches }) => {
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
			const { data } = context.getImageData(0, 0, image.width, image.height);
			const mapCanvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas')!;
			const ratio = window.devicePixelRatio || 1;
			const header = Math.round(64 * ratio);
			const mapHeight = mapCanvas.height;
			const dark = (x: number, y: number) => {
				const i = (y * image.width + x) * 4;
				return data[i] + data[i + 1] + data[i + 2] < 240;
			};
			const count = (x0: number, y0: number, x1: number, y1: number, test: (x: number, y: number) => boolean) => {
				let n = 0;
				for (let y = Math.max(0, y0); y < Math.min(image.height, y1); y++) for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++) if (test(x, y)) n++;
				return n;
			};
			let footerLines = 0;
			let inLine = false;
			for (let y = header + mapHeight + 2; y < image.height; y++) {
				const any = count(0, y, image.width, y + 1, dark) > 0;
				if (any && !inLine) footerLines++;
				inLine = any;
			}
			const near = (x: number, y: number, colour: number[]) => {
				const i = (y * image.width + x) * 4;
				return Math.abs(data[i] - colour[0]) + Math.abs(data[i + 1] - colour[1]) + Math.abs(data[i + 2] - colour[2]) < 12;
			};
			// The legend's column, right of the map.
			const legendColumn = { x0: mapCanvas.width, y0: header, x1: image.width, y1: header + mapHeight };
			const swatchesFound = swatches.filter((colour) => count(legendColumn.x0, legendColumn.y0, legendColumn.x1, legendColumn.y1, (x, y) => near(x, y, colour)) >= 40).length;
			return {
				width: image.width,
				height: image.height,
				mapWidth: mapCanvas.width,
				mapHeight,
				darkAbove: count(0, 0, image.width, header, dark),
				darkBelow: count(0, header + mapHeight + 1, image.width, image.height, dark),
				footerLines,
				darkNorth: count(mapCanvas.width - Math.round(48 * ratio), header, mapCanvas.width, header + Math.round(64 * ratio), dark),
				swatchesFound
			};
		},
		{ url: `data:image/png;base64,${png.toString('base64')}`, swatches }
	);
}

/** The status legend's swatches as drawn on the PNG's white legend box (alpha 160/255 over white). */
async function legendSwatches(page: Page): Promise<number[][]> {
	return page.getByTestId('choropleth-legend').locator('.swatch').evaluateAll((elements) =>
		elements.map((element) => {
			const [r, g, b] = getComputedStyle(element).backgroundColor.match(/[\d.]+/g)!.map(Number);
			const alpha = 160 / 255;
			return [r, g, b].map((channel) => Math.round(channel * alpha + 255 * (1 - alpha)));
		})
	);
}

for (const width of [1440, 1024]) {
	for (const language of ['zh-CN', 'en'] as const) {
		test(`map PNG at ${width} px in ${language}: title, legend, scale bar, north arrow and footer around the map`, async ({ page }) => {
			await page.setViewportSize({ width, height: 900 });
			await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
			await openApp(page);
			// The legend is folded at 1024 px: unfolded, its swatches can be read.
			if (!(await page.getByTestId('choropleth-legend').isVisible())) await page.getByTestId('legend-toggle').click();
			const swatches = await legendSwatches(page);
			expect(swatches.length).toBe(6);
			const png = await downloadExport(page, 'png');
			writeFileSync(`docs/screenshots/map-png-${language === 'en' ? 'en' : 'zh'}-${width}.png`, png);
			const facts = await pngFacts(page, png, swatches);
			expect(facts.width, 'the map and a legend column beside it').toBeGreaterThan(facts.mapWidth + 150);
			expect(facts.height, 'title band and footer around the map').toBeGreaterThan(facts.mapHeight + 100);
			expect(facts.darkAbove, 'a title').toBeGreaterThan(300);
			expect(facts.footerLines, 'date, data source and the synthetic flag').toBeGreaterThanOrEqual(3);
			expect(facts.darkNorth, 'a north arrow').toBeGreaterThan(80);
			// Every class of the legend but "incomplete" (grey) is in the legend beside the map.
			expect(facts.swatchesFound, `legend colours ${JSON.stringify(swatches)}`).toBeGreaterThanOrEqual(5);
		});
	}
}
