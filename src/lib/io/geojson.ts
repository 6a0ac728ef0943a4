import { isLatitude, isLongitude } from '$lib/engine/plausibility';
import { FileFormatError } from './load-result';

export interface GeoJsonFeature {
	type: 'Feature';
	geometry: { type: string; coordinates: unknown } | null;
	properties: Record<string, unknown> | null;
}

/** Parses text as a GeoJSON FeatureCollection (a lone Feature is accepted as a collection of one). */
export function readFeatureCollection(text: string, fileLabel: string): GeoJsonFeature[] {
	let json: unknown;
	try {
		json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch (error) {
		throw new FileFormatError(`${fileLabel}: not valid JSON (${(error as Error).message})`);
	}
	if (isRecord(json) && json.type === 'Feature') return [json as unknown as GeoJsonFeature];
	if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
		throw new FileFormatError(`${fileLabel}: not a GeoJSON FeatureCollection`);
	}
	return json.features as GeoJsonFeature[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when value is an array of [lon, lat] pairs of finite, in-range numbers. */
export function isPositionList(value: unknown, minLength: number): value is [number, number][] {
	return (
		Array.isArray(value) &&
		value.length >= minLength &&
		value.every(
			(position) =>
				Array.isArray(position) && position.length >= 2 && isLongitude(position[0]) && isLatitude(position[1])
		)
	);
}
