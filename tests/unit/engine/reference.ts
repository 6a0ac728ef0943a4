/**
 * An independent, deliberately naive reference for the engine tests: every vertex is a node
 * (junctions found with string keys), points are snapped by scanning every segment and inserted
 * into the graph as real nodes, and each facility gets its own plain Dijkstra over adjacency lists.
 * It shares no code with src/lib/engine, so a wrong edge length, snap or comparison there shows up
 * as a disagreement here.
 */
import type { NetworkLine } from '$lib/engine/types';

const RADIUS = 6_371_008.8;
const DEG = Math.PI / 180;

export function referenceHaversine(a: [number, number], b: [number, number]): number {
	const dLat = (b[1] - a[1]) * DEG;
	const dLon = (b[0] - a[0]) * DEG;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * DEG) * Math.cos(b[1] * DEG) * Math.sin(dLon / 2) ** 2;
	return 2 * RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface RefEdge {
	to: number;
	length: number;
}

export class ReferenceGraph {
	adjacency: RefEdge[][] = [];
	keys = new Map<string, number>();

	node(lon: number, lat: number): number {
		const key = `${lon + 0},${lat + 0}`;
		let id = this.keys.get(key);
		if (id === undefined) {
			id = this.newNode();
			this.keys.set(key, id);
		}
		return id;
	}

	newNode(): number {
		this.adjacency.push([]);
		return this.adjacency.length - 1;
	}

	connect(a: number, b: number, length: number): void {
		this.adjacency[a].push({ to: b, length });
		this.adjacency[b].push({ to: a, length });
	}

	/** Plain Dijkstra with an array scan for the minimum: slow and obviously right. */
	distancesFrom(start: number): number[] {
		const distance = this.adjacency.map(() => Infinity);
		const done = this.adjacency.map(() => false);
		distance[start] = 0;
		for (;;) {
			let best = -1;
			for (let node = 0; node < distance.length; node++) if (!done[node] && distance[node] < Infinity && (best < 0 || distance[node] < distance[best])) best = node;
			if (best < 0) return distance;
			done[best] = true;
			for (const { to, length } of this.adjacency[best]) distance[to] = Math.min(distance[to], distance[best] + length);
		}
	}
}

/** Floyd–Warshall over the reference graph's nodes (small graphs only). */
export function floydWarshall(graph: ReferenceGraph): number[][] {
	const n = graph.adjacency.length;
	const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
	graph.adjacency.forEach((edges, from) => {
		for (const { to, length } of edges) d[from][to] = Math.min(d[from][to], length);
	});
	for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
	return d;
}

export interface RefSegment {
	a: [number, number];
	b: [number, number];
	/** Points snapped onto this segment, to be chained along it in order of t. */
	inserted: { t: number; node: number }[];
}

export function referenceSegments(lines: NetworkLine[]): RefSegment[] {
	const segments: RefSegment[] = [];
	for (const line of lines) {
		for (let i = 1; i < line.coords.length; i++) {
			const a = line.coords[i - 1];
			const b = line.coords[i];
			if (a[0] === b[0] && a[1] === b[1]) continue;
			segments.push({ a: [a[0], a[1]], b: [b[0], b[1]], inserted: [] });
		}
	}
	return segments;
}

export interface RefSnap {
	segment: number;
	t: number;
	distance: number;
	/**
	 * True when another segment is (almost) as near and the two nearest points are not one shared
	 * vertex: e.g. overlapping streets, or a point midway between two streets. Which one wins is then
	 * down to rounding, and the travel times legitimately differ.
	 */
	ambiguous: boolean;
}

