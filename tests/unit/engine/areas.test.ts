import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_BANDS, bandIndex, summarizeAreas } from '$lib/engine/bands';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import type { Position, Subdistrict } from '$lib/engine/types';

describe('time bands', () => {
	it('are closed above, so band edges fall in the lower band', () => {
		const cases: [number, string][] = [
			[0, '0–5'],
			[5, '0–5'],
			[5.0001, '5–10'],
			[10, '5–10'],
			[15, '10–15'],
			[15.0001, '15–20'],
			[20, '15–20'],
			[30, '20–30'],
			[30.5, '>30'],
			[Infinity, '>30']
		];
		for (const [minutes, label] of cases) expect(TIME_BANDS[bandIndex(minutes)].label).toBe(label);
		expect(bandIndex(Number.NaN)).toBe(-1);
	});

	it('sums residents per sub-district, outside and in total (hand-computed)', () => {
		const subdistricts: Subdistrict[] = ['A', 'B'].map((code) => ({ code, name: `name ${code}`, nameEn: code, population: null, polygons: [] }));
		const cells = {
			pop: Float64Array.of(10, 20, 30, 40, 50, 60),
			minutes: Float32Array.of(5, 15, 15.5, Number.NaN, 40, 2),
			covered: Uint8Array.of(1, 1, 0, 0, 0, 1),
			unreachable: Uint8Array.of(0, 0, 0, 1, 0, 0),
			cellSubdistrict: Int32Array.of(0, 0, 1, 1, -1, 1)
		};
		const { bySubdistrict, outside, total } = summarizeAreas(cells, subdistricts);
		expect(bySubdistrict[0]).toEqual({ code: 'A', name: 'name A', cells: 2, residents: 30, coveredResidents: 30, coveragePct: 100, unreachableResidents: 0, bandResidents: [10, 0, 20, 0, 0, 0] });
		expect(bySubdistrict[1]).toMatchObject({ residents: 130, coveredResidents: 60, unreachableResidents: 40, bandResidents: [60, 0, 0, 30, 0, 0] });
		expect(bySubdistrict[1].coveragePct).toBeCloseTo((60 / 130) * 100, 12);
		expect(outside).toMatchObject({ cells: 1, residents: 50, coveredResidents: 0, coveragePct: 0, bandResidents: [0, 0, 0, 0, 0, 50] });
		expect(total).toMatchObject({ cells: 6, residents: 210, coveredResidents: 90, unreachableResidents: 40, bandResidents: [70, 0, 20, 30, 0, 50] });
		const empty = summarizeAreas({ ...cells, pop: new Float64Array(6) }, subdistricts);
		expect(empty.total.coveragePct).toBeNull();
	});
});

describe('assignPointsToPolygons', () => {
	const square = (x: number, y: number, size: number): Position[] => [
		[x, y],
		[x + size, y],
		[x + size, y + size],
		[x, y + size],
		[x, y]
	];
	const polygon = fc
		.tuple(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true })), { minLength: 3, maxLength: 9 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.boolean())
		.map(([spokes, cx, cy, withHole]) => {
			// A star-shaped ring around (cx, cy): no angular gap reaches 180°, so the centre is inside,
			// at least 0.22 × the shortest spoke from the boundary; the optional hole fits well inside that.
			const total = spokes.reduce((s, [a]) => s + a + 2, 0);
			let angle = 0;
			const ring: Position[] = spokes.map(([a, r]) => {
				angle += ((a + 2) / total) * 2 * Math.PI;
				return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
			});
			ring.push(ring[0]);
			const minRadius = Math.min(...spokes.map(([, r]) => r));
			const rings = withHole ? [ring, square(cx - minRadius / 8, cy - minRadius / 8, minRadius / 4).reverse()] : [ring];
			return rings;
		});

	it('agrees with turf on random star polygons with holes and multipolygons; -1 outside all', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(polygon, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }),
				fc.array(fc.tuple(fc.double({ min: -1, max: 4, noNaN: true }), fc.double({ min: -1, max: 4, noNaN: true })), { minLength: 1, maxLength: 40 }),
				(areas, points) => {
					const subdistricts: Subdistrict[] = areas.map((polygons, i) => ({ code: `${i}`, name: `${i}`, nameEn: `${i}`, population: null, polygons }));
					const result = assignPointsToPolygons(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), subdistricts);
					points.forEach((point, i) => {
						const expected = subdistricts.findIndex((s) => booleanPointInPolygon(point, { type: 'MultiPolygon', coordinates: s.polygons }));
						expect(result[i]).toBe(expected);
					});
				}
			),
			{ numRuns: 300 }
		);
	});

	it('handles a point in a hole, outside, and in the second polygon of a multipolygon', () => {
		const donut: Subdistrict = { code: 'D', name: 'D', nameEn: 'D', population: null, polygons: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 5)]] };
		const other: Subdistrict = { code: 'O', name: 'O', nameEn: 'O', population: null, polygons: [[square(4, 4, 2)]] };
		const result = assignPointsToPolygons(Float64Array.of(1, 5, 22, 15, 5), Float64Array.of(1, 5, 2, 2, 50), [donut, other]);
		expect([...result]).toEqual([0, 1, 0, -1, -1]);
	});
});
