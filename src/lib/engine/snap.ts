import { METRES_PER_DEGREE_LAT, metresPerDegreeLon } from './geo';
import type { WalkGraph } from './graph';
import { gridColumn, type SegmentGrid, type SegmentIndex } from './segment-index';

/**
 * Where each point joins the network: the nearest point on the nearest edge. A point farther than
 * the maximum snap distance gets edge -1 and is unreachable by the network (never silently dropped).
 */
export interface PointSnaps {
	/** Edge snapped to, or -1 when no edge lies within maxSnapM. */
	edge: Int32Array;
	/** Metres along the edge from its edgeFrom node to the snapped point. */
	along: Float64Array;
	/** Metres from the point to the snapped point (NaN when not snapped). */
	connector: Float64Array;
	snappedLon: Float64Array;
	snappedLat: Float64Array;
	maxSnapM: number;
}

/** First search radius; it grows ×4 up to maxSnapM, so dense cities answer from a small box. */
const FIRST_RADIUS_M = 40;
/** Pads the degree box so rounding cannot hide a segment exactly at the radius. */
const BOX_PADDING = 1 + 1e-9;

/** Snaps each (lon[i], lat[i]) to the nearest edge within maxSnapM metres (inclusive). */
export function snapPoints(graph: WalkGraph, index: SegmentIndex, lon: Float64Array, lat: Float64Array, maxSnapM: number): PointSnaps {
	const count = lon.length;
	const snaps: PointSnaps = {
		edge: new Int32Array(count).fill(-1),
		along: new Float64Array(count),
		connector: new Float64Array(count).fill(Number.NaN),
		snappedLon: new Float64Array(count).fill(Number.NaN),
		snappedLat: new Float64Array(count).fill(Number.NaN),
		maxSnapM
	};
	if (index.grid === null || !(maxSnapM >= 0)) return snaps;
	const search = new NearestSegmentSearch(graph, index);
	for (let point = 0; point < count; point++) {
		const segment = search.nearest(lon[point], lat[point], maxSnapM);
		if (segment < 0) continue;
		const vertex = index.segmentVertex[segment];
		const t = search.bestT;
		snaps.edge[point] = index.segmentEdge[segment];
		snaps.along[point] = graph.vertexDistance[vertex] + t * (graph.vertexDistance[vertex + 1] - graph.vertexDistance[vertex]);
		snaps.connector[point] = search.bestDistance;
		snaps.snappedLon[point] = graph.vertexLon[vertex] + t * (graph.vertexLon[vertex + 1] - graph.vertexLon[vertex]);
		snaps.snappedLat[point] = graph.vertexLat[vertex] + t * (graph.vertexLat[vertex + 1] - graph.vertexLat[vertex]);
	}
	return snaps;
}

/**
 * Nearest segment to a point, measured in a flat projection centred on the point. The result is the
 * segment with the smallest (distance, segment id) among all segments within the final search box,
 * so it does not depend on how the index lists candidates (order, repeats, extra ones).
 */
class NearestSegmentSearch {
	bestSegment = -1;
	bestDistance = Infinity;
	bestT = 0;
	private originLon = 0;
	private originLat = 0;
	private metresPerLon = 0;
	private readonly vertexLon: Float64Array;
	private readonly vertexLat: Float64Array;
	private readonly segmentVertex: Int32Array;
	private readonly grid: SegmentGrid;

	constructor(graph: WalkGraph, index: SegmentIndex) {
		this.vertexLon = graph.vertexLon;
		this.vertexLat = graph.vertexLat;
		this.segmentVertex = index.segmentVertex;
		if (index.grid === null) throw new Error('NearestSegmentSearch needs a non-empty index');
		this.grid = index.grid;
	}

	/** Returns the nearest segment within maxDistance metres, or -1. */
	nearest(lon: number, lat: number, maxDistance: number): number {
		this.originLon = lon;
		this.originLat = lat;
		this.metresPerLon = metresPerDegreeLon(lat);
		this.bestSegment = -1;
		this.bestDistance = Infinity;
		let radius = Math.min(FIRST_RADIUS_M, maxDistance);
		for (;;) {
			const halfWidth = (radius / this.metresPerLon) * BOX_PADDING;
			const halfHeight = (radius / METRES_PER_DEGREE_LAT) * BOX_PADDING;
			this.searchBox(lon - halfWidth, lat - halfHeight, lon + halfWidth, lat + halfHeight);
			// Any segment nearer than the best found lies inside the box just searched.
			if (this.bestDistance <= radius || radius >= maxDistance) break;
			radius = Math.min(radius * 4, maxDistance);
		}
		return this.bestDistance <= maxDistance ? this.bestSegment : -1;
	}

	/** Considers every segment whose box meets the box (and some more): the grid cells of their centres, and the large segments. */
	private searchBox(west: number, south: number, east: number, north: number): void {
		const grid = this.grid;
		const { columns, cellStart, cellSegments, cellCoords } = grid;
		const c0 = gridColumn(west - grid.marginLon, grid.west, grid.columnsPerDegree, columns);
		const c1 = gridColumn(east + grid.marginLon, grid.west, grid.columnsPerDegree, columns);
		const r0 = gridColumn(south - grid.marginLat, grid.south, grid.rowsPerDegree, grid.rows);
		const r1 = gridColumn(north + grid.marginLat, grid.south, grid.rowsPerDegree, grid.rows);
		for (let row = r0; row <= r1; row++) {
			const end = cellStart[row * columns + c1 + 1];
			for (let entry = cellStart[row * columns + c0]; entry < end; entry++) {
				this.consider(cellSegments[entry], cellCoords[4 * entry], cellCoords[4 * entry + 1], cellCoords[4 * entry + 2], cellCoords[4 * entry + 3]);
			}
		}
		if (grid.large === null) return;
		for (const item of grid.large.search(west, south, east, north)) {
			const segment = grid.largeSegments[item];
			const vertex = this.segmentVertex[segment];
			this.consider(segment, this.vertexLon[vertex], this.vertexLat[vertex], this.vertexLon[vertex + 1], this.vertexLat[vertex + 1]);
		}
	}

	private consider(segment: number, lonA: number, latA: number, lonB: number, latB: number): void {
		const ax = (lonA - this.originLon) * this.metresPerLon;
		const ay = (latA - this.originLat) * METRES_PER_DEGREE_LAT;
		const dx = (lonB - this.originLon) * this.metresPerLon - ax;
		const dy = (latB - this.originLat) * METRES_PER_DEGREE_LAT - ay;
		const squaredLength = dx * dx + dy * dy;
		let t = squaredLength > 0 ? -(ax * dx + ay * dy) / squaredLength : 0;
		if (t < 0) t = 0;
		else if (t > 1) t = 1;
		const px = ax + t * dx;
		const py = ay + t * dy;
		const distance = Math.sqrt(px * px + py * py);
		// Ties go to the lower segment id so results do not depend on index order.
		if (distance < this.bestDistance || (distance === this.bestDistance && segment < this.bestSegment)) {
			this.bestDistance = distance;
			this.bestSegment = segment;
			this.bestT = t;
		}
	}
}
