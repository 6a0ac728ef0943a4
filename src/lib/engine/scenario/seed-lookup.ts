/**
 * Which facilities seed a node: a facility seeds both end nodes of the edge it snapped to, so the
 * facilities seeding node n are those on n's incident edges. EdgeFacilities (rebuilt per edit, it
 * is small) plus the CSR adjacency is therefore the node → seeding facilities index.
 */
import { seedDistanceAtFrom, seedDistanceAtTo } from '../access-model';
import { firstEntry, type EdgeFacilities } from '../edge-facilities';
import type { WalkGraph } from '../graph';
import type { PointSnaps } from '../snap';

export class SeedLookup {
	constructor(
		private readonly graph: WalkGraph,
		private readonly facilitySnap: PointSnaps,
		private readonly edgeFacilities: EdgeFacilities,
		private readonly connectorWeight: number
	) {}

	/** Calls visit(cost, facility) for every seed of an included facility at `node`. */
	forEachSeedAt(node: number, visit: (cost: number, facility: number) => void): void {
		const { graph, edgeFacilities } = this;
		for (let arc = graph.offsets[node], end = graph.offsets[node + 1]; arc < end; arc++) {
			const edge = graph.arcEdge[arc];
			if (!edgeFacilities.hasFacility[edge]) continue;
			for (let i = firstEntry(edgeFacilities.edges, edge); i < edgeFacilities.edges.length && edgeFacilities.edges[i] === edge; i++) {
				const facility = edgeFacilities.facilities[i];
				if (graph.edgeFrom[edge] === node) visit(seedDistanceAtFrom(this.facilitySnap, facility, this.connectorWeight), facility);
				if (graph.edgeTo[edge] === node) visit(seedDistanceAtTo(graph, this.facilitySnap, facility, this.connectorWeight), facility);
			}
		}
	}

	/** The seed of `facility` at `node`, or Infinity when the facility does not seed it. */
	seedOf(facility: number, node: number): number {
		const edge = this.facilitySnap.edge[facility];
		if (edge < 0) return Infinity;
		let best = Infinity;
		if (this.graph.edgeFrom[edge] === node) best = seedDistanceAtFrom(this.facilitySnap, facility, this.connectorWeight);
		if (this.graph.edgeTo[edge] === node) best = Math.min(best, seedDistanceAtTo(this.graph, this.facilitySnap, facility, this.connectorWeight));
		return best;
	}
}
