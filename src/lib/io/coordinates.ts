import { positionProblem } from '$lib/engine/plausibility';
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
	// The range rule is the engine's (engine/plausibility.ts), shared with scenario files and edits.
	const problem = positionProblem(lon.value, lat.value);
	if (problem === null) return { ok: true, value: [lon.value, lat.value] };
	if (problem.code === 'swapped-lon-lat') return { ok: false, field: 'lat', ...explain('swapped-lon-lat', { lon: String(lon.value), lat: String(lat.value) }) };
	if (problem.code === 'lon-out-of-range') return { ok: false, field: 'lon', ...explain('lon-out-of-range', { value: String(lon.value) }) };
	return { ok: false, field: 'lat', ...explain('lat-out-of-range', { value: String(lat.value) }) };
}
