/**
 * Capacity-aware accessibility: the enhanced two-step floating catchment area method (E2SFCA,
 * Luo & Qi 2009). For supply S_j at facility j (beds, or centre m²), population P_k per cell and a
 * distance-decay weight W(t) that is 0 beyond the catchment (15 minutes):
 *
 *   step 1, per facility:  R_j = S_j / Σ_k P_k · W(t_kj)        (supply per weighted resident)
 *   step 2, per cell:      A_i = Σ_j R_j · W(t_ij)              (reported × 1,000: per 1,000 residents)
 *
 * Both steps run over a sparse facility → cell travel-time matrix limited to the catchment, built from
 * one bounded single-source network search per facility (catchment.ts), so the cost grows with the
 * facilities' catchments, not with facilities × cells. A facility whose supply is unknown supplies
 * nothing here and every cell that reaches it is flagged `incomplete` (its figure is a lower bound).
 */
import { AccessModel } from './access-model';
import { singleSourceCatchment, CatchmentWorkspace } from './catchment';
import type { CoverageResult } from './coverage';
import { haversineMetres } from './geo';
import { metresPerMinute, type CoverageParams } from './params';
import { groupCellsByKey } from './scenario/cell-index';
import { seedsForFacility } from './sources';
import type { Facility } from './types';

// Exported for the tests only, which build hand-computed matrices of this shape.
/** Sparse travel times from facilities (rows) to cells, limited to `maxMinutes` (inclusive). */
export interface TravelMatrix {
	/** Index into the input facilities of each row. */
	facility: Int32Array;
	/** CSR: row r's entries are offsets[r] .. offsets[r + 1] - 1, cells ascending. */
	offsets: Int32Array;
	cells: Int32Array;
	minutes: Float64Array;
	cellCount: number;
	maxMinutes: number;
}

/** Step weights per time band: a cell at t minutes gets the weight of the first band with t ≤ upToMinutes. */
export interface StepDecay {
	kind: 'step';
	bands: readonly { upToMinutes: number; weight: number }[];
}

/** Gaussian decay of Dai (2010), 1 at 0 minutes and 0 at the catchment edge t0: (e^(−½(t/t0)²) − e^(−½)) ÷ (1 − e^(−½)). */
export interface GaussianDecay {
	kind: 'gaussian';
}

export type DistanceDecay = StepDecay | GaussianDecay;

export interface E2sfcaParams {
	/** Catchment size t0 in minutes: nothing farther counts. */
	catchmentMinutes: number;
	decay: DistanceDecay;
}

// Exported for the tests only: tests pass the defaults explicitly to the hand-computed E2SFCA fixtures.
/**
 * Default: 15-minute catchment, step weights 1.00 / 0.68 / 0.22 for 0–5 / 5–10 / 10–15 minutes
 * (Luo & Qi's Gaussian-derived weights for three equal zones; bands closed above like TIME_BANDS).
 */
export const DEFAULT_E2SFCA_PARAMS: Readonly<E2sfcaParams> = Object.freeze({
	catchmentMinutes: 15,
	decay: Object.freeze({
		kind: 'step',
		bands: Object.freeze([
			Object.freeze({ upToMinutes: 5, weight: 1 }),
			Object.freeze({ upToMinutes: 10, weight: 0.68 }),
			Object.freeze({ upToMinutes: 15, weight: 0.22 })
		])
	}) as StepDecay
});

export const E2SFCA_METHOD = 'E2SFCA';

/**
 * Default parameters for another catchment size: the same three weights over thirds of the catchment
 * (for 15 minutes exactly DEFAULT_E2SFCA_PARAMS).
 */
export function e2sfcaParamsFor(catchmentMinutes: number): E2sfcaParams {
	const third = catchmentMinutes / 3;
	return {
		catchmentMinutes,
		decay: {
			kind: 'step',
			bands: [
				{ upToMinutes: third, weight: 1 },
				{ upToMinutes: 2 * third, weight: 0.68 },
				{ upToMinutes: catchmentMinutes, weight: 0.22 }
			]
		}
	};
}

