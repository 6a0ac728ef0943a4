import type { WalkGraph } from './graph';
import type { PointSnaps } from './snap';

/** What the network looks like, for the status bar, the CLI and the report's appendix. */
export interface GraphReport {
	nodes: number;
	/** Undirected edges (street pieces between nodes). */
	edges: number;
	/** Arcs in the adjacency (each street walkable both ways). */
	directedEdges: number;
	streetKm: number;
	components: number;
	largestComponentNodes: number;
	/** Residents of cells snapped into components that hold no counted facility; null without context. */
	populationInComponentsWithoutFacility: number | null;
	/** Residents of cells farther than the maximum snap distance from any edge; null without context. */
	populationBeyondSnap: number | null;
}

export interface GraphReportContext {
	cellSnap: PointSnaps;
	cellPopulation: Float64Array;
	facilitySnap: PointSnaps;
	/** Which facilities count (1) — e.g. the chosen types; null counts all. */
	facilityIncluded: Uint8Array | null;
}

export function describeGraph(graph: WalkGraph, context?: GraphReportContext): GraphReport {
	let streetMetres = 0;
	for (let edge = 0; edge < graph.edgeCount; edge++) streetMetres += graph.edgeLength[edge];
	const componentSizes = new Int32Array(graph.componentCount);
	for (let node = 0; node < graph.nodeCount; node++) componentSizes[graph.component[node]]++;
	const report: GraphReport = {
		nodes: graph.nodeCount,
		edges: graph.edgeCount,
		directedEdges: graph.targets.length,
		streetKm: streetMetres / 1000,
		components: graph.componentCount,
		largestComponentNodes: componentSizes.reduce((largest, size) => Math.max(largest, size), 0),
		populationInComponentsWithoutFacility: null,
		populationBeyondSnap: null
	};
	if (context) Object.assign(report, populationByReach(graph, context));
	return report;
}

function populationByReach(graph: WalkGraph, context: GraphReportContext): Pick<GraphReport, 'populationInComponentsWithoutFacility' | 'populationBeyondSnap'> {
	const { cellSnap, cellPopulation, facilitySnap, facilityIncluded } = context;
	const componentHasFacility = componentsWithFacility(graph, facilitySnap, facilityIncluded);
	let withoutFacility = 0;
	let beyondSnap = 0;
	for (let cell = 0; cell < cellSnap.edge.length; cell++) {
		const edge = cellSnap.edge[cell];
		if (edge < 0) beyondSnap += cellPopulation[cell];
		else if (!componentHasFacility[graph.component[graph.edgeFrom[edge]]]) withoutFacility += cellPopulation[cell];
	}
	return { populationInComponentsWithoutFacility: withoutFacility, populationBeyondSnap: beyondSnap };
}

/** 1 for each component holding at least one snapped, counted facility. */
export function componentsWithFacility(graph: WalkGraph, facilitySnap: PointSnaps, included: Uint8Array | null): Uint8Array {
	const has = new Uint8Array(graph.componentCount);
	for (let facility = 0; facility < facilitySnap.edge.length; facility++) {
		const edge = facilitySnap.edge[facility];
		if (edge >= 0 && (included === null || included[facility])) has[graph.component[graph.edgeFrom[edge]]] = 1;
	}
	return has;
}
