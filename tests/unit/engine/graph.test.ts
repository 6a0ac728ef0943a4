import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiSourceDijkstra } from '$lib/engine/dijkstra';
import { buildWalkGraph, type WalkGraph } from '$lib/engine/graph';
import { describeGraph } from '$lib/engine/graph-report';
import type { NetworkLine } from '$lib/engine/types';
import { line, offset, randomNetwork } from './fixtures';
import { ReferenceGraph, floydWarshall, referenceHaversine } from './reference';

function nodeAt(graph: WalkGraph, [lon, lat]: [number, number]): number {
	for (let node = 0; node < graph.nodeCount; node++) if (graph.nodeLon[node] === lon && graph.nodeLat[node] === lat) return node;
	return -1;
}

function referenceLength(coords: [number, number][]): number {
	let total = 0;
	for (let i = 1; i < coords.length; i++) total += referenceHaversine(coords[i - 1], coords[i]);
	return total;
}

describe('buildWalkGraph', () => {
	const a = offset(0, 0);
	const bend = offset(100, 30);
	const x = offset(200, 0);
	const b = offset(400, 0);
	const c = offset(200, -150);
	const d = offset(200, 150);
	const lines = [line(a, bend, x, b), line(c, x, d)];

	it('makes junctions of shared vertices and keeps other vertices as shape points', () => {
		const graph = buildWalkGraph(lines);
		expect(graph.nodeCount).toBe(5);
		expect(nodeAt(graph, bend)).toBe(-1);
		for (const p of [a, x, b, c, d]) expect(nodeAt(graph, p)).toBeGreaterThanOrEqual(0);
		expect(graph.edgeCount).toBe(4);
		expect(graph.targets.length).toBe(8);
		expect(graph.componentCount).toBe(1);
	});

	it('gives each edge the length of its polyline, shape points included', () => {
		const graph = buildWalkGraph(lines);
		const [nodeA, nodeX, nodeB, nodeC] = [a, x, b, c].map((p) => nodeAt(graph, p));
		const lengthBetween = (from: number, to: number) => {
			for (let arc = graph.offsets[from]; arc < graph.offsets[from + 1]; arc++) if (graph.targets[arc] === to) return graph.lengths[arc];
			return Number.NaN;
		};
		expect(lengthBetween(nodeA, nodeX)).toBeCloseTo(referenceLength([a, bend, x]), 6);
		expect(lengthBetween(nodeX, nodeA)).toBeCloseTo(referenceLength([a, bend, x]), 6);
		expect(lengthBetween(nodeX, nodeB)).toBeCloseTo(referenceLength([x, b]), 6);
		expect(lengthBetween(nodeC, nodeX)).toBeCloseTo(referenceLength([c, x]), 6);
		expect(lengthBetween(nodeA, nodeB)).toBeNaN();
		// 100 m east and 30 m north, then 100 m east and 30 m south, then 200 m east.
		expect(lengthBetween(nodeA, nodeX)).toBeCloseTo(2 * Math.hypot(100, 30), 1);
		expect(describeGraph(graph).streetKm).toBeCloseTo((referenceLength([a, bend, x, b]) + referenceLength([c, x, d])) / 1000, 9);
	});

	it('splits a line that crosses itself at a repeated vertex, but not at a doubled vertex', () => {
		const p = [offset(0, 0), offset(100, 0), offset(100, 100), offset(50, 100), offset(100, 0), offset(200, 0)] as [number, number][];
		const selfCrossing = buildWalkGraph([line(...p)]);
		expect(selfCrossing.nodeCount).toBe(3); // both ends and the repeated vertex
		expect(selfCrossing.edgeCount).toBe(3);
		const doubled = buildWalkGraph([line(p[0], p[1], p[1], p[5])]);
		expect(doubled.nodeCount).toBe(2);
		expect(doubled.edgeCount).toBe(1);
		expect(doubled.edgeLength[0]).toBeCloseTo(referenceLength([p[0], p[5]]), 6);
	});

	it('counts connected components and skips degenerate lines', () => {
		const graph = buildWalkGraph([line(offset(0, 0), offset(100, 0)), line(offset(0, 500), offset(100, 500)), line(offset(9, 9)), line(offset(5, 5), offset(5, 5))]);
		expect(graph.nodeCount).toBe(4);
		expect(graph.componentCount).toBe(2);
		const report = describeGraph(graph);
		expect(report).toMatchObject({ nodes: 4, edges: 2, directedEdges: 4, components: 2, largestComponentNodes: 2, populationInComponentsWithoutFacility: null });
		expect(buildWalkGraph([]).nodeCount).toBe(0);
	});

	it('keeps a symmetric adjacency whose total length is the sum of every segment', () => {
		fc.assert(
			fc.property(randomNetwork, (lines: NetworkLine[]) => {
				const graph = buildWalkGraph(lines);
				let arcTotal = 0;
				for (let node = 0; node < graph.nodeCount; node++) {
					for (let arc = graph.offsets[node]; arc < graph.offsets[node + 1]; arc++) {
						const edge = graph.arcEdge[arc];
						const ends = [graph.edgeFrom[edge], graph.edgeTo[edge]];
						expect(ends).toContain(node);
						expect(ends).toContain(graph.targets[arc]);
						expect(graph.lengths[arc]).toBe(graph.edgeLength[edge]);
						arcTotal += graph.lengths[arc];
					}
				}
				const segmentTotal = lines.reduce((sum, l) => sum + referenceLength(l.coords as [number, number][]), 0);
				expect(arcTotal / 2).toBeCloseTo(segmentTotal, 6);
			}),
			{ numRuns: 150 }
		);
	});

	it('gives node-to-node distances equal to Floyd–Warshall on an every-vertex reference graph', () => {
		fc.assert(
			fc.property(randomNetwork, (lines: NetworkLine[]) => {
				const graph = buildWalkGraph(lines);
				const reference = new ReferenceGraph();
				for (const l of lines) {
					for (let i = 1; i < l.coords.length; i++) {
						const [p, q] = [l.coords[i - 1], l.coords[i]];
						reference.connect(reference.node(p[0], p[1]), reference.node(q[0], q[1]), referenceHaversine([p[0], p[1]], [q[0], q[1]]));
					}
				}
				const all = floydWarshall(reference);
				const referenceId = (node: number) => reference.keys.get(`${graph.nodeLon[node]},${graph.nodeLat[node]}`) ?? -1;
				for (let from = 0; from < graph.nodeCount; from++) {
					const seeds = { node: Int32Array.of(from), distance: Float64Array.of(0), source: Int32Array.of(0) };
					const { distance } = multiSourceDijkstra(graph, seeds, Infinity);
					for (let to = 0; to < graph.nodeCount; to++) {
						const expected = all[referenceId(from)][referenceId(to)];
						if (expected === Infinity) expect(distance[to]).toBe(Infinity);
						else expect(Math.abs(distance[to] - expected)).toBeLessThan(1e-6);
						expect(graph.component[from] === graph.component[to]).toBe(expected < Infinity);
					}
				}
			}),
			{ numRuns: 150 }
		);
	});
});
