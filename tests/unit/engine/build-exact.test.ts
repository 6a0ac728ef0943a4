/**
 * The fast graph build, segment grid and snapping against straightforward implementations written
 * here (string-keyed Maps, arrays of objects, a scan of every segment): every array must be equal
 * bit for bit, on random networks with junctions, self-crossings, repeated vertices, closed rings,
 * −0, one-point lines and long segments, and in both input forms (NetworkLine[] and flat arrays).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosLatitude, haversineWithCosines, METRES_PER_DEGREE_LAT, metresPerDegreeLon } from '$lib/engine/geo';
import { buildWalkGraph, type LineCoordinates, type WalkGraph } from '$lib/engine/graph';
import { buildSegmentIndex } from '$lib/engine/segment-index';
import { snapPoints } from '$lib/engine/snap';
import { allocateTogether } from '$lib/engine/typed-arena';
import type { NetworkLine, Position } from '$lib/engine/types';
import { ORIGIN, freePoint, line, randomNetwork } from './fixtures';

interface ReferenceBuild {
	nodeLon: number[];
	nodeLat: number[];
	edges: { from: number; to: number; length: number; vertices: { lon: number; lat: number; distance: number }[] }[];
	/** Per node: [target, length, edge] in CSR order (edge order, forward arc before reverse). */
	arcs: [number, number, number][][];
	component: number[];
}

/** The graph as the README defines it, built the obvious way. */
function referenceBuild(lines: readonly NetworkLine[]): ReferenceBuild {
	const key = (p: Position) => `${p[0] + 0},${p[1] + 0}`;
	const pointId = new Map<string, number>();
	const pointCoords: Position[] = [];
	const lineVertices: number[][] = lines.map((l) => {
		const ids: number[] = [];
		for (const p of l.coords) {
			if (!pointId.has(key(p))) {
				pointId.set(key(p), pointCoords.length);
				pointCoords.push([p[0] + 0, p[1] + 0]);
			}
			const id = pointId.get(key(p))!;
			if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
		}
		return ids.length >= 2 ? ids : [];
	});
	const seen = new Map<number, number>();
	for (const ids of lineVertices) {
		ids.forEach((id, k) => seen.set(id, (seen.get(id) ?? 0) + (k === 0 || k === ids.length - 1 ? 2 : 1)));
	}
	const nodeOf = new Map<number, number>();
	pointCoords.forEach((_, id) => {
		if ((seen.get(id) ?? 0) > 1) nodeOf.set(id, nodeOf.size);
	});
	const nodeLon: number[] = [];
	const nodeLat: number[] = [];
	for (const id of nodeOf.keys()) {
		nodeLon.push(pointCoords[id][0]);
		nodeLat.push(pointCoords[id][1]);
	}
	const edges: ReferenceBuild['edges'] = [];
	for (const ids of lineVertices) {
		let current: ReferenceBuild['edges'][number] | null = null;
		ids.forEach((id, k) => {
			const [lon, lat] = pointCoords[id];
			if (current === null) {
				current = { from: nodeOf.get(id)!, to: -1, length: 0, vertices: [{ lon, lat, distance: 0 }] };
				return;
			}
			const previous: { lon: number; lat: number; distance: number } = current.vertices[current.vertices.length - 1];
			const distance = previous.distance + haversineWithCosines(previous.lon, previous.lat, cosLatitude(previous.lat), lon, lat, cosLatitude(lat));
			current.vertices.push({ lon, lat, distance });
			if (!nodeOf.has(id)) return;
			current.to = nodeOf.get(id)!;
			current.length = distance;
			edges.push(current);
			current = k < ids.length - 1 ? { from: nodeOf.get(id)!, to: -1, length: 0, vertices: [{ lon, lat, distance: 0 }] } : null;
		});
	}
	const arcs: [number, number, number][][] = nodeLon.map(() => []);
	edges.forEach((e, index) => {
		arcs[e.from].push([e.to, e.length, index]);
		arcs[e.to].push([e.from, e.length, index]);
	});
	// Components by breadth-first search, numbered in order of their lowest node.
	const component = nodeLon.map(() => -1);
	let count = 0;
	for (let start = 0; start < nodeLon.length; start++) {
		if (component[start] >= 0) continue;
		const queue = [start];
		component[start] = count;
		while (queue.length > 0) {
			for (const [next] of arcs[queue.pop()!]) {
				if (component[next] >= 0) continue;
				component[next] = count;
				queue.push(next);
			}
		}
		count++;
	}
	return { nodeLon, nodeLat, edges, arcs, component };
}

