/**
 * The union of grid squares against brute force: for random cell sets, every lattice cell's centre
 * lies inside the dissolved polygons exactly when the cell is in the set; areas add up to the cell
 * count; rings are closed, simple, axis-aligned, shells counter-clockwise and holes clockwise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dissolveLatticeCells, type LatticeMultiPolygon } from '$lib/report/dissolve-grid';

type Ring = [number, number][];

/** Even-odd ray test, written here independently of the module. */
function inRing(ring: Ring, x: number, y: number): boolean {
	let inside = false;
	for (let k = 0; k < ring.length - 1; k++) {
		const [x1, y1] = ring[k];
		const [x2, y2] = ring[k + 1];
		if (y1 > y !== y2 > y && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
	}
	return inside;
}

function area(ring: Ring): number {
	let sum = 0;
	for (let k = 0; k < ring.length - 1; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
	return sum / 2;
}

function inMultiPolygon(polygons: LatticeMultiPolygon, x: number, y: number): boolean {
	return polygons.some(([shell, ...holes]) => inRing(shell, x, y) && !holes.some((hole) => inRing(hole, x, y)));
}

function checkRings(polygons: LatticeMultiPolygon): void {
	for (const [shell, ...holes] of polygons) {
		expect(area(shell)).toBeGreaterThan(0);
		for (const hole of holes) {
			expect(area(hole)).toBeLessThan(0);
			// A hole lies inside its own shell: a cell centre inside the hole is inside the shell too.
			const xs = hole.map(([x]) => x);
			const ys = hole.map(([, y]) => y);
			let probe: [number, number] | null = null;
			for (let x = Math.min(...xs); x < Math.max(...xs) && !probe; x++) for (let y = Math.min(...ys); y < Math.max(...ys) && !probe; y++) if (inRing(hole, x + 0.5, y + 0.5)) probe = [x + 0.5, y + 0.5];
			expect(probe).not.toBeNull();
			expect(inRing(shell, probe![0], probe![1])).toBe(true);
		}
		for (const ring of [shell, ...holes]) {
			expect(ring.length).toBeGreaterThanOrEqual(5);
			expect(ring[0]).toEqual(ring[ring.length - 1]);
			const corners = ring.slice(0, -1).map(([x, y]) => `${x},${y}`);
			expect(new Set(corners).size, 'a ring passes no corner twice').toBe(corners.length);
			for (let k = 0; k < ring.length - 1; k++) {
				const [x1, y1] = ring[k];
				const [x2, y2] = ring[k + 1];
				expect(x1 === x2 || y1 === y2, 'axis-aligned').toBe(true);
				const [x0, y0] = ring[(k + ring.length - 2) % (ring.length - 1)];
				const collinear = (x0 === x1 && x1 === x2) || (y0 === y1 && y1 === y2);
				expect(collinear, 'no needless corner').toBe(false);
			}
		}
	}
}

function check(members: Set<string>, width: number, height: number): void {
	const cells = [...members].map((key) => key.split(',').map(Number));
	const polygons = dissolveLatticeCells(
		cells.map(([i]) => i),
		cells.map(([, j]) => j)
	);
	checkRings(polygons);
	const total = polygons.reduce((sum, [shell, ...holes]) => sum + area(shell) + holes.reduce((holeSum, hole) => holeSum + area(hole), 0), 0);
	expect(total).toBe(members.size);
	for (let i = 0; i <= width + 1; i++) {
		for (let j = 0; j <= height + 1; j++) {
			expect(inMultiPolygon(polygons, i + 0.5, j + 0.5), `cell ${i},${j}`).toBe(members.has(`${i},${j}`));
		}
	}
}

const fromRows = (rows: string[]) => {
	const members = new Set<string>();
	// Row 0 of the picture is the top; cells start at (1, 1) so that (0, 0) stays outside.
	rows.forEach((line, r) => [...line].forEach((char, i) => char === '#' && members.add(`${i + 1},${rows.length - r}`)));
	return members;
};

describe('dissolveLatticeCells', () => {
	it('outlines one square counter-clockwise', () => {
		expect(dissolveLatticeCells([0], [0])).toEqual([
			[
				[
					[1, 0],
					[1, 1],
					[0, 1],
					[0, 0],
					[1, 0]
				]
			]
		]);
	});

	it('merges a block into one rectangle and keeps a ring with its hole', () => {
		const block = dissolveLatticeCells([0, 1, 0, 1], [0, 0, 1, 1]);
		expect(block).toHaveLength(1);
		expect(block[0]).toHaveLength(1);
		expect(block[0][0]).toHaveLength(5);
		const ring = fromRows(['###', '#.#', '###']);
		check(ring, 4, 4);
		const cells = [...ring].map((key) => key.split(',').map(Number));
		const polygons = dissolveLatticeCells(
			cells.map(([i]) => i),
			cells.map(([, j]) => j)
		);
		expect(polygons).toHaveLength(1);
		expect(polygons[0]).toHaveLength(2);
	});

	it('separates squares that touch only at a corner, and a hole that touches its shell at a corner', () => {
		check(fromRows(['.#', '#.']), 3, 3);
		check(fromRows(['###', '#.#', '##.']), 4, 4);
		check(fromRows(['####', '#..#', '#.##', '##.#', '####']), 5, 6);
		check(fromRows(['#####', '#...#', '#.#.#', '#...#', '#####']), 6, 6);
	});

	it('matches brute force on random cell sets', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.array(fc.boolean(), { minLength: 81, maxLength: 81 }), (width, height, bits) => {
				const members = new Set<string>();
				for (let i = 0; i < width; i++) for (let j = 0; j < height; j++) if (bits[i * 9 + j]) members.add(`${i + 1},${j + 1}`);
				check(members, width + 1, height + 1);
			}),
			{ numRuns: 300 }
		);
	});

	it('refuses negative or huge lattice indices', () => {
		expect(() => dissolveLatticeCells([-1], [0])).toThrow(RangeError);
		expect(() => dissolveLatticeCells([0], [2 ** 30])).toThrow(RangeError);
	});
});
