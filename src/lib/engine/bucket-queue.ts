/**
 * A bucket queue (Dial's algorithm) for searches bounded by a known maximum cost: entries go into
 * buckets of `width` metres, and buckets are emptied in increasing order. Within a bucket the order
 * is arbitrary, so a node may be popped before a slightly cheaper one of the same bucket; the
 * search stays exact because it re-expands any node whose cost later improves (it is
 * label-correcting), which within one narrow bucket is rare. Push and pop are O(1): on a city-sized
 * multi-source search this is markedly faster than a binary heap, whose pops cost O(log frontier).
 */
export class BucketQueue {
	length = 0;
	/** Priority of the entry returned by the last pop(). */
	poppedPriority = 0;
	private readonly width: number;
	private readonly heads: Int32Array;
	private current = 0;
	private entryId: Int32Array;
	private entryPriority: Float64Array;
	private entryNext: Int32Array;
	private used = 0;
	private freeList = -1;

	/** Largest bucket count, so a huge bound widens the buckets instead of allocating millions of them. */
	static readonly MAX_BUCKETS = 1 << 20;

	constructor(maxPriority: number, width = 1) {
		if (!(maxPriority >= 0 && Number.isFinite(maxPriority))) throw new RangeError('BucketQueue needs a finite, non-negative maximum priority');
		this.width = Math.max(width, maxPriority / (BucketQueue.MAX_BUCKETS - 1));
		this.heads = new Int32Array(Math.floor(maxPriority / this.width) + 1).fill(-1);
		this.entryId = new Int32Array(1024);
		this.entryPriority = new Float64Array(1024);
		this.entryNext = new Int32Array(1024);
	}

	/** Adds an entry; priority must be within [0, maxPriority]. */
	push(id: number, priority: number): void {
		let entry = this.freeList;
		if (entry >= 0) this.freeList = this.entryNext[entry];
		else {
			if (this.used === this.entryId.length) this.grow();
			entry = this.used++;
		}
		const bucket = Math.floor(priority / this.width);
		this.entryId[entry] = id;
		this.entryPriority[entry] = priority;
		this.entryNext[entry] = this.heads[bucket];
		this.heads[bucket] = entry;
		if (bucket < this.current) this.current = bucket;
		this.length++;
	}

	/** Removes an entry of the lowest non-empty bucket and returns its id (its priority in poppedPriority); call only when length > 0. */
	pop(): number {
		const heads = this.heads;
		while (heads[this.current] < 0) this.current++;
		const entry = heads[this.current];
		heads[this.current] = this.entryNext[entry];
		this.entryNext[entry] = this.freeList;
		this.freeList = entry;
		this.length--;
		this.poppedPriority = this.entryPriority[entry];
		return this.entryId[entry];
	}

	private grow(): void {
		const size = this.entryId.length * 2;
		const ids = new Int32Array(size);
		const priorities = new Float64Array(size);
		const next = new Int32Array(size);
		ids.set(this.entryId);
		priorities.set(this.entryPriority);
		next.set(this.entryNext);
		this.entryId = ids;
		this.entryPriority = priorities;
		this.entryNext = next;
	}
}
