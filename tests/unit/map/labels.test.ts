/**
 * Issue 24 (walkthrough): 江宁路街道 and 天目西路街道 ran into each other at 1440 px and on the printed map.
 * The offsets are checked with a rectangle test written here, not with the module's own.
 */
import { describe, expect, it } from 'vitest';
import { boxInside, layoutLabels, mapLabelText, separateLabels, type LabelBox } from '$lib/map/labels';

/** Two boxes centred at (x, y) intersect when they overlap on both axes. */
function intersect(a: LabelBox, b: LabelBox): boolean {
	const ax0 = a.x - a.width / 2, ax1 = a.x + a.width / 2, ay0 = a.y - a.height / 2, ay1 = a.y + a.height / 2;
	const bx0 = b.x - b.width / 2, bx1 = b.x + b.width / 2, by0 = b.y - b.height / 2, by1 = b.y + b.height / 2;
	return ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
}

function placed(boxes: LabelBox[]): LabelBox[] {
	return separateLabels(boxes).map(([dx, dy], index) => ({ ...boxes[index], x: boxes[index].x + dx, y: boxes[index].y + dy }));
}

describe('sub-district names', () => {
	it('two names whose points lie close are moved apart, the first stays on its point', () => {
		// About as 江宁路街道 and 天目西路街道 lay at 1440 px: 12 px apart vertically, 30 px sideways.
		const boxes = [
			{ x: 500, y: 300, width: 70, height: 17 },
			{ x: 530, y: 312, width: 84, height: 17 }
		];
		expect(intersect(boxes[0], boxes[1])).toBe(true);
		const [first, second] = placed(boxes);
		expect(intersect(first, second)).toBe(false);
		expect(first).toEqual(boxes[0]);
		// Moved no further than needed: within two label heights.
		expect(Math.hypot(second.x - boxes[1].x, second.y - boxes[1].y)).toBeLessThanOrEqual(34);
	});

	it('names that are clear of each other stay on their points', () => {
		const boxes = [
			{ x: 100, y: 100, width: 60, height: 17 },
			{ x: 300, y: 100, width: 60, height: 17 },
			{ x: 100, y: 200, width: 60, height: 17 }
		];
		expect(separateLabels(boxes)).toEqual([
			[0, 0],
			[0, 0],
			[0, 0]
		]);
	});

	it('a crowd of names on one point ends with no two overlapping and none hidden', () => {
		const boxes = Array.from({ length: 6 }, () => ({ x: 400, y: 400, width: 80, height: 17 }));
		const result = placed(boxes);
		expect(result).toHaveLength(6);
		for (let i = 0; i < result.length; i++) for (let j = i + 1; j < result.length; j++) expect(intersect(result[i], result[j]), `${i} and ${j}`).toBe(false);
	});
});

