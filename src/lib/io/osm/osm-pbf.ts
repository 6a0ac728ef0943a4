import { PbfReader as Pbf } from 'pbf';
import { inflateZlibCapped } from '../inflate-capped';
import { FileFormatError } from '../load-result';
import { NodeReader, osmLoadResult, WayCollector, type OsmRead } from './osm-ways';

/** The OSM PBF format's own limit on a blob, packed or unpacked (wiki: PBF Format, "File format"). */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/**
 * Reads an OpenStreetMap `.osm.pbf` extract (the format planners download for their city) into walkable
 * lines: BlobHeader/Blob framing, raw or zlib blobs, PrimitiveBlocks with string tables, dense and plain
 * nodes, ways. Pure TypeScript (pbf + fflate), so it runs in a worker and in Node alike. Every blob is held to
 * the format's 32 MiB and to its declared raw size while it is unpacked; a damaged file (the pbf library's
 * own errors included, such as "Unimplemented type: 7") is a FileFormatError, code "damaged".
 */
export function readOsmPbf(bytes: Uint8Array, onProgress?: (fraction: number) => void): OsmRead {
	try {
		return readBlobs(bytes, onProgress);
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		const detail = error instanceof Error ? error.message : String(error);
		throw new FileFormatError(`not a readable OSM PBF file (${detail})`, 'damaged', { format: 'osm-pbf', detail: detail.slice(0, 200) });
	}
}

function readBlobs(bytes: Uint8Array, onProgress?: (fraction: number) => void): OsmRead {
	const nodes = new NodeReader();
	const ways = new WayCollector();
	let offset = 0;
	let sawHeader = false;
	while (offset < bytes.length) {
		if (offset + 4 > bytes.length) throw new Error(`truncated PBF: blob header length cut at byte ${offset}`);
		const headerLength = ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
		offset += 4;
		if (headerLength > 64 * 1024 || offset + headerLength > bytes.length) throw new Error(`not an OSM PBF file, or truncated: bad blob header at byte ${offset - 4}`);
		const header = readBlobHeader(bytes.subarray(offset, offset + headerLength));
		offset += headerLength;
		if (header.dataSize > MAX_BLOB_BYTES) throw blobLimitError(header.dataSize, offset);
		if (header.dataSize < 0 || offset + header.dataSize > bytes.length) throw new Error(`truncated PBF blob at byte ${offset}`);
		const data = inflateBlob(bytes.subarray(offset, offset + header.dataSize), offset);
		offset += header.dataSize;
		if (header.type === 'OSMHeader') sawHeader = true;
		else if (header.type === 'OSMData') {
			if (!sawHeader) throw new Error('not an OSM PBF file: data before the OSMHeader block');
			readPrimitiveBlock(data, nodes, ways);
		}
		onProgress?.((offset / bytes.length) * 0.9);
	}
	if (!sawHeader) throw new Error('not an OSM PBF file: no OSMHeader block');
	const read = nodes.finish(ways);
	onProgress?.(1);
	return read;
}

export function parseOsmPbf(bytes: Uint8Array, onProgress?: (fraction: number) => void): ReturnType<typeof osmLoadResult> {
	return osmLoadResult(readOsmPbf(bytes, onProgress));
}

/** The refusal of a blob beyond the format's limit or its declared size: code "inflate-limit". */
function blobLimitError(claimedBytes: number, at: number, declared?: number): FileFormatError {
	const limitBytes = declared ?? MAX_BLOB_BYTES;
	return new FileFormatError(
		declared === undefined
			? `the PBF blob at byte ${at} is ${claimedBytes} bytes or more; the OSM PBF format allows at most ${MAX_BLOB_BYTES} (32 MiB): damaged file or decompression bomb`
			: `the PBF blob at byte ${at} unpacks beyond its declared ${declared} bytes: damaged file or decompression bomb`,
		'inflate-limit',
		{ format: 'osm-pbf', limitBytes }
	);
}

function readBlobHeader(bytes: Uint8Array): { type: string; dataSize: number } {
	const header = { type: '', dataSize: -1 };
	new Pbf(bytes).readFields((tag, result, pbf) => {
		if (tag === 1) result.type = pbf.readString();
		else if (tag === 3) result.dataSize = pbf.readVarint();
	}, header);
	return header;
}

function inflateBlob(bytes: Uint8Array, at: number): Uint8Array {
	const blob: { raw: Uint8Array | null; rawSize: number | null; zlib: Uint8Array | null; other: string | null } = { raw: null, rawSize: null, zlib: null, other: null };
	new Pbf(bytes).readFields((tag, result, pbf) => {
		if (tag === 1) result.raw = pbf.readBytes();
		else if (tag === 2) result.rawSize = pbf.readVarint();
		else if (tag === 3) result.zlib = pbf.readBytes();
		else if (tag === 4) result.other = 'lzma';
		else if (tag === 6) result.other = 'lz4';
		else if (tag === 7) result.other = 'zstd';
	}, blob);
	if (blob.raw) return blob.raw;
	if (blob.zlib) {
		if (blob.rawSize !== null && blob.rawSize > MAX_BLOB_BYTES) throw blobLimitError(blob.rawSize, at);
		return inflateCapped(blob.zlib, at, blob.rawSize);
	}
	throw new Error(blob.other ? `unsupported PBF blob compression: ${blob.other}` : `empty PBF blob at byte ${at}`);
}