/** The method and its parameters in one line (English; the UI builds its own from the same fields). */
export function describeE2sfca(params: E2sfcaParams): string {
	const decay =
		params.decay.kind === 'gaussian'
			? 'Gaussian decay (Dai 2010)'
			: `step weights ${params.decay.bands.map((band, index, bands) => `${index === 0 ? 0 : bands[index - 1].upToMinutes}–${band.upToMinutes} min: ${band.weight}`).join(', ')}`;
	return `${E2SFCA_METHOD} (enhanced two-step floating catchment area, Luo & Qi 2009), catchment ${params.catchmentMinutes} min, ${decay}`;
}

const GAUSSIAN_EDGE = Math.exp(-0.5);

// Exported for the tests only, which check the decay curves against hand-computed weights.
/** Weight of a cell t minutes from a facility; 0 beyond the catchment or when t is not a number. */
export function decayWeight(minutes: number, params: E2sfcaParams): number {
	if (!(minutes >= 0) || minutes > params.catchmentMinutes) return 0;
	if (params.decay.kind === 'gaussian') {
		const ratio = minutes / params.catchmentMinutes;
		return (Math.exp(-0.5 * ratio * ratio) - GAUSSIAN_EDGE) / (1 - GAUSSIAN_EDGE);
	}
	for (const band of params.decay.bands) if (minutes <= band.upToMinutes) return band.weight;
	return 0;
}

/** Rejects parameters that would give meaningless ratios; returns a message naming the bad one. */
export function validateE2sfcaParams(params: E2sfcaParams): string | null {
	if (!(params.catchmentMinutes > 0) || !Number.isFinite(params.catchmentMinutes)) return `catchment must be a positive number of minutes (got ${params.catchmentMinutes})`;
	if (params.decay.kind === 'step') {
		let previous = 0;
		for (const band of params.decay.bands) {
			if (!(band.upToMinutes > previous)) return `step bands must have increasing upper limits (got ${band.upToMinutes} after ${previous})`;
			if (!(band.weight >= 0 && band.weight <= 1)) return `step weights must lie in [0, 1] (got ${band.weight})`;
			previous = band.upToMinutes;
		}
		if (params.decay.bands.length === 0) return 'step decay needs at least one band';
	}
	return null;
}

/** Growable row storage for the sparse matrix. */
class MatrixBuilder {
	private cells: number[] = [];
	private minutes: number[] = [];
	private readonly offsets: number[] = [0];
	private readonly facility: number[] = [];

	addRow(facility: number, cells: number[], minutes: number[]): void {
		this.facility.push(facility);
		for (let i = 0; i < cells.length; i++) {
			this.cells.push(cells[i]);
			this.minutes.push(minutes[i]);
		}
		this.offsets.push(this.cells.length);
	}

	finish(cellCount: number, maxMinutes: number): TravelMatrix {
		return {
			facility: Int32Array.from(this.facility),
			offsets: Int32Array.from(this.offsets),
			cells: Int32Array.from(this.cells),
			minutes: Float64Array.from(this.minutes),
			cellCount,
			maxMinutes
		};
	}
}

/**
 * Network travel times from each listed facility to every cell within `maxMinutes`, each cell scored
 * by the access model (access-model.ts), the rule coverage uses, on one bounded search per facility;
 * reuses a network coverage run's prepared network and facility snaps. Facilities that did not snap
 * get an empty row.
 */
