import type { FacilityType } from './types';

export const TRAVEL_MODES = ['walk', 'elderly', 'cycle'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

/** Default speeds (domain brief): walking 4.5 km/h, an elderly pace of 3.6 km/h, cycling 12 km/h. */
export const MODE_SPEEDS_KMH: Readonly<Record<TravelMode, number>> = { walk: 4.5, elderly: 3.6, cycle: 12 };

export interface CoverageParams {
	mode: TravelMode;
	/** Overrides the mode's speed when set. */
	speedKmh: number | null;
	/** A cell is covered when its minutes ≤ this (inclusive). */
	thresholdMinutes: number;
	/** Facility types that count toward coverage. */
	facilityTypes: FacilityType[];
	/** A point farther than this from every edge is unreachable by the network (metres, inclusive). */
	maxSnapM: number;
	/** Straight-line fallback (no network): distance × detourFactor ÷ speed. */
	detourFactor: number;
	/**
	 * The network search stops past max(thresholdMinutes, searchLimitMinutes); farther cells get
	 * minutes = +Infinity ("more than the limit", the last time band). Infinity gives exact minutes
	 * for every reachable cell at the cost of searching the whole graph.
	 */
	searchLimitMinutes: number;
}

export const DEFAULT_COVERAGE_PARAMS: Readonly<CoverageParams> = Object.freeze({
	mode: 'walk',
	speedKmh: null,
	thresholdMinutes: 15,
	facilityTypes: ['centre', 'branch', 'station'] as FacilityType[],
	maxSnapM: 300,
	detourFactor: 1.3,
	searchLimitMinutes: 30
});

/** Travel speed along the network in metres per minute. */
export function metresPerMinute(params: Pick<CoverageParams, 'mode' | 'speedKmh'>): number {
	return ((params.speedKmh ?? MODE_SPEEDS_KMH[params.mode]) * 1000) / 60;
}

/**
 * Cost of one metre of snap connector in network metres. The connector (cell or facility to the
 * street) is walked even when cycling, so in cycle mode it costs speed ÷ walking speed network metres.
 */
export function connectorWeight(params: Pick<CoverageParams, 'mode' | 'speedKmh'>): number {
	if (params.mode !== 'cycle') return 1;
	return (params.speedKmh ?? MODE_SPEEDS_KMH.cycle) / MODE_SPEEDS_KMH.walk;
}

/** Rejects parameters the engine cannot honour; returns a message naming the bad one. */
export function validateCoverageParams(params: CoverageParams): string | null {
	if (!(metresPerMinute(params) > 0) || !Number.isFinite(metresPerMinute(params))) return `speed must be a positive number (got ${params.speedKmh})`;
	if (!(params.thresholdMinutes >= 0) || !Number.isFinite(params.thresholdMinutes)) return `threshold must be a non-negative number of minutes (got ${params.thresholdMinutes})`;
	if (!(params.maxSnapM >= 0)) return `maximum snap distance must be a non-negative number of metres (got ${params.maxSnapM})`;
	if (!(params.detourFactor >= 1)) return `detour factor must be at least 1 (got ${params.detourFactor})`;
	if (!(params.searchLimitMinutes >= 0)) return `search limit must be a non-negative number of minutes (got ${params.searchLimitMinutes})`;
	return null;
}

/**
 * What the settings panel accepts for a typed setting: the threshold in minutes (fractions allowed: 7.5 min is
 * a plausible walking standard) and a speed override in km/h. One place for the field's min/max and its check.
 */
export const SETTING_RANGES = {
	thresholdMinutes: { min: 1, max: 60 },
	speedKmh: { min: 0.5, max: 40 }
} as const satisfies Record<string, { min: number; max: number }>;

export type TypedSetting = keyof typeof SETTING_RANGES;

export type SettingReading = { ok: true; value: number } | { ok: false; reason: 'notANumber' | 'outOfRange' };

/** A typed setting's text as a value in its range, or why it is refused (the caller keeps the last valid value). */
export function readSetting(setting: TypedSetting, raw: string): SettingReading {
	const text = raw.trim();
	const value = text === '' ? Number.NaN : Number(text);
	if (!Number.isFinite(value)) return { ok: false, reason: 'notANumber' };
	const { min, max } = SETTING_RANGES[setting];
	return value >= min && value <= max ? { ok: true, value } : { ok: false, reason: 'outOfRange' };
}