function expectSameGraph(graph: WalkGraph, reference: ReferenceBuild): void {
	expect(graph.nodeCount).toBe(reference.nodeLon.length);
	expect(graph.edgeCount).toBe(reference.edges.length);
	expect([...graph.nodeLon]).toEqual(reference.nodeLon);
	expect([...graph.nodeLat]).toEqual(reference.nodeLat);
	expect([...graph.edgeFrom]).toEqual(reference.edges.map((e) => e.from));
	expect([...graph.edgeTo]).toEqual(reference.edges.map((e) => e.to));
	expect([...graph.edgeLength]).toEqual(reference.edges.map((e) => e.length));
	const vertices = reference.edges.flatMap((e) => e.vertices);
	expect([...graph.vertexLon]).toEqual(vertices.map((v) => v.lon));
	expect([...graph.vertexLat]).toEqual(vertices.map((v) => v.lat));
	expect([...graph.vertexDistance]).toEqual(vertices.map((v) => v.distance));
	let start = 0;
	expect([...graph.edgeVertexStart]).toEqual([0, ...reference.edges.map((e) => (start += e.vertices.length))]);
	const offsets = [0];
	for (const list of reference.arcs) offsets.push(offsets[offsets.length - 1] + list.length);
	expect([...graph.offsets]).toEqual(offsets);
	const flatArcs = reference.arcs.flat();
	expect([...graph.targets]).toEqual(flatArcs.map((a) => a[0]));
	expect([...graph.lengths]).toEqual(flatArcs.map((a) => a[1]));
	expect([...graph.arcEdge]).toEqual(flatArcs.map((a) => a[2]));
	expect([...graph.component]).toEqual(reference.component);
	expect(graph.componentCount).toBe(new Set(reference.component).size);
}

function packed(lines: readonly NetworkLine[]): LineCoordinates {
	const coords = Float64Array.from(lines.flatMap((l) => l.coords.flat()));
	const offsets = new Uint32Array(lines.length + 1);
	lines.forEach((l, k) => (offsets[k + 1] = offsets[k] + l.coords.length));
	return { coords, offsets };
}

/** randomNetwork plus the awkward cases: one-point lines, doubled vertices, closed rings, −0, long straight segments. */
const awkwardNetwork = fc
	.tuple(randomNetwork, fc.array(fc.constantFrom('single', 'doubled', 'ring', 'zero', 'long'), { maxLength: 4 }))
	.map(([lines, extras]) => {
		const result = [...lines];
		for (const extra of extras) {
			const first = lines[0].coords[0];
			if (extra === 'single') result.push(line(first));
			if (extra === 'doubled') result.push(line(first, first, lines[1].coords[0]));
			if (extra === 'ring') result.push(line(first, [first[0] + 1e-4, first[1]], [first[0], first[1] + 1e-4], first));
			if (extra === 'zero') result.push(line([0, 0], [-0, 1e-4]), line([-0, 0], [1e-4, -0]));
			if (extra === 'long') result.push(line(first, [first[0] + 0.03, first[1] + 0.02]));
		}
		return result;
	});

/** The nearest segment by a scan of every segment: smallest (distance, segment), same flat measure as the README. */
function bruteForceSnap(graph: WalkGraph, lon: number, lat: number, maxSnapM: number) {
	const metresPerLon = metresPerDegreeLon(lat);
	let best = { segment: -1, edge: -1, vertex: -1, distance: Infinity, t: 0 };
	let segment = 0;
	for (let edge = 0; edge < graph.edgeCount; edge++) {
		for (let vertex = graph.edgeVertexStart[edge]; vertex + 1 < graph.edgeVertexStart[edge + 1]; vertex++, segment++) {
			const ax = (graph.vertexLon[vertex] - lon) * metresPerLon;
			const ay = (graph.vertexLat[vertex] - lat) * METRES_PER_DEGREE_LAT;
			const dx = (graph.vertexLon[vertex + 1] - lon) * metresPerLon - ax;
			const dy = (graph.vertexLat[vertex + 1] - lat) * METRES_PER_DEGREE_LAT - ay;
			const squared = dx * dx + dy * dy;
			const t = Math.min(1, Math.max(0, squared > 0 ? -(ax * dx + ay * dy) / squared : 0));
			const [px, py] = [ax + t * dx, ay + t * dy];
			const distance = Math.sqrt(px * px + py * py);
			if (distance < best.distance) best = { segment, edge, vertex, distance, t };
		}
	}
	return best.distance <= maxSnapM ? best : null;
}

