import { labelComponents } from './components';
import { CoordinateHash } from './coordinate-hash';
import { allocateTogether } from './typed-arena';
import { cosLatitude, haversineWithCosines } from './geo';
import type { NetworkLine } from './types';

/**
 * A walking network as typed arrays. Nodes are junctions and dead ends; shape points only give
 * edges their length and geometry. Every street is walkable both ways, so each undirected edge
 * appears as two arcs in the compressed sparse row (CSR) adjacency.
 */
export interface WalkGraph {
	nodeCount: number;
	/** Undirected edges (one per street piece between two nodes). */
	edgeCount: number;
	nodeLon: Float64Array;
	nodeLat: Float64Array;
	/** CSR: the arcs leaving node n are offsets[n] .. offsets[n + 1] - 1. Length nodeCount + 1. */
	offsets: Int32Array;
	/** CSR: head node of each arc. Length 2 × edgeCount. */
	targets: Int32Array;
	/** CSR: length in metres of each arc. */
	lengths: Float64Array;
	/** CSR: the undirected edge each arc belongs to. */
	arcEdge: Int32Array;
	edgeFrom: Int32Array;
	edgeTo: Int32Array;
	/** Metres along the polyline. */
	edgeLength: Float64Array;
	/** Edge e's polyline is vertices edgeVertexStart[e] .. edgeVertexStart[e + 1] - 1, from edgeFrom to edgeTo. */
	edgeVertexStart: Int32Array;
	vertexLon: Float64Array;
	vertexLat: Float64Array;
	/** Metres from the start of the vertex's edge to the vertex. */
	vertexDistance: Float64Array;
	/** Connected component per node, 0..componentCount-1. */
	component: Int32Array;
	componentCount: number;
}

/**
 * Street polylines as flat arrays, the form the network crosses worker boundaries in (io's PackedLines
 * has this shape): building from them needs no per-point objects.
 */
export interface LineCoordinates {
	/** lon, lat of every point, line after line. */
	coords: Float64Array;
	/** Line i has points offsets[i] … offsets[i + 1] − 1; one entry more than there are lines. */
	offsets: Uint32Array;
}

/**
 * Builds the walking graph: vertices shared by lines (identical coordinates) become junctions.
 * Two allocations in all: the scratch arrays in one buffer, the graph's arrays in another
 * (typed-arena.ts says why).
 */
export function buildWalkGraph(lines: readonly NetworkLine[] | LineCoordinates): WalkGraph {
	const packed = 'coords' in lines ? lines : null;
	const lineCount = packed ? packed.offsets.length - 1 : (lines as readonly NetworkLine[]).length;
	let vertexTotal = 0;
	if (packed) vertexTotal = lineCount > 0 ? packed.offsets[lineCount] - packed.offsets[0] : 0;
	else for (const line of lines as readonly NetworkLine[]) vertexTotal += line.coords.length;
	const scratch = allocateTogether({
		coords: [Float64Array, packed ? 0 : 2 * vertexTotal],
		offsets: [Uint32Array, packed ? 0 : lineCount + 1],
		hashSlots: [Int32Array, CoordinateHash.slotCount(vertexTotal)],
		points: [Float64Array, 2 * vertexTotal],
		vertexPoint: [Int32Array, vertexTotal],
		lineStart: [Int32Array, lineCount + 1],
		occurrences: [Uint8Array, vertexTotal],
		nodeOfPoint: [Int32Array, vertexTotal],
		nodePoint: [Int32Array, vertexTotal],
		nodeScratch: [Int32Array, vertexTotal]
	});
	const flat = packed ?? flattenLines(lines as readonly NetworkLine[], scratch.coords, scratch.offsets);
	const points = indexPoints(flat, new CoordinateHash(scratch.hashSlots, scratch.points), scratch.vertexPoint, scratch.lineStart);
	const nodeCount = choosePointNodes(points, scratch.occurrences, scratch.nodeOfPoint, scratch.nodePoint);
	const nodeOfPoint = scratch.nodeOfPoint.subarray(0, points.hash.size);
	const { edgeCount, vertexCount } = countEdges(points, nodeOfPoint);
	const graph = allocateTogether({
		nodeLon: [Float64Array, nodeCount],
		nodeLat: [Float64Array, nodeCount],
		offsets: [Int32Array, nodeCount + 1],
		targets: [Int32Array, 2 * edgeCount],
		lengths: [Float64Array, 2 * edgeCount],
		arcEdge: [Int32Array, 2 * edgeCount],
		edgeFrom: [Int32Array, edgeCount],
		edgeTo: [Int32Array, edgeCount],
		edgeLength: [Float64Array, edgeCount],
		edgeVertexStart: [Int32Array, edgeCount + 1],
		vertexLon: [Float64Array, vertexCount],
		vertexLat: [Float64Array, vertexCount],
		vertexDistance: [Float64Array, vertexCount],
		component: [Int32Array, nodeCount]
	});
	const pointCoords = points.hash.points;
	for (let node = 0; node < nodeCount; node++) {
		const point = scratch.nodePoint[node];
		graph.nodeLon[node] = pointCoords[2 * point];
		graph.nodeLat[node] = pointCoords[2 * point + 1];
	}
	splitIntoEdges(points, nodeOfPoint, graph);
	buildAdjacency(nodeCount, graph, scratch.nodeScratch);
	const { count } = labelComponents(nodeCount, graph.edgeFrom, graph.edgeTo, scratch.nodeScratch, graph.component);
	return { nodeCount, edgeCount, ...graph, componentCount: count };
}