describe('names on a small map (layoutLabels)', () => {
	// Two names each pinned to its own point (no move allowed): widths scale with the size, 10 px per px of size.
	const pinned = (box: LabelBox, index: number) => box.x === [100, 200][index] && box.y === 50;
	const twoNames = (gap: number) => (size: number): LabelBox[] => [
		{ x: 100, y: 50, width: size * 10, height: size },
		{ x: 100 + gap, y: 50, width: size * 10, height: size }
	];

	it('takes the largest size at which no name lies over another', () => {
		// 100 px apart: at 13 px (130 wide) they meet, at 11.5 (115) too, at 10 (100) they just touch edge to edge.
		const layout = layoutLabels([13, 11.5, 10], twoNames(100), pinned);
		expect(layout.size).toBe(10);
		expect(layout.hidden.size).toBe(0);
		expect(intersect(layout.boxes[0], layout.boxes[1])).toBe(false);
	});

	it('keeps the first size when the names are clear there', () => {
		expect(layoutLabels([13, 11.5, 10], twoNames(200), pinned).size).toBe(13);
	});

	it('where no size clears them, leaves out a name that would still lie over one kept before it, at the largest size that leaves out as few', () => {
		// 50 px apart: at 13 px (130 wide) and at 10 px (100 wide) they overlap; shrinking saves none, so the names stay at 13.
		const layout = layoutLabels([13, 10], twoNames(50), (box, index) => box.x === [100, 150][index] && box.y === 50);
		expect(layout.size).toBe(13);
		expect([...layout.hidden]).toEqual([1]);
	});

	it('shrinks a name to the size at which it stands wholly inside its area', () => {
		// Area 0..100 × 0..20 px; the name 8 px wide per px of size, as tall as its size, anchored at (50, 10).
		// At 13 px it is 104 wide: wider than the area wherever it moves. At 11.5 px, 92 × 11.5: x 4..96, y 4.25..15.75, inside.
		const inArea = (x: number, y: number) => x >= 0 && x <= 100 && y >= 0 && y <= 20;
		const layout = layoutLabels([13, 11.5, 10], (size) => [{ x: 50, y: 10, width: size * 8, height: size }], (box) => boxInside(box, inArea));
		expect(layout.size).toBe(11.5);
		expect(layout.hidden.size).toBe(0);
		expect(layout.boxes[0]).toEqual({ x: 50, y: 10, width: 92, height: 11.5 });
	});

	it('leaves out a name that fits its area at no size, without shrinking the names that fit', () => {
		// First name: area 0..100 × 0..20, 4 px wide per px of size (52 at 13). Second: area 250..350 × 0..20, 20 px wide
		// per px of size (200 at 10, still twice the area's width): no size fits it, so it is left out and the first keeps 13 px.
		const areas = [
			{ left: 0, right: 100 },
			{ left: 250, right: 350 }
		];
		const allowed = (box: LabelBox, index: number) => boxInside(box, (x, y) => x >= areas[index].left && x <= areas[index].right && y >= 0 && y <= 20);
		const layout = layoutLabels(
			[13, 11.5, 10],
			(size) => [
				{ x: 50, y: 10, width: size * 4, height: size },
				{ x: 300, y: 10, width: size * 20, height: size }
			],
			allowed
		);
		expect(layout.size).toBe(13);
		expect([...layout.hidden]).toEqual([1]);
		expect(layout.boxes[0]).toEqual({ x: 50, y: 10, width: 52, height: 13 });
	});
});

describe('a name inside its area (boxInside)', () => {
	// A 100 × 40 px area with a notch 40..60 × 0..20 cut into its top edge.
	const notched = (x: number, y: number) => x >= 0 && x <= 100 && y >= 0 && y <= 40 && !(x > 40 && x < 60 && y < 20);

	it('a box clear of the notch is inside', () => {
		// Corners (5, 25), (95, 25), (5, 35), (95, 35): all below the notch.
		expect(boxInside({ x: 50, y: 30, width: 90, height: 10 }, notched)).toBe(true);
	});

	it('a box whose corners are inside but whose top edge crosses the notch is not', () => {
		// Corners (5, 5), (95, 5), (5, 15), (95, 15) are inside; (50, 5) on its top side lies in the notch.
		expect(boxInside({ x: 50, y: 10, width: 90, height: 10 }, notched)).toBe(false);
	});

	it('a box past the area\'s edge is not; less its outline it is', () => {
		// 90 × 14 at (50, 35): y 28..42, 2 px past the bottom edge (40); less a 2 px outline, 7..93 × 30..40: on the edge, inside.
		const box = { x: 50, y: 35, width: 90, height: 14 };
		expect(boxInside(box, notched)).toBe(false);
		expect(boxInside(box, notched, 2)).toBe(true);
	});
});

describe('a name as the map writes it', () => {
	it('puts a Chinese 街道 name on two lines, the place above its kind; leaves other names as they are', () => {
		expect(mapLabelText('江宁路街道')).toBe('江宁路\n街道');
		expect(mapLabelText('彭浦新村街道')).toBe('彭浦新村\n街道');
		expect(mapLabelText('彭浦镇')).toBe('彭浦镇');
		expect(mapLabelText('街道')).toBe('街道');
		expect(mapLabelText('Jiangning Road')).toBe('Jiangning Road');
	});
});
