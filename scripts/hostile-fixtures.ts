/**
 * Hostile files for the readers (issue 26), built in memory: lying headers, decompression bombs, wide
 * tables, impossible OSM coordinates and ids. The unit tests (tests/unit/io/import/hostile.test.ts) build
 * them small; scripts/hostile-measure.ts builds the sizes of the issue and measures time and memory.
 * Nothing here is committed as a binary: each builder writes its bytes from the format's specification.
 */
import { Zlib, zipSync, zlibSync } from 'fflate';
import { PbfWriter } from 'pbf';
import { framedBlob } from './bench/synthetic-pbf';
import { writeParquet } from './import-fixtures/parquet-writer';

const MB = 1024 * 1024;

const zerosCache = new Map<number, Uint8Array>();

/** A zlib stream of `bytes` zeros, compressed piece by piece (a 1 GB bomb never exists unpacked); built once per size. */
export function zlibOfZeros(bytes: number): Uint8Array {
	let stream = zerosCache.get(bytes);
	if (!stream) {
		stream = compressZeros(bytes);
		zerosCache.set(bytes, stream);
	}
	return stream;
}

function compressZeros(bytes: number): Uint8Array {
	const parts: Uint8Array[] = [];
	const zlib = new Zlib({ level: 1 }, (chunk) => parts.push(chunk));
	const piece = new Uint8Array(Math.min(bytes, 4 * MB));
	for (let written = 0; written < bytes; written += piece.length) {
		const size = Math.min(piece.length, bytes - written);
		zlib.push(size === piece.length ? piece : piece.subarray(0, size), written + size >= bytes);
	}
	return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

// ---------------------------------------------------------------- OSM PBF

export interface PbfBlob {
	type: 'OSMHeader' | 'OSMData';
	/** The block's bytes, stored raw or zlib-compressed. */
	raw?: Uint8Array;
	zlib?: Uint8Array;
	/** Declared raw size (Blob field 2); defaults to raw's length when compressing. */
	rawSize?: number;
}

export function pbfFile(blobs: PbfBlob[]): Uint8Array {
	const parts: Uint8Array[] = [];
	for (const { type, raw, zlib, rawSize } of blobs) {
		const blob = new PbfWriter();
		if (zlib) {
			if (rawSize !== undefined) blob.writeVarintField(2, rawSize);
			blob.writeBytesField(3, zlib);
		} else if (raw) blob.writeBytesField(1, raw);
		parts.push(...framedBlob(type, blob.finish()));
	}
	return concat(parts);
}

/** An OSMHeader block with the required feature "OsmSchema-V0.6". */
export function osmHeaderBlock(): Uint8Array {
	const header = new PbfWriter();
	header.writeStringField(4, 'OsmSchema-V0.6');
	return header.finish();
}

export interface PbfNode {
	id: number;
	lon: number;
	lat: number;
}

/**
 * A PrimitiveBlock with plain (non-dense) nodes and one residential way through them, granularity 100
 * nanodegrees. Coordinates are written as given (so out-of-range ones can be written), rounded to the grid.
 */
export function osmDataBlock(nodes: PbfNode[], ways: number[][]): Uint8Array {
	const block = new PbfWriter();
	block.writeMessage(
		1,
		(_: null, pbf: PbfWriter) => {
			for (const text of ['', 'highway', 'residential']) pbf.writeBytesField(1, new TextEncoder().encode(text));
		},
		null
	);
	block.writeMessage(
		2,
		(_: null, pbf: PbfWriter) => {
			for (const node of nodes) {
				pbf.writeMessage(
					1,
					(value: PbfNode, inner: PbfWriter) => {
						inner.writeSVarintField(1, value.id);
						inner.writeSVarintField(8, Math.round(value.lat * 1e7));
						inner.writeSVarintField(9, Math.round(value.lon * 1e7));
					},
					node
				);
			}
			for (const refs of ways) {
				pbf.writeMessage(
					3,
					(wayRefs: number[], inner: PbfWriter) => {
						inner.writeVarintField(1, 1);
						inner.writePackedVarint(2, [1]);
						inner.writePackedVarint(3, [2]);
						const deltas = wayRefs.map((ref, index) => ref - (index > 0 ? wayRefs[index - 1] : 0));
						inner.writePackedSVarint(8, deltas);
					},
					refs
				);
			}
		},
		null
	);
	return block.finish();
}

/** A valid .osm.pbf with the given nodes and ways (zlib blobs with their raw size declared). */
export function osmPbf(nodes: PbfNode[], ways: number[][]): Uint8Array {
	const header = osmHeaderBlock();
	const data = osmDataBlock(nodes, ways);
	return pbfFile([
		{ type: 'OSMHeader', zlib: zlibSync(header), rawSize: header.length },
		{ type: 'OSMData', zlib: zlibSync(data), rawSize: data.length }
	]);
}

/** Item 3: a data blob of zeros that unpacks to `inflatedBytes`, declaring `declaredRawSize` (or nothing). */
export function pbfZlibBomb(inflatedBytes: number, declaredRawSize?: number): Uint8Array {
	const header = osmHeaderBlock();
	return pbfFile([
		{ type: 'OSMHeader', zlib: zlibSync(header), rawSize: header.length },
		{ type: 'OSMData', zlib: zlibOfZeros(inflatedBytes), rawSize: declaredRawSize }
	]);
}

/** Item 14: 231 nodes on a line, ids spanning more than 2^53 (one very negative, the rest near +2^52), written in reverse. */
export function osmWideIdsXml(): { xml: string; nodeCount: number } {
	const ids = [-(2 ** 52), ...Array.from({ length: 230 }, (_, index) => 2 ** 52 + 230 - index)];
	const nodes = ids.map((id, index) => `<node id="${id}" lat="${(31.2 + index * 1e-5).toFixed(7)}" lon="121.45"/>`);
	const refs = ids.map((id) => `<nd ref="${id}"/>`).join('');
	return { xml: `<?xml version="1.0"?><osm version="0.6">${nodes.join('')}<way id="1">${refs}<tag k="highway" v="residential"/></way></osm>`, nodeCount: ids.length };
}

/** Item 5: a street whose middle node sits at lat −5000, lon 1e300 (and one node with lon = NaN). */
export function osmBadCoordinatesXml(): string {
	return `<?xml version="1.0"?><osm version="0.6">
<node id="1" lat="31.23" lon="121.45"/><node id="2" lat="-5000" lon="121.451"/><node id="3" lat="31.23" lon="1e300"/>
<node id="4" lat="31.231" lon="NaN"/><node id="5" lat="31.232" lon="121.452"/><node id="6" lat="31.233" lon="121.453"/>
<way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/></way></osm>`;
}

// ---------------------------------------------------------------- GeoParquet

/** Item 1: a 3-row GeoParquet whose footer then claims `claimedRows` rows (num_rows, row group and column counts). */
export function parquetClaimingRows(claimedRows: number): Uint8Array {
	const lon = [121.45, 121.46, 121.47];
	const lat = [31.23, 31.24, 31.25];
	const encoder = new TextEncoder();
	return writeParquet(
		[
			{ name: 'name', kind: 'string', values: ['a', 'b', 'c'].map((text) => encoder.encode(text)) },
			{ name: 'type', kind: 'string', values: ['社区卫生服务中心', '社区卫生服务站', '社区卫生服务站'].map((text) => encoder.encode(text)) },
			{ name: 'lon', kind: 'double', values: lon },
			{ name: 'lat', kind: 'double', values: lat }
		],
		{},
		claimedRows
	);
}

// ---------------------------------------------------------------- zipped Shapefile

/** A .shp with `count` null-shape records (type 0), header bounding box around Shanghai. */
function nullShapes(count: number): Uint8Array {
	const bytes = new Uint8Array(100 + count * 12);
	const view = new DataView(bytes.buffer);
	view.setInt32(0, 9994, false);
	view.setInt32(24, bytes.length / 2, false);
	view.setInt32(28, 1000, true);
	view.setInt32(32, 1, true);
	for (let record = 0; record < count; record++) {
		const offset = 100 + record * 12;
		view.setInt32(offset, record + 1, false);
		view.setInt32(offset + 4, 2, false);
		view.setInt32(offset + 8, 0, true);
	}
	return bytes;
}

/** A .dbf header with one 10-character field, `claimedRecords` declared and `actualRecords` written. */
function dbf(claimedRecords: number, actualRecords: number): Uint8Array {
	const headerLength = 32 + 32 + 1;
	const recordLength = 1 + 10;
	const bytes = new Uint8Array(headerLength + actualRecords * recordLength + 1);
	const view = new DataView(bytes.buffer);
	bytes[0] = 3;
	view.setUint32(4, claimedRecords, true);
	view.setUint16(8, headerLength, true);
	view.setUint16(10, recordLength, true);
	bytes.set(new TextEncoder().encode('NAME'), 32);
	bytes[32 + 11] = 'C'.charCodeAt(0);
	bytes[32 + 16] = 10;
	bytes[64] = 0x0d;
	for (let record = 0; record < actualRecords; record++) bytes.set(new TextEncoder().encode(' area' + record), headerLength + record * recordLength);
	bytes[bytes.length - 1] = 0x1a;
	return bytes;
}

/** Item 4: a small zipped Shapefile whose .dbf claims `claimedRecords` records (2 × 10^9 in the issue). */
export function shapefileZipClaimingRecords(claimedRecords: number): Uint8Array {
	return zipSync({ 'areas.shp': nullShapes(2), 'areas.dbf': dbf(claimedRecords, 2) }, { level: 9 });
}

/**
 * Item 3: a zipped Shapefile whose .dbf is padded with `inflatedBytes` zeros (a zip bomb: about 1,000 × its
 * compressed size). Its declared size is honest; the overall ratio gives it away.
 */
export function shapefileZipBomb(inflatedBytes: number): Uint8Array {
	return zipSync({ 'areas.shp': nullShapes(2), 'areas.dbf': new Uint8Array(inflatedBytes) }, { level: 9 });
}

/** The same bomb with the entry's declared size rewritten to `declaredBytes` (a lying local and central header). */
export function shapefileZipLyingSize(inflatedBytes: number, declaredBytes: number): Uint8Array {
	return zipWithDeclaredSize(shapefileZipBomb(inflatedBytes), 'areas.dbf', declaredBytes);
}

/** A copy of a ZIP archive whose entry `entryName` declares `declaredBytes` unpacked (local header and central directory). */
export function zipWithDeclaredSize(original: Uint8Array, entryName: string, declaredBytes: number): Uint8Array {
	const zip = original.slice();
	const view = new DataView(zip.buffer);
	for (let offset = 0; offset + 46 < zip.length; offset++) {
		const signature = view.getUint32(offset, true);
		const nameAt = signature === 0x04034b50 ? offset + 30 : signature === 0x02014b50 ? offset + 46 : -1;
		if (nameAt < 0) continue;
		const sizeAt = signature === 0x04034b50 ? offset + 22 : offset + 24;
		const nameLength = view.getUint16(signature === 0x04034b50 ? offset + 26 : offset + 28, true);
		const name = new TextDecoder().decode(zip.subarray(nameAt, nameAt + nameLength));
		if (name === entryName) view.setUint32(sizeAt, declaredBytes, true);
	}
	return zip;
}

// ---------------------------------------------------------------- GeoTIFF

/** TIFF compression codes of the strips these fixtures write. */
export const TIFF_COMPRESSION = { deflate: 8, lzw: 5, packBits: 32773 } as const;

/**
 * Item 3: a 16 × 16 Float32 GeoTIFF (WGS84, 1/1200° pixels) with one strip (deflate unless said otherwise)
 * that unpacks to `inflatedBytes` zeros, where the image needs 16 × 16 × 4 = 1,024 bytes.
 */
export function geoTiffStripBomb(inflatedBytes: number, compression: keyof typeof TIFF_COMPRESSION = 'deflate'): Uint8Array {
	const zeros = new Uint8Array(inflatedBytes);
	const strip = compression === 'deflate' ? zlibOfZeros(inflatedBytes) : compression === 'lzw' ? lzwEncode(zeros) : packBitsEncode(zeros);
	const width = 16;
	const height = 16;
	const entries: [tag: number, type: number, values: number[]][] = [
		[256, 3, [width]],
		[257, 3, [height]],
		[258, 3, [32]],
		[259, 3, [TIFF_COMPRESSION[compression]]],
		[262, 3, [1]],
		[273, 4, [0]],
		[277, 3, [1]],
		[278, 3, [height]],
		[279, 4, [strip.length]],
		[284, 3, [1]],
		[339, 3, [3]],
		[33550, 12, [1 / 1200, 1 / 1200, 0]],
		[33922, 12, [0, 0, 0, 121.43, 31.26, 0]],
		[34735, 3, [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326]]
	];
	const typeSize: Record<number, number> = { 3: 2, 4: 4, 12: 8 };
	const ifdOffset = 8;
	const ifdSize = 2 + entries.length * 12 + 4;
	let extra = ifdOffset + ifdSize;
	const extras: { offset: number; type: number; values: number[] }[] = [];
	const ifd = entries.map(([tag, type, values]) => {
		const size = typeSize[type] * values.length;
		if (size <= 4) return { tag, type, values, offset: -1 };
		const offset = extra;
		extra += size;
		extras.push({ offset, type, values });
		return { tag, type, values, offset };
	});
	const stripOffset = extra;
	const bytes = new Uint8Array(stripOffset + strip.length);
	const view = new DataView(bytes.buffer);
	bytes.set([0x49, 0x49, 42, 0]);
	view.setUint32(4, ifdOffset, true);
	view.setUint16(ifdOffset, entries.length, true);
	const write = (at: number, type: number, value: number) => {
		if (type === 3) view.setUint16(at, value, true);
		else if (type === 4) view.setUint32(at, value, true);
		else view.setFloat64(at, value, true);
	};
	ifd.forEach(({ tag, type, values, offset }, index) => {
		const at = ifdOffset + 2 + index * 12;
		view.setUint16(at, tag, true);
		view.setUint16(at + 2, type, true);
		view.setUint32(at + 4, values.length, true);
		if (offset < 0) values.forEach((value, position) => write(at + 8 + position * typeSize[type], type, tag === 273 ? stripOffset : value));
		else view.setUint32(at + 8, offset, true);
	});
	for (const { offset, type, values } of extras) values.forEach((value, position) => write(offset + position * typeSize[type], type, value));
	bytes.set(strip, stripOffset);
	return bytes;
}

/**
 * TIFF LZW (compression 5) as a TIFF writer makes it: a clear code first, codes of 9 to 12 bits written most
 * significant bit first, the width growing one code early, a clear code before the table fills, an end code.
 * Zeros compress quadratically (each code one byte longer than the last): 4 MB of zeros take about 4 KB.
 */
export function lzwEncode(data: Uint8Array): Uint8Array {
	const bytes: number[] = [];
	let pending = 0;
	let pendingBits = 0;
	const write = (code: number, bits: number) => {
		pending = (pending << bits) | code;
		pendingBits += bits;
		while (pendingBits >= 8) {
			pendingBits -= 8;
			bytes.push((pending >> pendingBits) & 0xff);
		}
		pending &= (1 << pendingBits) - 1;
	};
	const table = new Map<number, number>();
	let codeBits = 9;
	let nextCode = 258;
	write(256, codeBits);
	let prefix = -1;
	for (const byte of data) {
		if (prefix < 0) {
			prefix = byte;
			continue;
		}
		const known = table.get(prefix * 256 + byte);
		if (known !== undefined) {
			prefix = known;
			continue;
		}
		write(prefix, codeBits);
		table.set(prefix * 256 + byte, nextCode++);
		if (nextCode >= 1 << codeBits) codeBits++;
		if (nextCode >= 4093) {
			write(256, codeBits);
			table.clear();
			codeBits = 9;
			nextCode = 258;
		}
		prefix = byte;
	}
	if (prefix >= 0) {
		write(prefix, codeBits);
		// The reader defines one more code after this one before it reads the end code.
		if (nextCode + 1 >= 1 << codeBits) codeBits++;
	}
	write(257, codeBits);
	if (pendingBits > 0) bytes.push((pending << (8 - pendingBits)) & 0xff);
	return Uint8Array.from(bytes);
}

/** PackBits (compression 32773): runs of 2 to 128 equal bytes as a repeat, everything else as literals of at most 128. */
export function packBitsEncode(data: Uint8Array): Uint8Array {
	const out: number[] = [];
	let at = 0;
	while (at < data.length) {
		let run = 1;
		while (at + run < data.length && run < 128 && data[at + run] === data[at]) run++;
		if (run >= 2) {
			out.push((1 - run) & 0xff, data[at]);
			at += run;
			continue;
		}
		let literal = 1;
		while (at + literal < data.length && literal < 128 && !(at + literal + 1 < data.length && data[at + literal] === data[at + literal + 1])) literal++;
		out.push(literal - 1, ...data.subarray(at, at + literal));
		at += literal;
	}
	return Uint8Array.from(out);
}

// ---------------------------------------------------------------- wide tables

/** Item 2: a CSV with `columns` columns (the was 20,000 in 129 KB) and two data rows. */
export function wideCsv(columns: number): Uint8Array {
	const header = Array.from({ length: columns }, (_, index) => (index === 0 ? 'name' : index === 1 ? 'lon' : index === 2 ? 'lat' : `c${index}`));
	const row = (lon: number) => Array.from({ length: columns }, (_, index) => (index === 0 ? 'x' : index === 1 ? String(lon) : index === 2 ? '31.23' : ''));
	return new TextEncoder().encode([header, row(121.45), row(121.46)].map((cells) => cells.join(',')).join('\n'));
}
