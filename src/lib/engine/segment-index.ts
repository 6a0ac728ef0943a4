import Flatbush from 'flatbush';
import { METRES_PER_DEGREE_LAT, metresPerDegreeLon } from './geo';
import type { WalkGraph } from './graph';
import { allocateTogether } from './typed-arena';

/**
 * Every straight segment of every edge polyline, bucketed in a uniform lon/lat grid by the centre of
 * its bounding box, with its end coordinates copied next to it (a query reads its cells' segments
 * sequentially). Built by counting sort in linear passes: no tree, no sort. A query box widened by
 * `margin` (the largest half-size of a gridded box) meets the centre cell of every gridded segment
 * whose box meets the query box. A segment whose box is larger than LARGE_CELLS cells (a long
 * diagonal road, a ferry line) goes to a small flatbush instead, so one long segment cannot widen
 * every query. Queries (snap.ts) see every segment whose box meets the box, and some more; callers
 * decide by exact distance.
 */
export interface SegmentIndex {
	/** Null when the graph has no segment at all. */
	grid: SegmentGrid | null;
	/** Per segment: the edge it belongs to. */
	segmentEdge: Int32Array;
	/** Per segment: index of its first vertex in the graph's vertex arrays (the second is the next one). */
	segmentVertex: Int32Array;
}

export interface SegmentGrid {
	west: number;
	south: number;
	columns: number;
	rows: number;
	/** Grid columns per degree of longitude and rows per degree of latitude (0 when the extent has no width or height). */
	columnsPerDegree: number;
	rowsPerDegree: number;
	/** Degrees to widen a query box by, east–west and north–south, so it reaches the centre cells of the segments it meets. */
	marginLon: number;
	marginLat: number;
	/** Cell c = row × columns + column holds entries cellStart[c] … cellStart[c + 1] − 1 (segments ascending). */
	cellStart: Int32Array;
	/** Per entry: the segment. */
	cellSegments: Int32Array;
	/** Per entry: lonA, latA, lonB, latB of its segment. */
	cellCoords: Float64Array;
	/** Segments with large boxes; flatbush item k is segment largeSegments[k]. Null when none. */
	large: Flatbush | null;
	largeSegments: Int32Array;
}

/** A segment whose box is wider or higher than this many cells is kept out of the grid. */
const LARGE_CELLS = 4;
/** Each axis has at most this many cells; cells are about the size of the mean segment box, and at least CELLS_PER_SEGMENT × segments share the extent. */
const MAX_CELLS_PER_AXIS = 1 << 14;
const CELLS_PER_SEGMENT = 2;
/** Margins are widened by this factor and padding, far above the rounding of a box centre (about 1e-14 degrees). */
const MARGIN_FACTOR = 1 + 1e-9;
const MARGIN_PADDING_DEGREES = 1e-9;

