import Flatbush from 'flatbush';
import gcoord from 'gcoord';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import type { Subdistrict } from '$lib/engine/types';
import { packedLineCount, type PackedLines } from '../network-pack';

/** The datum shifts Chinese web-map data carries; each is tested by undoing it. */
export type ShiftCandidate = 'as-declared' | 'gcj02' | 'bd09';

export interface ShiftEvidence {
	candidate: ShiftCandidate;
	/** Share of points inside any loaded sub-district. */
	insideShare: number | null;
	/** Share of points inside the sub-district their row names (only rows naming a loaded one). */
	declaredMatchShare: number | null;
	/** Median distance in metres from a point to the nearest street segment. */
	medianNetworkM: number | null;
}

export interface ShiftCheck {
	/** The conversion that would fit the loaded boundaries / streets clearly better, or null. */
	suggested: 'gcj02' | 'bd09' | null;
	evidence: ShiftEvidence[];
}

export interface ShiftContext {
	subdistricts?: readonly Subdistrict[];
	/** Packed, as the page holds it: the check runs in the import worker and reads the arrays directly. */
	network?: PackedLines | null;
}

/** Below this many points the shares are too noisy to suggest anything. */
const MIN_POINTS = 5;
const SEARCH_DEGREES = 0.02;

/**
 * Tests whether positions read as WGS84 are really GCJ-02 or BD-09: undo each shift and see whether the
 * points fall inside their declared sub-districts, inside the district at all, and onto the streets clearly
 * more often. In Jing'an the GCJ-02 shift is ≈ 480 m, a third of a 15-minute walk, so a real shift moves
 * these measures by far more than the margins used here; unshifted data does not.
 */
export function detectShift(lon: Float64Array, lat: Float64Array, declared: Int32Array | null, context: ShiftContext): ShiftCheck | null {
	const subdistricts = context.subdistricts ?? [];
	const network = context.network ?? null;
	const lineCount = network ? packedLineCount(network) : 0;
	if (lon.length < MIN_POINTS || (subdistricts.length === 0 && lineCount === 0)) return null;
	const segments = network && lineCount > 0 ? buildSegmentTree(network) : null;
	const evidence = (['as-declared', 'gcj02', 'bd09'] as const).map((candidate) => {
		const [candidateLon, candidateLat] = undo(candidate, lon, lat);
		return measure(candidate, candidateLon, candidateLat, declared, subdistricts, segments);
	});
	return { suggested: pickSuggestion(evidence), evidence };
}

function undo(candidate: ShiftCandidate, lon: Float64Array, lat: Float64Array): [Float64Array, Float64Array] {
	if (candidate === 'as-declared') return [lon, lat];
	const from = candidate === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
	const outLon = new Float64Array(lon.length);
	const outLat = new Float64Array(lat.length);
	for (let index = 0; index < lon.length; index++) {
		const [x, y] = gcoord.transform([lon[index], lat[index]], from, gcoord.WGS84) as [number, number];
		outLon[index] = x;
		outLat[index] = y;
	}
	return [outLon, outLat];
}

function measure(
	candidate: ShiftCandidate,
	lon: Float64Array,
	lat: Float64Array,
	declared: Int32Array | null,
	subdistricts: readonly Subdistrict[],
	segments: SegmentTree | null
): ShiftEvidence {
	let insideShare: number | null = null;
	let declaredMatchShare: number | null = null;
	if (subdistricts.length > 0) {
		const inside = assignPointsToPolygons(lon, lat, [...subdistricts]);
		insideShare = inside.reduce((count, area) => count + (area >= 0 ? 1 : 0), 0) / inside.length;
		if (declared) {
			let named = 0;
			let matching = 0;
			for (let index = 0; index < inside.length; index++) {
				if (declared[index] < 0) continue;
				named++;
				if (inside[index] === declared[index]) matching++;
			}
			declaredMatchShare = named >= MIN_POINTS ? matching / named : null;
		}
	}
	let medianNetworkM: number | null = null;
	if (segments) {
		const distances = Array.from(lon, (_, index) => nearestSegmentMetres(segments, lon[index], lat[index]));
		distances.sort((a, b) => a - b);
		medianNetworkM = distances[Math.floor(distances.length / 2)];
	}
	return { candidate, insideShare, declaredMatchShare, medianNetworkM };
}

