import Flatbush from 'flatbush';
import type { Position, Subdistrict } from './types';

/**
 * Assigns each point to the sub-district whose polygon contains it: flatbush over polygon
 * bounding boxes, then an even-odd ring test (holes excluded). Points in no polygon get -1;
 * where polygons overlap, the lowest sub-district index wins.
 */
export function assignPointsToPolygons(lon: Float64Array, lat: Float64Array, subdistricts: Subdistrict[]): Int32Array {
	const result = new Int32Array(lon.length).fill(-1);
	const polygons: { subdistrict: number; rings: Position[][] }[] = [];
	subdistricts.forEach((area, subdistrict) => {
		for (const rings of area.polygons) if (rings.length > 0 && rings[0].length >= 3) polygons.push({ subdistrict, rings });
	});
	if (polygons.length === 0) return result;
	const tree = new Flatbush(polygons.length);
	for (const { rings } of polygons) {
		let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
		for (const [x, y] of rings[0]) {
			minX = Math.min(minX, x);
			minY = Math.min(minY, y);
			maxX = Math.max(maxX, x);
			maxY = Math.max(maxY, y);
		}
		tree.add(minX, minY, maxX, maxY);
	}
	tree.finish();
	for (let point = 0; point < lon.length; point++) {
		let best = -1;
		for (const candidate of tree.search(lon[point], lat[point], lon[point], lat[point])) {
			const { subdistrict, rings } = polygons[candidate];
			if ((best < 0 || subdistrict < best) && insideRings(lon[point], lat[point], rings)) best = subdistrict;
		}
		result[point] = best;
	}
	return result;
}

/**
 * Sub-district code of one position ('' in none), for facilities a scenario adds or moves: a handful of
 * points at a time, so no index is kept between calls.
 */
export function subdistrictAssigner(subdistricts: readonly Subdistrict[]): (lon: number, lat: number) => string {
	const list = [...subdistricts];
	return (lon, lat) => {
		const [index] = assignPointsToPolygons(Float64Array.of(lon), Float64Array.of(lat), list);
		return index >= 0 ? list[index].code : '';
	};
}

/** Even-odd rule over all rings, so a point in a hole is outside. */
export function insideRings(x: number, y: number, rings: Position[][]): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}
