import { booleanPointInPolygon, centerOfMass, multiPolygon, pointOnFeature } from '@turf/turf';
import type { Position, Subdistrict } from '$lib/engine/types';

/** A label point inside each sub-district: its centre of mass when that lies inside, else a point on the surface. */
export function subdistrictLabelPoints(subdistricts: Subdistrict[]): Map<string, Position> {
	const points = new Map<string, Position>();
	for (const subdistrict of subdistricts) {
		const shape = multiPolygon(subdistrict.polygons);
		const centre = centerOfMass(shape);
		const inside = booleanPointInPolygon(centre, shape) ? centre : pointOnFeature(shape);
		points.set(subdistrict.code, inside.geometry.coordinates as Position);
	}
	return points;
}

/** The bounding box [west, south, east, north] of all sub-districts, for fitting the map. */
export function boundsOf(subdistricts: Subdistrict[]): [number, number, number, number] {
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	for (const subdistrict of subdistricts) {
		for (const polygon of subdistrict.polygons) {
			for (const [lon, lat] of polygon[0]) {
				west = Math.min(west, lon);
				east = Math.max(east, lon);
				south = Math.min(south, lat);
				north = Math.max(north, lat);
			}
		}
	}
	return [west, south, east, north];
}

/** A label's box on screen: its anchor (the box's centre, in pixels) and its size. */
export interface LabelBox {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * Pixel offsets that keep sub-district names from running into each other (江宁路街道 and 天目西路街道
 * overlapped at 1440 px and on the printed map). Greedy, in the given order: a name stays on its point if
 * it is free there, else moves to the nearest free place, trying up and down first (the names are wider
 * than tall), then sideways. No name is hidden: a planner reads every sub-district.
 */
export function separateLabels(boxes: readonly LabelBox[], gap = 4): [number, number][] {
	const placed: LabelBox[] = [];
	return boxes.map((box) => {
		const step = box.height / 2 + gap;
		const candidates: [number, number][] = [[0, 0]];
		for (let k = 1; k <= 8; k++) candidates.push([0, k * step], [0, -k * step], [k * step * 2, 0], [-k * step * 2, 0]);
		const free = candidates.find(([dx, dy]) => placed.every((other) => !overlaps({ ...box, x: box.x + dx, y: box.y + dy }, other, gap)));
		const [dx, dy] = free ?? [0, 0];
		placed.push({ ...box, x: box.x + dx, y: box.y + dy });
		return [dx, dy];
	});
}

/** Whether two centred boxes come closer than `gap` pixels. */
export function overlaps(a: LabelBox, b: LabelBox, gap = 0): boolean {
	return Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * gap && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * gap;
}
