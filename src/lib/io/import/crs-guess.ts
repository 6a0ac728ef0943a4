import type { CrsId } from './crs';
import { PROJECTED_DEFINITIONS } from './crs';

/** Why the importer proposes a coordinate system (i18n: import.crsReason.<reason>). */
export type CrsGuessReason =
	| 'declared'
	| 'geographic'
	| 'web-mercator'
	| 'zone-prefixed-gauss-kruger'
	| 'projected-unknown-zone'
	| 'no-coordinates'
	| 'unrecognised';

export interface CrsGuess {
	crs: CrsId;
	/** False whenever the values alone cannot settle it (WGS84 vs GCJ-02 vs BD-09 always look alike). */
	confident: boolean;
	reason: CrsGuessReason;
	/** True when most positions have their two coordinates in the wrong order (lat before lon, northing before easting). */
	swapped: boolean;
}

/** Mainland China's extent, generously: used to tell degrees from metres and lon from lat. */
const CHINA = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 };

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Proposes a system from the magnitude of sample coordinates (medians, so a few bad rows do not matter):
 * degrees inside China → geographic (WGS84 until something shows otherwise); x ≈ 1.2–1.55e7 m with
 * y ≈ 0.3–7e6 → Web Mercator; x ≈ 25–45 million → a zone-prefixed 3° Gauss-Krüger easting (zone = millions);
 * 13–23 million → a 6° zone; x ≈ 0.1–0.9e6 with y ≈ 2–6e6 → a Gauss-Krüger or UTM easting without zone,
 * for which the Shanghai zone (CGCS2000 3° CM 120°E, EPSG:4549) is proposed, unconfidently.
 */
export function guessCrs(positions: readonly [number, number][]): CrsGuess {
	const finite = positions.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
	if (finite.length === 0) return { crs: 'wgs84', confident: false, reason: 'no-coordinates', swapped: false };
	const x = median(finite.map(([value]) => value));
	const y = median(finite.map(([, value]) => value));
	const inChina = (lon: number, lat: number) => lon >= CHINA.minLon && lon <= CHINA.maxLon && lat >= CHINA.minLat && lat <= CHINA.maxLat;
	if (inChina(x, y)) return { crs: 'wgs84', confident: false, reason: 'geographic', swapped: false };
	if (inChina(y, x)) return { crs: 'wgs84', confident: false, reason: 'geographic', swapped: true };
	if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return { crs: 'wgs84', confident: false, reason: 'geographic', swapped: false };

	const projected = guessProjected(x, y);
	if (projected) return { ...projected, swapped: false };
	const swappedGuess = guessProjected(y, x);
	if (swappedGuess) return { ...swappedGuess, swapped: true };
	return { crs: 'wgs84', confident: false, reason: 'unrecognised', swapped: false };
}

function guessProjected(easting: number, northing: number): Omit<CrsGuess, 'swapped'> | null {
	const isNorthing = northing >= 3e5 && northing <= 7.2e6;
	if (!isNorthing) return null;
	if (easting >= 8.1e6 && easting <= 1.52e7) return { crs: 'epsg:3857', confident: true, reason: 'web-mercator' };
	const zone = Math.floor(easting / 1e6);
	if (zone >= 25 && zone <= 45) {
		const code = 4513 + zone - 25;
		if (PROJECTED_DEFINITIONS.has(code)) return { crs: `epsg:${code}`, confident: true, reason: 'zone-prefixed-gauss-kruger' };
	}
	if (zone >= 13 && zone <= 23) {
		const code = 4491 + zone - 13;
		if (PROJECTED_DEFINITIONS.has(code)) return { crs: `epsg:${code}`, confident: true, reason: 'zone-prefixed-gauss-kruger' };
	}
	if (easting >= 1e5 && easting <= 9e5 && northing >= 2e6 && northing <= 6e6) {
		return { crs: 'epsg:4549', confident: false, reason: 'projected-unknown-zone' };
	}
	return null;
}

/**
 * Whether the planner must choose the coordinate system before importing: the values alone cannot tell
 * WGS84 from GCJ-02 from BD-09 (about 500 m apart in Shanghai), nor a Gauss-Krüger easting's zone.
 * A file's own declaration and a sure guess (Web Mercator, a zone-prefixed easting) need no choice.
 */
export function crsChoiceNeeded(guess: CrsGuess | null): boolean {
	return guess !== null && !guess.confident && (guess.reason === 'geographic' || guess.reason === 'projected-unknown-zone');
}
