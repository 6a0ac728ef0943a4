/**
 * Issue 24 (walkthrough): 江宁路街道 and 天目西路街道 ran into each other at 1440 px and on the printed map.
 * The offsets are checked with a rectangle test written here, not with the module's own.
 */
import { describe, expect, it } from 'vitest';
import { layoutLabels, separateLabels, type LabelBox } from '$lib/map/labels';

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

	it('at the smallest size, leaves out a name that would still lie over one kept before it', () => {
		const layout = layoutLabels([13, 10], twoNames(50), (box, index) => box.x === [100, 150][index] && box.y === 50);
		expect(layout.size).toBe(10);
		expect([...layout.hidden]).toEqual([1]);
	});
});
