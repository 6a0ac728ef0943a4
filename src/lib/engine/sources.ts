import { seedDistanceAtFrom, seedDistanceAtTo } from './access-model';
import type { SourceSeeds } from './dijkstra';
import type { WalkGraph } from './graph';
import type { PointSnaps } from './snap';

/**
 * Search seeds for snapped facilities: each enters the network at both ends of its edge, having
 * walked its connector (× connectorWeight, in network metres) and the part of the edge to that end.
 * `included[f]` = 0 leaves facility f out; facilities that did not snap are always left out.
 */
export function facilitySeeds(graph: WalkGraph, facilitySnap: PointSnaps, included: Uint8Array | null, connectorWeight: number): SourceSeeds {
	const chosen: number[] = [];
	for (let facility = 0; facility < facilitySnap.edge.length; facility++) {
		if (facilitySnap.edge[facility] >= 0 && (included === null || included[facility])) chosen.push(facility);
	}
	const seeds: SourceSeeds = {
		node: new Int32Array(chosen.length * 2),
		distance: new Float64Array(chosen.length * 2),
		source: new Int32Array(chosen.length * 2)
	};
	chosen.forEach((facility, i) => {
		const edge = facilitySnap.edge[facility];
		seeds.node[2 * i] = graph.edgeFrom[edge];
		seeds.distance[2 * i] = seedDistanceAtFrom(facilitySnap, facility, connectorWeight);
		seeds.node[2 * i + 1] = graph.edgeTo[edge];
		seeds.distance[2 * i + 1] = seedDistanceAtTo(graph, facilitySnap, facility, connectorWeight);
		seeds.source[2 * i] = seeds.source[2 * i + 1] = facility;
	});
	return seeds;
}

/** Seeds of one facility (for its catchment); empty when it did not snap. */
export function seedsForFacility(graph: WalkGraph, facilitySnap: PointSnaps, facility: number, connectorWeight: number): SourceSeeds {
	const only = new Uint8Array(facilitySnap.edge.length);
	only[facility] = 1;
	return facilitySeeds(graph, facilitySnap, only, connectorWeight);
}