/** Nearest point on any segment, in a flat frame centred on the point; first segment wins ties. */
export function referenceSnap(segments: RefSegment[], lon: number, lat: number): RefSnap | null {
	const ky = RADIUS * DEG;
	const kx = ky * Math.cos(lat * DEG);
	const candidates = segments.map((segment, index) => {
		const ax = (segment.a[0] - lon) * kx;
		const ay = (segment.a[1] - lat) * ky;
		const bx = (segment.b[0] - lon) * kx;
		const by = (segment.b[1] - lat) * ky;
		const vx = bx - ax;
		const vy = by - ay;
		const lengthSquared = vx * vx + vy * vy;
		const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / lengthSquared));
		return { segment: index, t, distance: Math.hypot(ax + t * vx, ay + t * vy), ambiguous: false };
	});
	if (candidates.length === 0) return null;
	const best = candidates.reduce((a, b) => (b.distance < a.distance ? b : a));
	const vertexAt = (c: { segment: number; t: number }) => (c.t === 0 ? segments[c.segment].a : c.t === 1 ? segments[c.segment].b : null);
	const bestVertex = vertexAt(best);
	best.ambiguous = candidates.some((other) => {
		if (other === best || other.distance - best.distance > 1e-6) return false;
		const otherVertex = vertexAt(other);
		return !(bestVertex && otherVertex && bestVertex[0] === otherVertex[0] && bestVertex[1] === otherVertex[1]);
	});
	return best;
}

export interface ReferencePoint {
	lon: number;
	lat: number;
}

export interface ReferenceCoverageInput {
	lines: NetworkLine[];
	facilities: ReferencePoint[];
	cells: ReferencePoint[];
	maxSnapM: number;
	/** Network metres per metre of connector. */
	connectorWeight: number;
	metresPerMinute: number;
}

/** Per cell: minutes to the nearest facility (NaN if unreachable) and the minutes to every facility. */
export interface ReferenceCoverage {
	minutes: number[];
	minutesByFacility: number[][];
	/** Snap distances of every facility and cell (Infinity without segments), to spot ties with maxSnapM. */
	snapDistances: number[];
	/** Some facility or cell has an ambiguous snap (see RefSnap.ambiguous): the case proves nothing. */
	ambiguous: boolean;
}

export function referenceCoverage(input: ReferenceCoverageInput): ReferenceCoverage {
	const graph = new ReferenceGraph();
	for (const line of input.lines) {
		for (let i = 1; i < line.coords.length; i++) {
			const a = line.coords[i - 1];
			const b = line.coords[i];
			graph.connect(graph.node(a[0], a[1]), graph.node(b[0], b[1]), referenceHaversine([a[0], a[1]], [b[0], b[1]]));
		}
	}
	const segments = referenceSegments(input.lines);
	const snapDistances: number[] = [];
	let ambiguous = false;
	const attach = (point: ReferencePoint): number | null => {
		const snap = referenceSnap(segments, point.lon, point.lat);
		snapDistances.push(snap?.distance ?? Infinity);
		if (snap?.ambiguous && snap.distance <= input.maxSnapM) ambiguous = true;
		if (snap === null || snap.distance > input.maxSnapM) return null;
		const onStreet = graph.newNode();
		segments[snap.segment].inserted.push({ t: snap.t, node: onStreet });
		const pointNode = graph.newNode();
		graph.connect(pointNode, onStreet, snap.distance * input.connectorWeight);
		return pointNode;
	};
	const facilityNodes = input.facilities.map(attach);
	const cellNodes = input.cells.map(attach);
	// Chain the inserted points along each segment: a - p1 - p2 - ... - b.
	for (const segment of segments) {
		if (segment.inserted.length === 0) continue;
		const length = referenceHaversine(segment.a, segment.b);
		const chain = [...segment.inserted].sort((p, q) => p.t - q.t);
		let previousNode = graph.node(segment.a[0], segment.a[1]);
		let previousT = 0;
		for (const { t, node } of chain) {
			graph.connect(previousNode, node, (t - previousT) * length);
			previousNode = node;
			previousT = t;
		}
		graph.connect(previousNode, graph.node(segment.b[0], segment.b[1]), (1 - previousT) * length);
	}
	const distancesByFacility = facilityNodes.map((node) => (node === null ? null : graph.distancesFrom(node)));
	const minutesByFacility = cellNodes.map((cellNode) =>
		distancesByFacility.map((distances) => (cellNode === null || distances === null ? Infinity : distances[cellNode] / input.metresPerMinute))
	);
	const minutes = minutesByFacility.map((row) => {
		const best = Math.min(Infinity, ...row);
		return best === Infinity ? Number.NaN : best;
	});
	return { minutes, minutesByFacility, snapDistances, ambiguous };
}
