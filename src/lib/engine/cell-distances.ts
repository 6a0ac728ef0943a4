import type { NodeDistances } from './dijkstra';
import type { WalkGraph } from './graph';
import type { PointSnaps } from './snap';

/** Per cell: cost in network metres to its nearest facility (Infinity when none within the bound) and that facility (-1). */
export interface CellDistances {
	distance: Float64Array;
	facility: Int32Array;
}

/**
 * Facilities grouped by the edge they snapped to. A cell on the same edge as a facility can walk
 * straight along the edge to it without passing a node, which the node distances cannot express.
 */
export interface EdgeFacilities {
	/** Edge id of each entry, ascending; `facilities` holds the facility of the same entry. */
	edges: Int32Array;
	facilities: Int32Array;
	/** 1 for edges holding a facility: one lookup spares most cells the search in `edges`. */
	hasFacility: Uint8Array;
}

/**
 * `reuse`: a previous grouping whose hasFacility array is cleared and reused, so regrouping after a
 * scenario edit costs time per facility, not per edge (and allocates no edge-sized array).
 */
export function groupFacilitiesByEdge(facilitySnap: PointSnaps, included: Uint8Array | null, edgeCount: number, reuse?: EdgeFacilities): EdgeFacilities {
	const chosen: number[] = [];
	for (let facility = 0; facility < facilitySnap.edge.length; facility++) {
		if (facilitySnap.edge[facility] >= 0 && (included === null || included[facility])) chosen.push(facility);
	}
	chosen.sort((a, b) => facilitySnap.edge[a] - facilitySnap.edge[b] || a - b);
	let hasFacility: Uint8Array;
	if (reuse && reuse.hasFacility.length === edgeCount) {
		hasFacility = reuse.hasFacility;
		for (const edge of reuse.edges) hasFacility[edge] = 0;
	} else hasFacility = new Uint8Array(edgeCount);
	for (const facility of chosen) hasFacility[facilitySnap.edge[facility]] = 1;
	return { edges: Int32Array.from(chosen, (facility) => facilitySnap.edge[facility]), facilities: Int32Array.from(chosen), hasFacility };
}

export interface CellDistanceInput {
	graph: WalkGraph;
	cellSnap: PointSnaps;
	facilitySnap: PointSnaps;
	edgeFacilities: EdgeFacilities;
	nodes: NodeDistances;
	/** Network metres per metre of connector (see params.connectorWeight). */
	connectorWeight: number;
	/** Costs above this become Infinity: past the search bound the node distances are not exact. */
	maxDistance: number;
}

/**
 * Cost for each cell: its connector plus the cheaper way along its edge to an end node and on to
 * that node's nearest facility, or directly to a facility on the same edge. Writes into `out`
 * (for the cells listed, or all) so an incremental update can recompute only the cells it touches.
 */
export function cellDistances(input: CellDistanceInput, out?: CellDistances, cells?: Int32Array): CellDistances {
	const count = input.cellSnap.edge.length;
	const result = out ?? { distance: new Float64Array(count).fill(Infinity), facility: new Int32Array(count).fill(-1) };
	if (cells) for (let i = 0; i < cells.length; i++) writeCell(input, result, cells[i]);
	else for (let cell = 0; cell < count; cell++) writeCell(input, result, cell);
	return result;
}

function writeCell(input: CellDistanceInput, out: CellDistances, cell: number): void {
	const { graph, cellSnap, nodes } = input;
	const edge = cellSnap.edge[cell];
	out.distance[cell] = Infinity;
	out.facility[cell] = -1;
	if (edge < 0) return;
	const along = cellSnap.along[cell];
	const from = graph.edgeFrom[edge];
	const to = graph.edgeTo[edge];
	let best = nodes.distance[from] + along;
	let bestFacility = nodes.source[from];
	const viaTo = nodes.distance[to] + graph.edgeLength[edge] - along;
	if (viaTo < best) {
		best = viaTo;
		bestFacility = nodes.source[to];
	}
	if (input.edgeFacilities.hasFacility[edge]) {
		const sameEdge = sameEdgeFacility(input, edge, along);
		if (sameEdge.distance < best) {
			best = sameEdge.distance;
			bestFacility = sameEdge.facility;
		}
	}
	best += cellSnap.connector[cell] * input.connectorWeight;
	if (best > input.maxDistance || bestFacility < 0) return;
	out.distance[cell] = best;
	out.facility[cell] = bestFacility;
}

const noFacility = { distance: Infinity, facility: -1 };

/** The nearest facility reached along the edge itself, without passing a node. */
function sameEdgeFacility(input: CellDistanceInput, edge: number, along: number): { distance: number; facility: number } {
	const { edges, facilities } = input.edgeFacilities;
	const low = firstEntry(edges, edge);
	if (low === edges.length || edges[low] !== edge) return noFacility;
	let best = noFacility;
	for (let i = low; i < edges.length && edges[i] === edge; i++) {
		const facility = facilities[i];
		const distance = Math.abs(input.facilitySnap.along[facility] - along) + input.facilitySnap.connector[facility] * input.connectorWeight;
		if (distance < best.distance) best = { distance, facility };
	}
	return best;
}

/** First index of `edge` in the ascending `edges` (binary search; edges.length when absent). */
export function firstEntry(edges: Int32Array, edge: number): number {
	let low = 0;
	let high = edges.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (edges[middle] < edge) low = middle + 1;
		else high = middle;
	}
	return low;
}
