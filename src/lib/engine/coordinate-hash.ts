/**
 * Gives each distinct (lon, lat) pair a dense integer id, using an open-addressing hash table in
 * typed arrays. Junction detection needs "identical coordinates" on millions of vertices; string
 * keys in a Map would cost seconds and hundreds of megabytes.
 */
export class CoordinateHash {
	lon: Float64Array;
	lat: Float64Array;
	size = 0;
	private slots: Int32Array;
	private mask: number;
	private readonly scratch = new Float64Array(2);
	private readonly scratchWords = new Uint32Array(this.scratch.buffer);

	constructor(expectedDistinct: number) {
		const capacity = Math.max(16, expectedDistinct);
		let slotCount = 16;
		while (slotCount < capacity * 2) slotCount *= 2;
		this.slots = new Int32Array(slotCount).fill(-1);
		this.mask = slotCount - 1;
		this.lon = new Float64Array(capacity);
		this.lat = new Float64Array(capacity);
	}

	/** The id of (lon, lat), adding it when new. Capacity is the constructor's `expectedDistinct`. */
	idOf(lonValue: number, latValue: number): number {
		// `+ 0` turns -0 into 0 so both spellings of zero are one point.
		const lon = lonValue + 0;
		const lat = latValue + 0;
		let slot = this.hash(lon, lat) & this.mask;
		for (;;) {
			const id = this.slots[slot];
			if (id < 0) break;
			if (this.lon[id] === lon && this.lat[id] === lat) return id;
			slot = (slot + 1) & this.mask;
		}
		if (this.size === this.lon.length) throw new RangeError('CoordinateHash: more distinct points than its capacity');
		const id = this.size++;
		this.lon[id] = lon;
		this.lat[id] = lat;
		this.slots[slot] = id;
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
