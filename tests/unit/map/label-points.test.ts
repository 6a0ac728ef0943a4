/**
 * Issue 24 (walkthrough): 北站 sat outside its district, 曹家渡 half outside. A sub-district's name goes on a
 * point well inside its area, and a name moved clear of others stays where it is allowed to stand.
 * Checked against a hand-made C-shaped area whose centre of mass lies in its mouth, outside it.
 */
import { describe, expect, it } from 'vitest';
import { separateLabels, subdistrictLabelPoints, type LabelBox } from '$lib/map/labels';
import type { Position, Subdistrict } from '$lib/engine/types';

/**
 * A "C" near the equator (so degrees are nearly square): the outer square 0..0.03 with the mouth
 * x 0.01..0.03, y 0.01..0.02 cut out. Its arms are 0.01 thick; the back (x 0..0.01) is 0.03 tall.
 * Its centre of mass is at x ≈ 0.0129, y = 0.015: in the mouth, outside the area.
 */
const C: Position[] = [
	[0, 0],
	[0.03, 0],
	[0.03, 0.01],
	[0.01, 0.01],
	[0.01, 0.02],
	[0.03, 0.02],
	[0.03, 0.03],
	[0, 0.03],
	[0, 0]
];
const subdistrict: Subdistrict = { code: 'c', name: 'C', nameEn: 'C', population: null, polygons: [[C]] };

/** Distance from a point to the C's edge, computed here from its segments. */
function distanceToEdge([x, y]: Position): number {
	let best = Infinity;
	for (let i = 0; i + 1 < C.length; i++) {
		const [ax, ay] = C[i];
		const [bx, by] = C[i + 1];
		const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
		best = Math.min(best, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
	}
	return best;
}

/** Inside the C, by its three rectangles (the back and the two arms), written out by hand. */
function insideC([x, y]: Position): boolean {
	const back = x > 0 && x < 0.01 && y > 0 && y < 0.03;
	const arms = x > 0 && x < 0.03 && ((y > 0 && y < 0.01) || (y > 0.02 && y < 0.03));
	return back || arms;
}

describe('sub-district label points', () => {
	it('a concave area whose centre of mass lies outside it: the point is inside, well away from the edge', () => {
		const point = subdistrictLabelPoints([subdistrict]).get('c')!;
		expect(insideC(point), `point ${point}`).toBe(true);
		// The thickest place of the C is the corner squares and the back: 0.005 from the edge at best.
		expect(distanceToEdge(point), `point ${point}`).toBeGreaterThan(0.004);
	});

	it('a multi-part area: the point is in its largest part', () => {
		const small: Position[] = [[1, 1], [1.001, 1], [1.001, 1.001], [1, 1.001], [1, 1]];
		const point = subdistrictLabelPoints([{ ...subdistrict, polygons: [[small], [C]] }]).get('c')!;
		expect(insideC(point), `point ${point}`).toBe(true);
	});
});

describe('separating names where they may stand', () => {
	const boxes: LabelBox[] = [
		{ x: 100, y: 100, width: 80, height: 16 },
		{ x: 100, y: 104, width: 80, height: 16 }
	];

	it('the second name moves up when moving down would leave its area', () => {
		const offsets = separateLabels(boxes, 4, (box, index) => index === 0 || box.y <= 104);
		expect(offsets[0]).toEqual([0, 0]);
		expect(offsets[1][1]).toBeLessThan(0);
		expect(Math.abs(104 + offsets[1][1] - 100)).toBeGreaterThanOrEqual(16 + 4);
	});

	it('where every allowed place touches another name, the name stays on its area where it overlaps least', () => {
		// Allowed: only the point itself and one step (12 px) up; both overlap the first name, one step up less.
		const offsets = separateLabels(boxes, 4, (box, index) => index === 0 || (box.x === 100 && (box.y === 104 || box.y === 92)));
		expect(offsets[1]).toEqual([0, -12]);
	});

	it('with nowhere allowed and free, a name still takes the nearest free place (no name is hidden)', () => {
		const offsets = separateLabels(boxes, 4, (_box, index) => index === 0);
		expect(offsets[1]).not.toEqual([0, 0]);
	});
});
