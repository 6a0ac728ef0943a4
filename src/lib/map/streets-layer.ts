import { PathLayer } from '@deck.gl/layers';
import { linesOfHighways, linesWithin, packedLineCount, packedPointCount, type LonLatBox, type PackedLines } from '$lib/io/network-pack';
import type { Subdistrict } from '$lib/engine/types';
import type { RGBA } from './colors';
import { boundsOf } from './labels';
import { STREETS_BEFORE_LAYER } from './style';

/**
 * The walking network drawn by deck.gl straight from the packed arrays (binary attributes): no GeoJSON of
 * millions of points is built on the page, and nothing is copied to MapLibre's worker. Inserted into the
 * MapLibre style before the railways, so it sits where the style's own street layer used to: above water and
 * parks, below the railways and every other deck.gl layer (the population grid among them).
 *
 * deck.gl draws every segment of a layer on every frame (MapLibre's GeoJSON source tiled and simplified them),
 * so only the streets near the sub-districts are drawn, and of a very large network only its main streets
 * (MAX_DRAWN_POINTS): a city-wide extract of 6 million points behind one district took about a second per
 * frame per 600,000 points in headless Chromium. The analysis itself still uses the whole network.
 */

const STREET_COLOR: RGBA = [201, 204, 209, 255];
/** Width in pixels by highway class, as the former MapLibre line layer drew them. */
const MAJOR_WIDTH = 2.2;
const TERTIARY_WIDTH = 1.4;
const MINOR_WIDTH = 0.7;
/** Streets drawn beyond the sub-districts' bounding box, in degrees (about 1 km): the context around the edge. */
const MARGIN_DEGREES = 0.01;
/**
 * Above this many points near the sub-districts, only the main streets are drawn, then only the arterials:
 * a dense street layer costs on every frame (with software rendering, 76,000 points of a synthetic city
 * behind the demo took 2.9 s a frame, 7,200 main-street points 0.8 s: scripts/bench/page-network.ts),
 * while footpaths and lanes add little to a district-wide view. The demo has 5,780. The analysis uses all.
 */
const MAX_DRAWN_POINTS = 50_000;
const MAIN_STREETS = new Set(['primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link', 'trunk', 'trunk_link']);
const ARTERIALS = new Set(['primary', 'primary_link', 'secondary', 'secondary_link', 'trunk', 'trunk_link']);

interface BinaryPaths {
	length: number;
	startIndices: Uint32Array;
	attributes: { getPath: { value: Float64Array; size: 2 } };
}

interface DrawnStreets {
	/** The sub-districts the selection was cut around. */
	area: readonly Subdistrict[];
	lines: PackedLines;
	paths: BinaryPaths;
	/** Each highway class's width, indexed like lines.highways. */
	widths: Float32Array;
}

/**
 * One drawn selection per network and sub-district list (by identity): deck.gl compares `data` by identity,
 * so a new object on every redraw of the layers would upload every street again; and the layers are rebuilt
 * on every frame of a drag, so nothing is recomputed on a hit.
 */
const drawn = new WeakMap<PackedLines, DrawnStreets>();

function drawnStreets(network: PackedLines, area: readonly Subdistrict[]): DrawnStreets {
	const cached = drawn.get(network);
	if (cached && cached.area === area) return cached;
	const lines = thinned(area.length > 0 ? linesWithin(network, withMargin(boundsOf([...area]))) : network);
	const streets: DrawnStreets = {
		area,
		lines,
		paths: { length: packedLineCount(lines), startIndices: lines.offsets, attributes: { getPath: { value: lines.coords, size: 2 } } },
		widths: Float32Array.from(lines.highways, (highway) =>
			highway === 'primary' || highway === 'secondary' ? MAJOR_WIDTH : highway === 'tertiary' ? TERTIARY_WIDTH : MINOR_WIDTH
		)
	};
	drawn.set(network, streets);
	return streets;
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

/** The interleaved MapboxOverlay's placement prop (not exported by @deck.gl/mapbox's types). */
interface OverlayPlacement {
	beforeId: string;
}

/** The streets of `network` near the sub-districts' bounding box (all of them when there are no sub-districts). */
export function streetsLayer(network: PackedLines, area: readonly Subdistrict[]): PathLayer<null, OverlayPlacement> {
	const { lines, paths, widths } = drawnStreets(network, area);
	return new PathLayer<null, OverlayPlacement>({
		id: 'streets',
		beforeId: STREETS_BEFORE_LAYER,
		data: paths,
		// The lines are open as read: deck.gl takes the coordinates as they are, without normalising each path.
		_pathType: 'open',
		// Called once per line with its index; deck.gl repeats the value over the line's points.
		getWidth: (_line: null, { index }: { index: number }) => widths[lines.highwayIndex[index]],
		getColor: STREET_COLOR,
		widthUnits: 'pixels',
		capRounded: false,
		jointRounded: false,
		pickable: false
	});
}
