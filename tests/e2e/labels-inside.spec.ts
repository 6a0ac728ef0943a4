import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Locator } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

/**
 * Issue 24 (walkthrough): 北站's name lay outside its district, 曹家渡's half outside, 静安寺's cut at the map's
 * bottom edge; later "Caojiadu" and "Jiangning Road" spilled past their areas' edges at 1024 and 390 px with the
 * anchor inside. Each drawn name's box, as the map placed it (after moving names clear of each other), must lie
 * in its own sub-district (its text box, less the 2 px white outline that may cross the edge, sampled along every
 * side and checked here against the demo's GeoJSON with turf) and inside the map's frame. A name that does not fit
 * is left out (marked hidden), never drawn across the edge.
 */
const subdistricts = JSON.parse(readFileSync('static/data/demo/subdistricts.geojson', 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
const shapeOf = (code: string): Feature<Polygon | MultiPolygon> => subdistricts.features.find((feature) => feature.properties.code === code)!;

interface PlacedLabel {
	text: string;
	code: string;
	x: number;
	y: number;
	width: number;
	height: number;
	lon: number;
	lat: number;
	frameWidth: number;
	frameHeight: number;
	/** Left out: it would lie over another name even at the smallest size. */
	hidden?: boolean;
}

/** The outline drawn around each name (px a side): it may cross the area's edge, the letters may not. */
const OUTLINE_PX = 2;
/** Points along a box's sides at most this far apart (px). */
const SAMPLE_STEP_PX = 4;

/**
 * Where a point `dx`, `dy` map pixels off a label's anchor lies (lon, lat): Web Mercator at the map's zoom (512 px
 * tiles, north up), worked out here from the anchor's lon/lat, not with the map's own projection.
 */
function offAnchor(label: PlacedLabel, zoom: number, dx: number, dy: number): [number, number] {
	const worldPx = 512 * 2 ** zoom;
	const mercatorY = Math.log(Math.tan(Math.PI / 4 + (label.lat * Math.PI) / 360)) - (dy * 2 * Math.PI) / worldPx;
	return [label.lon + (dx * 360) / worldPx, (Math.atan(Math.sinh(mercatorY)) * 180) / Math.PI];
}

/** Points of a label's text box (its box less the outline) that lie outside its own sub-district. */
function textOutsideArea(label: PlacedLabel, zoom: number): string[] {
	const halfWidth = label.width / 2 - OUTLINE_PX;
	const halfHeight = label.height / 2 - OUTLINE_PX;
	const outside: string[] = [];
	const along = (length: number): number[] => {
		const steps = Math.max(1, Math.ceil(length / SAMPLE_STEP_PX));
		return Array.from({ length: steps + 1 }, (_, i) => -length / 2 + (length * i) / steps);
	};
	const points: [number, number][] = [
		...along(2 * halfWidth).flatMap((dx): [number, number][] => [
			[dx, -halfHeight],
			[dx, halfHeight]
		]),
		...along(2 * halfHeight).flatMap((dy): [number, number][] => [
			[-halfWidth, dy],
			[halfWidth, dy]
		])
	];
	for (const [dx, dy] of points) {
		if (!booleanPointInPolygon(offAnchor(label, zoom, dx, dy), shapeOf(label.code))) outside.push(`(${dx.toFixed(0)}, ${dy.toFixed(0)})`);
	}
	return outside;
}

/** The names as the map placed them: every sub-district's, each drawn one whole on its own area and inside the map's frame. */
async function placedOnTheirAreas(map: Locator): Promise<PlacedLabel[]> {
	const labels = JSON.parse((await map.getAttribute('data-labels'))!) as PlacedLabel[];
	const zoom = Number(await map.getAttribute('data-zoom'));
	expect(zoom, 'the map reports its zoom').toBeGreaterThan(0);
	expect(labels).toHaveLength(subdistricts.features.length);
	for (const label of labels.filter((placed) => !placed.hidden)) {
		expect(booleanPointInPolygon([label.lon, label.lat], shapeOf(label.code)), `${label.text} on its own area`).toBe(true);
		expect(textOutsideArea(label, zoom), `${label.text}: points of its box outside its area`).toEqual([]);
		expect(label.x - label.width / 2, `${label.text} starts inside the map`).toBeGreaterThanOrEqual(0);
		expect(label.x + label.width / 2, `${label.text} ends inside the map`).toBeLessThanOrEqual(label.frameWidth);
		expect(label.y - label.height / 2, `${label.text} top inside the map`).toBeGreaterThanOrEqual(0);
		expect(label.y + label.height / 2, `${label.text} bottom inside the map`).toBeLessThanOrEqual(label.frameHeight);
	}
	return labels;
}

for (const [language, width, height] of [
	['zh-CN', 1440, 900],
	['zh-CN', 1024, 768],
	['en', 1024, 768],
	['zh-CN', 390, 844],
	['en', 390, 844]
] as const) {
	test(`sub-district names at ${width} px (${language}): each on its own area and whole inside the map`, async ({ page }) => {
		await page.setViewportSize({ width, height });
		await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
		await openApp(page);
		const map = page.getByTestId('map');
		await expect(map).not.toHaveAttribute('data-labels', '');
		const labels = await placedOnTheirAreas(map);
		// At 1440 px most names fit their areas, and at 1024 px in Chinese (a 街道 name on two lines: 4 of 14 fitted on
		// one). On the smaller maps most areas are narrower than their names at the smallest size and those names are left
		// out (a limitation, reported): some are still drawn.
		const most = width >= 1440 || (language === 'zh-CN' && width >= 1024);
		expect(labels.filter((label) => !label.hidden).length, 'names drawn').toBeGreaterThanOrEqual(most ? labels.length / 2 : 2);
		await page.getByTestId('legend-toggle').click();
		await page.screenshot({ path: `test-results/labels-inside-${width}-${language}.png` });
	});
}

/** Whether two centred boxes share any area (computed here, not with the app's labels.ts). */
const touch = (a: PlacedLabel, b: PlacedLabel) => Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

for (const language of ['en', 'zh-CN'] as const) {
	test(`sub-district names on the narrow map beside the standards table at 1024 px (${language}): on their areas, inside the map, none over another`, async ({ page }) => {
		await page.setViewportSize({ width: 1024, height: 768 });
		await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
		await openApp(page);
		const map = page.getByTestId('map');
		await expect(map).not.toHaveAttribute('data-labels', '');
		const before = await map.getAttribute('data-labels');
		await page.getByTestId('tab-standards').click();
		await expect(map).not.toHaveAttribute('data-labels', before!);
		const labels = await placedOnTheirAreas(map);
		// Names that would lie over another even at the smallest size are left out (marked hidden), never drawn over one another.
		const drawn = labels.filter((label) => !label.hidden);
		// Most areas on this narrow map are narrower than their names at the smallest size: those are left out (reported), some are drawn.
		expect(drawn.length, 'names drawn').toBeGreaterThanOrEqual(2);
		for (const label of drawn) for (const other of drawn) if (other !== label) expect(touch(label, other), `${label.text} over ${other.text}`).toBe(false);
		await page.screenshot({ path: `test-results/labels-standards-1024-${language}.png` });
	});
}