/** A zlib blob unpacked within the declared raw size (or the format's 32 MiB when none is declared). */
function inflateCapped(zlib: Uint8Array, at: number, rawSize: number | null): Uint8Array {
	try {
		return inflateZlibCapped(zlib, rawSize ?? MAX_BLOB_BYTES, (produced) => blobLimitError(produced, at, rawSize ?? undefined));
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		throw new Error(`corrupt zlib data in PBF blob at byte ${at}: ${(error as Error).message}`);
	}
}

interface BlockContext {
	strings: string[];
	granularity: number;
	latOffset: number;
	lonOffset: number;
	groups: Uint8Array[];
}

function readPrimitiveBlock(bytes: Uint8Array, nodes: NodeReader, ways: WayCollector): void {
	const block: BlockContext = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] };
	new Pbf(bytes).readFields((tag, result, pbf) => {
		if (tag === 1) result.strings = readStringTable(pbf.readBytes());
		else if (tag === 2) result.groups.push(pbf.readBytes());
		else if (tag === 17) result.granularity = pbf.readVarint();
		else if (tag === 19) result.latOffset = pbf.readVarint(true);
		else if (tag === 20) result.lonOffset = pbf.readVarint(true);
	}, block);
	for (const group of block.groups) {
		new Pbf(group).readFields((tag, _result, pbf) => {
			if (tag === 1) readNode(pbf.readBytes(), block, nodes);
			else if (tag === 2) readDenseNodes(pbf.readBytes(), block, nodes);
			else if (tag === 3) readWay(pbf.readBytes(), block, ways);
		}, null);
	}
}

function readStringTable(bytes: Uint8Array): string[] {
	const strings: string[] = [];
	const decoder = new TextDecoder();
	new Pbf(bytes).readFields((tag, list, pbf) => {
		if (tag === 1) list.push(decoder.decode(pbf.readBytes()));
	}, strings);
	return strings;
}

/** Degrees from the block's integer units; dividing by 1e9 rounds exactly as parsing the XML decimal does. */
function degrees(offset: number, granularity: number, value: number): number {
	return (offset + granularity * value) / 1e9;
}

function readNode(bytes: Uint8Array, block: BlockContext, nodes: NodeReader): void {
	const node = { id: 0, lat: 0, lon: 0 };
	new Pbf(bytes).readFields((tag, result, pbf) => {
		if (tag === 1) result.id = pbf.readSVarint();
		else if (tag === 8) result.lat = pbf.readSVarint();
		else if (tag === 9) result.lon = pbf.readSVarint();
	}, node);
	nodes.add(node.id, degrees(block.lonOffset, block.granularity, node.lon), degrees(block.latOffset, block.granularity, node.lat));
}

function readDenseNodes(bytes: Uint8Array, block: BlockContext, nodes: NodeReader): void {
	const dense = { ids: [] as number[], lats: [] as number[], lons: [] as number[] };
	new Pbf(bytes).readFields((tag, result, pbf) => {
		if (tag === 1) pbf.readPackedSVarint(result.ids);
		else if (tag === 8) pbf.readPackedSVarint(result.lats);
		else if (tag === 9) pbf.readPackedSVarint(result.lons);
	}, dense);
	if (dense.lats.length !== dense.ids.length || dense.lons.length !== dense.ids.length) throw new Error('corrupt PBF: dense nodes with unequal id/lat/lon counts');
	let id = 0;
	let lat = 0;
	let lon = 0;
	for (let i = 0; i < dense.ids.length; i++) {
		id += dense.ids[i];
		lat += dense.lats[i];
		lon += dense.lons[i];
		nodes.add(id, degrees(block.lonOffset, block.granularity, lon), degrees(block.latOffset, block.granularity, lat));
	}
}

function readWay(bytes: Uint8Array, block: BlockContext, ways: WayCollector): void {
	const fields = { keys: [] as number[], values: [] as number[], refs: [] as number[] };
	new Pbf(bytes).readFields((tag, result, pbf) => {
		if (tag === 2) pbf.readPackedVarint(result.keys);
		else if (tag === 3) pbf.readPackedVarint(result.values);
		else if (tag === 8) pbf.readPackedSVarint(result.refs);
	}, fields);
	const tags: Record<string, string> = {};
	fields.keys.forEach((key, index) => {
		const name = block.strings[key];
		if (name !== undefined) tags[name] = block.strings[fields.values[index]] ?? '';
	});
	let ref = 0;
	for (let index = 0; index < fields.refs.length; index++) fields.refs[index] = ref += fields.refs[index];
	ways.add(fields.refs, tags);
}
