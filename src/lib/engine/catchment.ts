import type { SourceSeeds } from './dijkstra';
import type { WalkGraph } from './graph';
import { MinHeap } from './heap';

/** The nodes one source reaches within a bound, in the order they were settled, with their costs. */
export interface Catchment {
	nodes: Int32Array;
	distances: Float64Array;
}

/**
 * Scratch arrays sized to the graph, reused across searches so a catchment costs time proportional
 * to the nodes it reaches, not to the whole graph (no 1.5-million-entry fill per call).
 */
export class CatchmentWorkspace {
	readonly distance: Float64Array;
	readonly heap = new MinHeap();
	/** Nodes whose distance entry was written by the current search, to reset afterwards. */
	private touched: Int32Array;
	private touchedCount = 0;

	constructor(nodeCount: number) {
		this.distance = new Float64Array(nodeCount).fill(Infinity);
		this.touched = new Int32Array(1024);
	}

	set(node: number, value: number): void {
		if (this.distance[node] === Infinity) {
			if (this.touchedCount === this.touched.length) {
				const grown = new Int32Array(this.touched.length * 2);
				grown.set(this.touched);
				this.touched = grown;
			}
			this.touched[this.touchedCount++] = node;
		}
		this.distance[node] = value;
	}

	reset(): void {
		for (let i = 0; i < this.touchedCount; i++) this.distance[this.touched[i]] = Infinity;
		this.touchedCount = 0;
		this.heap.clear();
	}
}

/**
 * Bounded single-source search (one facility's catchment). The seeds are the facility's entry
 * points (usually the two ends of the edge it stands on); `source` in the seeds is ignored.
 * When `baseline` is given, the search is pruned at nodes the new source does not strictly improve,
 * and only improved nodes are returned: that is the incremental update for "add or move one
 * facility". Pruning is exact because the baseline is a shortest-path field (within its bound):
 * a node reached through a non-improved node cannot be improved either.
 */
export function singleSourceCatchment(
	graph: WalkGraph,
	seeds: Pick<SourceSeeds, 'node' | 'distance'>,
	maxDistance: number,
	workspace: CatchmentWorkspace,
	baseline?: Float64Array
): Catchment {
	const { distance, heap } = workspace;
	workspace.reset();
	const improves = (node: number, value: number) => value <= maxDistance && value < distance[node] && (baseline === undefined || value < baseline[node]);
	for (let seed = 0; seed < seeds.node.length; seed++) {
		const node = seeds.node[seed];
		if (improves(node, seeds.distance[seed])) {
			workspace.set(node, seeds.distance[seed]);
			heap.push(node, seeds.distance[seed]);
		}
	}
	const settledNodes: number[] = [];
	const settledDistances: number[] = [];
	const { offsets, targets, lengths } = graph;
	while (heap.length > 0) {
		const settledDistance = heap.peekPriority();
		const node = heap.pop();
		if (settledDistance > distance[node]) continue;
		settledNodes.push(node);
		settledDistances.push(settledDistance);
		for (let arc = offsets[node], end = offsets[node + 1]; arc < end; arc++) {
			const target = targets[arc];
			const candidate = settledDistance + lengths[arc];
			if (improves(target, candidate)) {
				workspace.set(target, candidate);
				heap.push(target, candidate);
			}
		}
	}
	return { nodes: Int32Array.from(settledNodes), distances: Float64Array.from(settledDistances) };
}

// Exported for the tests only: the Dijkstra tests filter an unpruned catchment with it to check the pruned search.
/** The part of a catchment that beats a baseline per-node cost (strictly): the nodes a new facility would take over. */
export function improvedNodes(catchment: Catchment, baseline: Float64Array): Catchment {
	const nodes: number[] = [];
	const distances: number[] = [];
	for (let i = 0; i < catchment.nodes.length; i++) {
		const node = catchment.nodes[i];
		if (catchment.distances[i] < baseline[node]) {
			nodes.push(node);
			distances.push(catchment.distances[i]);
		}
	}
	return { nodes: Int32Array.from(nodes), distances: Float64Array.from(distances) };
}
