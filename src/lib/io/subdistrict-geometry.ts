import { area, bbox, featureCollection, intersect, kinks, multiPolygon, polygon } from '@turf/turf';
import { insideRings } from '$lib/engine/point-in-polygon';
import type { MultiPolygonCoords, Position, Subdistrict } from '$lib/engine/types';
import { clip } from './fields';
import { problemAt, type RowProblem } from './load-result';
import { explain } from './problem-codes';

/**
 * Overlaps smaller than this are digitising slivers along a shared boundary, not a second claim on land:
 * 100 m² is a tenth of the smallest population cell (10 m × 10 m), too small to hold a cell's centre
 * except by chance.
 */
export const OVERLAP_WARNING_M2 = 100;

/**
 * Why a sub-district's boundary cannot be used, or null: a ring that crosses itself (a bow-tie, which
 * point-in-polygon halves arbitrarily) or a boundary that encloses no area. Named by the 街镇, so the
 * planner knows which one to redraw.
 */
/** The readers accept rings whose last position is not the first; turf's checks need them closed. */
function closed(ring: Position[]): Position[] {
	const [first, last] = [ring[0], ring[ring.length - 1]];
	return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

function polygonFeature(rings: Position[][]) {
	return polygon(rings.map(closed));
}

function multiPolygonFeature(polygons: MultiPolygonCoords) {
	return multiPolygon(polygons.map((rings) => rings.map(closed)));
}

export function boundaryProblem(name: string, polygons: MultiPolygonCoords, row: number): RowProblem | null {
	for (const rings of polygons) {
		const crossing = kinks(polygonFeature(rings)).features[0];
		if (crossing) {
			const [lon, lat] = crossing.geometry.coordinates;
			return problemAt(row, 'geometry', explain('subdistrict-self-intersecting', { name: clip(name), lon: lon.toFixed(6), lat: lat.toFixed(6) }));
		}
	}
	if (!(area(multiPolygonFeature(polygons)) > 0)) return problemAt(row, 'geometry', explain('subdistrict-zero-area', { name: clip(name) }));
	return null;
}

/**
 * A warning on the later row of every pair of sub-districts that overlap by OVERLAP_WARNING_M2 or more,
 * naming both 街镇 and the overlap: residents there are counted in one of them only. Pairs are compared
 * only when their bounding boxes meet.
 */
export function overlapWarnings(subdistricts: readonly Pick<Subdistrict, 'name' | 'polygons'>[], rows: readonly number[]): RowProblem[] {
	const shapes = subdistricts.map((subdistrict) => multiPolygonFeature(subdistrict.polygons));
	const boxes = shapes.map((shape) => bbox(shape) as Box);
	const warnings: RowProblem[] = [];
	for (let later = 1; later < shapes.length; later++) {
		for (let earlier = 0; earlier < later; earlier++) {
			const [a, b] = [boxes[earlier], boxes[later]];
			if (a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]) continue;
			if (!interiorsMayMeet(subdistricts[earlier].polygons, subdistricts[later].polygons, a, b)) continue;
			const overlap = overlapArea(shapes[earlier], shapes[later]);
			if (overlap < OVERLAP_WARNING_M2) continue;
			const params = { name: clip(subdistricts[later].name), other: clip(subdistricts[earlier].name), otherRow: String(rows[earlier]), area: String(Math.round(overlap)) };
			warnings.push(problemAt(rows[later], 'geometry', explain('subdistrict-overlap', params)));
		}
	}
	return warnings;
}

/** 1e-9° (0.1 mm): a point this close to a boundary is on it (shared boundaries are digitised once, copied). */
const ON_BOUNDARY = 1e-9;

type Segment = [Position, Position];
type Box = [number, number, number, number];

function segmentsOf(polygons: MultiPolygonCoords, [west, south, east, north]: Box): Segment[] {
	const segments: Segment[] = [];
	for (const rings of polygons) {
		for (const ring of rings) {
			for (let k = 0; k + 1 < ring.length; k++) {
				const [a, b] = [ring[k], ring[k + 1]];
				if (Math.max(a[0], b[0]) < west || Math.min(a[0], b[0]) > east || Math.max(a[1], b[1]) < south || Math.min(a[1], b[1]) > north) continue;
				segments.push([a, b]);
			}
		}
	}
	return segments;
}

function side(a: Position, b: Position, p: Position): number {
	const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
	const length = Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]);
	return Math.abs(cross) <= ON_BOUNDARY * length ? 0 : Math.sign(cross);
}

function distanceToSegment([x, y]: Position, [a, b]: Segment): number {
	const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / lengthSquared));
	return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

function inBox([x, y]: Position, [west, south, east, north]: Box): boolean {
	return x >= west && x <= east && y >= south && y <= north;
}

/** `nearby`: the polygon's segments that can come within ON_BOUNDARY of the point. */
function strictlyInside(point: Position, polygons: MultiPolygonCoords, nearby: Segment[]): boolean {
	if (!polygons.some((rings) => insideRings(point[0], point[1], rings))) return false;
	return nearby.every((segment) => distanceToSegment(point, segment) > ON_BOUNDARY);
}

/**
 * A cheap, conservative test that lets turf's exact (and slow: about 2 ms a pair) intersection run only
 * where two boundaries may share interior: an edge of one properly crosses an edge of the other, or a
 * vertex or edge midpoint of one lies strictly inside the other. Neighbours that only share their boundary
 * (the usual case) pass none of these. Only what lies in the two bounding boxes' common part can matter.
 */
function interiorsMayMeet(a: MultiPolygonCoords, b: MultiPolygonCoords, boxA: Box, boxB: Box): boolean {
	const common: Box = [Math.max(boxA[0], boxB[0]) - ON_BOUNDARY, Math.max(boxA[1], boxB[1]) - ON_BOUNDARY, Math.min(boxA[2], boxB[2]) + ON_BOUNDARY, Math.min(boxA[3], boxB[3]) + ON_BOUNDARY];
	const [edgesA, edgesB] = [segmentsOf(a, common), segmentsOf(b, common)];
	for (const [p, q] of edgesA) {
		for (const [r, t] of edgesB) {
			if (side(p, q, r) * side(p, q, t) < 0 && side(r, t, p) * side(r, t, q) < 0) return true;
		}
	}
	const probes = (edges: Segment[]) => edges.flatMap(([p, q]): Position[] => [p, [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2]]).filter((point) => inBox(point, common));
	return probes(edgesB).some((point) => strictlyInside(point, a, edgesA)) || probes(edgesA).some((point) => strictlyInside(point, b, edgesB));
}

function overlapArea(a: ReturnType<typeof multiPolygonFeature>, b: ReturnType<typeof multiPolygonFeature>): number {
	try {
		const common = intersect(featureCollection([a, b]));
		return common ? area(common) : 0;
	} catch {
		// The clipping library gives up on some degenerate (already validated, nearly collinear) rings; such a
		// pair cannot be measured, and a warning is a courtesy, not a rule: no warning rather than a failed import.
		return 0;
	}
}
