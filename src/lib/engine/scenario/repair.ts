/**
 * Decremental update: when facilities stop seeding (closed, moved away, type no longer counted),
 * the nodes they served lose their cost and are searched again from what is left around them.
 *
 * Definitions. The node field is the exact fixed point d(u) = min(seed(u), min over neighbours v of
 * d(v) + len(v, u)), keeping only values ≤ maxDistance (the bound of multiSourceDijkstra); every
 * value is the float sum of some walk from its labelled source, added up from the source. A node
 * whose source is still present keeps its value (that walk still exists and sources only went
 * away), so only the served region R (nodes labelled with a removed facility) can change, and
 * the walk that now realises d(u) for u in R enters R from outside (a valid neighbour's d(v) + len)
 * or starts at a seed inside R. A Dijkstra over R seeded with exactly those values reaches the
 * same fixed point, hence the same floats as a full recomputation.
 *
 * Finding R without scanning every node relies on the labels being rooted: each labelled node is a
 * seed of its source with exactly its value, or has a neighbour with the same label, a smaller
 * value and value + len equal to its own. Then R is connected to the removed facilities' seed nodes
 * through nodes of R. Heap-ordered searches (this repair, and claim.ts) keep labels rooted;
 * `labelsAreRooted` checks a field built elsewhere (the bucket queue of multiSourceDijkstra can in
 * rare float ties leave a label whose witness was later relabelled).
 */
import type { NodeDistances } from '../dijkstra';
import type { WalkGraph } from '../graph';
import { MinHeap } from '../heap';
import type { SeedLookup } from './seed-lookup';

export class NodeRepair {
	private readonly heap = new MinHeap();
	private readonly regionStamp: Int32Array;
	private stamp = 0;
	private queue: Int32Array;

	constructor(
		private readonly graph: WalkGraph,
		private readonly maxDistance: number
	) {
		this.regionStamp = new Int32Array(graph.nodeCount);
		this.queue = new Int32Array(1024);
	}

	/**
	 * The nodes labelled with a removed source (removed[source] = 1), found by a walk through such
	 * nodes from the removed facilities' seed nodes (`roots`). Call `repair` next with the result.
	 */
	servedRegion(field: NodeDistances, roots: readonly number[], removed: Uint8Array): Int32Array {
		const { offsets, targets } = this.graph;
		const mark = this.regionStamp;
		const stamp = ++this.stamp;
		let size = 0;
		const visit = (node: number) => {
			const source = field.source[node];
			if (source < 0 || !removed[source] || mark[node] === stamp) return;
			mark[node] = stamp;
			if (size === this.queue.length) this.queue = grow(this.queue);
			this.queue[size++] = node;
		};
		for (const root of roots) visit(root);
		for (let head = 0; head < size; head++) {
			const node = this.queue[head];
			for (let arc = offsets[node], end = offsets[node + 1]; arc < end; arc++) visit(targets[arc]);
		}
		return this.queue.slice(0, size);
	}

	/**
	 * Recomputes the region just returned by servedRegion (its marks must be current), with the
	 * seeds of the facilities that remain. Returns the nodes written (the region, plus any node
	 * outside it that improved, which the argument above says cannot happen).
	 */
	repair(field: NodeDistances, region: Int32Array, seeds: SeedLookup): Int32Array {
		const { offsets, targets, lengths } = this.graph;
		const { distance, source } = field;
		const mark = this.regionStamp;
		const stamp = this.stamp;
		const maxDistance = this.maxDistance;
		for (const node of region) {
			distance[node] = Infinity;
			source[node] = -1;
		}
		const heap = this.heap;
		heap.clear();
		for (const node of region) {
			let best = Infinity;
			let bestSource = -1;
			for (let arc = offsets[node], end = offsets[node + 1]; arc < end; arc++) {
				const neighbour = targets[arc];
				if (mark[neighbour] === stamp) continue;
				// The graph is symmetric: the arc back from the neighbour has this same length.
				const candidate = distance[neighbour] + lengths[arc];
				if (candidate <= maxDistance && candidate < best) {
					best = candidate;
					bestSource = source[neighbour];
				}
			}
			seeds.forEachSeedAt(node, (cost, facility) => {
				if (cost <= maxDistance && cost < best) {
					best = cost;
					bestSource = facility;
				}
			});
			if (bestSource < 0) continue;
			distance[node] = best;
			source[node] = bestSource;
			heap.push(node, best);
		}
		const outside: number[] = [];
		while (heap.length > 0) {
			const settled = heap.peekPriority();
			const node = heap.pop();
			if (settled > distance[node]) continue;
			const label = source[node];
			for (let arc = offsets[node], end = offsets[node + 1]; arc < end; arc++) {
				const target = targets[arc];
				const candidate = settled + lengths[arc];
				if (candidate <= maxDistance && candidate < distance[target]) {
					if (mark[target] !== stamp) outside.push(target);
					distance[target] = candidate;
					source[target] = label;
					heap.push(target, candidate);
				}
			}
		}
		return outside.length === 0 ? region : Int32Array.from([...region, ...outside]);
	}

	/**
	 * Recomputes every node (a full heap-ordered multi-source search): gives rooted labels and,
	 * being the same fixed point, the same costs as any exact search.
	 */
	recomputeAll(field: NodeDistances, seeds: SeedLookup): void {
		const everything = new Int32Array(this.graph.nodeCount);
		for (let node = 0; node < everything.length; node++) everything[node] = node;
		const stamp = ++this.stamp;
		this.regionStamp.fill(stamp);
		this.repair(field, everything, seeds);
	}
}

/** True when every labelled node is rooted (see the module comment); O(arcs). */
export function labelsAreRooted(graph: WalkGraph, field: NodeDistances, seeds: SeedLookup): boolean {
	const { offsets, targets, lengths } = graph;
	const { distance, source } = field;
	for (let node = 0; node < graph.nodeCount; node++) {
		const label = source[node];
		if (label < 0 || seeds.seedOf(label, node) === distance[node]) continue;
		let rooted = false;
		for (let arc = offsets[node], end = offsets[node + 1]; arc < end && !rooted; arc++) {
			const neighbour = targets[arc];
			rooted = source[neighbour] === label && distance[neighbour] < distance[node] && distance[neighbour] + lengths[arc] === distance[node];
		}
		if (!rooted) return false;
	}
	return true;
}

function grow(list: Int32Array): Int32Array {
	const larger = new Int32Array(list.length * 2);
	larger.set(list);
	return larger;
}
