import { describe, expect, it } from 'vitest';
import { packLines } from '$lib/io/network-pack';
import type { NetworkLine, Subdistrict } from '$lib/engine/types';
import { streetFeatures } from '$lib/map/streets';

/** A 1 km-ish square sub-district at 121.45, 31.22. */
const AREA: Subdistrict[] = [
	{
		code: 'A',
		name: '甲',
		nameEn: 'A',
		population: null,
		polygons: [[[[121.45, 31.22], [121.46, 31.22], [121.46, 31.23], [121.45, 31.23], [121.45, 31.22]]]]
	}
];

const line = (highway: string, lon: number, points = 2): NetworkLine => ({
	highway,
	coords: Array.from({ length: points }, (_, k) => [lon, 31.22 + (0.01 * k) / (points - 1)] as [number, number])
});

describe('streetFeatures', () => {
	it('draws the streets near the sub-districts with their width by class, in order and point for point', () => {
		const tertiary = line('tertiary', 121.456, 3);
		const network = packLines([line('primary', 121.455), tertiary, line('footway', 121.457), line('residential', 121.8)]);
		const features = streetFeatures(network, AREA).features;
		// The street 30 km east is beyond the 1 km margin.
		expect(features.map((feature) => feature.properties.width)).toEqual([2.2, 1.4, 0.7]);
		expect(features[1].geometry.coordinates).toEqual(tertiary.coords);
	});

	it('keeps only the main streets of a very dense network, and none without a network', () => {
		const dense = [line('primary', 121.455), ...Array.from({ length: 600 }, (_, k) => line('footway', 121.45 + k * 1e-5, 100))];
		const features = streetFeatures(packLines(dense), AREA).features;
		expect(features).toHaveLength(1);
		expect(features[0].properties.width).toBe(2.2);
		expect(streetFeatures(null, AREA).features).toEqual([]);
	});

	it('returns the same collection for the same network and area, so a restyle does not rebuild it', () => {
		const network = packLines([line('primary', 121.455)]);
		expect(streetFeatures(network, AREA)).toBe(streetFeatures(network, AREA));
	});
});
