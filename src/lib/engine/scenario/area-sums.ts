/**
 * Per-area figures after an edit. An area whose cells changed is summed again over its own cells, in
 * ascending cell order, exactly as summarizeAreas adds them; the others keep their sums. So the figures
 * are bit-identical to a full pass, even for fractional populations (WorldPop rasters): sums kept by
 * subtracting and adding would drift in the last bits, and a rule decided at exactly 100 % coverage
 * could then flip. The cost is the cells of the areas an edit touches, not the whole city.
 */
import { TIME_BANDS, areaCoverage, bandIndex, sumAreas, type AreaCoverage, type AreaSummary } from '../bands';
import type { Subdistrict } from '../types';
import { groupCellsByKey, type CellGroups } from './cell-index';

const BAND_COUNT = TIME_BANDS.length;

export class AreaSums {
	private readonly slotOfCell: Int32Array;
	/** Cells of each area (the last slot: outside every sub-district), ascending. */
	private readonly cellsOfSlot: CellGroups;
	private readonly cellCounts: Float64Array;
	private readonly residents: Float64Array;
	private readonly covered: Float64Array;
	private readonly unreachable: Float64Array;
	private readonly bands: Float64Array;
	private readonly dirty: Uint8Array;

	/**
	 * `minutes`, `covered` and `unreachable` are the caller's live arrays: it writes the new values of a
	 * cell there and calls `touch(cell)`; `summary()` then re-sums the touched areas.
	 */
	constructor(
		private readonly subdistricts: readonly Subdistrict[],
		cellSubdistrict: Int32Array,
		private readonly pop: Float64Array,
		private readonly minutes: Float32Array,
		private readonly coveredCells: Uint8Array,
		private readonly unreachableCells: Uint8Array
	) {
		const areaCount = subdistricts.length;
		const slots = areaCount + 1;
		this.slotOfCell = Int32Array.from(cellSubdistrict, (area) => (area >= 0 && area < areaCount ? area : areaCount));
		this.cellsOfSlot = groupCellsByKey(this.slotOfCell, slots);
		this.cellCounts = new Float64Array(slots);
		this.residents = new Float64Array(slots);
		this.covered = new Float64Array(slots);
		this.unreachable = new Float64Array(slots);
		this.bands = new Float64Array(slots * BAND_COUNT);
		this.dirty = new Uint8Array(slots).fill(1);
		for (let cell = 0; cell < pop.length; cell++) {
			this.cellCounts[this.slotOfCell[cell]]++;
			this.residents[this.slotOfCell[cell]] += pop[cell];
		}
	}

	/** The cell's figures changed: its area is summed again at the next summary. */
	touch(cell: number): void {
		this.dirty[this.slotOfCell[cell]] = 1;
	}

	summary(): AreaSummary {
		for (let slot = 0; slot < this.dirty.length; slot++) if (this.dirty[slot]) this.resum(slot);
		const areaCount = this.subdistricts.length;
		const bySubdistrict = this.subdistricts.map((subdistrict, index) => this.area(index, subdistrict.code, subdistrict.name));
		const outside = this.area(areaCount, '', '(outside sub-districts)');
		return { bySubdistrict, outside, total: sumAreas(bySubdistrict.concat(outside)) };
	}

	/** The same additions in the same order as summarizeAreas, for one area. */
	private resum(slot: number): void {
		let covered = 0;
		let unreachable = 0;
		const bands = new Float64Array(BAND_COUNT);
		const { offsets, items: cells } = this.cellsOfSlot;
		for (let i = offsets[slot]; i < offsets[slot + 1]; i++) {
			const cell = cells[i];
			const people = this.pop[cell];
			if (this.coveredCells[cell]) covered += people;
			if (this.unreachableCells[cell]) unreachable += people;
			else bands[bandIndex(this.minutes[cell])] += people;
		}
		this.covered[slot] = covered;
		this.unreachable[slot] = unreachable;
		this.bands.set(bands, slot * BAND_COUNT);
		this.dirty[slot] = 0;
	}

	private area(slot: number, code: string, name: string): AreaCoverage {
		const bands = this.bands.subarray(slot * BAND_COUNT, (slot + 1) * BAND_COUNT);
		return areaCoverage(code, name, { cells: this.cellCounts[slot], residents: this.residents[slot], covered: this.covered[slot], unreachable: this.unreachable[slot], bands });
	}
}
