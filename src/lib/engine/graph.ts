import { labelComponents } from './components';
import { CoordinateHash } from './coordinate-hash';
import { haversineMetres } from './geo';
import type { NetworkLine } from './types';

export { describeGraph, type GraphReport, type GraphReportContext } from './graph-report';

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

/** Builds the walking graph: vertices shared by lines (identical coordinates) become junctions. */
export function buildWalkGraph(lines: NetworkLine[]): WalkGraph {
	const points = indexPoints(lines);
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
	const edges = splitIntoEdges(lines, points, nodeOfPoint);
	const adjacency = buildAdjacency(nodeCount, edges.edgeFrom, edges.edgeTo, edges.edgeLength);
	const { component, count } = labelComponents(nodeCount, edges.edgeFrom, edges.edgeTo);
	return { nodeCount, edgeCount: edges.edgeFrom.length, nodeLon, nodeLat, ...adjacency, ...edges, component, componentCount: count };
}

interface IndexedPoints {
	hash: CoordinateHash;
	/** Point id of every vertex of every line, lines concatenated; consecutive duplicates removed. */
	vertexPoint: Int32Array;
	/** Start of each line in vertexPoint (length lines + 1); lines with fewer than 2 distinct vertices are empty. */
	lineStart: Int32Array;
}

function indexPoints(lines: NetworkLine[]): IndexedPoints {
	let vertexTotal = 0;
	for (const line of lines) vertexTotal += line.coords.length;
	const hash = new CoordinateHash(vertexTotal);
	const vertexPoint = new Int32Array(vertexTotal);
	const lineStart = new Int32Array(lines.length + 1);
	let written = 0;
	lines.forEach((line, lineIndex) => {
		const start = written;
		for (const [lon, lat] of line.coords) {
			const point = hash.idOf(lon, lat);
			// A repeated vertex adds no length; dropping it keeps it from looking like a junction.
			if (written > start && vertexPoint[written - 1] === point) continue;
			vertexPoint[written++] = point;
		}
		if (written - start < 2) written = start;
		lineStart[lineIndex + 1] = written;
	});
	return { hash, vertexPoint: vertexPoint.subarray(0, written), lineStart };
}

/** A point is a node when it ends a line or occurs more than once (shared by lines, or a line crossing itself). */
function choosePointNodes({ hash, vertexPoint, lineStart }: IndexedPoints): Int32Array {
	const occurrences = new Uint8Array(hash.size);
	const isNode = new Uint8Array(hash.size);
	for (let line = 0; line + 1 < lineStart.length; line++) {
		const start = lineStart[line];
		const end = lineStart[line + 1];
		if (end === start) continue;
		isNode[vertexPoint[start]] = 1;
		isNode[vertexPoint[end - 1]] = 1;
		for (let vertex = start; vertex < end; vertex++) {
			const point = vertexPoint[vertex];
			if (occurrences[point] < 2) occurrences[point]++;
		}
	}
	const nodeOfPoint = new Int32Array(hash.size);
	let nextNode = 0;
	for (let point = 0; point < hash.size; point++) {
		nodeOfPoint[point] = isNode[point] || occurrences[point] > 1 ? nextNode++ : -1;
	}
	return nodeOfPoint;
}

function countNodes(nodeOfPoint: Int32Array): number {
	let count = 0;
	for (let point = 0; point < nodeOfPoint.length; point++) if (nodeOfPoint[point] >= 0) count++;
	return count;
}

type EdgeArrays = Pick<WalkGraph, 'edgeFrom' | 'edgeTo' | 'edgeLength' | 'edgeVertexStart' | 'vertexLon' | 'vertexLat' | 'vertexDistance'>;

/** Cuts every line at its nodes; each piece is an edge whose polyline keeps its shape points. */
function splitIntoEdges(lines: NetworkLine[], points: IndexedPoints, nodeOfPoint: Int32Array): EdgeArrays {
	const { vertexPoint, lineStart, hash } = points;
	// Count first so every array is allocated once at its final size.
	let edgeCount = 0;
	for (let line = 0; line < lines.length; line++) {
		for (let vertex = lineStart[line] + 1; vertex < lineStart[line + 1]; vertex++) if (nodeOfPoint[vertexPoint[vertex]] >= 0) edgeCount++;
	}
	const vertexCount = vertexPoint.length - countNonEmptyLines(lineStart) + edgeCount;
	const edges: EdgeArrays = {
		edgeFrom: new Int32Array(edgeCount),
		edgeTo: new Int32Array(edgeCount),
		edgeLength: new Float64Array(edgeCount),
		edgeVertexStart: new Int32Array(edgeCount + 1),
		vertexLon: new Float64Array(vertexCount),
		vertexLat: new Float64Array(vertexCount),
		vertexDistance: new Float64Array(vertexCount)
	};
	let edge = 0;
	let vertexOut = 0;
	for (let line = 0; line < lines.length; line++) {
		const start = lineStart[line];
		const end = lineStart[line + 1];
		if (end === start) continue;
		let distance = 0;
		edges.edgeFrom[edge] = nodeOfPoint[vertexPoint[start]];
		edges.edgeVertexStart[edge] = vertexOut;
		for (let vertex = start; vertex < end; vertex++) {
			const point = vertexPoint[vertex];
			const lon = hash.lon[point];
			const lat = hash.lat[point];
			if (vertex > start) distance += haversineMetres(edges.vertexLon[vertexOut - 1], edges.vertexLat[vertexOut - 1], lon, lat);
			edges.vertexLon[vertexOut] = lon;
			edges.vertexLat[vertexOut] = lat;
			edges.vertexDistance[vertexOut++] = distance;
			const node = nodeOfPoint[point];
			if (vertex === start || node < 0) continue;
			edges.edgeTo[edge] = node;
			edges.edgeLength[edge++] = distance;
			if (vertex === end - 1) break;
			// The node closes this edge and opens the next: write it again as the next edge's first vertex.
			distance = 0;
			edges.edgeFrom[edge] = node;
			edges.edgeVertexStart[edge] = vertexOut;
			edges.vertexLon[vertexOut] = lon;
			edges.vertexLat[vertexOut] = lat;
			edges.vertexDistance[vertexOut++] = 0;
		}
	}
	edges.edgeVertexStart[edgeCount] = vertexOut;
	return edges;
}

function countNonEmptyLines(lineStart: Int32Array): number {
	let count = 0;
	for (let line = 0; line + 1 < lineStart.length; line++) if (lineStart[line + 1] > lineStart[line]) count++;
	return count;
}

type Adjacency = Pick<WalkGraph, 'offsets' | 'targets' | 'lengths' | 'arcEdge'>;

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
	const addArc = (from: number, to: number, edge: number) => {
		const arc = cursor[from]++;
		targets[arc] = to;
		lengths[arc] = edgeLength[edge];
		arcEdge[arc] = edge;
	};
	for (let edge = 0; edge < edgeFrom.length; edge++) {
		addArc(edgeFrom[edge], edgeTo[edge], edge);
		addArc(edgeTo[edge], edgeFrom[edge], edge);
	}
	return { offsets, targets, lengths, arcEdge };
}
