/**
 * A binary min-heap of (node id, priority) pairs in growable typed arrays, for Dijkstra.
 * Lazy deletion: a node may be pushed several times; callers skip stale pops.
 * No objects per entry, so a 1.5-million-node search allocates nothing in its loop.
 */
export class MinHeap {
	ids: Int32Array;
	priorities: Float64Array;
	length = 0;
	/** Priority of the entry returned by the last pop(). */
	poppedPriority = 0;

	constructor(initialCapacity = 1024) {
		this.ids = new Int32Array(Math.max(16, initialCapacity));
		this.priorities = new Float64Array(Math.max(16, initialCapacity));
	}

	clear(): void {
		this.length = 0;
	}

	push(id: number, priority: number): void {
		if (this.length === this.ids.length) this.grow();
		const ids = this.ids;
		const priorities = this.priorities;
		let position = this.length++;
		while (position > 0) {
			const parent = (position - 1) >> 1;
			const parentPriority = priorities[parent];
			if (priority >= parentPriority) break;
			ids[position] = ids[parent];
			priorities[position] = parentPriority;
			position = parent;
		}
		ids[position] = id;
		priorities[position] = priority;
	}

	/** Priority of the head; call only when `length > 0`. */
	peekPriority(): number {
		return this.priorities[0];
	}

	/** Removes the head and returns its id (its priority in poppedPriority); call only when `length > 0`. */
	pop(): number {
		const ids = this.ids;
		const priorities = this.priorities;
		const top = ids[0];
		this.poppedPriority = priorities[0];
		const last = --this.length;
		if (last > 0) {
			const id = ids[last];
			const priority = priorities[last];
			const half = last >> 1;
			let position = 0;
			while (position < half) {
				let child = 2 * position + 1;
				const right = child + 1;
				if (right < last && priorities[right] < priorities[child]) child = right;
				if (priorities[child] >= priority) break;
				ids[position] = ids[child];
				priorities[position] = priorities[child];
				position = child;
			}
			ids[position] = id;
			priorities[position] = priority;
		}
		return top;
	}

	private grow(): void {
		const ids = new Int32Array(this.ids.length * 2);
		const priorities = new Float64Array(this.priorities.length * 2);
		ids.set(this.ids);
		priorities.set(this.priorities);
		this.ids = ids;
		this.priorities = priorities;
	}
}
