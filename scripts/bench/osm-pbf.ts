/**
 * .osm.pbf reader benchmark: writes a deterministic synthetic OpenStreetMap extract (DenseNodes on a jittered
 * street grid, ways of about 10 nodes with highway / building tags, zlib blobs of 8,000 entities as osmium
 * writes them) to a temporary directory, then reads it with src/lib/io/osm/osm-pbf.ts in a fresh Node
 * process, so that peak memory (maxRSS) is the reader's and not the generator's.
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
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { PbfWriter } from 'pbf';
import { zlibSync } from 'fflate';
import { readOsmPbf } from '$lib/io/osm/osm-pbf';
import { NodeTable } from '$lib/io/osm/osm-ways';
import { packLines, unpackLines } from '$lib/io/network-pack';

export interface OsmPbfScale {
	/** Nodes per grid row and number of rows. */
	columns: number;
	rows: number;
	/** Nodes per way (consecutive ways share an end node). */
	wayLength: number;
	/**
	 * Share of ways a pedestrian may use. A city extract is mostly building outlines: about 0.4 is typical;
	 * 0.88 is the worst case (nearly every way a street), which doubles the lines the reader builds.
	 */
	walkableShare: number;
}

export const OSM_PBF_FULL: OsmPbfScale = { columns: 2650, rows: 2650, wayLength: 10, walkableShare: 0.4 };
export const OSM_PBF_QUICK: OsmPbfScale = { columns: 840, rows: 840, wayLength: 10, walkableShare: 0.4 };

const BLOCK = 8000;
const ORIGIN_LON = 121.0;
const ORIGIN_LAT = 30.75;
const SPACING_DEG = 0.0003;
const STRINGS = ['', 'highway', 'residential', 'footway', 'service', 'primary', 'motorway', 'building', 'yes', 'name'] as const;
const S = Object.fromEntries(STRINGS.map((text, index) => [text, index])) as Record<(typeof STRINGS)[number], number>;