export function networkTravelMatrix(result: Pick<CoverageResult, 'network' | 'params'>, facilities: readonly number[], maxMinutes: number): TravelMatrix {
	const state = result.network;
	if (state === null) throw new Error('networkTravelMatrix needs a network coverage result (use straightLineTravelMatrix without a network)');
	const { graph, cellSnap } = state.prepared;
	const { facilitySnap } = state;
	const access = new AccessModel(state.prepared, result.params, maxMinutes * metresPerMinute(result.params));
	const byEdge = groupCellsByKey(cellSnap.edge, graph.edgeCount);
	const workspace = new CatchmentWorkspace(graph.nodeCount);
	const edgeSeen = new Int32Array(graph.edgeCount).fill(-1);
	const builder = new MatrixBuilder();
	facilities.forEach((facility, row) => {
		const rowCells: number[] = [];
		const rowMinutes: number[] = [];
		const ownEdge = facilitySnap.edge[facility];
		if (ownEdge >= 0) {
			const catchment = singleSourceCatchment(graph, seedsForFacility(graph, facilitySnap, facility, access.connectorWeight), access.maxDistance, workspace);
			// The cells on the facility's edge and on every edge at a node the search reached, each once.
			const reached: number[] = [];
			const collect = (edge: number) => {
				if (edgeSeen[edge] === row) return;
				edgeSeen[edge] = row;
				for (let k = byEdge.offsets[edge]; k < byEdge.offsets[edge + 1]; k++) reached.push(byEdge.items[k]);
			};
			collect(ownEdge);
			for (const node of catchment.nodes) for (let arc = graph.offsets[node]; arc < graph.offsets[node + 1]; arc++) collect(graph.arcEdge[arc]);
			reached.sort((a, b) => a - b);
			for (const cell of reached) {
				const sameEdge = cellSnap.edge[cell] === ownEdge ? access.sameEdgeCost(cell, facilitySnap, facility) : Infinity;
				const cost = access.cellCost(cell, workspace.distance, sameEdge);
				if (cost <= access.maxDistance) {
					rowCells.push(cell);
					rowMinutes.push(access.minutes(cost));
				}
			}
		}
		builder.addRow(facility, rowCells, rowMinutes);
	});
	return builder.finish(cellSnap.edge.length, maxMinutes);
}

/** Without a network: straight-line distance × detour factor ÷ speed (an approximation, like the coverage fallback). */
export function straightLineTravelMatrix(
	facilities: readonly Facility[],
	rows: readonly number[],
	cells: { lon: Float64Array; lat: Float64Array },
	params: Pick<CoverageParams, 'mode' | 'speedKmh' | 'detourFactor'>,
	maxMinutes: number
): TravelMatrix {
	const speed = metresPerMinute(params);
	const builder = new MatrixBuilder();
	for (const facility of rows) {
		const rowCells: number[] = [];
		const rowMinutes: number[] = [];
		const { lon, lat } = facilities[facility];
		for (let cell = 0; cell < cells.lon.length; cell++) {
			const minutes = (haversineMetres(lon, lat, cells.lon[cell], cells.lat[cell]) * params.detourFactor) / speed;
			if (minutes <= maxMinutes) {
				rowCells.push(cell);
				rowMinutes.push(minutes);
			}
		}
		builder.addRow(facility, rowCells, rowMinutes);
	}
	return builder.finish(cells.lon.length, maxMinutes);
}

export interface E2sfcaInput {
	matrix: TravelMatrix;
	/** Supply per matrix row (beds, or m²); null = unknown. */
	supply: ArrayLike<number | null>;
	/** Residents per cell. */
	population: ArrayLike<number>;
	params: E2sfcaParams;
}

export interface E2sfcaResult {
	method: typeof E2SFCA_METHOD;
	params: E2sfcaParams;
	/** Per cell: accessible supply per 1,000 residents (0 when no supplied facility is within the catchment). */
	accessPerThousand: Float64Array;
	/** Per cell: 1 when a facility of unknown supply is within its catchment (the figure is then a lower bound). */
	incomplete: Uint8Array;
	/** Per matrix row: Σ P_k · W(t_kj), the distance-weighted residents it serves. */
	weightedDemand: Float64Array;
	/** Per matrix row: supply per 1,000 weighted residents (R_j × 1,000); NaN when supply is unknown or demand is 0. */
	supplyPerThousand: Float64Array;
	/** Rows whose supply is unknown. */
	unknownSupplyRows: number;
}

