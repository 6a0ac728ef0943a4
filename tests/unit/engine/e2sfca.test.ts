import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '$lib/engine/coverage';
import {
	computeE2sfca,
	decayWeight,
	DEFAULT_E2SFCA_PARAMS,
	describeE2sfca,
	networkTravelMatrix,
	straightLineTravelMatrix,
	summarizeE2sfca,
	type E2sfcaParams,
	type TravelMatrix
} from '$lib/engine/e2sfca';
import { buildWalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS, MODE_SPEEDS_KMH, type CoverageParams } from '$lib/engine/params';
import type { Facility, PopulationCells } from '$lib/engine/types';
import { freePoint, randomFacilities, randomNetwork } from './fixtures';
import { referenceCoverage, referenceHaversine } from './reference';

/** A dense minutes table (rows = facilities, Infinity = out of reach) as the sparse matrix the engine takes. */
function sparse(dense: number[][], cellCount: number, maxMinutes = 15): TravelMatrix {
	const cells: number[] = [];
	const minutes: number[] = [];
	const offsets = [0];
	for (const row of dense) {
		row.forEach((value, cell) => {
			if (value <= maxMinutes) {
				cells.push(cell);
				minutes.push(value);
			}
		});
		offsets.push(cells.length);
	}
	return {
		facility: Int32Array.from(dense, (_, index) => index),
		offsets: Int32Array.from(offsets),
		cells: Int32Array.from(cells),
		minutes: Float64Array.from(minutes),
		cellCount,
		maxMinutes
	};
}

/** Written out separately from the engine: the 0–5 / 5–10 / 10–15 step weights. */
function referenceStepWeight(minutes: number): number {
	if (minutes <= 5) return 1;
	if (minutes <= 10) return 0.68;
	if (minutes <= 15) return 0.22;
	return 0;
}

/** Brute force over the dense table: the two E2SFCA steps exactly as in Luo & Qi (2009). */
function bruteForce(dense: number[][], supply: (number | null)[], population: number[]) {
	const ratio = dense.map((row, j) => {
		const demand = row.reduce((sum, minutes, k) => sum + population[k] * referenceStepWeight(minutes), 0);
		const s = supply[j];
		return s === null || demand === 0 ? 0 : s / demand;
	});
	const access = population.map((_, i) => dense.reduce((sum, row, j) => sum + ratio[j] * referenceStepWeight(row[i]), 0) * 1000);
	const incomplete = population.map((_, i) => dense.some((row, j) => supply[j] === null && referenceStepWeight(row[i]) > 0));
	return { access, incomplete };
}

