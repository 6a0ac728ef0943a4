import Flatbush from 'flatbush';
import { METRES_PER_DEGREE_LAT, haversineMetres, metresPerDegreeLon } from './geo';

export interface StraightLineNearest {
	/** Great-circle metres to the nearest facility (Infinity when there is none). */
	distance: Float64Array;
	facility: Int32Array;
}

/**
 * Nearest facility by great-circle distance, for the no-network fallback. A first guess from the
 * index's nearest neighbour in raw degrees bounds the answer; every facility in a box of that
 * radius is then measured exactly, so the result is the true nearest whatever the latitude.
 */
export function nearestByStraightLine(lon: Float64Array, lat: Float64Array, facilityLon: Float64Array, facilityLat: Float64Array): StraightLineNearest {
	const result: StraightLineNearest = { distance: new Float64Array(lon.length).fill(Infinity), facility: new Int32Array(lon.length).fill(-1) };
	if (facilityLon.length === 0) return result;
	const tree = new Flatbush(facilityLon.length);
	for (let facility = 0; facility < facilityLon.length; facility++) tree.add(facilityLon[facility], facilityLat[facility]);
	tree.finish();
	for (let point = 0; point < lon.length; point++) {
		const [guess] = tree.neighbors(lon[point], lat[point], 1);
		const radius = haversineMetres(lon[point], lat[point], facilityLon[guess], facilityLat[guess]) * 1.01 + 1;
		const halfHeight = radius / METRES_PER_DEGREE_LAT;
		// Use the narrowest cosine in the box so the box is wide enough at its poleward edge.
		const poleward = Math.min(89.9, Math.abs(lat[point]) + halfHeight);
		const halfWidth = Math.min(180, radius / metresPerDegreeLon(poleward));
		let bestDistance = Infinity;
		let bestFacility = -1;
		for (const facility of tree.search(lon[point] - halfWidth, lat[point] - halfHeight, lon[point] + halfWidth, lat[point] + halfHeight)) {
			const distance = haversineMetres(lon[point], lat[point], facilityLon[facility], facilityLat[facility]);
			if (distance < bestDistance || (distance === bestDistance && facility < bestFacility)) {
				bestDistance = distance;
				bestFacility = facility;
			}
		}
		result.distance[point] = bestDistance;
		result.facility[point] = bestFacility;
	}
	return result;
}