/**
 * A conversion is suggested when it wins on some measure by a clear margin and loses on none:
 * +25 points of declared-sub-district agreement, +20 points inside the district, or halving a median
 * street distance of 150 m or more (the symmetric rules say when it loses).
 */
function pickSuggestion(evidence: ShiftEvidence[]): 'gcj02' | 'bd09' | null {
	const [base, ...candidates] = evidence;
	let best: { candidate: 'gcj02' | 'bd09'; score: number } | null = null;
	for (const trial of candidates) {
		if (trial.candidate === 'as-declared') continue;
		const better: boolean[] = [];
		const worse: boolean[] = [];
		if (base.declaredMatchShare !== null && trial.declaredMatchShare !== null) {
			better.push(trial.declaredMatchShare >= base.declaredMatchShare + 0.25 && trial.declaredMatchShare >= 0.6);
			worse.push(trial.declaredMatchShare < base.declaredMatchShare - 0.05);
		}
		if (base.insideShare !== null && trial.insideShare !== null) {
			better.push(trial.insideShare >= base.insideShare + 0.2);
			worse.push(trial.insideShare < base.insideShare - 0.05);
		}
		if (base.medianNetworkM !== null && trial.medianNetworkM !== null) {
			better.push(base.medianNetworkM >= 150 && trial.medianNetworkM <= base.medianNetworkM * 0.5);
			// In a dense street grid any point is within a few dozen metres of a street: only large distances mean anything.
			worse.push(trial.medianNetworkM >= 150 && trial.medianNetworkM >= base.medianNetworkM * 2);
		}
		if (!better.some(Boolean) || worse.some(Boolean)) continue;
		const score =
			(trial.declaredMatchShare ?? 0) - (base.declaredMatchShare ?? 0) + (trial.insideShare ?? 0) - (base.insideShare ?? 0) +
			(base.medianNetworkM !== null && trial.medianNetworkM !== null ? (base.medianNetworkM - trial.medianNetworkM) / Math.max(base.medianNetworkM, 1) : 0);
		if (!best || score > best.score) best = { candidate: trial.candidate, score };
	}
	return best?.candidate ?? null;
}

interface SegmentTree {
	tree: Flatbush;
	/** x1, y1, x2, y2 per segment, in degrees. */
	coords: Float64Array;
}

function buildSegmentTree(network: PackedLines): SegmentTree | null {
	const { offsets, coords: points } = network;
	const lineCount = packedLineCount(network);
	let count = 0;
	for (let line = 0; line < lineCount; line++) count += Math.max(0, offsets[line + 1] - offsets[line] - 1);
	if (count === 0) return null;
	const tree = new Flatbush(count);
	const coords = new Float64Array(count * 4);
	let segment = 0;
	for (let line = 0; line < lineCount; line++) {
		for (let point = offsets[line]; point + 1 < offsets[line + 1]; point++) {
			const x1 = points[2 * point];
			const y1 = points[2 * point + 1];
			const x2 = points[2 * point + 2];
			const y2 = points[2 * point + 3];
			coords.set([x1, y1, x2, y2], segment * 4);
			tree.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
			segment++;
		}
	}
	tree.finish();
	return { tree, coords };
}

/** Distance to the nearest segment in a local equirectangular frame (metres; capped at the search radius). */
function nearestSegmentMetres(segments: SegmentTree, lon: number, lat: number): number {
	const metresPerDegreeLat = 111_195;
	const metresPerDegreeLon = metresPerDegreeLat * Math.cos((lat * Math.PI) / 180);
	let best = SEARCH_DEGREES * metresPerDegreeLat;
	for (const segment of segments.tree.search(lon - SEARCH_DEGREES, lat - SEARCH_DEGREES, lon + SEARCH_DEGREES, lat + SEARCH_DEGREES)) {
		const offset = segment * 4;
		const ax = (segments.coords[offset] - lon) * metresPerDegreeLon;
		const ay = (segments.coords[offset + 1] - lat) * metresPerDegreeLat;
		const bx = (segments.coords[offset + 2] - lon) * metresPerDegreeLon;
		const by = (segments.coords[offset + 3] - lat) * metresPerDegreeLat;
		const dx = bx - ax;
		const dy = by - ay;
		const lengthSquared = dx * dx + dy * dy;
		const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
		const distance = Math.hypot(ax + t * dx, ay + t * dy);
		if (distance < best) best = distance;
	}
	return best;
}
