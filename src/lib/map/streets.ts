import { linesOfHighways, linesWithin, packedLineCount, packedPointCount, type LonLatBox, type PackedLines } from '$lib/io/network-pack';
import type { Subdistrict } from '$lib/engine/types';
import { boundsOf } from './labels';

/**
 * The walking network as MapLibre line features, drawn by the base map's own `streets` line layer
 * (style.ts) between the water and the railways, below every deck.gl layer. MapView fills the source once
 * the first map is drawn, so tiling the streets does not delay the first view.
 *
 * Why MapLibre and not deck.gl: MapLibre tessellates the lines once in its worker and draws prepared
 * tiles, while deck.gl's PathLayer runs its joint-and-miter vertex shader over every segment on every
 * frame. Under software rendering (headless Chromium, SwiftShader) the demo's 2,526 streets cost about
 * 130 ms per frame as a PathLayer and about 17 ms as a MapLibre layer (tests/e2e/frames.spec.ts measures
 * the frame time while panning and dragging). Only the streets near the sub-districts are drawn, and of
 * a very large network only its main streets (MAX_DRAWN_POINTS), so the features copied to MapLibre's
 * worker stay small; the analysis itself still uses the whole network.
 */

export const STREET_COLOR = '#c9ccd1';
/** Width in pixels by highway class, as the former MapLibre line layer drew them. */
const MAJOR_WIDTH = 2.2;
const TERTIARY_WIDTH = 1.4;
const MINOR_WIDTH = 0.7;
/** Streets drawn beyond the sub-districts' bounding box, in degrees (about 1 km): the context around the edge. */
const MARGIN_DEGREES = 0.01;
/**
 * Above this many points near the sub-districts, only the main streets are drawn, then only the arterials:
 * a dense street layer costs on every frame and is copied to MapLibre's worker (when deck.gl drew the streets,
 * with software rendering, 76,000 points of a synthetic city behind the demo took 2.9 s a frame, 7,200
 * main-street points 0.8 s: scripts/bench/page-network.ts; not re-measured with the MapLibre layer), while
 * footpaths and lanes add little to a district-wide view. The demo has 5,780. The analysis uses all.
 */
const MAX_DRAWN_POINTS = 50_000;
const MAIN_STREETS = new Set(['primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link', 'trunk', 'trunk_link']);
const ARTERIALS = new Set(['primary', 'primary_link', 'secondary', 'secondary_link', 'trunk', 'trunk_link']);

export type StreetFeatures = GeoJSON.FeatureCollection<GeoJSON.LineString, { width: number }>;

/** One drawn selection per network and sub-district list (by identity): a restyle does not rebuild it. */
const drawn = new WeakMap<PackedLines, { area: readonly Subdistrict[]; features: StreetFeatures }>();

/** The streets of `network` near the sub-districts' bounding box (all of them when there are no sub-districts), as line features with their width. */
export function streetFeatures(network: PackedLines | null, area: readonly Subdistrict[]): StreetFeatures {
	if (!network) return { type: 'FeatureCollection', features: [] };
	const cached = drawn.get(network);
	if (cached && cached.area === area) return cached.features;
	const lines = thinned(area.length > 0 ? linesWithin(network, withMargin(boundsOf([...area]))) : network);
	const widths = lines.highways.map((highway) => (highway === 'primary' || highway === 'secondary' ? MAJOR_WIDTH : highway === 'tertiary' ? TERTIARY_WIDTH : MINOR_WIDTH));
	const features: StreetFeatures['features'] = [];
	for (let line = 0; line < packedLineCount(lines); line++) {
		const coordinates: [number, number][] = [];
		for (let point = lines.offsets[line]; point < lines.offsets[line + 1]; point++) coordinates.push([lines.coords[2 * point], lines.coords[2 * point + 1]]);
		features.push({ type: 'Feature', properties: { width: widths[lines.highwayIndex[line]] }, geometry: { type: 'LineString', coordinates } });
	}
	const collection: StreetFeatures = { type: 'FeatureCollection', features };
	drawn.set(network, { area, features: collection });
	return collection;
}

function withMargin([west, south, east, north]: LonLatBox): LonLatBox {
	return [west - MARGIN_DEGREES, south - MARGIN_DEGREES, east + MARGIN_DEGREES, north + MARGIN_DEGREES];
}

/** The lines to draw: all of them, or the main streets, or the arterials, whichever first fits MAX_DRAWN_POINTS. */
function thinned(lines: PackedLines): PackedLines {
	if (packedPointCount(lines) <= MAX_DRAWN_POINTS) return lines;
	const main = linesOfHighways(lines, MAIN_STREETS);
	return packedPointCount(main) <= MAX_DRAWN_POINTS ? main : linesOfHighways(lines, ARTERIALS);
}