export function buildSegmentIndex(graph: WalkGraph): SegmentIndex {
	const segmentCount = graph.vertexLon.length - graph.edgeCount;
	const { edgeVertexStart, vertexLon: lon, vertexLat: lat } = graph;
	if (segmentCount === 0) return { grid: null, segmentEdge: new Int32Array(0), segmentVertex: new Int32Array(0) };
	const shape = gridShapeOf(graph, segmentCount);
	const cellCount = shape.columns * shape.rows;
	// One allocation (typed-arena.ts says why); entries ≤ segments, the tail stays unused when some are large.
	const arena = allocateTogether({
		segmentEdge: [Int32Array, segmentCount],
		segmentVertex: [Int32Array, segmentCount],
		cellStart: [Int32Array, cellCount + 1],
		cellSegments: [Int32Array, segmentCount],
		cellCoords: [Float64Array, 4 * segmentCount]
	});
	const { segmentEdge, segmentVertex, cellStart } = arena;
	// Pass 1: segments numbered along the edges; each one counted in its box centre's cell.
	let segment = 0;
	let largeCount = 0;
	let maxWidth = 0;
	let maxHeight = 0;
	for (let edge = 0; edge < graph.edgeCount; edge++) {
		const end = edgeVertexStart[edge + 1] - 1;
		for (let vertex = edgeVertexStart[edge]; vertex < end; vertex++) {
			segmentEdge[segment] = edge;
			segmentVertex[segment++] = vertex;
			const cell = centreCell(lon, lat, vertex, shape);
			if (cell === LARGE) largeCount++;
			if (cell < 0) continue;
			cellStart[cell + 1]++;
			const width = Math.abs(lon[vertex + 1] - lon[vertex]);
			const height = Math.abs(lat[vertex + 1] - lat[vertex]);
			if (width > maxWidth) maxWidth = width;
			if (height > maxHeight) maxHeight = height;
		}
	}
	for (let cell = 0; cell < cellCount; cell++) cellStart[cell + 1] += cellStart[cell];
	const entries = cellStart[cellCount];
	const cellSegments = arena.cellSegments.subarray(0, entries);
	const cellCoords = arena.cellCoords.subarray(0, 4 * entries);
	const largeSegments = new Int32Array(largeCount);
	const large = largeCount > 0 ? new Flatbush(largeCount) : null;
	// Pass 2, segments in reverse: each goes to the end of its cell's free part, so a cell's segments
	// come out ascending and cellStart[c + 1] ends at the start of cell c (shifted back below).
	for (let segment = segmentCount - 1; segment >= 0; segment--) {
		const vertex = segmentVertex[segment];
		const cell = centreCell(lon, lat, vertex, shape);
		if (cell === NOT_FINITE) continue;
		const lonA = lon[vertex];
		const lonB = lon[vertex + 1];
		const latA = lat[vertex];
		const latB = lat[vertex + 1];
		if (cell === LARGE) {
			largeSegments[--largeCount] = segment;
			continue;
		}
		const entry = --cellStart[cell + 1];
		cellSegments[entry] = segment;
		cellCoords[4 * entry] = lonA;
		cellCoords[4 * entry + 1] = latA;
		cellCoords[4 * entry + 2] = lonB;
		cellCoords[4 * entry + 3] = latB;
	}
	cellStart.copyWithin(0, 1);
	cellStart[cellCount] = entries;
	if (large) {
		for (const segment of largeSegments) {
			const vertex = segmentVertex[segment];
			large.add(Math.min(lon[vertex], lon[vertex + 1]), Math.min(lat[vertex], lat[vertex + 1]), Math.max(lon[vertex], lon[vertex + 1]), Math.max(lat[vertex], lat[vertex + 1]));
		}
		large.finish();
	}
	// Half the widest and highest gridded box: a query box widened by them meets every centre it must.
	const marginLon = (maxWidth / 2) * MARGIN_FACTOR + MARGIN_PADDING_DEGREES;
	const marginLat = (maxHeight / 2) * MARGIN_FACTOR + MARGIN_PADDING_DEGREES;
	return { grid: { ...shape, marginLon, marginLat, cellStart, cellSegments, cellCoords, large, largeSegments }, segmentEdge, segmentVertex };
}

/** Column (or row) of a coordinate: monotone in the coordinate, so box overlap is never missed. */
export function gridColumn(value: number, origin: number, perDegree: number, count: number): number {
	const index = Math.floor((value - origin) * perDegree);
	return index < 0 ? 0 : index >= count ? count - 1 : index;
}

type GridShape = Pick<SegmentGrid, 'west' | 'south' | 'columns' | 'rows' | 'columnsPerDegree' | 'rowsPerDegree'>;

/** centreCell for a segment whose box is wider or higher than LARGE_CELLS cells, and for non-finite coordinates. */
const LARGE = -1;
const NOT_FINITE = -2;

