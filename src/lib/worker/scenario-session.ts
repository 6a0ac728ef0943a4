import { computeCoverage, type CoverageInput, type CoverageResult } from '$lib/engine/coverage';
import { IncrementalCoverage } from '$lib/engine/scenario/incremental';
import type { Facility } from '$lib/engine/types';
import type { ScenarioDelta } from './coverage-messages';

/**
 * The worker's side of what-if scenarios: the last baseline computation, and an incremental state
 * that follows whatever facility list the page sends (a scenario's, or the baseline's to leave it).
 * Only what an edit changes is recomputed and sent back.
 */
export class ScenarioSession {
	private incremental: IncrementalCoverage | null = null;
	/** The next answer carries every cell (nothing was sent since the baseline changed). */
	private sendFull = true;

	constructor(
		/** The baseline run this session follows from (also what site suggestion takes as "today"). */
		readonly input: CoverageInput,
		readonly baseline: CoverageResult
	) {}

	/**
	 * A baseline run whose per-cell arrays are about to be transferred to the page: keep copies of those.
	 * The rest stays in the worker and is never written (IncrementalCoverage copies what it changes).
	 */
	static keeping(input: CoverageInput, result: CoverageResult): ScenarioSession {
		const cells = { minutes: result.minutes.slice(), facilityIndex: result.facilityIndex.slice(), covered: result.covered.slice(), unreachable: result.unreachable.slice() };
		return new ScenarioSession(input, { ...result, ...cells });
	}

	follow(facilities: Facility[], full: boolean): ScenarioDelta {
		if (!this.baseline.network) return this.straightLine(facilities);
		this.incremental ??= IncrementalCoverage.fromResult(this.input, this.baseline);
		const changes = this.incremental.sync(facilities);
		const sendAll = full || this.sendFull || changes.remapped;
		this.sendFull = false;
		return sendAll ? fullDelta(this.incremental) : partialDelta(this.incremental, changes.cells);
	}

	/** Without a street network every answer is a full straight-line run (no incremental state to keep). */
	private straightLine(facilities: Facility[]): ScenarioDelta {
		return fullDelta(computeCoverage({ ...this.input, facilities }));
	}
}

type CellFigures = Pick<CoverageResult, 'minutes' | 'facilityIndex' | 'covered' | 'unreachable' | 'bySubdistrict' | 'outside' | 'total' | 'unsnappedFacilities'>;

function fullDelta(figures: CellFigures): ScenarioDelta {
	return {
		full: true,
		cells: Int32Array.from({ length: figures.minutes.length }, (_, cell) => cell),
		minutes: figures.minutes.slice(),
		facilityIndex: figures.facilityIndex.slice(),
		covered: figures.covered.slice(),
		unreachable: figures.unreachable.slice(),
		...areaFigures(figures)
	};
}

function partialDelta(figures: CellFigures, cells: Int32Array): ScenarioDelta {
	return {
		full: false,
		cells: cells.slice(),
		minutes: Float32Array.from(cells, (cell) => figures.minutes[cell]),
		facilityIndex: Int32Array.from(cells, (cell) => figures.facilityIndex[cell]),
		covered: Uint8Array.from(cells, (cell) => figures.covered[cell]),
		unreachable: Uint8Array.from(cells, (cell) => figures.unreachable[cell]),
		...areaFigures(figures)
	};
}

function areaFigures(figures: CellFigures): Pick<ScenarioDelta, 'bySubdistrict' | 'outside' | 'total' | 'unsnappedFacilities'> {
	return {
		bySubdistrict: structuredClone(figures.bySubdistrict),
		outside: structuredClone(figures.outside),
		total: structuredClone(figures.total),
		unsnappedFacilities: [...figures.unsnappedFacilities]
	};
}
