import { cellToBoundary, latLngToCell } from 'h3-js';
import type { CellShape, PopulationCells, Position } from '$lib/engine/types';

const METRES_PER_DEGREE_LAT = 111_320;

/** The outline of population cell `index`: a square of the grid's side, or the H3 cell holding the centroid. */
export function cellPolygon(cells: PopulationCells, index: number, shape: CellShape): Position[] {
	const lon = cells.lon[index];
	const lat = cells.lat[index];
	if (shape.kind === 'h3') {
		return cellToBoundary(latLngToCell(lat, lon, shape.resolution), true) as Position[];
	}
	const halfLat = shape.sizeM / 2 / METRES_PER_DEGREE_LAT;
	const halfLon = shape.sizeM / 2 / (METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180));
	return [
		[lon - halfLon, lat - halfLat],
		[lon + halfLon, lat - halfLat],
		[lon + halfLon, lat + halfLat],
		[lon - halfLon, lat + halfLat],
		[lon - halfLon, lat - halfLat]
	];
}

/** Cell area in km², for densities. */
export function cellAreaKm2(shape: CellShape): number {
	if (shape.kind === 'grid') return (shape.sizeM * shape.sizeM) / 1e6;
	// Average H3 cell areas (km²) by resolution 6–10; other resolutions are not offered.
	const averages: Record<number, number> = { 6: 36.13, 7: 5.161, 8: 0.7373, 9: 0.1053, 10: 0.01505 };
	return averages[shape.resolution] ?? 0.1053;
}
