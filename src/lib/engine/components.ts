/** Connected components of an undirected graph given as edge endpoint lists (union-find). */
export interface ComponentLabels {
	/** Component id per node, 0..count-1, numbered in order of each component's lowest node id. */
	component: Int32Array;
	count: number;
}

/**
 * `parent` (scratch, at least nodeCount long) and `component` (the result, nodeCount long) may be
 * given to reuse storage; both are overwritten.
 */
export function labelComponents(
	nodeCount: number,
	edgeFrom: Int32Array,
	edgeTo: Int32Array,
	parent: Int32Array = new Int32Array(nodeCount),
	component: Int32Array = new Int32Array(nodeCount)
): ComponentLabels {
	for (let node = 0; node < nodeCount; node++) parent[node] = node;
	const find = (node: number): number => {
		let current = node;
		while (parent[current] !== current) {
			parent[current] = parent[parent[current]]; // path halving keeps trees shallow
			current = parent[current];
		}
		return current;
	};
	for (let edge = 0; edge < edgeFrom.length; edge++) {
		const rootA = find(edgeFrom[edge]);
		const rootB = find(edgeTo[edge]);
		if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
	}
	let count = 0;
	for (let node = 0; node < nodeCount; node++) {
		const root = find(node);
		// Roots are the smallest node of their set, so they are met before their members.
		component[node] = root === node ? count++ : component[root];
	}
	return { component, count };
}
