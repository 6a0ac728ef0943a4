import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWalkGraph } from '$lib/engine/graph';
import { buildSegmentIndex } from '$lib/engine/segment-index';
import { snapPoints } from '$lib/engine/snap';
import { freePoint, line, offset, randomNetwork } from './fixtures';
import { referenceHaversine, referenceSegments, referenceSnap } from './reference';

describe('snapPoints', () => {
	const street = line(offset(0, 0), offset(500, 0), offset(500, 400));
	const graph = buildWalkGraph([street]);
	const index = buildSegmentIndex(graph);

	it('attaches a point to the nearest point of the nearest edge, with the along-edge distance', () => {
		const points = [offset(200, 120), offset(650, 300), offset(-50, 0)];
		const snaps = snapPoints(graph, index, Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), 300);
		expect([...snaps.edge]).toEqual([0, 0, 0]);
		expect(snaps.connector[0]).toBeCloseTo(120, 1);
		expect(snaps.along[0]).toBeCloseTo(200, 1);
		expect(snaps.connector[1]).toBeCloseTo(150, 1);
		expect(snaps.along[1]).toBeCloseTo(800, 1);
		expect(snaps.connector[2]).toBeCloseTo(50, 1);
		expect(snaps.along[2]).toBe(0);
	});

	it('marks a point beyond the maximum snap distance as not snapped (inclusive limit)', () => {
		const points = [offset(100, 299), offset(100, 301), offset(100, -1000)];
		const snaps = snapPoints(graph, index, Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), 300);
		expect([...snaps.edge]).toEqual([0, -1, -1]);
		expect(Number.isNaN(snaps.connector[1])).toBe(true);
		const exact = snapPoints(graph, index, Float64Array.of(points[0][0]), Float64Array.of(points[0][1]), snaps.connector[0]);
		expect(exact.edge[0]).toBe(0);
	});

	it('agrees with a scan of every segment on random networks', () => {
		fc.assert(
			fc.property(randomNetwork, fc.array(freePoint, { minLength: 1, maxLength: 10 }), fc.double({ min: 0, max: 500, noNaN: true }), (lines, points, maxSnap) => {
				const g = buildWalkGraph(lines);
				const snaps = snapPoints(g, buildSegmentIndex(g), Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), maxSnap);
				const segments = referenceSegments(lines);
				points.forEach(([lon, lat], i) => {
					const expected = referenceSnap(segments, lon, lat);
					if (expected === null || Math.abs(expected.distance - maxSnap) < 1e-6) return;
					if (expected.distance > maxSnap) {
						expect(snaps.edge[i]).toBe(-1);
						return;
					}
					expect(snaps.edge[i]).toBeGreaterThanOrEqual(0);
					expect(Math.abs(snaps.connector[i] - expected.distance)).toBeLessThan(1e-6);
					const segment = segments[expected.segment];
					const expectedLon = segment.a[0] + expected.t * (segment.b[0] - segment.a[0]);
					const expectedLat = segment.a[1] + expected.t * (segment.b[1] - segment.a[1]);
					// Two segments at nearly the same distance may both be right; otherwise the points must agree.
					const secondBest = referenceSnap(segments.filter((_, s) => s !== expected.segment), lon, lat);
					if (secondBest && secondBest.distance - expected.distance < 1e-6) return;
					expect(referenceHaversine([snaps.snappedLon[i], snaps.snappedLat[i]], [expectedLon, expectedLat])).toBeLessThan(1e-6);
					// Along-edge distance: earlier segments of the snapped edge, plus t of the snapped segment
					// (the engine's documented model), walked independently with the reference haversine.
					const edge = snaps.edge[i];
					let along = Number.NaN;
					let before = 0;
					for (let v = g.edgeVertexStart[edge]; v + 1 < g.edgeVertexStart[edge + 1]; v++) {
						const a: [number, number] = [g.vertexLon[v], g.vertexLat[v]];
						const b: [number, number] = [g.vertexLon[v + 1], g.vertexLat[v + 1]];
						const isSnapped = a[0] === segment.a[0] && a[1] === segment.a[1] && b[0] === segment.b[0] && b[1] === segment.b[1];
						if (isSnapped) {
							along = before + expected.t * referenceHaversine(a, b);
							break;
						}
						before += referenceHaversine(a, b);
					}
					expect(Math.abs(snaps.along[i] - along)).toBeLessThan(1e-6);
				});
			}),
			{ numRuns: 300 }
		);
	});
});
