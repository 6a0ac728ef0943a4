/**
 * Cells grouped by a key (the edge they snapped to, or their network component) in compressed
 * sparse row form, built once per dataset: an edit then finds the cells it can affect by lookup,
 * never by a pass over every cell.
 */
export interface CellGroups {
	/** Cells of key k are items[offsets[k]] .. items[offsets[k + 1] - 1], ascending. */
	offsets: Int32Array;
	items: Int32Array;
}

/** Groups cells 0..keys.length-1 by keys[cell] (0..keyCount-1); cells with a negative key are left out. */
export function groupCellsByKey(keys: Int32Array, keyCount: number): CellGroups {
	const offsets = new Int32Array(keyCount + 1);
	for (let cell = 0; cell < keys.length; cell++) if (keys[cell] >= 0) offsets[keys[cell] + 1]++;
	for (let key = 0; key < keyCount; key++) offsets[key + 1] += offsets[key];
	const items = new Int32Array(offsets[keyCount]);
	const cursor = offsets.slice(0, keyCount);
	for (let cell = 0; cell < keys.length; cell++) if (keys[cell] >= 0) items[cursor[keys[cell]]++] = cell;
	return { offsets, items };
}

/**
 * A set of cells collected from several sources without duplicates: a stamp per cell instead of a
 * cleared boolean array, so starting a new set costs nothing.
 */
export class CellCollector {
	private readonly stamp: Int32Array;
	private current = 0;
	private list: Int32Array;
	size = 0;

	constructor(cellCount: number) {
		this.stamp = new Int32Array(cellCount);
		this.list = new Int32Array(256);
	}

	start(): void {
		this.current++;
		this.size = 0;
	}

	add(cell: number): void {
		if (this.stamp[cell] === this.current) return;
		this.stamp[cell] = this.current;
		if (this.size === this.list.length) {
			const grown = new Int32Array(this.list.length * 2);
			grown.set(this.list);
			this.list = grown;
		}
		this.list[this.size++] = cell;
	}

	/** Adds every cell of one group. */
	addGroup(groups: CellGroups, key: number): void {
		for (let i = groups.offsets[key], end = groups.offsets[key + 1]; i < end; i++) this.add(groups.items[i]);
	}

	/** The collected cells (a view, valid until the next start). */
	cells(): Int32Array {
		return this.list.subarray(0, this.size);
	}
}