function flattenLines(lines: readonly NetworkLine[], coords: Float64Array, offsets: Uint32Array): LineCoordinates {
	let point = 0;
	for (let line = 0; line < lines.length; line++) {
		const lineCoords = lines[line].coords;
		for (let k = 0; k < lineCoords.length; k++) {
			const position = lineCoords[k];
			coords[2 * point] = position[0];
			coords[2 * point + 1] = position[1];
			point++;
		}
		offsets[line + 1] = point;
	}
	return { coords, offsets };
}

interface IndexedPoints {
	hash: CoordinateHash;
	/** Point id of every vertex of every line, lines concatenated; consecutive duplicates removed. */
	vertexPoint: Int32Array;
	/** Start of each line in vertexPoint (length lines + 1); lines with fewer than 2 distinct vertices are empty. */
	lineStart: Int32Array;
}

function indexPoints({ coords, offsets }: LineCoordinates, hash: CoordinateHash, vertexPoint: Int32Array, lineStart: Int32Array): IndexedPoints {
	const lineCount = offsets.length - 1;
	let written = 0;
	for (let line = 0; line < lineCount; line++) {
		const start = written;
		const end = offsets[line + 1];
		for (let input = offsets[line]; input < end; input++) {
			const point = hash.idOf(coords[2 * input], coords[2 * input + 1]);
			// A repeated vertex adds no length; dropping it keeps it from looking like a junction.
			if (written > start && vertexPoint[written - 1] === point) continue;
			vertexPoint[written++] = point;
		}
		if (written - start < 2) written = start;
		lineStart[line + 1] = written;
	}
	return { hash, vertexPoint: vertexPoint.subarray(0, written), lineStart };
}

/**
 * A point is a node when it ends a line or occurs more than once (shared by lines, or a line crossing
 * itself). Nodes are numbered in point order. Fills nodeOfPoint (−1 for shape points) and nodePoint; returns the node count.
 */
function choosePointNodes({ hash, vertexPoint, lineStart }: IndexedPoints, occurrences: Uint8Array, nodeOfPoint: Int32Array, nodePoint: Int32Array): number {
	for (let line = 0; line + 1 < lineStart.length; line++) {
		const start = lineStart[line];
		const end = lineStart[line + 1];
		if (end === start) continue;
		// A line end counts as two occurrences: it is a node whatever else meets it.
		occurrences[vertexPoint[start]] = 2;
		occurrences[vertexPoint[end - 1]] = 2;
		for (let vertex = start + 1; vertex < end - 1; vertex++) {
			const point = vertexPoint[vertex];
			if (occurrences[point] < 2) occurrences[point]++;
		}
	}
	let nextNode = 0;
	for (let point = 0; point < hash.size; point++) {
		if (occurrences[point] > 1) {
			nodePoint[nextNode] = point;
			nodeOfPoint[point] = nextNode++;
		} else nodeOfPoint[point] = -1;
	}
	return nextNode;
}

