/**
 * The plausibility limits every reader and every edit applies (CSV, the import dialog, the CLI, scenario
 * files and scenario edits): a value outside them is a typing or unit mistake, or a hostile file, and a
 * row holding one is rejected with its reason. The limits are generous (well beyond any real facility or
 * cell in Shanghai) and documented in the README; they also keep every sum finite, so no figure can
 * overflow to Infinity however many rows a file has.
 */

export const PLAUSIBLE_LIMITS = {
	/** Residents of one population cell: a 1 km² cell at Shanghai's densest (≈ 100,000 per km²). */
	residentsPerCell: 100_000,
	/** A sub-district's census population: Shanghai's largest 街镇 has under 1 million. */
	subdistrictResidents: 5_000_000,
	/** A facility's building area in m²: China's largest hospitals have about 500,000 m². */
	areaM2: 1_000_000,
	/** A facility's beds: China's largest hospitals have about 10,000. */
	beds: 20_000
} as const;

export type PlausibleQuantity = keyof typeof PLAUSIBLE_LIMITS;

/** Why a quantity is refused, or null when it is usable. */
export type QuantityProblem = 'not-finite' | 'negative' | 'too-large';

export function quantityProblem(kind: PlausibleQuantity, value: number): QuantityProblem | null {
	if (!Number.isFinite(value)) return 'not-finite';
	if (value < 0) return 'negative';
	return value > PLAUSIBLE_LIMITS[kind] ? 'too-large' : null;
}

export function isPlausibleQuantity(kind: PlausibleQuantity, value: unknown): value is number {
	return typeof value === 'number' && quantityProblem(kind, value) === null;
}

/** Why a WGS84 position is refused (swapped pairs named as such: the commonest copy-paste mistake in China). */
export type PositionProblem = { field: 'lon' | 'lat'; code: 'not-finite' | 'swapped-lon-lat' | 'lon-out-of-range' | 'lat-out-of-range' };

export function positionProblem(lon: number, lat: number): PositionProblem | null {
	if (!Number.isFinite(lon)) return { field: 'lon', code: 'not-finite' };
	if (!Number.isFinite(lat)) return { field: 'lat', code: 'not-finite' };
	if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) return { field: 'lat', code: 'swapped-lon-lat' };
	if (lon < -180 || lon > 180) return { field: 'lon', code: 'lon-out-of-range' };
	if (lat < -90 || lat > 90) return { field: 'lat', code: 'lat-out-of-range' };
	return null;
}

export function isLongitude(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= -180 && value <= 180;
}

export function isLatitude(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= -90 && value <= 90;
}
