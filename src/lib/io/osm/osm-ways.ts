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

	private sort(): void {
		const order = Array.from({ length: this.count }, (_, index) => index).sort((a, b) => this.ids[a] - this.ids[b]);
		const reorder = (array: Float64Array) => Float64Array.from(order, (index) => array[index]);
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
 * Turns the walkable ways into lines. A way with a missing node keeps its known stretches (split at the
 * gap, so nothing is joined across it) and is counted; a stretch of fewer than 2 nodes is dropped.
 */
export function waysToLines(ways: RawWay[], nodes: NodeTable, stats: OsmStats): NetworkLine[] {
	const lines: NetworkLine[] = [];
	for (const way of ways) {
		stats.ways++;
		const rule = walkRuleFor(way.tags);
		if (!rule.keep) {
			stats.droppedByTag[rule.rule] = (stats.droppedByTag[rule.rule] ?? 0) + 1;
			continue;
		}
		stats.walkableWays++;
		let stretch: [number, number][] = [];
		let missing = 0;
		const flush = () => {
			if (stretch.length >= 2) lines.push({ coords: stretch, highway: way.tags.highway });
			stretch = [];
		};
		for (const ref of way.refs) {
			const index = nodes.find(ref);
			if (index < 0) {
				missing++;
				flush();
				continue;
			}
			stretch.push([nodes.lon(index), nodes.lat(index)]);
		}
		flush();
		if (missing > 0) {
			stats.missingNodeRefs += missing;
			stats.waysWithMissingNodes++;
		}
	}
	stats.nodes = nodes.size;
	return lines;
}
