/**
 * .osm.pbf reader benchmark: writes the synthetic OpenStreetMap extract of ./synthetic-pbf.ts to a temporary
 * directory, then reads it with src/lib/io/osm/osm-pbf.ts in a fresh Node process, so that peak memory
 * (maxRSS) is the reader's and not the generator's.
 *
 *   tsx scripts/bench/osm-pbf.ts [--quick] [--streets-only]   standalone (≈ 60 MB file; ≈ 6 MB with --quick;
 *                                                             --streets-only: 88% of ways walkable, the worst case)
 *   benchOsmPbf(quick) from scripts/bench.ts
 *
 * Measured: parse time (blocks, then ways → lines), peak RSS, the lines' structured-clone size and the time
 * to deserialise them (what the page's main thread would pay for every copy of the lines as objects), the
 * packed form the page holds instead (packing, one structured clone of it: the copy to the coverage worker
 * or IndexedDB, and unpacking, which the coverage worker does), and the time the node table needs to sort
 * 7 M ids written out of order (real extracts are sorted; some tools' output is not). The page as a whole
 * is measured in a browser by scripts/bench/page-network.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { readOsmPbf } from '$lib/io/osm/osm-pbf';
import { NodeTable } from '$lib/io/osm/osm-ways';
import { packLines, unpackLines } from '$lib/io/network-pack';
import { BLOCK, FIRST_NODE_ID, OSM_PBF_FULL, OSM_PBF_QUICK, writeSyntheticPbf } from './synthetic-pbf';

export interface OsmPbfParseFigures {
	parseSeconds: number;
	/** Reading and inflating the blobs, nodes into the node table, ways kept raw. */
	blocksSeconds: number;
	/** Tag rules, node look-ups and line building. */
	waysToLinesSeconds: number;
	lines: number;
	linePoints: number;
	walkableWays: number;
	/** Process high-water mark after the parse, and the resident size before it (file bytes + runtime). */
	peakRssMB: number;
	rssBeforeParseMB: number;
	/** The lines as the worker posts them: structured-clone size and the receiving side's deserialise time. */
	cloneMB: number;
	serializeSeconds: number;
	deserializeSeconds: number;
	peakRssAfterCloneMB: number;
	/** What the import worker does instead: pack into typed arrays, transferred to the page. */
	packSeconds: number;
	packedMB: number;
	/** One structured clone (serialise + deserialise) of the packed form: each copy the page makes (coverage worker, IndexedDB). */
	packedCloneSeconds: number;
	/** Rebuilding the lines from the packed form, as the coverage worker does before building the graph. */
	unpackSeconds: number;
}

export interface NodeSortFigures {
	nodes: number;
	/** First look-up after adding ids out of order (the table sorts then). */
	sortSeconds: number;
	peakRssMB: number;
}

const MB = 1024 * 1024;

function rssMB(): number {
	return process.memoryUsage().rss / MB;
}

function maxRssMB(): number {
	return (process.resourceUsage().maxRSS * 1024) / MB;
}

/** In the child process: reads the file as the import worker does and measures. */
function measureParse(path: string): OsmPbfParseFigures {
	const bytes = new Uint8Array(readFileSync(path));
	const rssBeforeParseMB = rssMB();
	const start = performance.now();
	let blocksDone = start;
	const { lines, stats } = readOsmPbf(bytes, (fraction) => {
		if (fraction < 1) blocksDone = performance.now();
	});
	const end = performance.now();
	const peakRssMB = maxRssMB();
	let linePoints = 0;
	for (const line of lines) linePoints += line.coords.length;
	const serializeStart = performance.now();
	const cloned = serialize(lines);
	const serializeEnd = performance.now();
	const copy = deserialize(cloned) as unknown[];
	const deserializeEnd = performance.now();
	if (copy.length !== lines.length) throw new Error('structured clone lost lines');
	copy.length = 0;
	const packStart = performance.now();
	const packed = packLines(lines);
	const packEnd = performance.now();
	const packedCopy = deserialize(serialize(packed)) as typeof packed;
	const packedCloneEnd = performance.now();
	if (packedCopy.coords.length !== packed.coords.length) throw new Error('structured clone lost points');
	const rebuilt = unpackLines(packed);
	const unpackEnd = performance.now();
	if (rebuilt.length !== lines.length) throw new Error('unpacking lost lines');
	return {
		parseSeconds: (end - start) / 1000,
		blocksSeconds: (blocksDone - start) / 1000,
		waysToLinesSeconds: (end - blocksDone) / 1000,
		lines: lines.length,
		linePoints,
		walkableWays: stats.walkableWays,
		peakRssMB,
		rssBeforeParseMB,
		cloneMB: cloned.length / MB,
		serializeSeconds: (serializeEnd - serializeStart) / 1000,
		deserializeSeconds: (deserializeEnd - serializeEnd) / 1000,
		peakRssAfterCloneMB: maxRssMB(),
		packSeconds: (packEnd - packStart) / 1000,
		packedMB: (packed.coords.byteLength + packed.offsets.byteLength + packed.highwayIndex.byteLength) / MB,
		packedCloneSeconds: (packedCloneEnd - packEnd) / 1000,
		unpackSeconds: (unpackEnd - packedCloneEnd) / 1000
	};
}

