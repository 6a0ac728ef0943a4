/**
 * Candidate sites: street nodes on a grid of the planner's spacing (each grid point taken to the
 * nearer end of the street piece it snaps to), the planner's own parcels, and existing facilities
 * that may be enlarged or converted (改扩建). Candidates outside every sub-district or inside an
 * excluded area (parks, water) are left out, and counted, never dropped silently.
 */
import type { PreparedNetwork } from '../coverage';
import { METRES_PER_DEGREE_LAT, metresPerDegreeLon } from '../geo';
import { assignPointsToPolygons } from '../point-in-polygon';
import { snapPoints } from '../snap';
import type { Facility, MultiPolygonCoords, Subdistrict } from '../types';

export type CandidateSource = 'grid' | 'parcel' | 'existing';

export interface Candidate {
	source: CandidateSource;
	lon: number;
	lat: number;
	/** Parcel name (empty when its file has none), facility name, or empty for grid nodes. */
	label: string;
	/** The existing facility this candidate would enlarge (source 'existing'). */
	facilityId: string | null;
	/** Source 'parcel': where it came from in the planner's file (its id as written, when the file has one, and its row). */
	parcel?: { id: string | null; row: number };
	/** Sub-district index. */
	subdistrict: number;
}

/** A candidate parcel as read from the planner's file (WGS84). */
export interface ParcelInput {
	lon: number;
	lat: number;
	/** The parcel's name as written; empty when the file has no name for it. */
	name: string;
	/** The parcel's id as written; null when the file has no id for it. */
	id: string | null;
	/** Its row in the file, by which the planner finds it when it has neither name nor id. */
	row: number;
}

export interface CandidateOptions {
	/** Grid spacing in metres; 0 = no grid candidates. */
	gridSpacingM: number;
	parcels: ParcelInput[];
	/** Existing facilities that may be enlarged (their own position). */
	existing: Facility[];
	/** Areas where no site may go. */
	excluded: MultiPolygonCoords[];
}

export interface CandidateList {
	candidates: Candidate[];
	/** Left out: outside every sub-district, inside an excluded area. */
	outside: number;
	excluded: number;
}

export function buildCandidates(prepared: PreparedNetwork, subdistricts: Subdistrict[], options: CandidateOptions): CandidateList {
	const raw: Omit<Candidate, 'subdistrict'>[] = [
		...gridNodes(prepared, subdistricts, options.gridSpacingM).map((p) => ({ source: 'grid' as const, lon: p[0], lat: p[1], label: '', facilityId: null })),
		...options.parcels.map((p) => ({ source: 'parcel' as const, lon: p.lon, lat: p.lat, label: p.name, facilityId: null, parcel: { id: p.id, row: p.row } })),
		...options.existing.map((f) => ({ source: 'existing' as const, lon: f.lon, lat: f.lat, label: f.name, facilityId: f.id }))
	];
	const lon = Float64Array.from(raw, (c) => c.lon);
	const lat = Float64Array.from(raw, (c) => c.lat);
	const area = assignPointsToPolygons(lon, lat, subdistricts);
	const excludedAreas = options.excluded.map((polygons, i) => ({ code: `x${i}`, name: '', nameEn: '', population: null, polygons }));
	const inExcluded = excludedAreas.length > 0 ? assignPointsToPolygons(lon, lat, excludedAreas) : new Int32Array(raw.length).fill(-1);
	const list: CandidateList = { candidates: [], outside: 0, excluded: 0 };
	raw.forEach((candidate, i) => {
		// An existing facility keeps its place even in a park: it is already there.
		if (inExcluded[i] >= 0 && candidate.source !== 'existing') list.excluded++;
		else if (area[i] < 0) list.outside++;
		else list.candidates.push({ ...candidate, subdistrict: area[i] });
	});
	return list;
}

/** Distinct street nodes nearest to a lattice of points `spacingM` apart over the sub-districts' extent. */
function gridNodes(prepared: PreparedNetwork, subdistricts: Subdistrict[], spacingM: number): [number, number][] {
	if (!(spacingM > 0) || subdistricts.length === 0) return [];
	let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
	for (const area of subdistricts)
		for (const polygon of area.polygons)
			for (const [x, y] of polygon[0] ?? []) {
				minLon = Math.min(minLon, x);
				maxLon = Math.max(maxLon, x);
				minLat = Math.min(minLat, y);
				maxLat = Math.max(maxLat, y);
			}
	const stepLat = spacingM / METRES_PER_DEGREE_LAT;
	const stepLon = spacingM / metresPerDegreeLon((minLat + maxLat) / 2);
	const lons: number[] = [];
	const lats: number[] = [];
	for (let y = minLat + stepLat / 2; y <= maxLat; y += stepLat) {
		for (let x = minLon + stepLon / 2; x <= maxLon; x += stepLon) {
			lons.push(x);
			lats.push(y);
		}
	}
	const { graph } = prepared;
	const snaps = snapPoints(graph, prepared.segments, Float64Array.from(lons), Float64Array.from(lats), spacingM / 2);
	const seen = new Set<number>();
	const nodes: [number, number][] = [];
	for (let i = 0; i < lons.length; i++) {
		const edge = snaps.edge[i];
		if (edge < 0) continue;
		const node = snaps.along[i] <= graph.edgeLength[edge] / 2 ? graph.edgeFrom[edge] : graph.edgeTo[edge];
		if (seen.has(node)) continue;
		seen.add(node);
		nodes.push([graph.nodeLon[node], graph.nodeLat[node]]);
	}
	return nodes;
}

/** Candidate positions in metres on a flat frame at their mean latitude (for spacing; exact to well under 1 % over a district). */
export function localMetres(candidates: readonly Pick<Candidate, 'lon' | 'lat'>[]): { x: Float64Array; y: Float64Array } {
	const meanLat = candidates.reduce((sum, c) => sum + c.lat, 0) / Math.max(1, candidates.length);
	const perLon = metresPerDegreeLon(meanLat);
	return {
		x: Float64Array.from(candidates, (c) => c.lon * perLon),
		y: Float64Array.from(candidates, (c) => c.lat * METRES_PER_DEGREE_LAT)
	};
}
