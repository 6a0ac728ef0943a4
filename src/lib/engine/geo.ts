/**
 * Distances on the sphere. Edge lengths use the haversine formula; snapping uses a local flat
 * approximation around the query point (exact enough over a few hundred metres, and much cheaper).
 */

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RADIANS = Math.PI / 180;

/** Metres along a meridian per degree of latitude on the sphere. */
export const METRES_PER_DEGREE_LAT = EARTH_RADIUS_M * RADIANS;

/** Great-circle distance in metres between two WGS84 lon/lat points. */
export function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
	return haversineWithCosines(lon1, lat1, cosLatitude(lat1), lon2, lat2, cosLatitude(lat2));
}

/** cos(latitude), the factor haversineWithCosines takes for each end. */
export function cosLatitude(lat: number): number {
	return Math.cos(lat * RADIANS);
}

/**
 * haversineMetres with each end's cos(latitude) given (cosLatitude): along a polyline every vertex's
 * cosine serves two segments, so the graph builder computes it once. The same floats as haversineMetres.
 */
export function haversineWithCosines(lon1: number, lat1: number, cosLat1: number, lon2: number, lat2: number, cosLat2: number): number {
	const sinHalfDLat = Math.sin(((lat2 - lat1) * RADIANS) / 2);
	const sinHalfDLon = Math.sin(((lon2 - lon1) * RADIANS) / 2);
	const a = sinHalfDLat * sinHalfDLat + cosLat1 * cosLat2 * sinHalfDLon * sinHalfDLon;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Metres per degree of longitude at a latitude (the local flat approximation's x scale). */
export function metresPerDegreeLon(lat: number): number {
	return METRES_PER_DEGREE_LAT * Math.cos(lat * RADIANS);
}
