/**
 * A deterministic synthetic OpenStreetMap extract for the .osm.pbf benchmarks: DenseNodes on a jittered
 * street grid, ways of about 10 nodes with highway / building tags, zlib blobs of 8,000 entities as
 * osmium writes them. Same scale, same bytes. Read by scripts/bench/osm-pbf.ts (the reader in Node) and
 * scripts/bench/page-network.ts (the page in a browser).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { PbfWriter } from 'pbf';
import { zlibSync } from 'fflate';
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

export const BLOCK = 8000;
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
export const FIRST_NODE_ID = 10_000_000_000;

function nodeId(scale: OsmPbfScale, row: number, column: number): number {
	return FIRST_NODE_ID + row * scale.columns + column;
}

function writeBlob(fd: number, type: 'OSMHeader' | 'OSMData', raw: Uint8Array): number {
	const blob = new PbfWriter();
	blob.writeVarintField(2, raw.length);
	blob.writeBytesField(3, zlibSync(raw, { level: 6 }));
	const parts = framedBlob(type, blob.finish());
	for (const part of parts) writeSync(fd, part);
	return parts.reduce((total, part) => total + part.length, 0);
}

/** A Blob as the file holds it: 4-byte big-endian BlobHeader length, the BlobHeader (type, data size), the Blob. */
export function framedBlob(type: 'OSMHeader' | 'OSMData', blobBytes: Uint8Array): Uint8Array[] {
	const header = new PbfWriter();
	header.writeStringField(1, type);
	header.writeVarintField(3, blobBytes.length);
	const headerBytes = header.finish();
	const length = new Uint8Array(4);
	new DataView(length.buffer).setUint32(0, headerBytes.length);
	return [length, headerBytes, blobBytes];
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
