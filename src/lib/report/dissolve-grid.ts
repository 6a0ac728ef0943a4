/**
 * Union of grid squares as polygons: the outline of a set of cells of a regular lattice, traced along
 * the squares' shared edges (exact, no floating-point overlay). Cell (i, j) covers the corner square
 * [i, i+1] × [j, j+1]; rings come out closed, shells counter-clockwise and holes clockwise (RFC 7946).
 */

export type LatticeRing = [number, number][];
// Exported for the tests only, which check dissolved shapes of this type.
/** Polygons, each a shell followed by its holes, in corner coordinates. */
export type LatticeMultiPolygon = LatticeRing[][];

/** Corner coordinates must stay below this, so that a corner packs into one safe integer key. */
const KEY_BASE = 1 << 24;
/** Directions of an edge: east, north, west, south (left turn = +1). */
const STEP_X = [1, 0, -1, 0];
const STEP_Y = [0, 1, 0, -1];

const cellKey = (i: number, j: number) => i * KEY_BASE + j;

interface Edges {
	fromX: number[];
	fromY: number[];
	direction: number[];
	/** Outgoing edge indices per corner key. */
	outgoing: Map<number, number[]>;
}

/** Boundary edges of the cell set, each with the set on its left. */
function boundaryEdges(cells: ReadonlySet<number>): Edges {
	const edges: Edges = { fromX: [], fromY: [], direction: [], outgoing: new Map() };
	const add = (x: number, y: number, direction: number) => {
		const index = edges.direction.length;
		edges.fromX.push(x);
		edges.fromY.push(y);
		edges.direction.push(direction);
		const key = cellKey(x, y);
		const list = edges.outgoing.get(key);
		if (list) list.push(index);
		else edges.outgoing.set(key, [index]);
	};
	for (const key of cells) {
		const i = Math.floor(key / KEY_BASE);
		const j = key - i * KEY_BASE;
		if (!cells.has(cellKey(i, j - 1))) add(i, j, 0);
		if (!cells.has(cellKey(i + 1, j))) add(i + 1, j, 1);
		if (!cells.has(cellKey(i, j + 1))) add(i + 1, j + 1, 2);
		if (!cells.has(cellKey(i - 1, j))) add(i, j + 1, 3);
	}
	return edges;
}

/**
 * The edge that follows `edge`. Where two cells touch only at a corner, two edges leave it: take the
 * left turn, which keeps following the same cell, so diagonal neighbours get separate rings.
 */
function nextEdge(edges: Edges, edge: number): number {
	const direction = edges.direction[edge];
	const key = cellKey(edges.fromX[edge] + STEP_X[direction], edges.fromY[edge] + STEP_Y[direction]);
	const candidates = edges.outgoing.get(key)!;
	if (candidates.length === 1) return candidates[0];
	const left = (direction + 1) % 4;
	return candidates.find((candidate) => edges.direction[candidate] === left) ?? candidates[0];
}

/** Closed walks of boundary corners, collinear corners dropped. */
function traceWalks(edges: Edges): LatticeRing[] {
	const used = new Uint8Array(edges.direction.length);
	const walks: LatticeRing[] = [];
	for (let start = 0; start < used.length; start++) {
		if (used[start]) continue;
		const walk: LatticeRing = [];
		let edge = start;
		do {
			used[edge] = 1;
			const next = nextEdge(edges, edge);
			// Keep a corner only where the direction changes.
			if (edges.direction[next] !== edges.direction[edge]) {
				const direction = edges.direction[edge];
				walk.push([edges.fromX[edge] + STEP_X[direction], edges.fromY[edge] + STEP_Y[direction]]);
			}
			edge = next;
		} while (edge !== start);
		walks.push(walk);
	}
	return walks;
}

/**
 * Splits a walk that passes a corner twice (a shell touching its own hole at a corner) into simple
 * rings; each piece keeps its orientation, so a hole piece comes out clockwise.
 */
function splitAtRepeats(walk: LatticeRing): LatticeRing[] {
	const rings: LatticeRing[] = [];
	const stack: LatticeRing = [];
	const position = new Map<number, number>();
	for (const corner of walk) {
		const key = cellKey(corner[0], corner[1]);
		const seen = position.get(key);
		if (seen === undefined) {
			position.set(key, stack.length);
			stack.push(corner);
			continue;
		}
		const loop = stack.splice(seen + 1);
		for (const removed of loop) position.delete(cellKey(removed[0], removed[1]));
		rings.push([stack[seen], ...loop]);
	}
	rings.push(stack);
	return rings.filter((ring) => ring.length >= 3);
}

/** Twice the signed area (positive = counter-clockwise) of an open ring. */
export function signedArea2(ring: readonly (readonly [number, number])[]): number {
	let sum = 0;
	for (let index = 0; index < ring.length; index++) {
		const [x1, y1] = ring[index];
		const [x2, y2] = ring[(index + 1) % ring.length];
		sum += x1 * y2 - x2 * y1;
	}
	return sum;
}

function containsPoint(ring: LatticeRing, x: number, y: number): boolean {
	let inside = false;
	for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
		const [xi, yi] = ring[index];
		const [xj, yj] = ring[previous];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/**
 * A point strictly inside a clockwise hole ring: the centre of the cell to the right of its first
 * edge (a cell outside the set, so it lies on no ring).
 */
function pointInHole(hole: LatticeRing): [number, number] {
	const [x1, y1] = hole[0];
	const [x2, y2] = hole[1];
	const dx = Math.sign(x2 - x1);
	const dy = Math.sign(y2 - y1);
	// Right of the direction (dx, dy) is (dy, -dx); step half a cell along and half a cell to the right.
	return [x1 + dx * 0.5 + dy * 0.5, y1 + dy * 0.5 - dx * 0.5];
}

/** The union of the cells `(i[k], j[k])` as polygons in corner coordinates (0 ≤ i, j < 2²⁴ − 1). */
export function dissolveLatticeCells(i: ArrayLike<number>, j: ArrayLike<number>): LatticeMultiPolygon {
	const cells = new Set<number>();
	for (let index = 0; index < i.length; index++) {
		if (!(i[index] >= 0 && j[index] >= 0 && i[index] < KEY_BASE - 1 && j[index] < KEY_BASE - 1)) throw new RangeError(`lattice cell (${i[index]}, ${j[index]}) is out of range`);
		cells.add(cellKey(i[index], j[index]));
	}
	const rings = traceWalks(boundaryEdges(cells)).flatMap(splitAtRepeats);
	const shells = rings.filter((ring) => signedArea2(ring) > 0).map((ring) => ({ ring, area: signedArea2(ring), holes: [] as LatticeRing[] }));
	// Smallest first, so the first shell holding a hole is the one that owns it (islands in holes nest).
	shells.sort((a, b) => a.area - b.area);
	for (const hole of rings.filter((ring) => signedArea2(ring) < 0)) {
		const [x, y] = pointInHole(hole);
		shells.find((shell) => containsPoint(shell.ring, x, y))?.holes.push(hole);
	}
	const close = (ring: LatticeRing): LatticeRing => [...ring, ring[0]];
	return shells.map((shell) => [close(shell.ring), ...shell.holes.map(close)]);
}
