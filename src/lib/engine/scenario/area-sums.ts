/**
 * Per-area figures kept up to date by differences: every field of AreaCoverage is a sum of
 * per-cell contributions (or, for coveragePct and the total, derived from such sums), so an edit
 * subtracts the old contribution of each changed cell and adds the new one; no pass over all cells.
 * Sums of non-integer populations can differ from a fresh pass in the last bits (floating-point
 * addition is not associative); integer populations stay exact.
 */
import { TIME_BANDS, bandIndex, sumAreas, type AreaCoverage, type AreaSummary } from '../bands';
import type { Subdistrict } from '../types';

const BAND_COUNT = TIME_BANDS.length;

export class AreaSums {
	private readonly slotOfCell: Int32Array;
	private readonly cellCounts: Float64Array;
	private readonly residents: Float64Array;
	private readonly covered: Float64Array;
	private readonly unreachable: Float64Array;
	private readonly bands: Float64Array;

	/** Sums every cell once (in cell order, as summarizeAreas does). */
	constructor(
		private readonly subdistricts: readonly Subdistrict[],
		cellSubdistrict: Int32Array,
		private readonly pop: Float64Array,
		minutes: Float32Array,
		covered: Uint8Array,
		unreachable: Uint8Array
	) {
		const areaCount = subdistricts.length;
		const slots = areaCount + 1; // the last slot holds the cells outside every sub-district
		this.slotOfCell = Int32Array.from(cellSubdistrict, (area) => (area >= 0 && area < areaCount ? area : areaCount));
		this.cellCounts = new Float64Array(slots);
		this.residents = new Float64Array(slots);
		this.covered = new Float64Array(slots);
		this.unreachable = new Float64Array(slots);
		this.bands = new Float64Array(slots * BAND_COUNT);
		for (let cell = 0; cell < pop.length; cell++) {
			this.cellCounts[this.slotOfCell[cell]]++;
			this.residents[this.slotOfCell[cell]] += pop[cell];
			this.change(cell, minutes[cell], covered[cell], unreachable[cell], 1);
		}
	}

	/** Adds (sign 1) or removes (sign -1) one cell's contribution to covered, unreachable and band residents. */
	change(cell: number, minutes: number, covered: number, unreachable: number, sign: 1 | -1): void {
		const slot = this.slotOfCell[cell];
		const people = sign * this.pop[cell];
		if (covered) this.covered[slot] += people;
		if (unreachable) this.unreachable[slot] += people;
		else this.bands[slot * BAND_COUNT + bandIndex(minutes)] += people;
	}

	summary(): AreaSummary {
		const areaCount = this.subdistricts.length;
		const bySubdistrict = this.subdistricts.map((subdistrict, index) => this.area(index, subdistrict.code, subdistrict.name));
		const outside = this.area(areaCount, '', '(outside sub-districts)');
		return { bySubdistrict, outside, total: sumAreas(bySubdistrict.concat(outside)) };
	}

	private area(slot: number, code: string, name: string): AreaCoverage {
		const residents = this.residents[slot];
		const covered = this.covered[slot];
		return {
			code,
			name,
			cells: this.cellCounts[slot],
			residents,
			coveredResidents: covered,
			coveragePct: residents > 0 ? (covered / residents) * 100 : null,
			unreachableResidents: this.unreachable[slot],
			bandResidents: Array.from(this.bands.subarray(slot * BAND_COUNT, (slot + 1) * BAND_COUNT))
		};
	}
}
