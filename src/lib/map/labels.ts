import polylabel from 'polylabel';
import type { Position, Subdistrict } from '$lib/engine/types';

/**
 * A sub-district's name as the map writes it. A Chinese 街道 name stands on two lines, the place above its
 * kind ("江宁路" over "街道"): five characters on one line are wider than most of Jing'an's narrow areas at
 * 1024 px, and a name that does not fit inside its area is left out (layoutLabels). English names already
 * break between words (the TextLayer's maxWidth).
 */
export function mapLabelText(name: string): string {
	return name.replace(/^(\p{Script=Han}{2,})(街道)$/u, '$1\n$2');
}

/**
 * A label point well inside each sub-district: the pole of inaccessibility of its largest part (the point
 * farthest from its edges; polylabel), not its centre of mass, which can lie outside a concave area or on
 * a thin neck of it. Longitudes are scaled by cos(latitude) first so "farthest" is measured in metres.
 */
export function subdistrictLabelPoints(subdistricts: Subdistrict[]): Map<string, Position> {
	const points = new Map<string, Position>();
	for (const subdistrict of subdistricts) {
		let best: { point: Position; distance: number } | null = null;
		for (const polygon of subdistrict.polygons) {
			const latitude = polygon[0][0][1];
			const scale = Math.cos((latitude * Math.PI) / 180);
			const rings = polygon.map((ring) => ring.map(([lon, lat]): [number, number] => [lon * scale, lat]));
			const pole = polylabel(rings, 1e-6);
			if (!best || pole.distance > best.distance) best = { point: [pole[0] / scale, pole[1]], distance: pole.distance };
		}
		if (best) points.set(subdistrict.code, best.point);
	}
	return points;
}

/** The bounding box [west, south, east, north] of all sub-districts, for fitting the map. */
export function boundsOf(subdistricts: Subdistrict[]): [number, number, number, number] {
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	for (const subdistrict of subdistricts) {
		for (const polygon of subdistrict.polygons) {
			for (const [lon, lat] of polygon[0]) {
				west = Math.min(west, lon);
				east = Math.max(east, lon);
				south = Math.min(south, lat);
				north = Math.max(north, lat);
			}
		}
	}
	return [west, south, east, north];
}

