import { centroid, clipHalfPlane, convexHull, insideRing, signedArea, toLocal, type Point } from './geometry';

export interface Unit {
	code: string;
	name: string;
	name_en: string;
	lon: number;
	lat: number;
	committees: number;
	area_km2: number;
	area_known: boolean;
	centre_status: string;
	note: string;
}

/**
 * A plausible Jing'an outline: narrow in the south (old Jing'an), wider in the north (old Zhabei).
 * Convex, so every power-diagram cell is a convex polygon clipped from it. Scaled to the target area.
 */
const OUTLINE_LONLAT: Point[] = [
	[121.4315, 31.2138],
	[121.4505, 31.2163],
	[121.4612, 31.2285],
	[121.4705, 31.2392],
	[121.4712, 31.2605],
	[121.4672, 31.2925],
	[121.4632, 31.3192],
	[121.4462, 31.3212],
	[121.4342, 31.3182],
	[121.4292, 31.2985],
	[121.4292, 31.2685],
	[121.4297, 31.2432],
	[121.4292, 31.2222]
];

/** The outline, narrowed east–west about the seeds' middle meridian until its area is the target. */
export function districtOutline(targetKm2: number): Point[] {
	const hull = convexHull(OUTLINE_LONLAT.map(([lon, lat]) => toLocal(lon, lat)));
	const middleX = toLocal(121.4505, 31.26)[0];
	const scale = (targetKm2 * 1e6) / signedArea(hull);
	return hull.map(([x, y]) => [middleX + (x - middleX) * scale, y]);
}

/** Power-diagram cell i: the outline where |x−p_i|² − w_i ≤ |x−p_j|² − w_j for every j (a half-plane each). */
export function powerCell(outline: Point[], seeds: Point[], weights: number[], i: number): Point[] {
	let cell = outline;
	const [xi, yi] = seeds[i];
	for (let j = 0; j < seeds.length && cell.length > 0; j++) {
		if (j === i) continue;
		const [xj, yj] = seeds[j];
		// |x−pi|² − wi ≤ |x−pj|² − wj  ⇔  2(xj−xi)·x + 2(yj−yi)·y ≤ |pj|² − |pi|² + wi − wj
		const a = 2 * (xj - xi);
		const b = 2 * (yj - yi);
		const c = xj * xj + yj * yj - xi * xi - yi * yi + weights[i] - weights[j];
		cell = clipHalfPlane(cell, a, b, c);
	}
	return cell;
}

/**
 * Seeds and weights that make each cell's area close to its unit's target. The seeds start at the
 * gazetteer points and are pulled halfway toward their cells' centroids, which keeps cells compact
 * when a big unit (彭浦镇) sits next to another big one (大宁路). Returns the cells and final seeds.
 */
export function fitPowerDiagram(outline: Point[], anchors: Point[], targetsM2: number[]): { seeds: Point[]; cells: Point[][] } {
	const weights = anchors.map(() => 0);
	let seeds = anchors.map((anchor): Point => [anchor[0], anchor[1]]);
	let cells = seeds.map((_, i) => powerCell(outline, seeds, weights, i));
	for (let iteration = 0; iteration < 1500; iteration++) {
		const areas = cells.map((cell) => (cell.length >= 3 ? signedArea(cell) : 0));
		for (let i = 0; i < seeds.length; i++) weights[i] += 0.15 * (targetsM2[i] - areas[i]);
		seeds = anchors.map((anchor, i): Point => {
			if (cells[i].length < 3) return [anchor[0], anchor[1]];
			const middle = centroid(cells[i]);
			return [0.5 * anchor[0] + 0.5 * middle[0], 0.5 * anchor[1] + 0.5 * middle[1]];
		});
		cells = seeds.map((_, i) => powerCell(outline, seeds, weights, i));
	}
	return { seeds, cells };
}
