import { CREEK, PARKS, RAILWAYS, RAIL_YARD } from './barriers';
import { crossesPolyline, distance, insideRing, type Point } from './geometry';

export interface StreetEdge {
	from: number;
	to: number;
	/** Shape points between the two junctions. */
	via: Point[];
	highway: string;
	bridge: boolean;
}

export interface StreetNetwork {
	nodes: Point[];
	edges: StreetEdge[];
}

const CREEK_BRIDGE_SPACING_M = 600;
const RAIL_CROSSING_SPACING_M = 1100;

/**
 * A street-like walking network: a jittered grid of blocks 120–240 m with arterials every few
 * streets, some streets missing (bigger blocks, dead ends), service lanes into blocks, footpaths in
 * parks, and only a few bridges over Suzhou Creek and crossings of the railway.
 */
export function generateNetwork(outline: Point[], random: () => number): StreetNetwork {
	const [minX, minY, maxX, maxY] = bounds(outline, 200);
	const columns = spacedPositions(minX, maxX, random);
	const rows = spacedPositions(minY, maxY, random);
	const arterialColumn = columns.map((_, i) => i % 5 === 2);
	const arterialRow = rows.map((_, j) => j % 6 === 3);

	const nodes: Point[] = [];
	const nodeAt = new Map<string, number>();
	const near = (p: Point) => insideRing(p, outline) || distanceToRing(p, outline) < 150;
	columns.forEach((x, i) =>
		rows.forEach((y, j) => {
			const p: Point = [x + (random() - 0.5) * 30, y + (random() - 0.5) * 30];
			if (!near(p) || insideRing(p, RAIL_YARD)) return;
			nodeAt.set(`${i},${j}`, nodes.length);
			nodes.push(p);
		})
	);

	const edges: StreetEdge[] = [];
	const link = (a: string, b: string, arterial: boolean) => {
		const from = nodeAt.get(a);
		const to = nodeAt.get(b);
		if (from === undefined || to === undefined) return;
		if (!arterial && random() < 0.14) return;
		edges.push({ from, to, via: [], highway: arterial ? 'primary' : 'residential', bridge: false });
	};
	columns.forEach((_, i) =>
		rows.forEach((_, j) => {
			link(`${i},${j}`, `${i + 1},${j}`, arterialRow[j]);
			link(`${i},${j}`, `${i},${j + 1}`, arterialColumn[i]);
		})
	);
	const kept = keepCrossings(nodes, edges);
	addServiceLanes(nodes, kept, random);
	classify(nodes, kept, random);
	return largestComponent({ nodes, edges: kept });
}

function spacedPositions(min: number, max: number, random: () => number): number[] {
	const positions: number[] = [];
	for (let at = min; at <= max; at += 120 + random() * 120) positions.push(at);
	return positions;
}

function bounds(ring: Point[], margin: number): [number, number, number, number] {
	const xs = ring.map((p) => p[0]);
	const ys = ring.map((p) => p[1]);
	return [Math.min(...xs) - margin, Math.min(...ys) - margin, Math.max(...xs) + margin, Math.max(...ys) + margin];
}

function distanceToRing(p: Point, ring: Point[]): number {
	let best = Infinity;
	for (let i = 0; i < ring.length; i++) {
		const a = ring[i];
		const b = ring[(i + 1) % ring.length];
		const dx = b[0] - a[0];
		const dy = b[1] - a[1];
		const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
		best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
	}
	return best;
}

