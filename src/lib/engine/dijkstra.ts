import { BucketQueue } from './bucket-queue';
import type { WalkGraph } from './graph';
import { MinHeap } from './heap';

/**
 * Where searches start: a node, the cost already spent to reach it (the walk from the facility to
 * the network and along its edge), and which source it stands for (e.g. a facility index).
 */
export interface SourceSeeds {
	node: Int32Array;
	distance: Float64Array;
	source: Int32Array;
}

/** Per node: cost from the nearest source (Infinity when beyond the bound or unreachable) and that source (-1). */
export interface NodeDistances {
	distance: Float64Array;
	source: Int32Array;
}

/**
 * Multi-source bounded Dijkstra: one pass gives every node its cost to the nearest source and
 * which source that is. Nodes whose cost exceeds maxDistance are not settled and stay Infinity,
 * so the search stops past the largest threshold of interest. A finite bound uses a bucket queue
 * of 1 m buckets (Dial's variant, see bucket-queue.ts); an unbounded search a binary heap.
 */
export function multiSourceDijkstra(graph: WalkGraph, seeds: SourceSeeds, maxDistance: number): NodeDistances {
	const distance = new Float64Array(graph.nodeCount).fill(Infinity);
	const source = new Int32Array(graph.nodeCount).fill(-1);
	const queue = Number.isFinite(maxDistance) ? new BucketQueue(maxDistance) : new MinHeap();
	for (let seed = 0; seed < seeds.node.length; seed++) {
		const node = seeds.node[seed];
		const seedDistance = seeds.distance[seed];
		if (seedDistance <= maxDistance && seedDistance < distance[node]) {
			distance[node] = seedDistance;
			source[node] = seeds.source[seed];
			queue.push(node, seedDistance);
		}
	}
	const { offsets, targets, lengths } = graph;
	while (queue.length > 0) {
		const node = queue.pop();
		const settledDistance = queue.poppedPriority;
		if (settledDistance > distance[node]) continue; // a stale entry: the node was reached more cheaply since
		const nodeSource = source[node];
		for (let arc = offsets[node], end = offsets[node + 1]; arc < end; arc++) {
			const target = targets[arc];
			const candidate = settledDistance + lengths[arc];
			if (candidate < distance[target] && candidate <= maxDistance) {
				distance[target] = candidate;
				source[target] = nodeSource;
				queue.push(target, candidate);
			}
		}
	}
	return { distance, source };
}