/** The cell of the centre of the box of the segment starting at `vertex`; or LARGE, or NOT_FINITE. */
function centreCell(lon: Float64Array, lat: Float64Array, vertex: number, shape: GridShape): number {
	const lonA = lon[vertex];
	const lonB = lon[vertex + 1];
	const latA = lat[vertex];
	const latB = lat[vertex + 1];
	const width = lonA < lonB ? lonB - lonA : lonA - lonB;
	const height = latA < latB ? latB - latA : latA - latB;
	// NaN or infinite coordinates fail here: such a segment is at no finite distance from anything.
	if (!(width + height < Infinity)) return NOT_FINITE;
	if (width * shape.columnsPerDegree > LARGE_CELLS || height * shape.rowsPerDegree > LARGE_CELLS) return LARGE;
	return gridColumn((lonA + lonB) / 2, shape.west, shape.columnsPerDegree, shape.columns) + shape.columns * gridColumn((latA + latB) / 2, shape.south, shape.rowsPerDegree, shape.rows);
}

/** Nodes sampled for the grid's extent; the extent is the central 99 % of them on each axis. */
const EXTENT_SAMPLE = 4096;
const EXTENT_TRIM = 0.005;

/**
 * The grid over the extent of most nodes, with cells about the mean segment length (edge lengths ÷
 * segments). Any extent gives correct queries (cells are clamped: what lies outside falls in the
 * border cells); trimming keeps a few stray far-away streets from making every cell huge.
 */
function gridShapeOf(graph: WalkGraph, segmentCount: number): GridShape {
	const { nodeLon, nodeLat, edgeLength } = graph;
	const stride = Math.max(1, Math.floor(graph.nodeCount / EXTENT_SAMPLE));
	const lons: number[] = [];
	const lats: number[] = [];
	for (let node = 0; node < graph.nodeCount; node += stride) {
		if (!(Math.abs(nodeLon[node]) + Math.abs(nodeLat[node]) < Infinity)) continue;
		lons.push(nodeLon[node]);
		lats.push(nodeLat[node]);
	}
	let totalLength = 0;
	for (let edge = 0; edge < edgeLength.length; edge++) totalLength += edgeLength[edge];
	if (lons.length === 0 || !(totalLength < Infinity)) return shapeOver(0, 0, 0, 0, 0, segmentCount);
	lons.sort((a, b) => a - b);
	lats.sort((a, b) => a - b);
	const low = lons.length >= 200 ? Math.floor(EXTENT_TRIM * lons.length) : 0;
	const high = lons.length - 1 - low;
	return shapeOver(lons[low], lons[high], lats[low], lats[high], totalLength / segmentCount, segmentCount);
}

function shapeOver(west: number, east: number, south: number, north: number, meanSegmentM: number, segmentCount: number): GridShape {
	const [columns, rows] = gridSize(west, east, south, north, meanSegmentM, segmentCount);
	const columnsPerDegree = east > west ? columns / (east - west) : 0;
	const rowsPerDegree = north > south ? rows / (north - south) : 0;
	return { west, south, columns, rows, columnsPerDegree, rowsPerDegree };
}

/**
 * Square cells (in metres) about as long as the mean segment, and never smaller than the extent
 * shared out at CELLS_PER_SEGMENT cells per segment, nor more than MAX_CELLS_PER_AXIS a side.
 */
function gridSize(west: number, east: number, south: number, north: number, meanSegmentM: number, segments: number): [number, number] {
	const metresPerLon = metresPerDegreeLon((south + north) / 2);
	const widthM = (east - west) * metresPerLon;
	const heightM = (north - south) * METRES_PER_DEGREE_LAT;
	let side = Math.max(meanSegmentM, Math.sqrt((widthM * heightM) / (CELLS_PER_SEGMENT * segments)), Math.max(widthM, heightM) / MAX_CELLS_PER_AXIS);
	if (!(side > 0)) side = Math.max(widthM, heightM, 1);
	const columns = Math.max(1, Math.min(MAX_CELLS_PER_AXIS, Math.ceil(widthM / side)));
	const rows = Math.max(1, Math.min(MAX_CELLS_PER_AXIS, Math.ceil(heightM / side)));
	return [columns, rows];
}
