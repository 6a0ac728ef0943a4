import type { NetworkLine } from '$lib/engine/types';
import { walkRuleFor } from './walk-tags';

/** What an OSM read found: ways seen, kept, dropped by which rule, references to nodes not in the file. */
export interface OsmStats {
	nodes: number;
	ways: number;
	walkableWays: number;
	droppedByTag: Record<string, number>;
	missingNodeRefs: number;
	waysWithMissingNodes: number;
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
	 * Stable LSD radix sort of the ids (16-bit digits of id − smallest id, only as many passes as the span
	 * needs: 3 for today's OSM ids) carrying an index permutation in typed arrays. Sorting 7 million ids
	 * written out of order this way takes a fraction of a second, where a JS index array and a comparator took
	 * seconds and hundreds of MB.
	 */
	private sort(): void {
		const count = this.count;
		const ids = this.ids;
		let min = Infinity;
		let max = -Infinity;
		for (let index = 0; index < count; index++) {
			const id = ids[index];
			if (id < min) min = id;
			if (id > max) max = id;
		}
		const low = new Uint32Array(count);
		const high = new Uint32Array(count);
		for (let index = 0; index < count; index++) {
			const key = ids[index] - min;
			const upper = Math.floor(key / 4294967296);
			high[index] = upper;
			low[index] = key - upper * 4294967296;
		}
		const span = max - min;
		const passes = span < 65536 ? 1 : span < 4294967296 ? 2 : span < 281474976710656 ? 3 : 4;
		let order = new Uint32Array(count);
		for (let index = 0; index < count; index++) order[index] = index;
		let next = new Uint32Array(count);
		const buckets = new Uint32Array(65537);
		for (let pass = 0; pass < passes; pass++) {
			const words = pass < 2 ? low : high;
			const shift = pass % 2 === 0 ? 0 : 16;
			buckets.fill(0);
			for (let index = 0; index < count; index++) buckets[((words[index] >>> shift) & 0xffff) + 1]++;
			for (let digit = 1; digit <= 65536; digit++) buckets[digit] += buckets[digit - 1];
			for (let position = 0; position < count; position++) {
				const index = order[position];
				next[buckets[(words[index] >>> shift) & 0xffff]++] = index;
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
	return { nodes: 0, ways: 0, walkableWays: 0, droppedByTag: {}, missingNodeRefs: 0, waysWithMissingNodes: 0 };
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