export function computeE2sfca(input: E2sfcaInput): E2sfcaResult {
	const { matrix, supply, population, params } = input;
	const problem = validateE2sfcaParams(params);
	if (problem) throw new RangeError(problem);
	if (supply.length !== matrix.facility.length) throw new RangeError(`supply has ${supply.length} entries for ${matrix.facility.length} matrix rows`);
	if (population.length !== matrix.cellCount) throw new RangeError(`population has ${population.length} cells, the matrix ${matrix.cellCount}`);
	const rowCount = matrix.facility.length;
	const weightedDemand = new Float64Array(rowCount);
	const supplyPerThousand = new Float64Array(rowCount).fill(Number.NaN);
	const accessPerThousand = new Float64Array(matrix.cellCount);
	const incomplete = new Uint8Array(matrix.cellCount);
	let unknownSupplyRows = 0;
	for (let row = 0; row < rowCount; row++) {
		for (let k = matrix.offsets[row]; k < matrix.offsets[row + 1]; k++) weightedDemand[row] += population[matrix.cells[k]] * decayWeight(matrix.minutes[k], params);
		const rowSupply = supply[row];
		if (rowSupply === null || !Number.isFinite(rowSupply)) unknownSupplyRows++;
		else if (weightedDemand[row] > 0) supplyPerThousand[row] = (rowSupply / weightedDemand[row]) * 1000;
	}
	for (let row = 0; row < rowCount; row++) {
		const known = supply[row] !== null && Number.isFinite(supply[row]);
		for (let k = matrix.offsets[row]; k < matrix.offsets[row + 1]; k++) {
			const weight = decayWeight(matrix.minutes[k], params);
			if (weight <= 0) continue;
			const cell = matrix.cells[k];
			if (!known) incomplete[cell] = 1;
			else if (weightedDemand[row] > 0) accessPerThousand[cell] += supplyPerThousand[row] * weight;
		}
	}
	return { method: E2SFCA_METHOD, params, accessPerThousand, incomplete, weightedDemand, supplyPerThousand, unknownSupplyRows };
}

/** Supply of each matrix row from the facilities: building area (m²) or beds; null where unknown. */
export function facilitySupply(facilities: readonly Facility[], matrix: Pick<TravelMatrix, 'facility'>, measure: 'beds' | 'areaM2'): (number | null)[] {
	return Array.from(matrix.facility, (index) => facilities[index][measure]);
}

export interface E2sfcaAreaSummary {
	/** Population-weighted mean access per 1,000 residents per area; NaN without residents. */
	meanPerThousand: Float64Array;
	/** Residents whose figure is a lower bound (a facility of unknown supply is within reach). */
	incompleteResidents: Float64Array;
}

/** Population-weighted means per sub-district (cellArea[i] = index of the area, -1 for none). */
export function summarizeE2sfca(result: Pick<E2sfcaResult, 'accessPerThousand' | 'incomplete'>, population: ArrayLike<number>, cellArea: Int32Array, areaCount: number): E2sfcaAreaSummary {
	const weighted = new Float64Array(areaCount);
	const residents = new Float64Array(areaCount);
	for (let cell = 0; cell < cellArea.length; cell++) {
		const area = cellArea[cell];
		if (area < 0 || area >= areaCount) continue;
		weighted[area] += population[cell] * result.accessPerThousand[cell];
		residents[area] += population[cell];
	}
	const meanPerThousand = weighted.map((sum, area) => (residents[area] > 0 ? sum / residents[area] : Number.NaN));
	return { meanPerThousand, incompleteResidents: residentsByArea(result.incomplete, population, cellArea, areaCount) };
}

/** Residents of the flagged cells per area (cellArea[i] = index of the area, -1 for none). */
export function residentsByArea(flagged: ArrayLike<number>, population: ArrayLike<number>, cellArea: Int32Array, areaCount: number): Float64Array {
	const residents = new Float64Array(areaCount);
	for (let cell = 0; cell < cellArea.length; cell++) {
		const area = cellArea[cell];
		if (area >= 0 && area < areaCount && flagged[cell]) residents[area] += population[cell];
	}
	return residents;
}
