import { AccessModel, UNREACHABLE, allocateCellAccess, isCovered } from './access-model';
import { LAST_BAND_START_MINUTES, summarizeAreas, type AreaCoverage } from './bands';
import { multiSourceDijkstra, type NodeDistances } from './dijkstra';
import { groupFacilitiesByEdge } from './edge-facilities';
import type { WalkGraph } from './graph';
import { componentsWithFacility } from './graph-report';
import { metresPerMinute, validateCoverageParams, type CoverageParams } from './params';
import { buildSegmentIndex, type SegmentIndex } from './segment-index';
import { snapPoints, type PointSnaps } from './snap';
import { facilitySeeds } from './sources';
import { nearestByStraightLine } from './straight-line';
import type { Facility, PopulationCells, Subdistrict } from './types';

export { DEFAULT_COVERAGE_PARAMS, MODE_SPEEDS_KMH, TRAVEL_MODES, type CoverageParams, type TravelMode } from './params';
export { TIME_BANDS, type AreaCoverage, type TimeBand } from './bands';

export { UNREACHABLE } from './access-model';

/**
 * The expensive part that depends only on the dataset: the segment index and where every cell
 * joins the network. Compute it once; computeCoverage then reruns quickly for another mode,
 * threshold or set of facility types. A different maxSnapM needs a new one.
 */
export interface PreparedNetwork {
	graph: WalkGraph;
	cells: PopulationCells;
	segments: SegmentIndex;
	cellSnap: PointSnaps;
	/** Network component of each cell's edge; -1 when the cell did not snap. */
	cellComponent: Int32Array;
	maxSnapM: number;
}

export function prepareNetwork(graph: WalkGraph, cells: PopulationCells, maxSnapM: number): PreparedNetwork {
	const segments = buildSegmentIndex(graph);
	const cellSnap = snapPoints(graph, segments, cells.lon, cells.lat, maxSnapM);
	return { graph, cells, segments, cellSnap, cellComponent: componentOfSnaps(graph, cellSnap), maxSnapM };
}

/** Component of each snapped point's edge (-1 when not snapped). */
export function componentOfSnaps(graph: WalkGraph, snaps: PointSnaps): Int32Array {
	return Int32Array.from(snaps.edge, (edge) => (edge >= 0 ? graph.component[graph.edgeFrom[edge]] : -1));
}

export interface CoverageInput {
	graph: WalkGraph | null;
	/** Reused when it matches graph, cells and params.maxSnapM; otherwise the network is prepared here. */
	prepared?: PreparedNetwork;
	facilities: Facility[];
	cells: PopulationCells;
	/** Sub-district index per cell (assignPointsToPolygons); -1 = in none. */
	cellSubdistrict: Int32Array;
	subdistricts: Subdistrict[];
	params: CoverageParams;
}

/** The network state behind a result, kept for incremental updates (scenario: add or move a facility). */
export interface NetworkCoverageState {
	prepared: PreparedNetwork;
	facilitySnap: PointSnaps;
	/** 1 for facilities of the counted types. */
	counted: Uint8Array;
	/** Per node: network metres (connectors weighted) to the nearest counted facility, and which. */
	nodes: NodeDistances;
	/** The cost rule of this run (connector weight, speed, threshold; its maxDistance bounds the search: node and cell costs beyond it are Infinity). */
	access: AccessModel;
}

export interface CoverageResult {
	params: CoverageParams;
	/** True when computed by straight line × detour factor (no network): an approximation. */
	approximate: boolean;
	/** Per cell: minutes to the nearest counted facility; NaN = unreachable; +Infinity = beyond the search limit. */
	minutes: Float32Array;
	/** Per cell: index into the input facilities, -1 when none. */
	facilityIndex: Int32Array;
	/** Per cell: 1 when minutes ≤ threshold (inclusive, on the reported Float32 minutes). */
	covered: Uint8Array;
	/** Per cell: an UNREACHABLE reason, 0 when reachable. */
	unreachable: Uint8Array;
	bySubdistrict: AreaCoverage[];
	/** Cells in no sub-district. */
	outside: AreaCoverage;
	total: AreaCoverage;
	/** Effective search limit in minutes (≥ threshold and ≥ the last band's start); Infinity for straight line. */
	searchLimitMinutes: number;
	/** Counted facilities farther than maxSnapM from the network: they reach nobody. */
	unsnappedFacilities: number[];
	/** Null for the straight-line fallback. */
	network: NetworkCoverageState | null;
}