/** In the child process: ids added block by block in reverse block order, then one look-up. */
function measureNodeSort(nodes: number): NodeSortFigures {
	const table = new NodeTable();
	for (let first = Math.floor((nodes - 1) / BLOCK) * BLOCK; first >= 0; first -= BLOCK) {
		for (let index = first; index < Math.min(nodes, first + BLOCK); index++) table.add(FIRST_NODE_ID + index, 121 + index * 1e-7, 31);
	}
	const start = performance.now();
	const found = table.find(FIRST_NODE_ID + 12345);
	const sortSeconds = (performance.now() - start) / 1000;
	if (found < 0 || table.lon(found) !== 121 + 12345 * 1e-7) throw new Error('node table sort lost a node');
	return { nodes, sortSeconds, peakRssMB: maxRssMB() };
}

function runChild<T>(args: string[]): T {
	const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
	const script = fileURLToPath(import.meta.url);
	const output = execFileSync(tsx, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
	const last = output.trim().split('\n').pop() ?? '';
	return JSON.parse(last) as T;
}

export interface OsmPbfBenchResult {
	mode: 'quick' | 'full';
	walkableShare: number;
	file: { megabytes: number; nodes: number; ways: number; writeSeconds: number };
	parse: OsmPbfParseFigures;
	unsortedNodeIds: NodeSortFigures;
}

/** Writes the extract, reads it in a child process, removes it; returns the figures. */
export function benchOsmPbf(quick: boolean, walkableShare?: number): OsmPbfBenchResult {
	const base = quick ? OSM_PBF_QUICK : OSM_PBF_FULL;
	const scale = { ...base, walkableShare: walkableShare ?? base.walkableShare };
	const directory = mkdtempSync(join(tmpdir(), 'health-circle-osm-'));
	try {
		const path = join(directory, 'synthetic.osm.pbf');
		const file = writeSyntheticPbf(path, scale);
		if (statSync(path).size !== file.bytes) throw new Error('short write');
		const parse = runChild<OsmPbfParseFigures>(['--child-parse', path]);
		const unsortedNodeIds = runChild<NodeSortFigures>(['--child-sort', String(file.nodes)]);
		return { mode: quick ? 'quick' : 'full', walkableShare: scale.walkableShare, file: { megabytes: file.bytes / MB, nodes: file.nodes, ways: file.ways, writeSeconds: file.writeSeconds }, parse, unsortedNodeIds };
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

export function printOsmPbf(result: OsmPbfBenchResult): void {
	const { file, parse, unsortedNodeIds } = result;
	const n = (value: number) => value.toLocaleString('en-US');
	console.log(
		`\n.osm.pbf reader (${result.mode}): synthetic extract of ${file.megabytes.toFixed(1)} MB, ${n(file.nodes)} dense nodes, ${n(file.ways)} ways (${Math.round(result.walkableShare * 100)}% walkable)`
	);
	console.log(`  parse ${parse.parseSeconds.toFixed(2)} s (blocks ${parse.blocksSeconds.toFixed(2)} s, ways → lines ${parse.waysToLinesSeconds.toFixed(2)} s): ${n(parse.lines)} lines, ${n(parse.linePoints)} points`);
	console.log(`  peak RSS ${parse.peakRssMB.toFixed(0)} MB (${parse.rssBeforeParseMB.toFixed(0)} MB before parsing, file included)`);
	console.log(`  lines as objects through structured clone: ${parse.cloneMB.toFixed(0)} MB; serialise ${parse.serializeSeconds.toFixed(2)} s, deserialise ${parse.deserializeSeconds.toFixed(2)} s; peak RSS then ${parse.peakRssAfterCloneMB.toFixed(0)} MB`);
	console.log(
		`  packed, as the page holds them: ${parse.packedMB.toFixed(0)} MB, packed in ${parse.packSeconds.toFixed(2)} s (import worker), one structured clone ${parse.packedCloneSeconds.toFixed(2)} s, rebuilt as lines in ${parse.unpackSeconds.toFixed(2)} s (coverage worker)`
	);
	console.log(`  node table, ${n(unsortedNodeIds.nodes)} ids out of order: sorted in ${unsortedNodeIds.sortSeconds.toFixed(2)} s (peak RSS ${unsortedNodeIds.peakRssMB.toFixed(0)} MB)`);
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
	const [, , flag, argument] = process.argv;
	if (flag === '--child-parse') console.log(JSON.stringify(measureParse(argument)));
	else if (flag === '--child-sort') console.log(JSON.stringify(measureNodeSort(Number(argument))));
	else {
		const result = benchOsmPbf(process.argv.includes('--quick'), process.argv.includes('--streets-only') ? 0.88 : undefined);
		printOsmPbf(result);
		console.log(JSON.stringify(result, null, 2));
	}
}
