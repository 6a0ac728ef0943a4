/**
 * The siting engine on real networks, checked against the engine's full recomputation: each
 * candidate's newly covered cells are exactly the cells computeCoverage finds covered with the
 * candidate added and not covered without it; a suggestion applied as scenario edits covers exactly
 * what it reported (computeCoverage on applyEdits); on the Jing'an demo too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCoverage, prepareNetwork, type CoverageInput } from '$lib/engine/coverage';
import { buildWalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS, type CoverageParams } from '$lib/engine/params';
import { assignPointsToPolygons, subdistrictAssigner } from '$lib/engine/point-in-polygon';
import { applyEdits } from '$lib/engine/scenario/edits';
import { candidateCatchments } from '$lib/engine/siting/catchments';
import { suggestionEdits } from '$lib/engine/siting/edits';
import { everyGroup } from '$lib/engine/siting/instance';
import { buildSitingProblem, solveSiting } from '$lib/engine/siting/suggest';
import type { Facility, Subdistrict } from '$lib/engine/types';
import { loadInputs } from '../../../../scripts/lib/load-inputs';
import { facility, gridLines, offset } from '../fixtures';

const point = fc.tuple(fc.double({ min: -60, max: 560, noNaN: true }), fc.double({ min: -60, max: 560, noNaN: true })).map(([e, n]) => offset(e, n));

const world = fc.record({
	skip: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
	cells: fc.array(fc.tuple(point, fc.integer({ min: 0, max: 300 })), { minLength: 1, maxLength: 40 }),
	facilities: fc.array(point, { maxLength: 2 }),
	candidates: fc.array(point, { minLength: 1, maxLength: 6 }),
	minutes: fc.constantFrom(1, 2, 3),
	mode: fc.constantFrom<CoverageParams['mode']>('walk', 'cycle', 'elderly')
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function coverageInput(spec: World, facilities: Facility[]): CoverageInput {
	const graph = buildWalkGraph(gridLines(6, 100, (kind, index) => spec.skip[(kind === 'row' ? 0 : 6) + index] && index % 2 === 1));
	const cells = { lon: Float64Array.from(spec.cells, (c) => c[0][0]), lat: Float64Array.from(spec.cells, (c) => c[0][1]), pop: Float64Array.from(spec.cells, (c) => c[1]) };
	const params: CoverageParams = { ...DEFAULT_COVERAGE_PARAMS, thresholdMinutes: spec.minutes, mode: spec.mode, maxSnapM: 80 };
	return { graph, prepared: prepareNetwork(graph, cells, params.maxSnapM), facilities, cells, cellSubdistrict: new Int32Array(cells.lon.length).fill(-1), subdistricts: [], params };
}

describe('candidate catchments', () => {
	it('are exactly the cells a full recomputation newly covers with the candidate added', () => {
		fc.assert(
			fc.property(world, (spec) => {
				const existing = spec.facilities.map((p, i) => facility(`f${i}`, p, 'station'));
				const input = coverageInput(spec, existing);
				const baseline = computeCoverage(input);
				const lon = Float64Array.from(spec.candidates, (p) => p[0]);
				const lat = Float64Array.from(spec.candidates, (p) => p[1]);
				const cover = candidateCatchments({ prepared: input.prepared!, params: input.params, coveredToday: baseline.covered, lon, lat });
				spec.candidates.forEach((p, c) => {
					const withSite = computeCoverage({ ...input, facilities: [...existing, facility('new', p, 'station')] });
					const expected: number[] = [];
					for (let cell = 0; cell < withSite.covered.length; cell++) if (withSite.covered[cell] && !baseline.covered[cell]) expected.push(cell);
					expect(Array.from(cover.cells.subarray(cover.offsets[c], cover.offsets[c + 1])), `candidate ${c}`).toEqual(expected);
				});
			}),
			{ numRuns: 150 }
		);
	});
});

/** Two halves of the test square as sub-districts. */
const halves: Subdistrict[] = [
	{ code: 'W', name: 'West', nameEn: 'West', population: null, polygons: [[[offset(-100, -100), offset(250, -100), offset(250, 700), offset(-100, 700), offset(-100, -100)]]] },
	{ code: 'E', name: 'East', nameEn: 'East', population: null, polygons: [[[offset(250, -100), offset(700, -100), offset(700, 700), offset(250, 700), offset(250, -100)]]] }
];

