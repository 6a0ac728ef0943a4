import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_BANDS, UNREACHABLE, computeCoverage, prepareNetwork, type CoverageParams } from '$lib/engine/coverage';
import { buildWalkGraph } from '$lib/engine/graph';
import { describeGraph } from '$lib/engine/graph-report';
import { DEFAULT_COVERAGE_PARAMS, MODE_SPEEDS_KMH, connectorWeight, metresPerMinute } from '$lib/engine/params';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import type { Facility, NetworkLine, PopulationCells, Position, Subdistrict } from '$lib/engine/types';
import { LATTICE_STEP, ORIGIN, facility, freePoint, gridLines, line, offset, randomCells, randomFacilities, randomNetwork } from './fixtures';
import { referenceCoverage, referenceHaversine } from './reference';

function cellsOf(points: Position[], pop: number[] = points.map(() => 100)): PopulationCells {
	return { lon: Float64Array.from(points, (p) => p[0]), lat: Float64Array.from(points, (p) => p[1]), pop: Float64Array.from(pop) };
}

function rectangle(code: string, west: number, south: number, east: number, north: number): Subdistrict {
	const ring: Position[] = [
		[west, south],
		[east, south],
		[east, north],
		[west, north],
		[west, south]
	];
	return { code, name: code, nameEn: code, population: null, polygons: [[ring]] };
}

/** Two sub-districts splitting the random-test square; cells east of both are outside. */
const HALVES = [
	rectangle('W', ORIGIN[0] - 10 * LATTICE_STEP, ORIGIN[1] - 10 * LATTICE_STEP, ORIGIN[0] + 30 * LATTICE_STEP, ORIGIN[1] + 70 * LATTICE_STEP),
	rectangle('E', ORIGIN[0] + 30 * LATTICE_STEP, ORIGIN[1] - 10 * LATTICE_STEP, ORIGIN[0] + 60 * LATTICE_STEP, ORIGIN[1] + 70 * LATTICE_STEP)
];

function run(lines: NetworkLine[] | null, facilities: Facility[], cells: PopulationCells, params: Partial<CoverageParams> = {}, subdistricts: Subdistrict[] = []) {
	return computeCoverage({
		graph: lines ? buildWalkGraph(lines) : null,
		facilities,
		cells,
		cellSubdistrict: assignPointsToPolygons(cells.lon, cells.lat, subdistricts),
		subdistricts,
		params: { ...DEFAULT_COVERAGE_PARAMS, ...params }
	});
}

const TOLERANCE_MINUTES = 1e-4;

