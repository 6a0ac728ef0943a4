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