function hash(a: number, b: number, salt: number): number {
	let h = Math.imul(a ^ 0x27d4eb2d, 0x9e3779b1) ^ Math.imul(b + 0x165667b1, 0x85ebca77) ^ Math.imul(salt, 0xc2b2ae3d);
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
	return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

/** Real OSM ids are large (beyond 2³²): the grid's ids start at 10¹⁰ so that the reader handles them. */
const FIRST_NODE_ID = 10_000_000_000;

function nodeId(scale: OsmPbfScale, row: number, column: number): number {
	return FIRST_NODE_ID + row * scale.columns + column;
}

function writeBlob(fd: number, type: 'OSMHeader' | 'OSMData', raw: Uint8Array): number {
	const blob = new PbfWriter();
	blob.writeVarintField(2, raw.length);
	blob.writeBytesField(3, zlibSync(raw, { level: 6 }));
	const blobBytes = blob.finish();
	const header = new PbfWriter();
	header.writeStringField(1, type);
	header.writeVarintField(3, blobBytes.length);
	const headerBytes = header.finish();
	const length = new Uint8Array(4);
	new DataView(length.buffer).setUint32(0, headerBytes.length);
	writeSync(fd, length);
	writeSync(fd, headerBytes);
	writeSync(fd, blobBytes);
	return 4 + headerBytes.length + blobBytes.length;
}

function headerBlock(): Uint8Array {
	const pbf = new PbfWriter();
	pbf.writeStringField(4, 'OsmSchema-V0.6');
	pbf.writeStringField(4, 'DenseNodes');
	pbf.writeStringField(16, 'health-circle bench');
	return pbf.finish();
}

function primitiveBlock(writeGroup: (pbf: PbfWriter) => void): Uint8Array {
	const pbf = new PbfWriter();
	pbf.writeMessage(
		1,
		(_strings: null, table) => {
			const encoder = new TextEncoder();
			for (const text of STRINGS) table.writeBytesField(1, encoder.encode(text));
		},
		null
	);
	pbf.writeMessage(2, (_group: null, group) => writeGroup(group), null);
	pbf.writeVarintField(17, 100);
	return pbf.finish();
}

function denseBlock(scale: OsmPbfScale, first: number, count: number): Uint8Array {
	const ids: number[] = [];
	const lats: number[] = [];
	const lons: number[] = [];
	let previousId = 0;
	let previousLat = 0;
	let previousLon = 0;
	// DenseInfo as extracts carry it (version, timestamp, changeset, uid, user string), delta-coded.
	const versions: number[] = [];
	const timestamps: number[] = [];
	const changesets: number[] = [];
	const uids: number[] = [];
	const userSids: number[] = [];
	let previousTimestamp = 0;
	let previousChangeset = 0;
	let previousUid = 0;
	let previousUserSid = 0;
	for (let index = first; index < first + count; index++) {
		const row = Math.floor(index / scale.columns);
		const column = index % scale.columns;
		const id = nodeId(scale, row, column);
		// Within a few metres of the grid point; units of 100 nanodegrees (the PBF default granularity).
		const lat = Math.round((ORIGIN_LAT + row * SPACING_DEG + (hash(row, column, 1) - 0.5) * 0.0001) * 1e7);
		const lon = Math.round((ORIGIN_LON + column * SPACING_DEG + (hash(row, column, 2) - 0.5) * 0.0001) * 1e7);
		ids.push(id - previousId);
		lats.push(lat - previousLat);
		lons.push(lon - previousLon);
		previousId = id;
		previousLat = lat;
		previousLon = lon;
		// Neighbouring nodes were mostly mapped in the same edit, as in real data.
		const session = Math.floor(index / 3);
		const edit = hash(session, 0, 4);
		const timestamp = 1_300_000_000 + Math.floor(edit * 400_000_000) + (index % 3);
		const changeset = 10_000_000 + Math.floor(hash(session, 1, 4) * 150_000_000);
		const user = Math.floor(hash(session, 2, 4) * 200);
		versions.push(1 + Math.floor(edit * 6));
		timestamps.push(timestamp - previousTimestamp);
		changesets.push(changeset - previousChangeset);
		uids.push(user * 7919 - previousUid);
		userSids.push(user % STRINGS.length - previousUserSid);
		previousTimestamp = timestamp;
		previousChangeset = changeset;
		previousUid = user * 7919;
		previousUserSid = user % STRINGS.length;
	}
	return primitiveBlock((group) =>
		group.writeMessage(
			2,
			(_dense: null, dense) => {
				dense.writePackedSVarint(1, ids);
				dense.writePackedSVarint(8, lats);
				dense.writePackedSVarint(9, lons);
				dense.writeMessage(
					5,
					(_info: null, info) => {
						info.writePackedVarint(1, versions);
						info.writePackedSVarint(2, timestamps);
						info.writePackedSVarint(3, changesets);
						info.writePackedSVarint(4, uids);
						info.writePackedSVarint(5, userSids);
					},
					null
				);
				dense.writePackedVarint(10, new Array<number>(count).fill(0));
			},
			null
		)
	);
}

interface SyntheticWay {
	id: number;
	refs: number[];
}

/** Horizontal then vertical streets, each cut into ways of `wayLength` nodes. */
function* gridWays(scale: OsmPbfScale): Generator<SyntheticWay> {
	let id = 1;
	const step = scale.wayLength - 1;
	for (let row = 0; row < scale.rows; row++) {
		for (let column = 0; column < scale.columns - 1; column += step) {
			const refs: number[] = [];
			for (let c = column; c <= Math.min(column + step, scale.columns - 1); c++) refs.push(nodeId(scale, row, c));
			yield { id: id++, refs };
		}
	}
	for (let column = 0; column < scale.columns; column++) {
		for (let row = 0; row < scale.rows - 1; row += step) {
			const refs: number[] = [];
			for (let r = row; r <= Math.min(row + step, scale.rows - 1); r++) refs.push(nodeId(scale, r, column));
			yield { id: id++, refs };
		}
	}
}

/** Walkable highways in the proportions 50 : 20 : 10 : 8 of the share; 5% motorways; the rest buildings. */
function wayTags(id: number, walkableShare: number): [number, number][] {
	const draw = hash(id, 0, 3) / walkableShare;
	if (draw < 50 / 88) return [[S.highway, S.residential]];
	if (draw < 70 / 88) return [[S.highway, S.footway]];
	if (draw < 80 / 88) return [[S.highway, S.service]];
	if (draw < 1) return [[S.highway, S.primary]];
	if (hash(id, 1, 3) < 0.05 / (1 - walkableShare)) return [[S.highway, S.motorway]];
	return [[S.building, S.yes]];
}

function wayBlock(ways: SyntheticWay[], walkableShare: number): Uint8Array {
	return primitiveBlock((group) => {
		for (const way of ways) {
			group.writeMessage(
				3,
				(_way: null, message) => {
					message.writeVarintField(1, way.id);
					const tags = wayTags(way.id, walkableShare);
					message.writePackedVarint(2, tags.map(([key]) => key));
					message.writePackedVarint(3, tags.map(([, value]) => value));
					let previous = 0;
					message.writePackedSVarint(
						8,
						way.refs.map((ref) => {
							const delta = ref - previous;
							previous = ref;
							return delta;
						})
					);
				},
				null
			);
		}
	});
}

export interface SyntheticPbf {
	path: string;
	bytes: number;
	nodes: number;
	ways: number;
	writeSeconds: number;
}

/** Writes the synthetic extract; same scale, same bytes. */
export function writeSyntheticPbf(path: string, scale: OsmPbfScale): SyntheticPbf {
	const start = performance.now();
	const fd = openSync(path, 'w');
	let bytes = writeBlob(fd, 'OSMHeader', headerBlock());
	const nodes = scale.columns * scale.rows;
	for (let first = 0; first < nodes; first += BLOCK) bytes += writeBlob(fd, 'OSMData', denseBlock(scale, first, Math.min(BLOCK, nodes - first)));
	let batch: SyntheticWay[] = [];
	let ways = 0;
	for (const way of gridWays(scale)) {
		batch.push(way);
		ways++;
		if (batch.length === BLOCK) {
			bytes += writeBlob(fd, 'OSMData', wayBlock(batch, scale.walkableShare));
			batch = [];
		}
	}
	if (batch.length > 0) bytes += writeBlob(fd, 'OSMData', wayBlock(batch, scale.walkableShare));
	closeSync(fd);
	return { path, bytes, nodes, ways, writeSeconds: (performance.now() - start) / 1000 };
}

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
