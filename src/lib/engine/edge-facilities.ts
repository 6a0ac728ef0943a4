import type { PointSnaps } from './snap';

/**
 * Facilities grouped by the edge they snapped to. A cell on the same edge as a facility can walk
 * straight along the edge to it without passing a node, which the node distances cannot express
 * (the access model's same-edge cost); the scenario's seed lookup finds a node's seeds through it.
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
