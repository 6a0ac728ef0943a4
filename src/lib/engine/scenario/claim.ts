/**
 * Incremental update for a facility that starts seeding (added, moved in, type now counted): the
 * nodes it reaches at a cost no worse than their current one take it as their source.
 *
 * This is singleSourceCatchment pruned by the current field, with one difference: a node the new
 * facility only ties is relabelled too. With strict improvement a tied node could keep a label
 * whose only witness (the neighbour that realised its value) had just been taken over, and a later
 * removal of that label could then not find it by walking from its seeds (see repair.ts). Values
 * are the same either way: the field is a minimum, and a tie is a tie.
 */
import { CatchmentWorkspace } from '../catchment';
import type { NodeDistances } from '../dijkstra';
import type { WalkGraph } from '../graph';

export class NodeClaim {
	private readonly workspace: CatchmentWorkspace;

	constructor(
		private readonly graph: WalkGraph,
		private readonly maxDistance: number
	) {
		this.workspace = new CatchmentWorkspace(graph.nodeCount);
	}

	/**
	 * Runs the pruned search of `facility` from its seeds (node, cost) and writes the nodes it wins
	 * or ties into the field. Returns those nodes.
	 */
	claim(field: NodeDistances, facility: number, seedNodes: readonly number[], seedCosts: readonly number[]): Int32Array {
		const { workspace, maxDistance } = this;
		const { distance, heap } = workspace;
		const { offsets, targets, lengths } = this.graph;
		const current = field.distance;
		workspace.reset();
		const takes = (node: number, cost: number) => cost <= maxDistance && cost < distance[node] && cost <= current[node];
		seedNodes.forEach((node, i) => {
			if (!takes(node, seedCosts[i])) return;
			workspace.set(node, seedCosts[i]);
			heap.push(node, seedCosts[i]);
		});
		const claimed: number[] = [];
		while (heap.length > 0) {
			const settled = heap.peekPriority();
			const node = heap.pop();
			if (settled > distance[node]) continue;
			current[node] = settled;
			field.source[node] = facility;
			claimed.push(node);
			for (let arc = offsets[node], end = offsets[node + 1]; arc < end; arc++) {
				const target = targets[arc];
				const candidate = settled + lengths[arc];
				if (takes(target, candidate)) {
					workspace.set(target, candidate);
					heap.push(target, candidate);
				}
			}
		}
		return Int32Array.from(claimed);
	}
}