export function computeCoverage(input: CoverageInput): CoverageResult {
	const problem = validateCoverageParams(input.params);
	if (problem) throw new RangeError(problem);
	if (input.cellSubdistrict.length !== input.cells.lon.length) throw new RangeError('cellSubdistrict must have one entry per cell');
	const counted = countedFacilities(input.facilities, input.params);
	return input.graph ? networkCoverage(input, input.graph, counted) : straightLineCoverage(input, counted);
}

function countedFacilities(facilities: Facility[], params: CoverageParams): Uint8Array {
	const types = new Set(params.facilityTypes);
	return Uint8Array.from(facilities, (facility) => (types.has(facility.type) ? 1 : 0));
}

function networkCoverage(input: CoverageInput, graph: WalkGraph, counted: Uint8Array): CoverageResult {
	const { params, cells, facilities } = input;
	const prepared = reusablePrepared(input) ?? prepareNetwork(graph, cells, params.maxSnapM);
	const facilitySnap = snapPoints(graph, prepared.segments, Float64Array.from(facilities, (f) => f.lon), Float64Array.from(facilities, (f) => f.lat), params.maxSnapM);
	const searchLimitMinutes = Math.max(params.thresholdMinutes, params.searchLimitMinutes, LAST_BAND_START_MINUTES);
	const access = new AccessModel(prepared, params, searchLimitMinutes * metresPerMinute(params));
	const nodes = multiSourceDijkstra(graph, facilitySeeds(graph, facilitySnap, counted, access.connectorWeight), access.maxDistance);
	const edgeFacilities = groupFacilitiesByEdge(facilitySnap, counted, graph.edgeCount);
	const perCell = allocateCellAccess(cells.lon.length);
	access.writeCells({ nodes, facilitySnap, edgeFacilities, componentFacilities: componentsWithFacility(graph, facilitySnap, counted) }, perCell);
	const unsnappedFacilities = [...counted.keys()].filter((f) => counted[f] && facilitySnap.edge[f] < 0);
	const network: NetworkCoverageState = { prepared, facilitySnap, counted, nodes, access };
	return finish(input, {
		approximate: false,
		minutes: perCell.minutes,
		facilityIndex: perCell.facility,
		covered: perCell.covered,
		unreachable: perCell.unreachable,
		searchLimitMinutes,
		unsnappedFacilities,
		network
	});
}

function reusablePrepared({ prepared, graph, cells, params }: CoverageInput): PreparedNetwork | null {
	return prepared && prepared.graph === graph && prepared.cells === cells && prepared.maxSnapM === params.maxSnapM ? prepared : null;
}

/** No network: straight-line distance × detour factor ÷ speed, flagged approximate. */
function straightLineCoverage(input: CoverageInput, counted: Uint8Array): CoverageResult {
	const { params, cells, facilities } = input;
	const chosen = [...counted.keys()].filter((f) => counted[f]);
	const nearest = nearestByStraightLine(
		cells.lon,
		cells.lat,
		Float64Array.from(chosen, (f) => facilities[f].lon),
		Float64Array.from(chosen, (f) => facilities[f].lat)
	);
	const speed = metresPerMinute(params);
	const minutes = new Float32Array(cells.lon.length);
	const unreachable = new Uint8Array(cells.lon.length);
	const facilityIndex = new Int32Array(cells.lon.length).fill(-1);
	for (let cell = 0; cell < minutes.length; cell++) {
		if (nearest.facility[cell] < 0) {
			unreachable[cell] = UNREACHABLE.noFacility;
			minutes[cell] = Number.NaN;
		} else {
			minutes[cell] = (nearest.distance[cell] * params.detourFactor) / speed;
			facilityIndex[cell] = chosen[nearest.facility[cell]];
		}
	}
	const covered = new Uint8Array(minutes.length);
	for (let cell = 0; cell < covered.length; cell++) covered[cell] = isCovered(minutes[cell], params.thresholdMinutes) ? 1 : 0;
	return finish(input, { approximate: true, minutes, facilityIndex, covered, unreachable, searchLimitMinutes: Infinity, unsnappedFacilities: [], network: null });
}

type CellFigures = Pick<CoverageResult, 'approximate' | 'minutes' | 'facilityIndex' | 'covered' | 'unreachable' | 'searchLimitMinutes' | 'unsnappedFacilities' | 'network'>;

function finish(input: CoverageInput, figures: CellFigures): CoverageResult {
	const areas = summarizeAreas(
		{ pop: input.cells.pop, minutes: figures.minutes, covered: figures.covered, unreachable: figures.unreachable, cellSubdistrict: input.cellSubdistrict },
		input.subdistricts
	);
	return { params: { ...input.params, facilityTypes: [...input.params.facilityTypes] }, ...figures, ...areas };
}
