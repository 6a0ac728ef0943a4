import type { NetworkLine } from '$lib/engine/types';
import { readLonLat } from '../coordinates';
import { ProblemList } from '../import/pipeline';
import type { ImportProblem } from '../import/types';
import { problemAt, type LoadResult } from '../load-result';
import { explain } from '../problem-codes';
import { walkRuleFor } from './walk-tags';

/** What an OSM read found: ways seen, kept, dropped by which rule, references to nodes not in the file. */
export interface OsmStats {
	nodes: number;
	ways: number;
	walkableWays: number;
	droppedByTag: Record<string, number>;
	missingNodeRefs: number;
	waysWithMissingNodes: number;
	/** Nodes refused (coordinates out of range or not finite, an id beyond ±2^53); each is listed as a problem. */
	rejectedNodes: number;
}

/** What an OSM reader returns: the walkable lines, what it saw, and every node it refused with why. */
export interface OsmRead {
	lines: NetworkLine[];
	stats: OsmStats;
	/** Row = the node's number among the file's nodes (1-based); name = its OSM id. */
	problems: ImportProblem[];
	/** Refused nodes beyond the listed ones. */
	omittedProblems: number;
}

/**
 * Nodes as they are read. A node whose coordinates are out of range (|lat| > 90, |lon| > 180) or not finite
 * is refused with the same reasons the GeoJSON and table readers give (coordinates.ts), and so is an id that
 * doubles cannot hold exactly (beyond ±2^53, where neighbouring ids would merge); a way through a refused
 * node is split there, as at a node missing from the file, so no street is drawn to a bogus position.
 */
export class NodeReader {
	readonly table = new NodeTable();
	readonly problems = new ProblemList();
	rejected = 0;
	private seen = 0;

	/** lon and lat: numbers (PBF) or the attribute text (XML), read as the table readers read a cell. */
	add(id: number, lon: unknown, lat: unknown): void {
		this.seen++;
		if (!Number.isSafeInteger(id)) return this.reject(problemAt(this.seen, 'id', explain('osm-node-id-unsafe', { id: String(id) })), id);
		const position = readLonLat(lon, lat);
		if (!position.ok) return this.reject(problemAt(this.seen, position.field, position), id);
		this.table.add(id, position.value[0], position.value[1]);
	}

	private reject(problem: ImportProblem, id: number): void {
		this.rejected++;
		this.problems.add({ ...problem, name: `node ${id}` });
	}

	/** The read's result, with the refused nodes counted in the statistics. */
	finish(ways: WayCollector): OsmRead {
		const lines = ways.toLines(this.table);
		const stats = { ...ways.stats, rejectedNodes: this.rejected };
		stats.nodes += this.rejected;
		return { lines, stats, problems: this.problems.sorted(), omittedProblems: this.problems.omitted };
	}
}

/** An OSM read as the importer's LoadResult: lines loaded, refused nodes skipped and listed. */
export function osmLoadResult(read: OsmRead): LoadResult<NetworkLine[]> & { problems: ImportProblem[]; omittedProblems: number } {
	return { records: read.lines, loaded: read.lines.length, skipped: read.stats.rejectedNodes, problems: read.problems, omittedProblems: read.omittedProblems };
}

/**
 * Node coordinates by OSM id in typed arrays (ids sorted once, binary search), so a city extract with
 * millions of nodes does not become millions of JS objects.
 */
export class NodeTable {
	private ids: Float64Array = new Float64Array(1024);
	private lons: Float64Array = new Float64Array(1024);
	private lats: Float64Array = new Float64Array(1024);
	private count = 0;
	private sorted = true;

	get size(): number {
		return this.count;
	}

	add(id: number, lon: number, lat: number): void {
		if (this.count === this.ids.length) this.grow();
		if (this.count > 0 && id < this.ids[this.count - 1]) this.sorted = false;
		this.ids[this.count] = id;
		this.lons[this.count] = lon;
		this.lats[this.count] = lat;
		this.count++;
	}