describe('E2SFCA on a hand-made case', () => {
	it('gives the values worked out by hand', () => {
		// Facility A (100 beds) reaches cell 0 in 3 min and cell 1 in 8 min; facility B (50 beds) reaches
		// cell 1 in 12 min and cell 2 in 4 min; cell 2 is 20 min from A (outside the catchment).
		const dense = [
			[3, 8, 20],
			[Infinity, 12, 4]
		];
		const population = [1000, 2000, 500];
		const result = computeE2sfca({ matrix: sparse(dense, 3, 30), supply: [100, 50], population, params: DEFAULT_E2SFCA_PARAMS });
		// Step 1: demand A = 1000·1 + 2000·0.68 = 2360; demand B = 2000·0.22 + 500·1 = 940.
		expect(result.weightedDemand[0]).toBeCloseTo(2360, 9);
		expect(result.weightedDemand[1]).toBeCloseTo(940, 9);
		// R_A = 100/2360, R_B = 50/940 (per 1,000: 42.3729 and 53.1915).
		expect(result.supplyPerThousand[0]).toBeCloseTo(100_000 / 2360, 9);
		// Step 2: cell 0 = 1000·R_A = 42.3729; cell 1 = 1000·(0.68 R_A + 0.22 R_B) = 28.8136 + 11.7021 = 40.5157;
		// cell 2 = 1000·R_B = 53.1915.
		expect(result.accessPerThousand[0]).toBeCloseTo(42.372881, 5);
		expect(result.accessPerThousand[1]).toBeCloseTo(40.515684, 5);
		expect(result.accessPerThousand[2]).toBeCloseTo(53.191489, 5);
		// Everyone's weighted share adds back up to the total supply: 1000·42.37 + 2000·40.52 + 500·53.19 = 150 000 (×1,000).
		const total = population.reduce((sum, p, i) => sum + p * result.accessPerThousand[i], 0);
		expect(total).toBeCloseTo(150 * 1000, 6);
		expect([...result.incomplete]).toEqual([0, 0, 0]);
	});

	it('treats unknown supply as unknown: the facility supplies nothing and its cells are flagged', () => {
		const dense = [
			[3, 8, 20],
			[Infinity, 12, 4]
		];
		const result = computeE2sfca({ matrix: sparse(dense, 3, 30), supply: [100, null], population: [1000, 2000, 500], params: DEFAULT_E2SFCA_PARAMS });
		expect(result.unknownSupplyRows).toBe(1);
		expect(result.supplyPerThousand[1]).toBeNaN();
		expect([...result.incomplete]).toEqual([0, 1, 1]);
		expect(result.accessPerThousand[2]).toBe(0);
		expect(result.accessPerThousand[1]).toBeCloseTo((0.68 * 100_000) / 2360, 9);
	});

	it('weights with the documented steps and the Gaussian of Dai (2010)', () => {
		expect([0, 5, 5.0001, 10, 10.5, 15, 15.01, Number.NaN].map((m) => decayWeight(m, DEFAULT_E2SFCA_PARAMS))).toEqual([1, 1, 0.68, 0.68, 0.22, 0.22, 0, 0]);
		const gaussian: E2sfcaParams = { catchmentMinutes: 15, decay: { kind: 'gaussian' } };
		expect(decayWeight(0, gaussian)).toBeCloseTo(1, 12);
		expect(decayWeight(15, gaussian)).toBeCloseTo(0, 12);
		expect(decayWeight(7.5, gaussian)).toBeCloseTo((Math.exp(-0.125) - Math.exp(-0.5)) / (1 - Math.exp(-0.5)), 12);
		expect(describeE2sfca(DEFAULT_E2SFCA_PARAMS)).toContain('0–5 min: 1, 5–10 min: 0.68, 10–15 min: 0.22');
	});

	it('refuses parameters it cannot honour', () => {
		const matrix = sparse([[1]], 1);
		expect(() => computeE2sfca({ matrix, supply: [1], population: [1], params: { catchmentMinutes: 0, decay: { kind: 'gaussian' } } })).toThrow(/catchment/);
		expect(() => computeE2sfca({ matrix, supply: [1], population: [1], params: { catchmentMinutes: 15, decay: { kind: 'step', bands: [{ upToMinutes: 10, weight: 1 }, { upToMinutes: 5, weight: 0.5 }] } } })).toThrow(/increasing/);
		expect(() => computeE2sfca({ matrix, supply: [1, 2], population: [1], params: DEFAULT_E2SFCA_PARAMS })).toThrow(/supply/);
	});
});

describe('E2SFCA against brute force', () => {
	const minutes = fc.oneof(fc.double({ min: 0, max: 25, noNaN: true }), fc.constant(Infinity), fc.constantFrom(5, 10, 15));
	const problem = fc.integer({ min: 1, max: 6 }).chain((cellCount) =>
		fc.record({
			dense: fc.array(fc.array(minutes, { minLength: cellCount, maxLength: cellCount }), { minLength: 1, maxLength: 5 }),
			population: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: cellCount, maxLength: cellCount })
		})
	).chain(({ dense, population }) =>
		fc.record({
			dense: fc.constant(dense),
			population: fc.constant(population),
			supply: fc.array(fc.option(fc.integer({ min: 0, max: 300 }), { nil: null, freq: 4 }), { minLength: dense.length, maxLength: dense.length })
		})
	);

	it('matches the dense two-step computation for random tables', () => {
		fc.assert(
			fc.property(problem, ({ dense, population, supply }) => {
				const result = computeE2sfca({ matrix: sparse(dense, population.length, 30), supply, population, params: DEFAULT_E2SFCA_PARAMS });
				const expected = bruteForce(dense, supply, population);
				expected.access.forEach((value, cell) => expect(result.accessPerThousand[cell]).toBeCloseTo(value, 6));
				expect([...result.incomplete].map(Boolean)).toEqual(expected.incomplete);
				// Population-weighted access adds up to the supply of every facility that serves anyone.
				const served = supply.reduce<number>((sum, s, j) => sum + (s !== null && result.weightedDemand[j] > 0 ? s : 0), 0);
				const total = population.reduce((sum, p, i) => sum + p * result.accessPerThousand[i], 0) / 1000;
				expect(total).toBeCloseTo(served, 6);
			}),
			{ numRuns: 300 }
		);
	});

	it('summarises per area as population-weighted means', () => {
		const result = { accessPerThousand: Float64Array.from([10, 20, 40, 7]), incomplete: Uint8Array.from([0, 1, 0, 1]) };
		const summary = summarizeE2sfca(result, [100, 300, 0, 50], Int32Array.from([0, 0, 1, -1]), 3);
		expect(summary.meanPerThousand[0]).toBeCloseTo((100 * 10 + 300 * 20) / 400, 12);
		expect(summary.meanPerThousand[1]).toBeNaN(); // no residents
		expect(summary.meanPerThousand[2]).toBeNaN();
		expect([...summary.incompleteResidents]).toEqual([300, 0, 0]);
	});
});