/** Drops edges across the creek or a railway except a few, spaced apart; those become bridges. */
function keepCrossings(nodes: Point[], edges: StreetEdge[]): StreetEdge[] {
	const barriers: { line: Point[]; spacing: number }[] = [
		{ line: CREEK, spacing: CREEK_BRIDGE_SPACING_M },
		...RAILWAYS.map((line) => ({ line, spacing: RAIL_CROSSING_SPACING_M }))
	];
	const blocked = new Set<StreetEdge>();
	for (const { line, spacing } of barriers) {
		const crossing = edges.filter((edge) => crossesPolyline(nodes[edge.from], nodes[edge.to], line));
		// Prefer arterials as bridges, then keep crossings at least `spacing` apart along the barrier.
		crossing.sort((a, b) => Number(b.highway === 'primary') - Number(a.highway === 'primary') || midX(nodes, a) - midX(nodes, b));
		const bridges: StreetEdge[] = [];
		for (const edge of crossing) {
			const middle = midpoint(nodes, edge);
			if (bridges.every((bridge) => distance(midpoint(nodes, bridge), middle) >= spacing)) bridges.push(edge);
			else blocked.add(edge);
		}
		for (const bridge of bridges) bridge.bridge = true;
	}
	return edges.filter((edge) => !blocked.has(edge));
}

function midpoint(nodes: Point[], edge: StreetEdge): Point {
	const a = nodes[edge.from];
	const b = nodes[edge.to];
	return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

function midX(nodes: Point[], edge: StreetEdge): number {
	return midpoint(nodes, edge)[0];
}

/** Dead-end lanes into blocks (弄堂), off some junctions, never across a barrier. */
function addServiceLanes(nodes: Point[], edges: StreetEdge[], random: () => number): void {
	const junctionCount = nodes.length;
	for (let node = 0; node < junctionCount; node++) {
		if (random() > 0.22) continue;
		const angle = random() * Math.PI * 2;
		const length = 50 + random() * 60;
		const end: Point = [nodes[node][0] + Math.cos(angle) * length, nodes[node][1] + Math.sin(angle) * length];
		const crosses = [CREEK, ...RAILWAYS].some((line) => crossesPolyline(nodes[node], end, line));
		if (crosses || insideRing(end, RAIL_YARD)) continue;
		edges.push({ from: node, to: nodes.length, via: [], highway: random() < 0.5 ? 'service' : 'footway', bridge: false });
		nodes.push(end);
	}
}

/** Secondary/tertiary variety among arterials, footways in parks, bends (shape points) on some streets. */
function classify(nodes: Point[], edges: StreetEdge[], random: () => number): void {
	for (const edge of edges) {
		const middle = midpoint(nodes, edge);
		if (PARKS.some((park) => insideRing(middle, park.ring))) edge.highway = 'footway';
		else if (edge.highway === 'primary' && random() < 0.4) edge.highway = 'secondary';
		else if (edge.highway === 'residential' && random() < 0.15) edge.highway = 'tertiary';
		if (edge.bridge && edge.highway !== 'primary') edge.highway = 'secondary';
		if (!edge.bridge && random() < 0.3) {
			const a = nodes[edge.from];
			const b = nodes[edge.to];
			const length = distance(a, b);
			const offset = (random() - 0.5) * 16;
			edge.via = [[middle[0] + (-(b[1] - a[1]) / length) * offset, middle[1] + ((b[0] - a[0]) / length) * offset]];
		}
	}
}

/** Keeps only the largest connected piece, so every street is reachable from every other. */
function largestComponent(network: StreetNetwork): StreetNetwork {
	const parent = network.nodes.map((_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) i = parent[i] = parent[parent[i]];
		return i;
	};
	for (const edge of network.edges) parent[find(edge.from)] = find(edge.to);
	const sizes = new Map<number, number>();
	for (const edge of network.edges) sizes.set(find(edge.from), (sizes.get(find(edge.from)) ?? 0) + 1);
	const biggest = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
	const edges = network.edges.filter((edge) => find(edge.from) === biggest);
	const used = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))].sort((a, b) => a - b);
	const renumber = new Map(used.map((old, index) => [old, index]));
	return {
		nodes: used.map((old) => network.nodes[old]),
		edges: edges.map((edge) => ({ ...edge, from: renumber.get(edge.from) ?? -1, to: renumber.get(edge.to) ?? -1 }))
	};
}
