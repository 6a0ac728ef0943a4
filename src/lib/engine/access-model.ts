/**
 * The access model: the one rule that turns a resident's cell and a field of network costs into
 * network metres, minutes and "covered or not". Baseline coverage, incremental scenarios, siting
 * catchments and the E2SFCA travel matrix all score cells here, so their figures agree bit for bit
 * by construction rather than by keeping copies of the same float expressions in step.
 *
 * A cell's cost is min(d(from) + along, d(to) + (edge length − along), same-edge cost) + its
 * connector × connectorWeight, where d is a node field (a multi-source search, or one source's
 * bounded search) and the same-edge cost is the walk straight along the cell's own edge to a
 * facility standing on it (which the node field cannot express). Costs above maxDistance become
 * Infinity (past the search bound the node field is not exact). Minutes are cost ÷ metres per
 * minute; coverage reports them as Float32 and decides "covered" on that reported value, so a cell
 * shown at exactly the threshold is covered.
 */
import type { NodeDistances } from './dijkstra';
import { firstEntry, type EdgeFacilities } from './edge-facilities';
import type { WalkGraph } from './graph';
import { connectorWeight, metresPerMinute, type CoverageParams } from './params';
import type { PointSnaps } from './snap';

/** Why a cell is unreachable (values of CoverageResult.unreachable); 0 = reachable. */
export const UNREACHABLE = Object.freeze({
	no: 0,
	/** Farther than the maximum snap distance from every edge. */
	beyondSnap: 1,
	/** Its network component holds no counted facility (or no counted facility exists at all). */
	noFacility: 2
});

/** What the rule reads of a dataset's network: the graph and where every cell joins it (PreparedNetwork is one). */
export interface CellNetwork {
	graph: WalkGraph;
	cellSnap: PointSnaps;
	/** Network component of each cell's edge; -1 when the cell did not snap. */
	cellComponent: Int32Array;
}

/** The facilities' side of a multi-source scoring: their node field, their snaps and which components they seed. */
export interface FacilityField {
	/** Per node: cost to the nearest facility and which one (multiSourceDijkstra, or the scenario's repaired field). */
	nodes: NodeDistances;
	facilitySnap: PointSnaps;
	/** The seeding facilities grouped by edge (the same-edge shortcut). */
	edgeFacilities: EdgeFacilities;
	/** Per network component: non-zero when at least one counted facility seeds it. */
	componentFacilities: ArrayLike<number>;
}

/** Per cell: what coverage reports (CoverageResult's minutes, facilityIndex, covered and unreachable). */
export interface CellAccess {
	/** NaN = unreachable; +Infinity = beyond the search bound. */
	minutes: Float32Array;
	/** The nearest facility (an index into the facility snaps), -1 when none. */
	facility: Int32Array;
	covered: Uint8Array;
	unreachable: Uint8Array;
}

export function allocateCellAccess(cellCount: number): CellAccess {
	return { minutes: new Float32Array(cellCount), facility: new Int32Array(cellCount).fill(-1), covered: new Uint8Array(cellCount), unreachable: new Uint8Array(cellCount) };
}

/** The covered rule on reported (Float32) minutes: inclusive, and NaN (unreachable) is never covered. Also the straight-line fallback's. */
export function isCovered(reportedMinutes: number, thresholdMinutes: number): boolean {
	return reportedMinutes <= thresholdMinutes;
}

/**
 * The facility's side of the rule: the cost at which a snapped facility (or candidate site) enters
 * the network at its edge's edgeFrom node, its connector walked. Every search seeds with these, and
 * the incremental scenario engine re-seeds single nodes with them.
 */
export function seedDistanceAtFrom(facilitySnap: PointSnaps, facility: number, connectorWeight: number): number {
	return facilitySnap.connector[facility] * connectorWeight + facilitySnap.along[facility];
}

/** Seed cost of a snapped facility at its edge's edgeTo node (see seedDistanceAtFrom). */
export function seedDistanceAtTo(graph: WalkGraph, facilitySnap: PointSnaps, facility: number, connectorWeight: number): number {
	return facilitySnap.connector[facility] * connectorWeight + graph.edgeLength[facilitySnap.edge[facility]] - facilitySnap.along[facility];
}

/** Which term of the minimum won in the last cost (multi-source scoring takes the facility from it). */
const FROM_END = 0;
const TO_END = 1;
const SAME_EDGE = 2;

export class AccessModel {
	readonly graph: WalkGraph;
	readonly cellSnap: PointSnaps;
	readonly cellComponent: Int32Array;
	/** Network metres per metre of connector (see params.connectorWeight). */
	readonly connectorWeight: number;
	readonly metresPerMinute: number;
	readonly thresholdMinutes: number;
	/** Costs above this are Infinity (Infinity: no bound). */
	readonly maxDistance: number;
	/** The term that won in the last cellCost; read at once by writeCells, never kept. */
	private lastWay = FROM_END;