/** Edges (line pieces between nodes) and polyline vertices (a node between two pieces is written for both). */
function countEdges({ vertexPoint, lineStart }: IndexedPoints, nodeOfPoint: Int32Array): { edgeCount: number; vertexCount: number } {
	let edgeCount = 0;
	let nonEmptyLines = 0;
	for (let line = 0; line + 1 < lineStart.length; line++) {
		if (lineStart[line + 1] > lineStart[line]) nonEmptyLines++;
		for (let vertex = lineStart[line] + 1; vertex < lineStart[line + 1]; vertex++) if (nodeOfPoint[vertexPoint[vertex]] >= 0) edgeCount++;
	}
	return { edgeCount, vertexCount: vertexPoint.length - nonEmptyLines + edgeCount };
}

type EdgeArrays = Pick<WalkGraph, 'edgeFrom' | 'edgeTo' | 'edgeLength' | 'edgeVertexStart' | 'vertexLon' | 'vertexLat' | 'vertexDistance'>;

/** Cuts every line at its nodes; each piece is an edge whose polyline keeps its shape points. Fills the arrays countEdges sized. */
function splitIntoEdges(points: IndexedPoints, nodeOfPoint: Int32Array, out: EdgeArrays): void {
	const { vertexPoint, lineStart } = points;
	const { edgeFrom, edgeTo, edgeLength, edgeVertexStart, vertexLon, vertexLat, vertexDistance } = out;
	const pointCoords = points.hash.points;
	const lineCount = lineStart.length - 1;
	let edge = 0;
	let vertexOut = 0;
	for (let line = 0; line < lineCount; line++) {
		const start = lineStart[line];
		const end = lineStart[line + 1];
		if (end === start) continue;
		let previousLon = pointCoords[2 * vertexPoint[start]];
		let previousLat = pointCoords[2 * vertexPoint[start] + 1];
		let previousCos = cosLatitude(previousLat);
		let distance = 0;
		edgeFrom[edge] = nodeOfPoint[vertexPoint[start]];
		edgeVertexStart[edge] = vertexOut;
		vertexLon[vertexOut] = previousLon;
		vertexLat[vertexOut] = previousLat;
		vertexDistance[vertexOut++] = 0;
		for (let vertex = start + 1; vertex < end; vertex++) {
			const point = vertexPoint[vertex];
			const lon = pointCoords[2 * point];
			const lat = pointCoords[2 * point + 1];
			const cos = cosLatitude(lat);
			distance += haversineWithCosines(previousLon, previousLat, previousCos, lon, lat, cos);
			previousLon = lon;
			previousLat = lat;
			previousCos = cos;
			vertexLon[vertexOut] = lon;
			vertexLat[vertexOut] = lat;
			vertexDistance[vertexOut++] = distance;
			const node = nodeOfPoint[point];
			if (node < 0) continue;
			edgeTo[edge] = node;
			edgeLength[edge++] = distance;
			if (vertex === end - 1) break;
			// The node closes this edge and opens the next: write it again as the next edge's first vertex.
			distance = 0;
			edgeFrom[edge] = node;
			edgeVertexStart[edge] = vertexOut;
			vertexLon[vertexOut] = lon;
			vertexLat[vertexOut] = lat;
			vertexDistance[vertexOut++] = 0;
		}
	}
	edgeVertexStart[edge] = vertexOut;
}

type AdjacencyInput = Pick<WalkGraph, 'offsets' | 'targets' | 'lengths' | 'arcEdge' | 'edgeFrom' | 'edgeTo' | 'edgeLength'>;

/**
 * CSR by counting sort: arcs of each node in edge order, the edgeFrom → edgeTo arc before the reverse
 * one. Fills offsets, targets, lengths and arcEdge; `cursor` is scratch of at least nodeCount.
 */
function buildAdjacency(nodeCount: number, graph: AdjacencyInput, cursor: Int32Array): void {
	const { offsets, targets, lengths, arcEdge, edgeFrom, edgeTo, edgeLength } = graph;
	for (let edge = 0; edge < edgeFrom.length; edge++) {
		offsets[edgeFrom[edge] + 1]++;
		offsets[edgeTo[edge] + 1]++;
	}
	for (let node = 0; node < nodeCount; node++) offsets[node + 1] += offsets[node];
	cursor.set(offsets.subarray(0, nodeCount));
	for (let edge = 0; edge < edgeFrom.length; edge++) {
		const from = edgeFrom[edge];
		const to = edgeTo[edge];
		const length = edgeLength[edge];
		let arc = cursor[from]++;
		targets[arc] = to;
		lengths[arc] = length;
		arcEdge[arc] = edge;
		arc = cursor[to]++;
		targets[arc] = from;
		lengths[arc] = length;
		arcEdge[arc] = edge;
	}
}
