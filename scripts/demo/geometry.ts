/** Plane geometry for the demo generator, in a local metric frame (metres east/north of an origin). */

export type Point = [number, number];

export const ORIGIN = { lon: 121.45, lat: 31.26 };
const METRES_PER_DEGREE_LAT = 111_320;
const METRES_PER_DEGREE_LON = METRES_PER_DEGREE_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180);

export function toLocal(lon: number, lat: number): Point {
	return [(lon - ORIGIN.lon) * METRES_PER_DEGREE_LON, (lat - ORIGIN.lat) * METRES_PER_DEGREE_LAT];
}

export function toLonLat([x, y]: Point): Point {
	return [ORIGIN.lon + x / METRES_PER_DEGREE_LON, ORIGIN.lat + y / METRES_PER_DEGREE_LAT];
}

/** Signed area (counter-clockwise positive), shoelace formula. */
export function signedArea(ring: Point[]): number {
	let twice = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
	return twice / 2;
}

export function centroid(ring: Point[]): Point {
	let cx = 0;
	let cy = 0;
	let twice = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
		cx += (ring[j][0] + ring[i][0]) * cross;
		cy += (ring[j][1] + ring[i][1]) * cross;
		twice += cross;
	}
	return [cx / (3 * twice), cy / (3 * twice)];
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, not closed. */
export function convexHull(points: Point[]): Point[] {
	const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
	const half = (list: Point[]) => {
		const out: Point[] = [];
		for (const p of list) {
			while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
			out.push(p);
		}
		out.pop();
		return out;
	};
	return [...half(sorted), ...half([...sorted].reverse())];
}

/** Keeps the part of a convex polygon where a·x + b·y ≤ c (Sutherland–Hodgman against one half-plane). */
export function clipHalfPlane(polygon: Point[], a: number, b: number, c: number): Point[] {
	const out: Point[] = [];
	const inside = (p: Point) => a * p[0] + b * p[1] <= c;
	for (let i = 0; i < polygon.length; i++) {
		const current = polygon[i];
		const previous = polygon[(i + polygon.length - 1) % polygon.length];
		if (inside(current)) {
			if (!inside(previous)) out.push(intersect(previous, current, a, b, c));
			out.push(current);
		} else if (inside(previous)) out.push(intersect(previous, current, a, b, c));
	}
	return out;
}

function intersect(p: Point, q: Point, a: number, b: number, c: number): Point {
	const t = (c - a * p[0] - b * p[1]) / (a * (q[0] - p[0]) + b * (q[1] - p[1]));
	return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** Ray casting; points exactly on an edge may go either way. */
export function insideRing([x, y]: Point, ring: Point[]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

export function distance(a: Point, b: Point): number {
	return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Distance from p to segment ab. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
	return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

export function distanceToPolyline(p: Point, line: Point[]): number {
	let best = Infinity;
	for (let i = 1; i < line.length; i++) best = Math.min(best, distanceToSegment(p, line[i - 1], line[i]));
	return best;
}

/** True when segments pq and rs properly cross. */
export function segmentsCross(p: Point, q: Point, r: Point, s: Point): boolean {
	const orient = (a: Point, b: Point, c: Point) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
	return orient(p, q, r) !== orient(p, q, s) && orient(r, s, p) !== orient(r, s, q);
}

export function crossesPolyline(p: Point, q: Point, line: Point[]): boolean {
	for (let i = 1; i < line.length; i++) if (segmentsCross(p, q, line[i - 1], line[i])) return true;
	return false;
}

/** Mulberry32: a tiny seeded PRNG, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A MultiPolygon without holes: a list of outer rings (not closed), counter-clockwise. */
export type Shape = Point[][];

export function shapeArea(shape: Shape): number {
	return shape.reduce((sum, ring) => sum + Math.abs(signedArea(ring)), 0);
}

export function insideShape(p: Point, shape: Shape): boolean {
	return shape.some((ring) => insideRing(p, ring));
}

/** Chaikin corner cutting: a smoother, meandering version of a polyline (end points kept). */
export function smoothPolyline(points: Point[], rounds: number): Point[] {
	let line = points;
	for (let round = 0; round < rounds; round++) {
		const next: Point[] = [line[0]];
		for (let i = 1; i < line.length; i++) {
			const [a, b] = [line[i - 1], line[i]];
			next.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]], [0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
		}
		next.push(line[line.length - 1]);
		line = next;
	}
	return line;
}

/** Distance from p to the nearest edge of a closed ring. */
export function distanceToRing(p: Point, ring: Point[]): number {
	return distanceToPolyline(p, [...ring, ring[0]]);
}
