import { CREEK, CREEK_HALF_WIDTH_M, PARKS, RAILWAYS, RAIL_HALF_WIDTH_M, RAIL_YARD } from './barriers';
import { distanceToPolyline, insideRing, toLocal, type Point } from './geometry';

/** The population lattice: 100 m cells, centroids on a fixed grid of degrees (see the README's data formats). */
export const CELL_SIZE_M = 100;
export const CELL_DLAT = CELL_SIZE_M / 111_320;
export const CELL_DLON = CELL_SIZE_M / (111_320 * Math.cos((31.26 * Math.PI) / 180));
const LATTICE_LON0 = 121.4;
const LATTICE_LAT0 = 31.2;

export interface PopulationCell {
	lon: number;
	lat: number;
	unit: number;
	pop: number;
}

/**
 * Residents per cell: unit totals proportional to residents' committees (largest remainder, so the sum
 * is exact), spread inside each unit by a density surface — dense lane-housing clusters, ordinary blocks,
 * offices with few residents — and nobody in parks, the creek, the railway corridor or the rail yard.
 */
export function generatePopulation(
	unitRings: [number, number][][],
	committees: number[],
	total: number,
	random: () => number
): PopulationCell[] {
	const candidates = latticeCells(unitRings);
	const clusters = Array.from({ length: 70 }, () => ({ at: randomPointIn(unitRings, random), sigma: 150 + random() * 200, amplitude: 1 + random() * 2.5 }));
	const weights = candidates.map((cell) => {
		const p = toLocal(cell.lon, cell.lat);
		if (uninhabited(p)) return 0;
		const texture = random() < 0.08 ? 0.08 : 0.5 + random();
		const clustered = clusters.reduce((sum, c) => sum + c.amplitude * Math.exp(-((p[0] - c.at[0]) ** 2 + (p[1] - c.at[1]) ** 2) / (2 * c.sigma ** 2)), 0);
		return texture * (0.6 + clustered);
	});
	const unitTotals = largestRemainder(committees, total);
	unitTotals.forEach((unitTotal, unit) => {
		const members = candidates.map((cell, index) => (cell.unit === unit ? index : -1)).filter((index) => index >= 0);
		const shares = largestRemainder(members.map((index) => weights[index]), unitTotal);
		members.forEach((index, k) => (candidates[index].pop = shares[k]));
	});
	return candidates.filter((cell) => cell.pop > 0);
}

function uninhabited(p: Point): boolean {
	return (
		distanceToPolyline(p, CREEK) < CREEK_HALF_WIDTH_M ||
		RAILWAYS.some((line) => distanceToPolyline(p, line) < RAIL_HALF_WIDTH_M) ||
		insideRing(p, RAIL_YARD) ||
		PARKS.some((park) => insideRing(p, park.ring))
	);
}

/** Lattice centroids that fall inside exactly one unit polygon (tested on the written lon/lat rings). */
function latticeCells(unitRings: [number, number][][]): PopulationCell[] {
	const all = unitRings.flat();
	const [minLon, maxLon] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
	const [minLat, maxLat] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
	const cells: PopulationCell[] = [];
	for (let j = Math.floor((minLat - LATTICE_LAT0) / CELL_DLAT); LATTICE_LAT0 + (j + 0.5) * CELL_DLAT <= maxLat; j++) {
		for (let i = Math.floor((minLon - LATTICE_LON0) / CELL_DLON); LATTICE_LON0 + (i + 0.5) * CELL_DLON <= maxLon; i++) {
			const lon = Number((LATTICE_LON0 + (i + 0.5) * CELL_DLON).toFixed(6));
			const lat = Number((LATTICE_LAT0 + (j + 0.5) * CELL_DLAT).toFixed(6));
			const units = unitRings.map((ring, unit) => (insideRing([lon, lat], ring) ? unit : -1)).filter((unit) => unit >= 0);
			if (units.length === 1) cells.push({ lon, lat, unit: units[0], pop: 0 });
		}
	}
	return cells;
}

function randomPointIn(unitRings: [number, number][][], random: () => number): Point {
	const ring = unitRings[Math.floor(random() * unitRings.length)];
	const xs = ring.map((p) => p[0]);
	const ys = ring.map((p) => p[1]);
	for (;;) {
		const lon = Math.min(...xs) + random() * (Math.max(...xs) - Math.min(...xs));
		const lat = Math.min(...ys) + random() * (Math.max(...ys) - Math.min(...ys));
		if (insideRing([lon, lat], ring)) return toLocal(lon, lat);
	}
}

/** Integers proportional to `weights` that add up to exactly `total` (Hamilton's method). */
export function largestRemainder(weights: number[], total: number): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	if (sum <= 0) return weights.map(() => 0);
	const exact = weights.map((w) => (w / sum) * total);
	const floors = exact.map(Math.floor);
	let left = total - floors.reduce((a, b) => a + b, 0);
	const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
	for (const { index } of order) {
		if (left <= 0) break;
		if (weights[index] <= 0) continue;
		floors[index]++;
		left--;
	}
	return floors;
}