describe('computeCoverage against an independent reference', () => {
	const scenario = fc.record({
		lines: randomNetwork,
		facilities: randomFacilities,
		cells: randomCells,
		mode: fc.constantFrom<CoverageParams['mode']>('walk', 'elderly', 'cycle'),
		thresholdMinutes: fc.double({ min: 0, max: 8, noNaN: true }),
		maxSnapM: fc.double({ min: 50, max: 400, noNaN: true }),
		searchLimitMinutes: fc.constantFrom(Infinity, 0)
	});

	it('matches per-facility Dijkstra on a graph with every vertex and snapped point as a node', () => {
		fc.assert(
			fc.property(scenario, ({ lines, facilities, cells: cellList, mode, thresholdMinutes, maxSnapM, searchLimitMinutes }) => {
				const cells = cellsOf(
					cellList.map(([p]) => p),
					cellList.map(([, pop]) => pop)
				);
				const params = { mode, thresholdMinutes, maxSnapM, searchLimitMinutes };
				const result = run(lines, facilities, cells, params, HALVES);
				const counted = facilities.filter((f) => DEFAULT_COVERAGE_PARAMS.facilityTypes.includes(f.type));
				const reference = referenceCoverage({
					lines,
					facilities: counted,
					cells: cellList.map(([[lon, lat]]) => ({ lon, lat })),
					maxSnapM,
					connectorWeight: mode === 'cycle' ? MODE_SPEEDS_KMH.cycle / MODE_SPEEDS_KMH.walk : 1,
					metresPerMinute: (MODE_SPEEDS_KMH[mode] * 1000) / 60
				});
				// A point at the snap limit itself may fall either side by rounding: not a meaningful case.
				if (reference.ambiguous || reference.snapDistances.some((d) => Math.abs(d - maxSnapM) < 1e-6)) return;
				// With limit 0 the engine still searches to the last band's start (30 minutes).
				const limit = searchLimitMinutes === Infinity ? Infinity : 30;
				expect(result.searchLimitMinutes).toBe(Math.max(limit, thresholdMinutes));
				expect(result.approximate).toBe(false);
				let expectedCovered = 0;
				let expectedUnreachable = 0;
				let ambiguous = false;
				reference.minutes.forEach((expected, cell) => {
					const minutes = result.minutes[cell];
					if (Number.isNaN(expected)) {
						expect(minutes).toBeNaN();
						expect(result.unreachable[cell]).not.toBe(UNREACHABLE.no);
						expect(result.facilityIndex[cell]).toBe(-1);
						expectedUnreachable += cells.pop[cell];
						return;
					}
					expect(result.unreachable[cell]).toBe(UNREACHABLE.no);
					if (Math.abs(expected - limit) < TOLERANCE_MINUTES || Math.abs(expected - thresholdMinutes) < TOLERANCE_MINUTES) {
						ambiguous = true;
						return;
					}
					if (expected > limit) expect(minutes).toBe(Infinity);
					else {
						expect(Math.abs(minutes - expected)).toBeLessThan(TOLERANCE_MINUTES * Math.max(1, expected));
						// The named facility is one at the minimum time.
						const chosen = counted.indexOf(facilities[result.facilityIndex[cell]]);
						expect(Math.abs(reference.minutesByFacility[cell][chosen] - expected)).toBeLessThan(TOLERANCE_MINUTES * Math.max(1, expected));
					}
					expect(result.covered[cell]).toBe(expected <= thresholdMinutes ? 1 : 0);
					if (expected <= thresholdMinutes) expectedCovered += cells.pop[cell];
				});
				const totalPop = cells.pop.reduce((sum, p) => sum + p, 0);
				expect(result.total.residents).toBe(totalPop);
				expect(result.total.unreachableResidents).toBe(expectedUnreachable);
				if (!ambiguous) expect(result.total.coveredResidents).toBe(expectedCovered);
				// Sub-districts, plus the cells outside both, add up to the total.
				const sum = (key: 'residents' | 'coveredResidents' | 'unreachableResidents') => result.bySubdistrict.reduce((s, a) => s + a[key], 0) + result.outside[key];
				expect(sum('residents')).toBe(result.total.residents);
				expect(sum('coveredResidents')).toBe(result.total.coveredResidents);
				expect(sum('unreachableResidents')).toBe(result.total.unreachableResidents);
				expect(result.total.bandResidents.reduce((s, r) => s + r, 0) + result.total.unreachableResidents).toBe(totalPop);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('computeCoverage on hand-made cases', () => {
	it('a river with one bridge: straight line says covered, the network says not', () => {
		// Two banks 300 m apart, streets along each bank, one bridge 800 m east.
		const lines = [
			line(offset(-200, 0), offset(0, 0), offset(800, 0)),
			line(offset(-200, 300), offset(0, 300), offset(800, 300)),
			line(offset(800, 0), offset(800, 300))
		];
		const clinic = facility('north', offset(0, 310));
		const cells = cellsOf([offset(0, -10)]);
		const byNetwork = run(lines, [clinic], cells);
		// 10 m connector + 800 along + 300 bridge + 800 back + 10 m connector = 1920 m at 75 m/min.
		expect(byNetwork.minutes[0]).toBeCloseTo(1920 / 75, 1);
		expect(byNetwork.covered[0]).toBe(0);
		const byStraightLine = run(null, [clinic], cells);
		expect(byStraightLine.approximate).toBe(true);
		expect(byStraightLine.minutes[0]).toBeCloseTo((320 * 1.3) / 75, 1);
		expect(byStraightLine.covered[0]).toBe(1);
	});

	it('a cell exactly at the threshold is covered; a hair beyond it is not', () => {
		const street = [line(offset(0, 0), offset(2000, 0))];
		const clinic = facility('c', offset(0, 0));
		const cells = cellsOf([offset(1125, 0), offset(1125.5, 0)]);
		// Independent figure: 1,125 m of street at 75 m/min = 15 minutes.
		const exact = referenceHaversine(offset(0, 0) as [number, number], offset(1125, 0) as [number, number]) / 75;
		expect(exact).toBeCloseTo(15, 3);
		const first = run(street, [clinic], cells, { thresholdMinutes: 15 });
		expect(Math.abs(first.minutes[0] - exact)).toBeLessThan(1e-5);
		const atThreshold = run(street, [clinic], cells, { thresholdMinutes: first.minutes[0] });
		expect([...atThreshold.covered]).toEqual([1, 0]);
		expect(atThreshold.total.coveredResidents).toBe(100);
		const justBelow = run(street, [clinic], cells, { thresholdMinutes: first.minutes[0] - 1e-4 });
		expect([...justBelow.covered]).toEqual([0, 0]);
	});

	it('a facility in a disconnected component serves only its own component', () => {
		const lines = [line(offset(0, 0), offset(500, 0)), line(offset(0, 1000), offset(500, 1000))];
		const clinic = facility('island', offset(250, 1000));
		const cells = cellsOf([offset(250, 0), offset(100, 1000), offset(100, 5)], [40, 7, 3]);
		const result = run(lines, [clinic], cells);
		expect([...result.unreachable]).toEqual([UNREACHABLE.noFacility, UNREACHABLE.no, UNREACHABLE.noFacility]);
		expect(result.minutes[0]).toBeNaN();
		expect(result.minutes[1]).toBeCloseTo(150 / 75, 3);
		expect(result.total).toMatchObject({ residents: 50, coveredResidents: 7, unreachableResidents: 43 });
		const network = result.network!;
		const report = describeGraph(network.prepared.graph, {
			cellSnap: network.prepared.cellSnap,
			cellPopulation: cells.pop,
			facilitySnap: network.facilitySnap,
			facilityIncluded: network.counted
		});
		expect(report.components).toBe(2);
		expect(report.populationInComponentsWithoutFacility).toBe(43);
		expect(report.populationBeyondSnap).toBe(0);
	});

	it('a cell beyond the maximum snap distance is unreachable, counted as a resident, never covered', () => {
		const lines = [line(offset(0, 0), offset(500, 0))];
		const cells = cellsOf([offset(100, 250), offset(100, 350)], [10, 20]);
		const result = run(lines, [facility('c', offset(100, 0))], cells, { maxSnapM: 300 });
		expect([...result.unreachable]).toEqual([UNREACHABLE.no, UNREACHABLE.beyondSnap]);
		expect(result.minutes[1]).toBeNaN();
		expect(result.covered[1]).toBe(0);
		expect(result.total).toMatchObject({ residents: 30, coveredResidents: 10, unreachableResidents: 20 });
		expect(result.total.coveragePct).toBeCloseTo((10 / 30) * 100, 9);
		const wider = run(lines, [facility('c', offset(100, 0))], cells, { maxSnapM: 400 });
		expect(wider.unreachable[1]).toBe(UNREACHABLE.no);
		// A facility beyond the snap distance reaches nobody and is reported.
		const farClinic = run(lines, [facility('far', offset(100, 900))], cells);
		expect(farClinic.unsnappedFacilities).toEqual([0]);
		expect([...farClinic.unreachable]).toEqual([UNREACHABLE.noFacility, UNREACHABLE.beyondSnap]);
	});

	it('walks straight along the edge to a facility on the same edge, and walks connectors when cycling', () => {
		const lines = [line(offset(0, 0), offset(3000, 0))];
		const clinic = facility('c', offset(1500, 20));
		const cells = cellsOf([offset(1300, -100), offset(2900, 0)]);
		const walk = run(lines, [clinic], cells);
		expect(walk.minutes[0]).toBeCloseTo((20 + 200 + 100) / 75, 2);
		expect(walk.minutes[1]).toBeCloseTo((20 + 1400) / 75, 2);
		const cycle = run(lines, [clinic], cells, { mode: 'cycle' });
		expect(cycle.minutes[0]).toBeCloseTo(200 / 200 + (20 + 100) / 75, 2);
		const elderly = run(lines, [clinic], cells, { mode: 'elderly' });
		expect(elderly.minutes[0]).toBeCloseTo(320 / 60, 2);
		expect(metresPerMinute({ mode: 'cycle', speedKmh: null })).toBe(200);
		expect(connectorWeight({ mode: 'cycle', speedKmh: null })).toBeCloseTo(12 / 4.5, 12);
	});

	it('counts only the chosen facility types', () => {
		const lines = [line(offset(0, 0), offset(1500, 0))];
		const facilities = [facility('h', offset(0, 0), 'hospital'), facility('s', offset(1500, 0), 'station')];
		const cells = cellsOf([offset(100, 0)]);
		expect(run(lines, facilities, cells).facilityIndex[0]).toBe(1);
		expect(run(lines, facilities, cells, { facilityTypes: ['hospital'] }).facilityIndex[0]).toBe(0);
		const none = run(lines, facilities, cells, { facilityTypes: ['centre'] });
		expect(none.unreachable[0]).toBe(UNREACHABLE.noFacility);
		const noneStraight = run(null, facilities, cells, { facilityTypes: ['centre'] });
		expect(noneStraight.minutes[0]).toBeNaN();
	});

	it('puts residents in closed-above time bands and stops the search past the limit', () => {
		// Cells at 0, 5, 7, 15, 25, 45 minutes of walking from a facility at the street's start.
		const lines = [line(offset(0, 0), offset(4000, 0))];
		const cells = cellsOf(
			[0, 5, 7, 15, 25, 45].map((m) => offset(m * 75, 0)),
			[1, 2, 4, 8, 16, 32]
		);
		const result = run(lines, [facility('c', offset(0, 0))], cells, { thresholdMinutes: 15.001 });
		expect(TIME_BANDS.map((b) => b.label)).toEqual(['0–5', '5–10', '10–15', '15–20', '20–30', '>30']);
		// 5 and 15 minutes sit on band edges; metre offsets make them a hair off, so check the clear ones.
		expect(result.total.bandResidents[0] + result.total.bandResidents[1]).toBe(1 + 2 + 4);
		expect(result.total.bandResidents[4]).toBe(16);
		expect(result.total.bandResidents[5]).toBe(32);
		expect(result.minutes[5]).toBe(Infinity);
		expect(result.unreachable[5]).toBe(UNREACHABLE.no);
		const unbounded = run(lines, [facility('c', offset(0, 0))], cells, { searchLimitMinutes: Infinity });
		expect(unbounded.minutes[5]).toBeCloseTo(45, 2);
	});

	it('gives the same answer with a prepared network, for any mode, threshold or types', () => {
		const lines = gridLines(8, 120);
		const graph = buildWalkGraph(lines);
		const cells = cellsOf(Array.from({ length: 40 }, (_, i) => offset((i % 8) * 117 + 13, Math.floor(i / 8) * 173 + 7)));
		const facilities = [facility('a', offset(30, 30)), facility('b', offset(700, 600), 'station')];
		const prepared = prepareNetwork(graph, cells, 300);
		for (const params of [{}, { mode: 'cycle' as const }, { thresholdMinutes: 5, facilityTypes: ['station' as const] }]) {
			const input = { graph, facilities, cells, cellSubdistrict: new Int32Array(40).fill(-1), subdistricts: [], params: { ...DEFAULT_COVERAGE_PARAMS, ...params } };
			const fresh = computeCoverage(input);
			const reused = computeCoverage({ ...input, prepared });
			expect(reused.network!.prepared).toBe(prepared);
			expect([...reused.minutes]).toEqual([...fresh.minutes]);
			expect(reused.total).toEqual(fresh.total);
		}
	});
});

describe('straight-line fallback', () => {
	it('is the great-circle distance to the nearest facility × detour ÷ speed, flagged approximate', () => {
		fc.assert(
			fc.property(randomFacilities, fc.array(freePoint, { minLength: 1, maxLength: 20 }), fc.double({ min: 1, max: 2, noNaN: true }), (facilities, points, detourFactor) => {
				const result = run(null, facilities, cellsOf(points), { detourFactor, mode: 'elderly' });
				expect(result.approximate).toBe(true);
				const counted = facilities.filter((f) => DEFAULT_COVERAGE_PARAMS.facilityTypes.includes(f.type));
				points.forEach((p, cell) => {
					const nearest = Math.min(Infinity, ...counted.map((f) => referenceHaversine(p as [number, number], [f.lon, f.lat])));
					if (nearest === Infinity) expect(result.minutes[cell]).toBeNaN();
					else expect(Math.abs(result.minutes[cell] - (nearest * detourFactor) / 60)).toBeLessThan(1e-4);
				});
			}),
			{ numRuns: 200 }
		);
	});
});
