import { labelComponents } from './components';
import { CoordinateHash } from './coordinate-hash';
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

/** Builds the walking graph: vertices shared by lines (identical coordinates) become junctions. */
export function buildWalkGraph(lines: readonly NetworkLine[] | LineCoordinates): WalkGraph {
	const flat = 'coords' in lines ? lines : flattenLines(lines);
	const points = indexPoints(flat);
	const nodeOfPoint = choosePointNodes(points);
	const nodeCount = countNodes(nodeOfPoint);
	const nodeLon = new Float64Array(nodeCount);
	const nodeLat = new Float64Array(nodeCount);
	for (let point = 0; point < nodeOfPoint.length; point++) {
		const node = nodeOfPoint[point];
		if (node < 0) continue;
		nodeLon[node] = points.hash.lon[point];
		nodeLat[node] = points.hash.lat[point];
	}
	const edges = splitIntoEdges(points, nodeOfPoint);
	const adjacency = buildAdjacency(nodeCount, edges.edgeFrom, edges.edgeTo, edges.edgeLength);
	const { component, count } = labelComponents(nodeCount, edges.edgeFrom, edges.edgeTo);
	return { nodeCount, edgeCount: edges.edgeFrom.length, nodeLon, nodeLat, ...adjacency, ...edges, component, componentCount: count };
}

function flattenLines(lines: readonly NetworkLine[]): LineCoordinates {
	let pointCount = 0;
	for (const line of lines) pointCount += line.coords.length;
	const coords = new Float64Array(2 * pointCount);
	const offsets = new Uint32Array(lines.length + 1);
	let point = 0;
	for (let line = 0; line < lines.length; line++) {
		for (const [lon, lat] of lines[line].coords) {
			coords[2 * point] = lon;
			coords[2 * point + 1] = lat;
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

function indexPoints({ coords, offsets }: LineCoordinates): IndexedPoints {
	const lineCount = offsets.length - 1;
	const vertexTotal = lineCount > 0 ? offsets[lineCount] - offsets[0] : 0;
	const hash = new CoordinateHash(vertexTotal);
	const vertexPoint = new Int32Array(vertexTotal);
	const lineStart = new Int32Array(lineCount + 1);
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

/** A point is a node when it ends a line or occurs more than once (shared by lines, or a line crossing itself). */
function choosePointNodes({ hash, vertexPoint, lineStart }: IndexedPoints): Int32Array {
	const occurrences = new Uint8Array(hash.size);
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
	const nodeOfPoint = new Int32Array(hash.size);
	let nextNode = 0;
	for (let point = 0; point < hash.size; point++) nodeOfPoint[point] = occurrences[point] > 1 ? nextNode++ : -1;
	return nodeOfPoint;
}

function countNodes(nodeOfPoint: Int32Array): number {
	let count = 0;
	for (let point = 0; point < nodeOfPoint.length; point++) if (nodeOfPoint[point] >= 0) count++;
	return count;
}

type EdgeArrays = Pick<WalkGraph, 'edgeFrom' | 'edgeTo' | 'edgeLength' | 'edgeVertexStart' | 'vertexLon' | 'vertexLat' | 'vertexDistance'>;

/** Cuts every line at its nodes; each piece is an edge whose polyline keeps its shape points. */
function splitIntoEdges(points: IndexedPoints, nodeOfPoint: Int32Array): EdgeArrays {
	const { vertexPoint, lineStart, hash } = points;
	const lineCount = lineStart.length - 1;
	// Count first so every array is allocated once at its final size.
	let edgeCount = 0;
	let nonEmptyLines = 0;
	for (let line = 0; line < lineCount; line++) {
		if (lineStart[line + 1] > lineStart[line]) nonEmptyLines++;
		for (let vertex = lineStart[line] + 1; vertex < lineStart[line + 1]; vertex++) if (nodeOfPoint[vertexPoint[vertex]] >= 0) edgeCount++;
	}
	const vertexCount = vertexPoint.length - nonEmptyLines + edgeCount;
	const edgeFrom = new Int32Array(edgeCount);
	const edgeTo = new Int32Array(edgeCount);
	const edgeLength = new Float64Array(edgeCount);
	const edgeVertexStart = new Int32Array(edgeCount + 1);
	const vertexLon = new Float64Array(vertexCount);
	const vertexLat = new Float64Array(vertexCount);
	const vertexDistance = new Float64Array(vertexCount);
	const pointLon = hash.lon;
	const pointLat = hash.lat;
	let edge = 0;
	let vertexOut = 0;
	for (let line = 0; line < lineCount; line++) {
		const start = lineStart[line];
		const end = lineStart[line + 1];
		if (end === start) continue;
		let previousLon = pointLon[vertexPoint[start]];
		let previousLat = pointLat[vertexPoint[start]];
		let previousCos = cosLatitude(previousLat);
		let distance = 0;
		edgeFrom[edge] = nodeOfPoint[vertexPoint[start]];
		edgeVertexStart[edge] = vertexOut;
		vertexLon[vertexOut] = previousLon;
		vertexLat[vertexOut] = previousLat;
		vertexDistance[vertexOut++] = 0;
		for (let vertex = start + 1; vertex < end; vertex++) {
			const point = vertexPoint[vertex];
			const lon = pointLon[point];
			const lat = pointLat[point];
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
	edgeVertexStart[edgeCount] = vertexOut;
	return { edgeFrom, edgeTo, edgeLength, edgeVertexStart, vertexLon, vertexLat, vertexDistance };
}

type Adjacency = Pick<WalkGraph, 'offsets' | 'targets' | 'lengths' | 'arcEdge'>;

/** CSR by counting sort: arcs of each node in edge order, the edgeFrom → edgeTo arc before the reverse one. */
function buildAdjacency(nodeCount: number, edgeFrom: Int32Array, edgeTo: Int32Array, edgeLength: Float64Array): Adjacency {
	const offsets = new Int32Array(nodeCount + 1);
	for (let edge = 0; edge < edgeFrom.length; edge++) {
		offsets[edgeFrom[edge] + 1]++;
		offsets[edgeTo[edge] + 1]++;
	}
	for (let node = 0; node < nodeCount; node++) offsets[node + 1] += offsets[node];
	const arcCount = offsets[nodeCount];
	const targets = new Int32Array(arcCount);
	const lengths = new Float64Array(arcCount);
	const arcEdge = new Int32Array(arcCount);
	const cursor = offsets.slice(0, nodeCount);
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
	return { offsets, targets, lengths, arcEdge };
}