/** A label's box on screen: its anchor (the box's centre, in pixels) and its size. */
export interface LabelBox {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * Pixel offsets that keep sub-district names from running into each other (江宁路街道 and 天目西路街道
 * overlapped at 1440 px and on the printed map). Greedy, in the given order: a name stays on its point if
 * it is free there, else moves to the nearest free place (up, down, sideways or diagonally). A move is taken only where `allowed` says the name may stand (inside its own
 * sub-district and the map's frame: 北站 was pushed out of its area); a name with no free allowed place
 * takes the allowed place it overlaps least (three-line English names in small areas at 1024 px), a name
 * with no allowed place the nearest free one. This hides no name; layoutLabels, on a map too small for all of them
 * even at its smallest size, leaves out those that would still lie over another.
 */
export function separateLabels(boxes: readonly LabelBox[], gap = 4, allowed: (box: LabelBox, index: number) => boolean = () => true): [number, number][] {
	const placed: LabelBox[] = [];
	return boxes.map((box, index) => {
		const step = box.height / 2 + gap;
		// Up, down and sideways, and half-way between (diagonals: a name with no allowed place straight
		// up, down or sideways, as West Tianmu Road at 1024 px, finds one there); nearest first.
		const candidates: [number, number][] = [[0, 0]];
		for (let k = 1; k <= 8; k++) {
			candidates.push([0, k * step], [0, -k * step], [k * step * 2, 0], [-k * step * 2, 0]);
			candidates.push([k * step, k * step], [-k * step, k * step], [k * step, -k * step], [-k * step, -k * step]);
		}
		candidates.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
		const at = ([dx, dy]: [number, number]): LabelBox => ({ ...box, x: box.x + dx, y: box.y + dy });
		const free = (offset: [number, number]) => placed.every((other) => !overlaps(at(offset), other, gap));
		const overlapArea = (offset: [number, number]) => placed.reduce((sum, other) => sum + sharedArea(at(offset), other), 0);
		const allowedHere = candidates.filter((offset) => allowed(at(offset), index));
		// Where every allowed place touches another name, the one it overlaps least: on its own area beats clear of others.
		const leastOverlap = allowedHere.reduce<[number, number] | undefined>((best, offset) => (best === undefined || overlapArea(offset) < overlapArea(best) ? offset : best), undefined);
		const [dx, dy] = allowedHere.find(free) ?? leastOverlap ?? candidates.find(free) ?? [0, 0];
		placed.push(at([dx, dy]));
		return [dx, dy];
	});
}

/**
 * Whether a name's box lies inside its area: the box less `inset` px on each side (the white outline, which may
 * cross the edge), tested by `inside` at its corners, then along its sides at most `step` px apart ("Caojiadu" and
 * "Jiangning Road" ran past their areas' edges at 1024 and 390 px with their anchors inside).
 */
export function boxInside(box: LabelBox, inside: (x: number, y: number) => boolean, inset = 0, step = 4): boolean {
	const left = box.x - box.width / 2 + inset;
	const right = box.x + box.width / 2 - inset;
	const top = box.y - box.height / 2 + inset;
	const bottom = box.y + box.height / 2 - inset;
	const corners: [number, number][] = [
		[left, top],
		[right, top],
		[left, bottom],
		[right, bottom]
	];
	if (!corners.every(([x, y]) => inside(x, y))) return false;
	const along = (from: number, to: number) => {
		const count = Math.max(1, Math.ceil((to - from) / step));
		return Array.from({ length: count - 1 }, (_, i) => from + ((to - from) * (i + 1)) / count);
	};
	return along(left, right).every((x) => inside(x, top) && inside(x, bottom)) && along(top, bottom).every((y) => inside(left, y) && inside(right, y));
}

/** Names laid out at one size: each one's offset (separateLabels), its box as placed, and which are left out. */
export interface LabelLayout {
	size: number;
	offsets: [number, number][];
	boxes: LabelBox[];
	/** Indices of names left out: where they ended no place `allowed` them (not inside their area), or they would lie over one placed before them. */
	hidden: ReadonlySet<number>;
}

/**
 * Names at the largest of `sizes` (px, largest first) at which, once moved apart, every name stands where
 * `allowed` says it may (inside its own area and the map's frame, MapView) and none lies over another; where no
 * size manages that, at the largest size that leaves out the fewest (in order: a name with no allowed place, or
 * over one already kept). `boxesAt` measures the names at a size; `allowed` is separateLabels'. On a small map
 * (English names beside the standards table at 1024 px) the names shrink before any is left out, none is drawn
 * over another or across its area's edge, and one name that fits at no size does not shrink all the others.
 */
export function layoutLabels(sizes: readonly [number, ...number[]], boxesAt: (size: number) => LabelBox[], allowed: (box: LabelBox, index: number) => boolean = () => true): LabelLayout {
	let best = layoutAt(sizes[0], boxesAt, allowed);
	for (const size of sizes.slice(1)) {
		if (best.hidden.size === 0) break;
		const layout = layoutAt(size, boxesAt, allowed);
		if (layout.hidden.size < best.hidden.size) best = layout;
	}
	return best;
}

function layoutAt(size: number, boxesAt: (size: number) => LabelBox[], allowed: (box: LabelBox, index: number) => boolean): LabelLayout {
	const measured = boxesAt(size);
	const offsets = separateLabels(measured, undefined, allowed);
	const boxes = measured.map((box, index) => ({ ...box, x: box.x + offsets[index][0], y: box.y + offsets[index][1] }));
	const kept: LabelBox[] = [];
	const hidden = new Set<number>();
	boxes.forEach((box, index) => {
		if (!allowed(box, index) || kept.some((other) => overlaps(box, other))) hidden.add(index);
		else kept.push(box);
	});
	return { size, offsets, boxes, hidden };
}

/** The area two centred boxes share, in square pixels. */
function sharedArea(a: LabelBox, b: LabelBox): number {
	const width = Math.min(a.x + a.width / 2, b.x + b.width / 2) - Math.max(a.x - a.width / 2, b.x - b.width / 2);
	const height = Math.min(a.y + a.height / 2, b.y + b.height / 2) - Math.max(a.y - a.height / 2, b.y - b.height / 2);
	return Math.max(0, width) * Math.max(0, height);
}

/** Whether two centred boxes come closer than `gap` pixels. */
export function overlaps(a: LabelBox, b: LabelBox, gap = 0): boolean {
	return Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * gap && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * gap;
}
