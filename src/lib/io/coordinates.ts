import { numberProblem, readNumber } from './fields';
import { explain, type Explained } from './problem-codes';

/** A position, or why it cannot be used, with the column to blame. */
export type PositionResult = { ok: true; value: [number, number] } | ({ ok: false; field: string } & Explained);

/**
 * Checks one longitude/latitude pair. Swapped pairs are named as such, because in China a swapped pair
 * (lat ≈ 31, lon ≈ 121) is the most common copy-paste mistake and deserves its own reason.
 */
export function readLonLat(rawLon: unknown, rawLat: unknown): PositionResult {
	const lon = readNumber(rawLon);
	if (!lon.ok) return { ok: false, field: 'lon', ...numberProblem('lon', lon) };
	const lat = readNumber(rawLat);
	if (!lat.ok) return { ok: false, field: 'lat', ...numberProblem('lat', lat) };
	if (Math.abs(lat.value) > 90 && Math.abs(lon.value) <= 90) {
		return { ok: false, field: 'lat', ...explain('swapped-lon-lat', { lon: String(lon.value), lat: String(lat.value) }) };
	}
	if (lon.value < -180 || lon.value > 180) return { ok: false, field: 'lon', ...explain('lon-out-of-range', { value: String(lon.value) }) };
	if (lat.value < -90 || lat.value > 90) return { ok: false, field: 'lat', ...explain('lat-out-of-range', { value: String(lat.value) }) };
	return { ok: true, value: [lon.value, lat.value] };
}
