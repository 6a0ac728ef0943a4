/**
 * One access model: every consumer scores a cell by the same rule, bit for bit. On random networks,
 * cells and facilities, the rule is written out here from its definition (src/lib/engine/README.md,
 * "Definitions": connector × weight + the cheaper way along the edge to an end node and on through
 * the node field, or straight along the edge to a facility on it; ÷ speed; covered on the Float32
 * minutes) over the node fields the searches give, and each consumer must agree with it exactly:
 * baseline coverage (minutes, covered, unreachable), an incremental scenario brought to the same
 * list, the E2SFCA travel matrix (its unrounded minutes, per facility) and the siting catchments
 * (the cells each candidate alone covers). A consumer that computed a cell's cost with its own
 * float expressions, in another order, or rounded or bounded it otherwise, would fail here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNREACHABLE } from '$lib/engine/access-model';
import { computeCoverage, prepareNetwork, type CoverageInput, type CoverageResult } from '$lib/engine/coverage';
import { networkTravelMatrix } from '$lib/engine/e2sfca';
import { buildWalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS, MODE_SPEEDS_KMH, type CoverageParams } from '$lib/engine/params';
import { IncrementalCoverage } from '$lib/engine/scenario/incremental';
import { candidateCatchments } from '$lib/engine/siting/catchments';
import { facility, freePoint, randomCells, randomNetwork } from './fixtures';

const world = fc.record({
	lines: randomNetwork,
	cells: randomCells,
	facilities: fc.array(freePoint, { minLength: 1, maxLength: 4 }),
	mode: fc.constantFrom<CoverageParams['mode']>('walk', 'cycle', 'elderly'),
	// A speed override now and then: speeds whose metres per minute are not round numbers.
	speedKmh: fc.option(fc.double({ min: 2, max: 20, noNaN: true }), { nil: null }),
	// Below the 30-minute search limit, where the siting catchments (unbounded costs) and coverage (costs bounded at the limit) must agree.
	thresholdMinutes: fc.double({ min: 0.5, max: 8, noNaN: true }),
	maxSnapM: fc.constantFrom(40, 120, 300)
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function inputOf(spec: World): CoverageInput {
	const graph = buildWalkGraph(spec.lines);
	const cells = { lon: Float64Array.from(spec.cells, (c) => c[0][0]), lat: Float64Array.from(spec.cells, (c) => c[0][1]), pop: Float64Array.from(spec.cells, (c) => c[1]) };
	const params: CoverageParams = { ...DEFAULT_COVERAGE_PARAMS, mode: spec.mode, speedKmh: spec.speedKmh, thresholdMinutes: spec.thresholdMinutes, maxSnapM: spec.maxSnapM };
	const facilities = spec.facilities.map((p, i) => facility(`f${i}`, p, 'station'));
	return { graph, prepared: prepareNetwork(graph, cells, params.maxSnapM), facilities, cells, cellSubdistrict: new Int32Array(cells.lon.length).fill(-1), subdistricts: [], params };
}

/**
 * The rule from its definition, over a result's own node field: per cell the network metres to the
 * nearest of the result's counted facilities (Infinity when none within the search bound).
 */
function costsByDefinition(result: CoverageResult): Float64Array {
	const { prepared, facilitySnap, counted, nodes, access } = result.network!;
	const { graph, cellSnap } = prepared;
	const weight = result.params.mode === 'cycle' ? (result.params.speedKmh ?? MODE_SPEEDS_KMH.cycle) / MODE_SPEEDS_KMH.walk : 1;
	expect(access.connectorWeight).toBe(weight);
	return Float64Array.from(cellSnap.edge, (edge, cell) => {
		if (edge < 0) return Infinity;
		const along = cellSnap.along[cell];
		const ends = Math.min(nodes.distance[graph.edgeFrom[edge]] + along, nodes.distance[graph.edgeTo[edge]] + graph.edgeLength[edge] - along);
		let sameEdge = Infinity;
		for (let f = 0; f < counted.length; f++) {
			if (counted[f] && facilitySnap.edge[f] === edge) sameEdge = Math.min(sameEdge, Math.abs(facilitySnap.along[f] - along) + facilitySnap.connector[f] * weight);
		}
		const cost = Math.min(ends, sameEdge) + cellSnap.connector[cell] * weight;
		return cost > access.maxDistance ? Infinity : cost;
	});
}

