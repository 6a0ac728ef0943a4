/**
 * The facilities an incremental coverage has seen, each in a fixed slot: node sources and cell
 * facilities refer to slots, so closing, re-ordering or moving facilities never renumbers the
 * search state. A slot keeps its id for good; a facility that leaves the list is simply not present.
 */
import type { WalkGraph } from '../graph';
import type { SegmentIndex } from '../segment-index';
import { snapPoints, type PointSnaps } from '../snap';
import type { Facility } from '../types';

/** How a slot seeds the search: its snap, when it is present, of a counted type and snapped. */
export interface SlotSeeding {
	edge: number;
	along: number;
	connector: number;
}

export class FacilitySlots {
	/** Per slot: snap of its current position (edge -1 when not snapped or never snapped). */
	snap: PointSnaps;
	/** Per slot: 1 when it seeds the search (present, counted type, snapped). */
	active: Uint8Array;
	/** Per slot: index in the facility list last synced, -1 when not in it. */
	listIndex: Int32Array;
	readonly ids: string[] = [];
	private lon: Float64Array;
	private lat: Float64Array;
	private readonly slotOfId = new Map<string, number>();

	private constructor(capacity: number, maxSnapM: number) {
		this.snap = emptySnaps(capacity, maxSnapM);
		this.active = new Uint8Array(capacity);
		this.listIndex = new Int32Array(capacity).fill(-1);
		this.lon = new Float64Array(capacity).fill(Number.NaN);
		this.lat = new Float64Array(capacity).fill(Number.NaN);
	}

	/** Slots 0..n-1 for the facilities of a full computation, with its snaps and counted flags. */
	static fromList(facilities: readonly Facility[], snap: PointSnaps, counted: Uint8Array): FacilitySlots {
		const slots = new FacilitySlots(Math.max(16, facilities.length * 2), snap.maxSnapM);
		facilities.forEach((facility, index) => {
			const slot = slots.slotFor(facility.id);
			if (slot !== index) throw new RangeError(`duplicate facility id ${facility.id}`);
			slots.lon[slot] = facility.lon;
			slots.lat[slot] = facility.lat;
			slots.listIndex[slot] = index;
			copySnap(snap, index, slots.snap, slot);
			slots.active[slot] = counted[index] && snap.edge[index] >= 0 ? 1 : 0;
		});
		return slots;
	}

	get count(): number {
		return this.ids.length;
	}

	/** The slot of an id, creating one for an id not seen before. */
	slotFor(id: string): number {
		const known = this.slotOfId.get(id);
		if (known !== undefined) return known;
		const slot = this.ids.length;
		if (slot === this.active.length) this.grow();
		this.ids.push(id);
		this.slotOfId.set(id, slot);
		return slot;
	}

	/** The slot's seeding snap (edge -1 when it does not seed). */
	seeding(slot: number): SlotSeeding {
		return this.active[slot] ? { edge: this.snap.edge[slot], along: this.snap.along[slot], connector: this.snap.connector[slot] } : { edge: -1, along: 0, connector: 0 };
	}

	/** True when (lon, lat) differs from the slot's stored position (a new slot has none). */
	movedTo(slot: number, lon: number, lat: number): boolean {
		return this.lon[slot] !== lon || this.lat[slot] !== lat;
	}

	/** Stores a new position and its snap. */
	place(slot: number, lon: number, lat: number, graph: WalkGraph, segments: SegmentIndex): void {
		this.lon[slot] = lon;
		this.lat[slot] = lat;
		copySnap(snapPoints(graph, segments, Float64Array.of(lon), Float64Array.of(lat), this.snap.maxSnapM), 0, this.snap, slot);
	}

	private grow(): void {
		const capacity = this.active.length * 2;
		const snap = emptySnaps(capacity, this.snap.maxSnapM);
		for (const key of ['edge', 'along', 'connector', 'snappedLon', 'snappedLat'] as const) snap[key].set(this.snap[key]);
		this.snap = snap;
		this.active = grown(this.active, new Uint8Array(capacity));
		this.listIndex = grown(this.listIndex, new Int32Array(capacity).fill(-1));
		this.lon = grown(this.lon, new Float64Array(capacity).fill(Number.NaN));
		this.lat = grown(this.lat, new Float64Array(capacity).fill(Number.NaN));
	}
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(old: T, larger: T): T {
	larger.set(old);
	return larger;
}

function emptySnaps(capacity: number, maxSnapM: number): PointSnaps {
	return {
		edge: new Int32Array(capacity).fill(-1),
		along: new Float64Array(capacity),
		connector: new Float64Array(capacity).fill(Number.NaN),
		snappedLon: new Float64Array(capacity).fill(Number.NaN),
		snappedLat: new Float64Array(capacity).fill(Number.NaN),
		maxSnapM
	};
}

function copySnap(from: PointSnaps, fromIndex: number, to: PointSnaps, toIndex: number): void {
	to.edge[toIndex] = from.edge[fromIndex];
	to.along[toIndex] = from.along[fromIndex];
	to.connector[toIndex] = from.connector[fromIndex];
	to.snappedLon[toIndex] = from.snappedLon[fromIndex];
	to.snappedLat[toIndex] = from.snappedLat[fromIndex];
}
