/**
 * Gives each distinct (lon, lat) pair a dense integer id, in order of first appearance, using an
 * open-addressing hash table in typed arrays. Junction detection needs "identical coordinates" on
 * millions of vertices; string keys in a Map would cost seconds and hundreds of megabytes.
 * The caller provides the storage (so the graph builder can allocate it with its other scratch
 * arrays in one buffer): `slots` of length `CoordinateHash.slotCount(capacity)`, and `points` with
 * two entries per id (lon, lat interleaved, so a probe that hits reads one cache line).
 */
export class CoordinateHash {
	size = 0;
	private readonly mask: number;
	private readonly capacity: number;
	private readonly scratch = new Float64Array(2);
	private readonly scratchWords = new Uint32Array(this.scratch.buffer);

	/** A power of two at least twice the capacity (load ≤ ½). */
	static slotCount(capacity: number): number {
		let slotCount = 16;
		while (slotCount < capacity * 2) slotCount *= 2;
		return slotCount;
	}

	constructor(
		private readonly slots: Int32Array,
		/** lon, lat of point id k at 2k, 2k + 1. */
		readonly points: Float64Array
	) {
		if (slots.length < 16 || (slots.length & (slots.length - 1)) !== 0) throw new RangeError('CoordinateHash: slots must be a power of two ≥ 16');
		slots.fill(-1);
		this.mask = slots.length - 1;
		this.capacity = points.length >> 1;
	}

	/** The id of (lon, lat), adding it when new. */
	idOf(lonValue: number, latValue: number): number {
		// `+ 0` turns -0 into 0 so both spellings of zero are one point.
		const lon = lonValue + 0;
		const lat = latValue + 0;
		const points = this.points;
		const slots = this.slots;
		let slot = this.hash(lon, lat) & this.mask;
		for (;;) {
			const id = slots[slot];
			if (id < 0) break;
			if (points[2 * id] === lon && points[2 * id + 1] === lat) return id;
			slot = (slot + 1) & this.mask;
		}
		if (this.size === this.capacity) throw new RangeError('CoordinateHash: more distinct points than its capacity');
		const id = this.size++;
		points[2 * id] = lon;
		points[2 * id + 1] = lat;
		slots[slot] = id;
		return id;
	}

	private hash(lon: number, lat: number): number {
		this.scratch[0] = lon;
		this.scratch[1] = lat;
		const words = this.scratchWords;
		let h = Math.imul(words[0] ^ 0x9e3779b9, 0x85ebca6b);
		h = Math.imul(h ^ words[1] ^ (h >>> 15), 0xc2b2ae35);
		h = Math.imul(h ^ words[2] ^ (h >>> 13), 0x85ebca6b);
		h = Math.imul(h ^ words[3] ^ (h >>> 16), 0xc2b2ae35);
		return (h ^ (h >>> 16)) >>> 0;
	}
}