	constructor(network: CellNetwork, params: Pick<CoverageParams, 'mode' | 'speedKmh' | 'thresholdMinutes'>, maxDistance: number) {
		this.graph = network.graph;
		this.cellSnap = network.cellSnap;
		this.cellComponent = network.cellComponent;
		this.connectorWeight = connectorWeight(params);
		this.metresPerMinute = metresPerMinute(params);
		this.thresholdMinutes = params.thresholdMinutes;
		this.maxDistance = maxDistance;
	}

	/**
	 * Network metres from `cell` through the node field `nodeDistance` (Infinity where a node is not
	 * reached), or along its own edge at `sameEdgeCost` (Infinity when no facility stands on it; see
	 * sameEdgeCost), its connector included. Infinity when the cell did not snap or the cost passes maxDistance.
	 */
	cellCost(cell: number, nodeDistance: Float64Array, sameEdgeCost: number): number {
		const { graph, cellSnap } = this;
		const edge = cellSnap.edge[cell];
		if (edge < 0) return Infinity;
		const along = cellSnap.along[cell];
		let best = nodeDistance[graph.edgeFrom[edge]] + along;
		let way = FROM_END;
		const viaTo = nodeDistance[graph.edgeTo[edge]] + graph.edgeLength[edge] - along;
		if (viaTo < best) {
			best = viaTo;
			way = TO_END;
		}
		if (sameEdgeCost < best) {
			best = sameEdgeCost;
			way = SAME_EDGE;
		}
		this.lastWay = way;
		best += cellSnap.connector[cell] * this.connectorWeight;
		return best > this.maxDistance ? Infinity : best;
	}

	/** The walk along the cell's edge to a point snapped to the same edge (`snaps[point]`), the point's connector included. */
	sameEdgeCost(cell: number, snaps: PointSnaps, point: number): number {
		return Math.abs(snaps.along[point] - this.cellSnap.along[cell]) + snaps.connector[point] * this.connectorWeight;
	}

	/** Minutes of a cost, unrounded (the E2SFCA matrix); coverage stores them as Float32 (reportedMinutes). */
	minutes(cost: number): number {
		return cost / this.metresPerMinute;
	}

	/** Minutes as coverage reports them: rounded to Float32, as a Float32Array stores them. */
	reportedMinutes(cost: number): number {
		return Math.fround(cost / this.metresPerMinute);
	}

	/** Whether a cost covers its cell: its reported minutes within the threshold. */
	covers(cost: number): boolean {
		return isCovered(this.reportedMinutes(cost), this.thresholdMinutes);
	}

	/**
	 * Scores cells against many facilities at once: per cell its nearest facility, minutes, covered
	 * and why it is unreachable, written into `out` for the cells listed (or all), so a scenario
	 * edit can rescore only the cells it touches.
	 */
	writeCells(field: FacilityField, out: CellAccess, cells?: Int32Array): void {
		if (cells) for (let i = 0; i < cells.length; i++) this.writeCell(field, out, cells[i]);
		else for (let cell = 0; cell < this.cellSnap.edge.length; cell++) this.writeCell(field, out, cell);
	}

	private writeCell(field: FacilityField, out: CellAccess, cell: number): void {
		const edge = this.cellSnap.edge[cell];
		let cost = Infinity;
		let facility = -1;
		if (edge >= 0) {
			// The nearest facility standing on the cell's own edge (the first of equals, as grouped).
			let sameEdge = Infinity;
			let sameEdgeFacility = -1;
			const { edges, facilities, hasFacility } = field.edgeFacilities;
			if (hasFacility[edge]) {
				for (let i = firstEntry(edges, edge); i < edges.length && edges[i] === edge; i++) {
					const candidate = this.sameEdgeCost(cell, field.facilitySnap, facilities[i]);
					if (candidate < sameEdge) {
						sameEdge = candidate;
						sameEdgeFacility = facilities[i];
					}
				}
			}
			cost = this.cellCost(cell, field.nodes.distance, sameEdge);
			const way = this.lastWay;
			facility = way === FROM_END ? field.nodes.source[this.graph.edgeFrom[edge]] : way === TO_END ? field.nodes.source[this.graph.edgeTo[edge]] : sameEdgeFacility;
			// Past the bound (cellCost gave Infinity) or reached by no facility: neither a cost nor a facility.
			if (cost > this.maxDistance || facility < 0) {
				cost = Infinity;
				facility = -1;
			}
		}
		const component = this.cellComponent[cell];
		const unreachable = component < 0 ? UNREACHABLE.beyondSnap : field.componentFacilities[component] === 0 ? UNREACHABLE.noFacility : UNREACHABLE.no;
		const minutes = unreachable === UNREACHABLE.no ? this.reportedMinutes(cost) : Number.NaN;
		out.minutes[cell] = minutes;
		out.facility[cell] = facility;
		out.covered[cell] = isCovered(minutes, this.thresholdMinutes) ? 1 : 0;
		out.unreachable[cell] = unreachable;
	}
}