describe('buildWalkGraph, exactly', () => {
	it('equals a straightforward build on random networks, from objects and from flat arrays', () => {
		fc.assert(
			fc.property(awkwardNetwork, (lines) => {
				const reference = referenceBuild(lines);
				expectSameGraph(buildWalkGraph(lines), reference);
				expectSameGraph(buildWalkGraph(packed(lines)), reference);
			}),
			{ numRuns: 300 }
		);
	});

	it('handles no lines, and lines too short to be streets', () => {
		for (const lines of [[], [line(ORIGIN)], [line(ORIGIN, ORIGIN)]]) {
			const graph = buildWalkGraph(lines);
			expect([graph.nodeCount, graph.edgeCount, graph.componentCount, graph.vertexLon.length]).toEqual([0, 0, 0, 0]);
			expect([...graph.offsets]).toEqual([0]);
		}
	});
});

describe('segment grid and snapping, exactly', () => {
	it('gives the nearest (distance, segment) of a scan of every segment, for any snap distance', () => {
		const farPoint = fc.tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true })).map(([x, y]): Position => [ORIGIN[0] + x, ORIGIN[1] + y]);
		fc.assert(
			fc.property(awkwardNetwork, fc.array(fc.oneof(freePoint, farPoint), { minLength: 1, maxLength: 12 }), fc.constantFrom(0, 5, 40, 300, 1000, 1e7), (lines, points, maxSnapM) => {
				const graph = buildWalkGraph(lines);
				const index = buildSegmentIndex(graph);
				const snaps = snapPoints(graph, index, Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), maxSnapM);
				points.forEach(([lon, lat], i) => {
					const expected = bruteForceSnap(graph, lon, lat, maxSnapM);
					if (expected === null) {
						expect(snaps.edge[i]).toBe(-1);
						return;
					}
					const { vertex, t } = expected;
					expect(snaps.edge[i]).toBe(expected.edge);
					expect(index.segmentEdge[expected.segment]).toBe(expected.edge);
					expect(index.segmentVertex[expected.segment]).toBe(vertex);
					expect(snaps.connector[i]).toBe(expected.distance);
					expect(snaps.along[i]).toBe(graph.vertexDistance[vertex] + t * (graph.vertexDistance[vertex + 1] - graph.vertexDistance[vertex]));
					expect(snaps.snappedLon[i]).toBe(graph.vertexLon[vertex] + t * (graph.vertexLon[vertex + 1] - graph.vertexLon[vertex]));
					expect(snaps.snappedLat[i]).toBe(graph.vertexLat[vertex] + t * (graph.vertexLat[vertex + 1] - graph.vertexLat[vertex]));
				});
			}),
			{ numRuns: 300 }
		);
	});

	it('finds a long diagonal segment (kept out of the grid) and short ones beside it', () => {
		const streets = [line(ORIGIN, [ORIGIN[0] + 0.2, ORIGIN[1] + 0.15])];
		for (let k = 0; k < 200; k++) streets.push(line([ORIGIN[0] + k * 1e-3, ORIGIN[1] - 0.01], [ORIGIN[0] + k * 1e-3 + 4e-4, ORIGIN[1] - 0.01]));
		const graph = buildWalkGraph(streets);
		const index = buildSegmentIndex(graph);
		expect(index.grid!.largeSegments.length).toBeGreaterThan(0);
		const points: Position[] = [
			[ORIGIN[0] + 0.1, ORIGIN[1] + 0.075 + 5e-4],
			[ORIGIN[0] + 0.05, ORIGIN[1] - 0.0101],
			[ORIGIN[0] + 0.3, ORIGIN[1] + 0.3]
		];
		const snaps = snapPoints(graph, index, Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), 300);
		points.forEach(([lon, lat], i) => expect(snaps.edge[i]).toBe(bruteForceSnap(graph, lon, lat, 300)?.edge ?? -1));
		expect(snaps.edge[0]).toBe(graph.edgeFrom.findIndex((_, e) => graph.edgeLength[e] > 10_000));
		expect(snaps.edge[2]).toBe(-1);
	});
});

describe('allocateTogether', () => {
	it('gives zeroed, aligned, non-overlapping arrays of the asked types and lengths', () => {
		const arrays = allocateTogether({ a: [Uint8Array, 3], b: [Float64Array, 5], c: [Int32Array, 0], d: [Uint32Array, 7], e: [Float64Array, 2] });
		expect([arrays.a.length, arrays.b.length, arrays.c.length, arrays.d.length, arrays.e.length]).toEqual([3, 5, 0, 7, 2]);
		expect(arrays.b).toBeInstanceOf(Float64Array);
		for (const array of Object.values(arrays)) expect(array.byteOffset % 8).toBe(0);
		arrays.a.fill(255);
		arrays.b.fill(-1);
		arrays.d.fill(7);
		expect([...arrays.e]).toEqual([0, 0]);
		expect([...arrays.a]).toEqual([255, 255, 255]);
		expect([...arrays.b]).toEqual([-1, -1, -1, -1, -1]);
		expect([...arrays.d]).toEqual([7, 7, 7, 7, 7, 7, 7]);
	});
});
