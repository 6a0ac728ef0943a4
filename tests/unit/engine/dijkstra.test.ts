import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatchmentWorkspace, improvedNodes, singleSourceCatchment } from '$lib/engine/catchment';
import { multiSourceDijkstra } from '$lib/engine/dijkstra';
import { buildWalkGraph, type WalkGraph } from '$lib/engine/graph';
import { BucketQueue } from '$lib/engine/bucket-queue';
import { MinHeap } from '$lib/engine/heap';
import type { NetworkLine } from '$lib/engine/types';
import { ORIGIN, randomNetwork } from './fixtures';

/** Floyd–Warshall straight from the CSR arrays: tests the searches, not the graph building. */
function allPairs(graph: WalkGraph): number[][] {
	const n = graph.nodeCount;
	const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
	for (let from = 0; from < n; from++) {
		for (let arc = graph.offsets[from]; arc < graph.offsets[from + 1]; arc++) d[from][graph.targets[arc]] = Math.min(d[from][graph.targets[arc]], graph.lengths[arc]);
	}
	for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
	return d;
}

interface Seed {
	node: number;
	distance: number;
}

/** The same networks shrunk 1000×: edges of centimetres, far shorter than the bucket queue's 1 m buckets. */
function shrink(lines: NetworkLine[]): NetworkLine[] {
	return lines.map((l) => ({ ...l, coords: l.coords.map(([lon, lat]) => [ORIGIN[0] + (lon - ORIGIN[0]) / 1000, ORIGIN[1] + (lat - ORIGIN[1]) / 1000]) }));
}

const graphWithSeeds = fc
	.tuple(randomNetwork, fc.boolean())
	.map(([lines, tiny]) => buildWalkGraph(tiny ? shrink(lines) : lines))
	.filter((graph) => graph.nodeCount > 0)
	.chain((graph) =>
		fc.record({
			graph: fc.constant(graph),
			seeds: fc.array(fc.record({ node: fc.integer({ min: 0, max: graph.nodeCount - 1 }), distance: fc.double({ min: 0, max: 300, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
			newSeeds: fc.array(fc.record({ node: fc.integer({ min: 0, max: graph.nodeCount - 1 }), distance: fc.double({ min: 0, max: 300, noNaN: true }) }), { minLength: 1, maxLength: 2 }),
			bound: fc.oneof(fc.constant(Infinity), fc.double({ min: 0, max: 1500, noNaN: true }))
		})
	);

function toSeeds(seeds: Seed[], source = (i: number) => i) {
	return { node: Int32Array.from(seeds, (s) => s.node), distance: Float64Array.from(seeds, (s) => s.distance), source: Int32Array.from(seeds, (_, i) => source(i)) };
}

function expectedFrom(all: number[][], seeds: Seed[], node: number): number {
	return Math.min(...seeds.map((seed) => seed.distance + all[seed.node][node]));
}

describe('MinHeap', () => {
	it('pops in priority order while growing', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }), (priorities) => {
				const heap = new MinHeap(1);
				priorities.forEach((p, i) => heap.push(i, p));
				const popped: number[] = [];
				while (heap.length > 0) popped.push(priorities[heap.pop()]);
				expect(popped).toEqual([...priorities].sort((a, b) => a - b));
			})
		);
	});
});

describe('BucketQueue', () => {
	it('returns every entry, bucket by bucket in increasing order', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { maxLength: 300 }), fc.double({ min: 0.5, max: 50, noNaN: true }), (priorities, width) => {
				const queue = new BucketQueue(500, width);
				priorities.forEach((p, i) => queue.push(i, p));
				const popped: number[] = [];
				while (queue.length > 0) {
					const id = queue.pop();
					expect(queue.poppedPriority).toBe(priorities[id]);
					popped.push(id);
				}
				expect([...popped].sort((a, b) => a - b)).toEqual(priorities.map((_, i) => i));
				for (let i = 1; i < popped.length; i++) expect(Math.floor(priorities[popped[i]] / width)).toBeGreaterThanOrEqual(Math.floor(priorities[popped[i - 1]] / width));
			})
		);
	});
});

describe('multiSourceDijkstra', () => {
	it('gives every node its cost to the nearest source, bounded, and names that source', () => {
		fc.assert(
			fc.property(graphWithSeeds, ({ graph, seeds, bound }) => {
				const all = allPairs(graph);
				const result = multiSourceDijkstra(graph, toSeeds(seeds), bound);
				for (let node = 0; node < graph.nodeCount; node++) {
					const expected = expectedFrom(all, seeds, node);
					if (!(expected <= bound && expected < Infinity)) {
						expect(result.distance[node]).toBe(Infinity);
						expect(result.source[node]).toBe(-1);
					} else {
						expect(Math.abs(result.distance[node] - expected)).toBeLessThan(1e-6);
						expect(Math.abs(expectedFrom(all, [seeds[result.source[node]]], node) - expected)).toBeLessThan(1e-6);
					}
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('singleSourceCatchment', () => {
	it('reaches exactly the nodes within the bound, at their shortest cost, reusing one workspace', () => {
		fc.assert(
			fc.property(graphWithSeeds, ({ graph, seeds, newSeeds, bound }) => {
				const all = allPairs(graph);
				const workspace = new CatchmentWorkspace(graph.nodeCount);
				// Two searches on the same workspace: the second must not see the first's leftovers.
				singleSourceCatchment(graph, toSeeds(seeds), bound, workspace);
				const catchment = singleSourceCatchment(graph, toSeeds(newSeeds), bound, workspace);
				const reached = new Map<number, number>();
				catchment.nodes.forEach((node, i) => reached.set(node, catchment.distances[i]));
				expect(reached.size).toBe(catchment.nodes.length);
				for (let node = 0; node < graph.nodeCount; node++) {
					const expected = expectedFrom(all, newSeeds, node);
					if (expected <= bound && expected < Infinity) expect(Math.abs((reached.get(node) ?? Infinity) - expected)).toBeLessThan(1e-6);
					else expect(reached.has(node)).toBe(false);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('with a baseline, returns exactly the nodes a new source strictly improves', () => {
		fc.assert(
			fc.property(graphWithSeeds, ({ graph, seeds, newSeeds, bound }) => {
				const all = allPairs(graph);
				const baseline = multiSourceDijkstra(graph, toSeeds(seeds), bound).distance;
				const workspace = new CatchmentWorkspace(graph.nodeCount);
				const pruned = singleSourceCatchment(graph, toSeeds(newSeeds), bound, workspace, baseline);
				const filtered = improvedNodes(singleSourceCatchment(graph, toSeeds(newSeeds), bound, workspace), baseline);
				const expected: number[] = [];
				for (let node = 0; node < graph.nodeCount; node++) {
					const cost = expectedFrom(all, newSeeds, node);
					const before = expectedFrom(all, seeds, node);
					// Keep clear of float ties between the two costs; the engine's choice there is arbitrary.
					if (Math.abs(cost - before) < 1e-7 || Math.abs(cost - bound) < 1e-7) return;
					if (cost <= bound && cost < (before <= bound ? before : Infinity)) expected.push(node);
				}
				expect([...pruned.nodes].sort((a, b) => a - b)).toEqual(expected);
				expect([...filtered.nodes].sort((a, b) => a - b)).toEqual(expected);
				pruned.nodes.forEach((node, i) => expect(Math.abs(pruned.distances[i] - expectedFrom(all, newSeeds, node))).toBeLessThan(1e-6));
			}),
			{ numRuns: 300 }
		);
	});
});
