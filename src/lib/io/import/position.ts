import { readLonLat } from '../coordinates';
import { readNumber, type FieldResult } from '../fields';
import { centralMeridian, crsLabel, isGeographic, makeToWgs84, type CrsId, type ToWgs84 } from './crs';

export type PositionResult = FieldResult<[number, number]> & { field?: string };

const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;

/**
 * readNumber with a fast path for plain decimals, which is what nearly every cell of a large population file
 * holds: same result (Number of the same text), without readNumber's normalising regexes. Matters at 25 million cells.
 */
export function quickNumber(raw: unknown): unknown {
	return typeof raw === 'string' && PLAIN_NUMBER.test(raw) ? Number(raw) : raw;
}

/**
 * Reads one position written in the declared system and returns it in WGS84, or the reason it cannot be
 * used. Geographic input keeps the existing checks (range, swapped lon/lat); projected input is converted,
 * then checked to land near the zone, which catches a wrong zone and northing-before-easting files.
 */
export function makePositionReader(crs: CrsId): (rawX: unknown, rawY: unknown) => PositionResult {
	const toWgs84 = makeToWgs84(crs);
	if (isGeographic(crs)) {
		return (rawX, rawY) => {
			const position = readLonLat(quickNumber(rawX), quickNumber(rawY));
			if (!position.ok) return position;
			return checkConverted(toWgs84(position.value[0], position.value[1]));
		};
	}
	const meridian = centralMeridian(crs);
	const label = crsLabel(crs);
	const plausible = ([lon, lat]: [number, number]) =>
		Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 85 && (meridian === null ? Math.abs(lon) <= 180 : Math.abs(lon - meridian) <= 6);
	return (rawX, rawY) => {
		const x = readNumber(quickNumber(rawX));
		if (!x.ok) return { ok: false, reason: `x ${x.reason}`, field: 'lon' };
		const y = readNumber(quickNumber(rawY));
		if (!y.ok) return { ok: false, reason: `y ${y.reason}`, field: 'lat' };
		if (Math.abs(x.value) <= 180 && Math.abs(y.value) <= 90) {
			return { ok: false, reason: `(${x.value}, ${y.value}) looks like degrees, but the file was declared as ${label} (metres)`, field: 'lon' };
		}
		const converted = safeConvert(toWgs84, x.value, y.value);
		if (converted && plausible(converted)) return { ok: true, value: converted };
		const swapped = safeConvert(toWgs84, y.value, x.value);
		if (swapped && plausible(swapped)) return { ok: false, reason: `x and y look swapped (northing written before easting) for ${label}`, field: 'lon' };
		return { ok: false, reason: `(${x.value}, ${y.value}) is outside the area of ${label}`, field: 'lon' };
	};
}

function safeConvert(toWgs84: ToWgs84, x: number, y: number): [number, number] | null {
	try {
		return toWgs84(x, y);
	} catch {
		return null;
	}
}

function checkConverted([lon, lat]: [number, number]): PositionResult {
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { ok: false, reason: 'coordinates could not be converted', field: 'lon' };
	return { ok: true, value: [lon, lat] };
}