function speedOf(params: CoverageParams): number {
	return ((params.speedKmh ?? MODE_SPEEDS_KMH[params.mode]) * 1000) / 60;
}

/** Index of the first element whose bits differ (Object.is: NaN equals NaN, 0 and -0 differ), -1 when none. */
function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
	if (actual.length !== expected.length) return 0;
	for (let i = 0; i < actual.length; i++) if (!Object.is(actual[i], expected[i])) return i;
	return -1;
}

describe('the access model: one cell rule for every consumer', () => {
	it('coverage, incremental scenarios, the E2SFCA matrix and siting catchments score every cell identically', () => {
		fc.assert(
			fc.property(world, (spec) => {
				const input = inputOf(spec);
				const speed = speedOf(input.params);
				const full = computeCoverage(input);
				const cost = costsByDefinition(full);

				// Baseline coverage: minutes are the rule's cost ÷ speed as Float32, NaN when unreachable; covered on them.
				const expectedMinutes = new Float32Array(cost.length);
				const expectedCovered = new Uint8Array(cost.length);
				for (let cell = 0; cell < cost.length; cell++) {
					expectedMinutes[cell] = full.unreachable[cell] === UNREACHABLE.no ? cost[cell] / speed : Number.NaN;
					expectedCovered[cell] = expectedMinutes[cell] <= input.params.thresholdMinutes ? 1 : 0;
				}
				expect(firstDifference(full.minutes, expectedMinutes), 'coverage minutes').toBe(-1);
				expect(firstDifference(full.covered, expectedCovered), 'coverage covered').toBe(-1);

				// An incremental scenario that reaches the same list from one facility fewer.
				const start = computeCoverage({ ...input, facilities: input.facilities.slice(1) });
				const scenario = IncrementalCoverage.fromResult({ ...input, facilities: input.facilities.slice(1) }, start);
				scenario.sync(input.facilities);
				expect(firstDifference(scenario.minutes, full.minutes), 'scenario minutes').toBe(-1);
				expect(firstDifference(scenario.covered, full.covered), 'scenario covered').toBe(-1);
				expect(firstDifference(scenario.unreachable, full.unreachable), 'scenario unreachable').toBe(-1);

				// Each facility alone: its E2SFCA row (unrounded minutes within the bound) and its siting catchment from nothing covered.
				const limit = full.searchLimitMinutes;
				const matrix = networkTravelMatrix(full, input.facilities.map((_, f) => f), limit);
				const catchments = candidateCatchments({
					prepared: input.prepared!,
					params: input.params,
					coveredToday: new Uint8Array(cost.length),
					lon: Float64Array.from(input.facilities, (f) => f.lon),
					lat: Float64Array.from(input.facilities, (f) => f.lat)
				});
				input.facilities.forEach((alone, f) => {
					const own = costsByDefinition(computeCoverage({ ...input, facilities: [alone] }));
					const rowCells: number[] = [];
					const rowMinutes: number[] = [];
					const covers: number[] = [];
					own.forEach((c, cell) => {
						if (c <= limit * speed) {
							rowCells.push(cell);
							rowMinutes.push(c / speed);
						}
						if (Math.fround(c / speed) <= input.params.thresholdMinutes) covers.push(cell);
					});
					const row = { from: matrix.offsets[f], to: matrix.offsets[f + 1] };
					expect(Array.from(matrix.cells.subarray(row.from, row.to)), `matrix cells of f${f}`).toEqual(rowCells);
					expect(firstDifference(matrix.minutes.subarray(row.from, row.to), rowMinutes), `matrix minutes of f${f}`).toBe(-1);
					expect(Array.from(catchments.cells.subarray(catchments.offsets[f], catchments.offsets[f + 1])), `catchment of f${f}`).toEqual(covers);
				});
			}),
			{ numRuns: 300 }
		);
	});
});
