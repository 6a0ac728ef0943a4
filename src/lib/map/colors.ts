import type { FacilityType } from '$lib/engine/types';

export type RGBA = [number, number, number, number];

/** One colour per facility type, chosen to stay distinct for common colour-vision deficiencies. */
export const FACILITY_COLORS: Record<FacilityType, RGBA> = {
	centre: [200, 30, 60, 255],
	branch: [230, 120, 20, 255],
	station: [25, 110, 200, 255],
	village_clinic: [120, 70, 170, 255],
	hospital: [70, 70, 70, 255]
};

/** Residents per km²: class breaks and a sequential ramp (light to dark purple). */
export const DENSITY_BREAKS = [5_000, 10_000, 20_000, 35_000, 50_000] as const;
export const DENSITY_COLORS: RGBA[] = [
	[242, 240, 247, 170],
	[218, 218, 235, 180],
	[188, 189, 220, 190],
	[158, 154, 200, 200],
	[117, 107, 177, 210],
	[84, 39, 143, 220]
];

/**
 * The colour class of `value` among ascending `breaks` (0 below the first break). A value equal to a break
 * goes to the class above it ('lower': breaks are lower bounds, as in "at least 5") or stays in the class
 * below ('upper': breaks are upper bounds, as in "above 0 up to 5").
 */
export function classIndex(value: number, breaks: readonly number[], breaksAre: 'lower' | 'upper' = 'lower'): number {
	let index = 0;
	if (breaksAre === 'lower') while (index < breaks.length && value >= breaks[index]) index++;
	else while (index < breaks.length && value > breaks[index]) index++;
	return index;
}

export function densityColor(residentsPerKm2: number): RGBA {
	return DENSITY_COLORS[classIndex(residentsPerKm2, DENSITY_BREAKS)];
}

/** Travel minutes: bands matching the report's time bands; the 15-minute edge is where the ramp turns warm. */
export const MINUTE_BREAKS = [5, 10, 15, 20, 30] as const;
export const MINUTE_COLORS: RGBA[] = [
	[26, 152, 80, 200],
	[145, 207, 96, 200],
	[217, 239, 139, 200],
	[254, 224, 139, 210],
	[252, 141, 89, 215],
	[215, 48, 39, 225]
];
export const UNREACHABLE_COLOR: RGBA = [60, 60, 60, 200];

export function minutesColor(minutes: number): RGBA {
	if (Number.isNaN(minutes)) return UNREACHABLE_COLOR;
	return MINUTE_COLORS[classIndex(minutes, MINUTE_BREAKS)];
}

export const COVERED_COLOR: RGBA = [26, 152, 80, 170];
export const UNCOVERED_COLOR: RGBA = [215, 48, 39, 200];

/** Scenario against baseline: what changed stands out, what did not stays faint. */
export const CHANGE_COLORS = {
	newlyCovered: [0, 160, 70, 235] as RGBA,
	lostCoverage: [200, 0, 120, 235] as RGBA,
	stillCovered: [150, 200, 165, 110] as RGBA,
	stillUncovered: [200, 200, 200, 110] as RGBA
};

export function changeColor(coveredBefore: number, coveredAfter: number): RGBA {
	if (coveredAfter && !coveredBefore) return CHANGE_COLORS.newlyCovered;
	if (coveredBefore && !coveredAfter) return CHANGE_COLORS.lostCoverage;
	return coveredAfter ? CHANGE_COLORS.stillCovered : CHANGE_COLORS.stillUncovered;
}
