import { describe, expect, it } from 'vitest';
import { e2sfcaByArea } from '$lib/engine/e2sfca-areas';
import { DEFAULT_COVERAGE_PARAMS, type CoverageParams } from '$lib/engine/params';
import type { Facility } from '$lib/engine/types';
import { facility, offset } from './fixtures';

/**
 * Hand-computed: centre A (beds unknown, 1,000 m²) and centre B (20 beds, area unknown) 5 km apart, so no
 * resident reaches both within 15 walking minutes. Residents: 100 at A, 200 at B, 400 far from both.
 * Beds are a lower bound for the 100 near A, area for the 200 near B: 300 residents have an incomplete
 * figure (the union); the larger of the two counts would say 200.
 */
describe('E2SFCA residents with incomplete figures', () => {
	const a: Facility = { ...facility('A', offset(0, 0)), areaM2: 1000, beds: null };
	const b: Facility = { ...facility('B', offset(5000, 0)), areaM2: null, beds: 20 };
	const points = [offset(0, 0), offset(5000, 0), offset(0, 6000)];
	const cells = { lon: Float64Array.from(points, (p) => p[0]), lat: Float64Array.from(points, (p) => p[1]), pop: Float64Array.from([100, 200, 400]) };
	const params: CoverageParams = { ...DEFAULT_COVERAGE_PARAMS, mode: 'walk' };

	it('counts residents for whom either the beds or the area figure is a lower bound (union, not the larger count)', () => {
		const result = e2sfcaByArea({
			nearestCentre: { network: null, params },
			facilities: [a, b],
			cells,
			cellSubdistrict: Int32Array.from([0, 0, 0]),
			subdistrictCount: 1,
			capacityTypes: ['centre'],
			coverageParams: params
		});
		expect([...result.incompleteResidents]).toEqual([300]);
	});

	it('counts a resident near both unknowns once, per sub-district', () => {
		const c: Facility = { ...facility('C', offset(100, 0)), areaM2: null, beds: 5 };
		const result = e2sfcaByArea({
			nearestCentre: { network: null, params },
			facilities: [a, b, c],
			cells,
			cellSubdistrict: Int32Array.from([0, 1, 0]),
			subdistrictCount: 2,
			capacityTypes: ['centre'],
			coverageParams: params
		});
		// Sub-district 0: the 100 at A (beds unknown at A, area unknown at C) once; the 400 far away reach none. Sub-district 1: the 200 at B.
		expect([...result.incompleteResidents]).toEqual([100, 200]);
	});
});