	/** Index of the node, or −1. */
	find(id: number): number {
		if (!this.sorted) this.sort();
		let low = 0;
		let high = this.count - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const value = this.ids[middle];
			if (value === id) return middle;
			if (value < id) low = middle + 1;
			else high = middle - 1;
		}
		return -1;
	}

	lon(index: number): number {
		return this.lons[index];
	}

	lat(index: number): number {
		return this.lats[index];
	}

	private grow(): void {
		const size = this.ids.length * 2;
		const copy = (array: Float64Array) => {
			const next = new Float64Array(size);
			next.set(array);
			return next;
		};
		this.ids = copy(this.ids);
		this.lons = copy(this.lons);
		this.lats = copy(this.lats);
	}

	/**
	 * Stable LSD radix sort of the ids (16-bit digits of a 64-bit key, at most 4 passes, a digit every id
	 * shares skipped) carrying an index permutation in typed arrays. Sorting 7 million ids
	 * written out of order this way takes a fraction of a second, where a JS index array and a comparator took
	 * seconds and hundreds of MB. The key is the id's own IEEE-754 bits made order-preserving (sign bit
	 * flipped for positives, all bits for negatives), so the order is exact for every id: the former key,
	 * id − smallest id, was rounded once the span passed 2^53 and then tied distinct ids (issue 26, item 14).
	 */
	private sort(): void {
		const count = this.count;
		const bits = new Float64Array(1);
		const words = new Uint32Array(bits.buffer);
		const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
		const [lowWord, highWord] = littleEndian ? [0, 1] : [1, 0];
		const low = new Uint32Array(count);
		const high = new Uint32Array(count);
		for (let index = 0; index < count; index++) {
			// −0 and +0 are one id.
			bits[0] = this.ids[index] === 0 ? 0 : this.ids[index];
			const negative = words[highWord] >>> 31 === 1;
			high[index] = negative ? ~words[highWord] >>> 0 : (words[highWord] | 0x80000000) >>> 0;
			low[index] = negative ? ~words[lowWord] >>> 0 : words[lowWord];
		}
		let order = new Uint32Array(count);
		for (let index = 0; index < count; index++) order[index] = index;
		let next = new Uint32Array(count);
		const buckets = new Uint32Array(65537);
		for (let pass = 0; pass < 4; pass++) {
			const keys = pass < 2 ? low : high;
			const shift = pass % 2 === 0 ? 0 : 16;
			buckets.fill(0);
			for (let index = 0; index < count; index++) buckets[((keys[index] >>> shift) & 0xffff) + 1]++;
			// A digit every id shares leaves the order as it is: skip the pass.
			if (count === 0 || buckets[((keys[0] >>> shift) & 0xffff) + 1] === count) continue;
			for (let digit = 1; digit <= 65536; digit++) buckets[digit] += buckets[digit - 1];
			for (let position = 0; position < count; position++) {
				const index = order[position];
				next[buckets[(keys[index] >>> shift) & 0xffff]++] = index;
			}
			[order, next] = [next, order];
		}
		const reorder = (array: Float64Array) => {
			const sorted = new Float64Array(Math.max(1024, count));
			for (let position = 0; position < count; position++) sorted[position] = array[order[position]];
			return sorted;
		};
		this.ids = reorder(this.ids);
		this.lons = reorder(this.lons);
		this.lats = reorder(this.lats);
		this.sorted = true;
	}
}

export interface RawWay {
	refs: number[];
	tags: Record<string, string>;
}

export function emptyStats(): OsmStats {
	return { nodes: 0, ways: 0, walkableWays: 0, droppedByTag: {}, missingNodeRefs: 0, waysWithMissingNodes: 0, rejectedNodes: 0 };
}

/**
 * Ways as they are read: the walking rule is applied at once and only walkable ways are kept, their node
 * references in one growing typed array, so the millions of building outlines of a city extract never
 * become objects (with a 60 MB extract that is hundreds of MB less at the reader's peak).
 */
export class WayCollector {
	readonly stats: OsmStats = emptyStats();
	private refs = new Float64Array(1 << 16);
	private refCount = 0;
	private starts: number[] = [];
	private highways: string[] = [];

	add(refs: ArrayLike<number>, tags: Record<string, string>): void {
		this.stats.ways++;
		const rule = walkRuleFor(tags);
		if (!rule.keep) {
			this.stats.droppedByTag[rule.rule] = (this.stats.droppedByTag[rule.rule] ?? 0) + 1;
			return;
		}
		this.stats.walkableWays++;
		if (this.refCount + refs.length > this.refs.length) {
			const grown = new Float64Array(Math.max(this.refs.length * 2, this.refCount + refs.length));
			grown.set(this.refs.subarray(0, this.refCount));
			this.refs = grown;
		}
		this.starts.push(this.refCount);
		for (let index = 0; index < refs.length; index++) this.refs[this.refCount++] = refs[index];
		this.highways.push(tags.highway);
	}

	/**
	 * The walkable ways as lines. A way with a missing node keeps its known stretches (split at the gap, so
	 * nothing is joined across it) and is counted; a stretch of fewer than 2 nodes is dropped.
	 */
	toLines(nodes: NodeTable): NetworkLine[] {
		const lines: NetworkLine[] = [];
		const stats = this.stats;
		for (let way = 0; way < this.starts.length; way++) {
			const highway = this.highways[way];
			const end = way + 1 < this.starts.length ? this.starts[way + 1] : this.refCount;
			let stretch: [number, number][] = [];
			let missing = 0;
			for (let position = this.starts[way]; position < end; position++) {
				const index = nodes.find(this.refs[position]);
				if (index < 0) {
					missing++;
					if (stretch.length >= 2) lines.push({ coords: stretch, highway });
					stretch = [];
					continue;
				}
				stretch.push([nodes.lon(index), nodes.lat(index)]);
			}
			if (stretch.length >= 2) lines.push({ coords: stretch, highway });
			if (missing > 0) {
				stats.missingNodeRefs += missing;
				stats.waysWithMissingNodes++;
			}
		}
		stats.nodes = nodes.size;
		return lines;
	}
}