describe('travel matrices', () => {
	const TOLERANCE = 1e-4;

	it('network: every facility → cell time within the limit, as an independent per-facility Dijkstra finds it', () => {
		const scenario = fc.record({
			lines: randomNetwork,
			facilities: randomFacilities,
			cells: fc.array(freePoint, { minLength: 1, maxLength: 10 }),
			mode: fc.constantFrom<CoverageParams['mode']>('walk', 'cycle'),
			maxMinutes: fc.double({ min: 0.5, max: 6, noNaN: true }),
			maxSnapM: fc.double({ min: 50, max: 300, noNaN: true })
		});
		let entriesChecked = 0;
		fc.assert(
			fc.property(scenario, ({ lines, facilities, cells: points, mode, maxMinutes, maxSnapM }) => {
				const cells: PopulationCells = { lon: Float64Array.from(points, (p) => p[0]), lat: Float64Array.from(points, (p) => p[1]), pop: new Float64Array(points.length).fill(1) };
				const params: CoverageParams = { ...DEFAULT_COVERAGE_PARAMS, mode, maxSnapM, facilityTypes: ['centre', 'branch', 'station', 'hospital'] };
				const result = computeCoverage({ graph: buildWalkGraph(lines), facilities, cells, cellSubdistrict: new Int32Array(points.length).fill(-1), subdistricts: [], params });
				const reference = referenceCoverage({
					lines,
					facilities,
					cells: points.map(([lon, lat]) => ({ lon, lat })),
					maxSnapM,
					connectorWeight: mode === 'cycle' ? MODE_SPEEDS_KMH.cycle / MODE_SPEEDS_KMH.walk : 1,
					metresPerMinute: (MODE_SPEEDS_KMH[mode] * 1000) / 60
				});
				if (reference.ambiguous || reference.snapDistances.some((d) => Math.abs(d - maxSnapM) < 1e-6)) return;
				const rows = facilities.map((_, index) => index).reverse();
				const matrix = networkTravelMatrix(result, rows, maxMinutes);
				expect([...matrix.facility]).toEqual(rows);
				rows.forEach((facility, row) => {
					const found = new Map<number, number>();
					for (let k = matrix.offsets[row]; k < matrix.offsets[row + 1]; k++) found.set(matrix.cells[k], matrix.minutes[k]);
					points.forEach((_, cell) => {
						const expected = reference.minutesByFacility[cell][facility];
						if (Math.abs(expected - maxMinutes) < TOLERANCE) return; // at the limit: either side by rounding
						if (expected <= maxMinutes) {
							expect(Math.abs((found.get(cell) ?? Infinity) - expected)).toBeLessThan(TOLERANCE * Math.max(1, expected));
							entriesChecked++;
						} else expect(found.has(cell)).toBe(false);
					});
				});
			}),
			{ numRuns: 300 }
		);
		// The random cases must exercise reachable pairs, not only empty matrices.
		expect(entriesChecked).toBeGreaterThan(300);
	});

	it('straight line: haversine × detour ÷ speed, within the limit only', () => {
		const facility: Facility = { id: 'a', name: 'a', type: 'centre', subdistrict: '', lon: 121.45, lat: 31.23, areaM2: 6000, beds: 100, status: 'existing', parentId: null };
		const cells = { lon: Float64Array.from([121.45, 121.455, 121.5]), lat: Float64Array.from([31.231, 31.23, 31.23]) };
		const matrix = straightLineTravelMatrix([facility], [0], cells, { mode: 'walk', speedKmh: null, detourFactor: 1.3 }, 15);
		const speed = (4.5 * 1000) / 60;
		const expected = [0, 1, 2].map((cell) => (referenceHaversine([121.45, 31.23], [cells.lon[cell], cells.lat[cell]]) * 1.3) / speed);
		expect(expected[2]).toBeGreaterThan(15);
		expect([...matrix.cells]).toEqual([0, 1]);
		expect(matrix.minutes[0]).toBeCloseTo(expected[0], 6);
		expect(matrix.minutes[1]).toBeCloseTo(expected[1], 6);
	});
});
