import type { SitingInstance } from './instance';

/**
 * How many chosen sites cover each cell, so a candidate's marginal gain (the weight of its cells no
 * chosen site covers yet) and a site's loss (the weight only it covers) cost one pass over its own
 * cells. Gains are summed in the candidate's cell order, so every solver adds the same floats.
 */
export class CoverState {
	readonly count: Int32Array;

	constructor(private readonly instance: Pick<SitingInstance, 'offsets' | 'cells' | 'weight'>, cellCount: number) {
		this.count = new Int32Array(cellCount);
	}

	gain(candidate: number): number {
		const { offsets, cells, weight } = this.instance;
		let sum = 0;
		for (let i = offsets[candidate], end = offsets[candidate + 1]; i < end; i++) if (this.count[cells[i]] === 0) sum += weight[cells[i]];
		return sum;
	}

	/** The weight covered by `candidate` alone among the chosen (what leaving it out would lose). */
	loss(candidate: number): number {
		const { offsets, cells, weight } = this.instance;
		let sum = 0;
		for (let i = offsets[candidate], end = offsets[candidate + 1]; i < end; i++) if (this.count[cells[i]] === 1) sum += weight[cells[i]];
		return sum;
	}

	/** Gain of `entering` once `leaving` (a chosen site) is left out; `leavingMark` holds 1 on leaving's cells. */
	gainWithout(entering: number, leavingMark: Uint8Array): number {
		const { offsets, cells, weight } = this.instance;
		let sum = 0;
		for (let i = offsets[entering], end = offsets[entering + 1]; i < end; i++) {
			const cell = cells[i];
			const count = this.count[cell] - leavingMark[cell];
			if (count === 0) sum += weight[cell];
		}
		return sum;
	}

	add(candidate: number): void {
		const { offsets, cells } = this.instance;
		for (let i = offsets[candidate], end = offsets[candidate + 1]; i < end; i++) this.count[cells[i]]++;
	}

	remove(candidate: number): void {
		const { offsets, cells } = this.instance;
		for (let i = offsets[candidate], end = offsets[candidate + 1]; i < end; i++) this.count[cells[i]]--;
	}

	mark(candidate: number, marks: Uint8Array, value: 0 | 1): void {
		const { offsets, cells } = this.instance;
		for (let i = offsets[candidate], end = offsets[candidate + 1]; i < end; i++) marks[cells[i]] = value;
	}
}