describe('a suggestion applied as scenario edits', () => {
	it('covers exactly the residents reported, site by site, with the constraints kept', () => {
		fc.assert(
			fc.property(world, fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 150), fc.constantFrom(Infinity, 1), (spec, k, spacing, perGroup) => {
				const existing = spec.facilities.map((p, i) => facility(`f${i}`, p, 'station'));
				const base = coverageInput(spec, existing);
				const input = { ...base, subdistricts: halves, cellSubdistrict: assignPointsToPolygons(base.cells.lon, base.cells.lat, halves) };
				const baseline = computeCoverage(input);
				const problem = buildSitingProblem({
					prepared: input.prepared!,
					baseline,
					params: input.params,
					subdistricts: halves,
					candidates: { gridSpacingM: 60, parcels: spec.candidates.map((p, i) => ({ lon: p[0], lat: p[1], name: `p${i}`, id: null, row: i + 2 })), existing: [], excluded: [] }
				});
				const constraints = { minSpacingM: spacing, maxPerGroup: everyGroup(2, perGroup), minPerGroup: [] };
				const answer = solveSiting(problem, { objective: 'mclp', k, constraints });
				expect(answer.violations).toEqual([]);
				const assign = subdistrictAssigner(halves);
				for (let n = 1; n <= answer.sites.length; n++) {
					const sites = answer.sites.slice(0, n).map((site, i) => ({ candidate: problem.candidates[site.candidate], rank: i + 1 }));
					const facilities = applyEdits(existing, suggestionEdits(sites, 'station', existing, (rank) => ({ name: `S${rank}` })), assign);
					const full = computeCoverage({ ...input, facilities });
					expect(full.total.coveredResidents, `first ${n} sites`).toBe(answer.sites[n - 1].cumulativeResidents);
				}
			}),
			{ numRuns: 100 }
		);
	});
});

describe('on the Jing\'an demo', () => {
	it('3 stations: the applied scenario covers exactly the reported residents, and the MCLP/LSCP answers keep their constraints', () => {
		const demo = 'static/data/demo';
		const inputs = loadInputs({ network: `${demo}/network.geojson`, facilities: `${demo}/facilities.csv`, population: `${demo}/population.csv`, subdistricts: `${demo}/subdistricts.geojson` });
		const graph = buildWalkGraph(inputs.network!);
		const params = DEFAULT_COVERAGE_PARAMS;
		const input: CoverageInput = { graph, prepared: prepareNetwork(graph, inputs.cells, params.maxSnapM), facilities: inputs.facilities, cells: inputs.cells, cellSubdistrict: inputs.cellSubdistrict, subdistricts: inputs.subdistricts, params };
		const baseline = computeCoverage(input);
		const problem = buildSitingProblem({ prepared: input.prepared!, baseline, params, subdistricts: inputs.subdistricts, candidates: { gridSpacingM: 200, parcels: [], existing: [], excluded: [] } });
		expect(problem.instance.candidateCount).toBeGreaterThan(300);
		const constraints = { minSpacingM: 500, maxPerGroup: everyGroup(inputs.subdistricts.length, 1), minPerGroup: [] };
		const answer = solveSiting(problem, { objective: 'mclp', k: 3, constraints });
		expect(answer.sites).toHaveLength(3);
		expect(answer.violations).toEqual([]);
		const sites = answer.sites.map((site, i) => ({ candidate: problem.candidates[site.candidate], rank: i + 1 }));
		const facilities = applyEdits(inputs.facilities, suggestionEdits(sites, 'station', inputs.facilities, (rank) => ({ name: `S${rank}` })), subdistrictAssigner(inputs.subdistricts));
		const full = computeCoverage({ ...input, facilities });
		expect(full.total.coveredResidents).toBe(answer.sites[2].cumulativeResidents);
		expect(full.total.coveredResidents - baseline.total.coveredResidents).toBe(answer.value);
		// Different sub-districts, at least 500 m apart (checked here without the engine's helpers).
		const codes = facilities.slice(-3).map((f) => f.subdistrict);
		expect(new Set(codes).size).toBe(3);
		const lscp = solveSiting(problem, { objective: 'lscp', targetPct: Math.floor(baseline.total.coveragePct ?? 0) + 2, constraints: { minSpacingM: 0, maxPerGroup: [], minPerGroup: [] } });
		expect(lscp.met).toBe(true);
		expect(lscp.sites.at(-1)!.cumulativePct).toBeGreaterThanOrEqual(Math.floor(baseline.total.coveragePct ?? 0) + 2);
	});
});
