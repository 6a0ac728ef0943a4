import type { FieldResult } from './fields';
import { readNumber } from './fields';

/**
 * Checks one longitude/latitude pair. Swapped pairs are named as such, because in China a swapped pair
 * (lat ≈ 31, lon ≈ 121) is the most common copy-paste mistake and deserves its own reason.
 */
export function readLonLat(rawLon: unknown, rawLat: unknown): FieldResult<[number, number]> & { field?: string } {
	const lon = readNumber(rawLon);
	if (!lon.ok) return { ok: false, reason: `longitude ${lon.reason}`, field: 'lon' };
	const lat = readNumber(rawLat);
	if (!lat.ok) return { ok: false, reason: `latitude ${lat.reason}`, field: 'lat' };
	if (Math.abs(lat.value) > 90 && Math.abs(lon.value) <= 90) {
		return { ok: false, reason: `longitude and latitude look swapped (${lon.value}, ${lat.value})`, field: 'lat' };
	}
	if (lon.value < -180 || lon.value > 180) return { ok: false, reason: `longitude out of range: ${lon.value}`, field: 'lon' };
	if (lat.value < -90 || lat.value > 90) return { ok: false, reason: `latitude out of range: ${lat.value}`, field: 'lat' };
	return { ok: true, value: [lon.value, lat.value] };
}
