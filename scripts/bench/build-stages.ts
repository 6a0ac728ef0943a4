/**
 * Stage timing for the network preparation on the synthetic city (not a test): graph build, segment
 * index, snapping the cells, then one coverage; and a fingerprint (FNV-1a over the bytes) of every
 * array they produce, so a faster implementation can be checked bit for bit against a saved run.
 *
 *   tsx scripts/bench/build-stages.ts [--quick] [--packed] [--save FILE | --compare FILE]
 *
 * --packed builds from flat LineCoordinates (what the worker passes) instead of NetworkLine[].
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { componentOfSnaps, computeCoverage, type PreparedNetwork } from '$lib/engine/coverage';
import { buildWalkGraph, type LineCoordinates } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/params';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import { buildSegmentIndex } from '$lib/engine/segment-index';
import { snapPoints } from '$lib/engine/snap';
import type { NetworkLine } from '$lib/engine/types';
import { SyntheticCity, type CityScale } from './synthetic-city';

const FULL: CityScale = { gridSize: 1250, spacingM: 70, cellColumns: 800, cellRows: 750, facilities: 1200, subdistrictGrid: 15 };
const QUICK: CityScale = { gridSize: 300, spacingM: 70, cellColumns: 200, cellRows: 200, facilities: 80, subdistrictGrid: 5 };

const argv = process.argv.slice(2);
const option = (name: string): string | null => (argv.includes(name) ? (argv[argv.indexOf(name) + 1] ?? null) : null);
const scale = argv.includes('--quick') ? QUICK : FULL;

function timed<T>(label: string, step: () => T): T {
	const start = performance.now();
	const value = step();
	console.log(`${label.padEnd(22)} ${((performance.now() - start) / 1000).toFixed(3)} s`);
	return value;
}

function fingerprint(array: ArrayBufferView): string {
	const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
	let h = 0x811c9dc5;
	for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
	return `${array.byteLength}:${(h >>> 0).toString(16)}`;
}

function pack(lines: NetworkLine[]): LineCoordinates {
	let points = 0;
	for (const line of lines) points += line.coords.length;
	const coords = new Float64Array(2 * points);
	const offsets = new Uint32Array(lines.length + 1);
	let p = 0;
	lines.forEach((line, k) => {
		for (const [lon, lat] of line.coords) {
			coords[p++] = lon;
			coords[p++] = lat;
		}
		offsets[k + 1] = p / 2;
	});
	return { coords, offsets };
}

const city = new SyntheticCity(scale);
// With --packed the line objects are garbage before the build, as in the worker (which receives flat arrays).
const network = argv.includes('--packed') ? pack(city.lines()) : city.lines();
const cells = city.cells();
const graph = timed('graph build', () => buildWalkGraph(network));
const segments = timed('segment index', () => buildSegmentIndex(graph));
const cellSnap = timed('snap cells', () => snapPoints(graph, segments, cells.lon, cells.lat, DEFAULT_COVERAGE_PARAMS.maxSnapM));
const subdistricts = city.subdistricts();
const cellSubdistrict = assignPointsToPolygons(cells.lon, cells.lat, subdistricts);
const prepared: PreparedNetwork = { graph, cells, segments, cellSnap, cellComponent: componentOfSnaps(graph, cellSnap), maxSnapM: DEFAULT_COVERAGE_PARAMS.maxSnapM };
const params = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes] };
const result = timed('coverage', () => computeCoverage({ graph, prepared, facilities: city.facilities(), cells, cellSubdistrict, subdistricts, params }));

const prints: Record<string, string> = { nodeCount: String(graph.nodeCount), edgeCount: String(graph.edgeCount), componentCount: String(graph.componentCount) };
for (const [key, value] of Object.entries(graph)) if (ArrayBuffer.isView(value)) prints[`graph.${key}`] = fingerprint(value);
for (const [key, value] of Object.entries(cellSnap)) if (ArrayBuffer.isView(value)) prints[`snap.${key}`] = fingerprint(value);
prints['segments.segmentEdge'] = fingerprint(segments.segmentEdge);
prints['segments.segmentVertex'] = fingerprint(segments.segmentVertex);
prints['coverage.minutes'] = fingerprint(result.minutes);
prints['coverage.facilityIndex'] = fingerprint(result.facilityIndex);

const save = option('--save');
const compare = option('--compare');
if (save) writeFileSync(save, JSON.stringify(prints, null, 1) + '\n');
if (compare) {
	const expected = JSON.parse(readFileSync(compare, 'utf8')) as Record<string, string>;
	const differing = Object.keys({ ...expected, ...prints }).filter((key) => expected[key] !== prints[key]);
	console.log(differing.length === 0 ? `identical to ${compare} (${Object.keys(prints).length} fingerprints)` : `DIFFERENT from ${compare}: ${differing.join(', ')}`);
	if (differing.length > 0) process.exitCode = 1;
}
