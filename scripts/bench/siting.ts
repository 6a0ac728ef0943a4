/**
 * Site-suggestion benchmark (not a test), run by `npm run bench` after the engine benchmark:
 *
 *   tsx scripts/bench/siting.ts [--quick]
 *
 * On the Jing'an demo (grid of 150 m, every sub-district; also with a 5-minute threshold and with a
 * sparse facility list of centres only) and on the Shanghai-scale synthetic city (600,000 cells;
 * candidates every 500 m over its central 3 × 3 sub-districts, about 1,200 of them), without
 * constraints and with 600 m spacing and at most 2 per 街镇: time to the first site, to the first
 * answer (the heuristic's, shown at once), to the final answer (after HiGHS, warm-started from it),
 * the answer ÷ the optimum (or ÷ HiGHS's best bound when it stops at its limit), the heuristic's
 * share alone, and the solver's time. Each figure is printed beside its target and written to
 * bench/siting.json (siting-quick.json with --quick).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeCoverage, prepareNetwork, type CoverageInput, type CoverageResult } from '$lib/engine/coverage';
import { buildWalkGraph } from '$lib/engine/graph';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import { everyGroup, NO_CONSTRAINTS, type SitingConstraints } from '$lib/engine/siting/instance';
import { buildSitingProblem, solveSiting } from '$lib/engine/siting/suggest';
import type { Subdistrict } from '$lib/engine/types';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/params';
import { loadLpSolve } from '../lib/highs-solver';
import { jinganDragCase } from './scenario-drag';
import { SyntheticCity, type CityScale } from './synthetic-city';

/** The engine benchmark's city (scripts/bench.ts FULL / QUICK). */
const CITY: CityScale = { gridSize: 1250, spacingM: 70, cellColumns: 800, cellRows: 750, facilities: 1200, subdistrictGrid: 15 };
const QUICK_CITY: CityScale = { gridSize: 300, spacingM: 70, cellColumns: 200, cellRows: 200, facilities: 80, subdistrictGrid: 5 };
export const SITING_TARGETS = { cityFirstAnswerS: 5, demoFirstAnswerS: 1, shareOfOptimum: 0.99 };
/** The CLI's default limit for the exact solver. */
const EXACT_TIME_LIMIT_S = 60;

interface SitingCase {
	label: string;
	input: CoverageInput;
	baseline: CoverageResult;
	/** Sub-districts whose extent the candidate grid covers. */
	candidateAreas: Subdistrict[];
	gridSpacingM: number;
	k: number;
}

export interface SitingFigures {
	label: string;
	constraints: string;
	candidates: number;
	cells: number;
	catchmentsS: number;
	/** Catchments + greedy's first pick. */
	firstSiteS: number;
	/** Catchments + greedy + swap + local search: the answer the panel shows before the exact solver. */
	firstAnswerS: number;
	/** … + the exact solver (warm-started with the heuristic's set): the answer in the end. */
	finalAnswerS: number;
	instanceMB: number;
	peakRssGB: number;
	greedyValue: number;
	heuristicValue: number;
	value: number;
	source: 'heuristic' | 'solver';
	bound: number;
	boundKind: string;
	/** value ÷ bound (the optimum when boundKind is 'exact'). */
	share: number;
	heuristicShare: number;
	exactStatus: string;
	exactS: number | null;
}

async function measure(c: SitingCase, constraintSets: { label: string; of: (groups: number) => SitingConstraints }[]): Promise<SitingFigures[]> {
	const solve = await loadLpSolve();
	const problem = buildSitingProblem({ prepared: c.input.prepared!, baseline: c.baseline, params: c.input.params, subdistricts: c.candidateAreas, candidates: { gridSpacingM: c.gridSpacingM, parcels: [], existing: [], excluded: [] } });
	const catchmentsS = problem.catchmentsMs / 1000;
	const instanceMB = (problem.instance.offsets.byteLength + problem.instance.cells.byteLength) / 1e6;
	return constraintSets.map(({ label, of }) => {
		const question = { objective: 'mclp' as const, k: c.k, constraints: of(problem.instance.groupCount) };
		const started = performance.now();
		let firstAnswerMs = NaN;
		const answer = solveSiting(problem, question, {
			exact: { solve, options: { timeLimitS: EXACT_TIME_LIMIT_S, maxNonzeros: 5_000_000 } },
			onHeuristic: () => (firstAnswerMs = performance.now() - started)
		});
		const finalMs = performance.now() - started;
		// null: no solver needed (one site is proven by greedy itself).
		const exact = answer.exact;
		return {
			label: c.label,
			constraints: label,
			candidates: problem.instance.candidateCount,
			cells: c.input.cells.lon.length,
			catchmentsS,
			firstSiteS: catchmentsS + answer.timings.firstSiteMs / 1000,
			// Without a solver run (one site) the first answer is the final one.
			firstAnswerS: catchmentsS + (Number.isNaN(firstAnswerMs) ? finalMs : firstAnswerMs) / 1000,
			finalAnswerS: catchmentsS + finalMs / 1000,
			instanceMB,
			peakRssGB: (process.resourceUsage().maxRSS * 1024) / 1e9,
			greedyValue: answer.greedyValue,
			heuristicValue: answer.heuristicValue,
			value: answer.value,
			source: answer.source,
			bound: answer.bound,
			boundKind: answer.boundKind,
			share: answer.bound > 0 ? answer.value / answer.bound : 1,
			heuristicShare: answer.bound > 0 ? answer.heuristicValue / answer.bound : 1,
			exactStatus: exact?.status ?? 'not needed',
			exactS: exact && 'solveMs' in exact ? exact.solveMs / 1000 : null
		};
	});
}

/** The demo with other coverage settings or facilities (a 5-minute threshold; a planner's sparse list of centres only). */
function demoVariant(label: string, change: (input: CoverageInput) => CoverageInput, k: number): SitingCase {
	const demo = jinganDragCase();
	const input = change(demo.input);
	return { label, input, baseline: computeCoverage(input), candidateAreas: input.subdistricts, gridSpacingM: 150, k };
}

function cityCase(scale: CityScale): SitingCase {
	const city = new SyntheticCity(scale);
	const graph = buildWalkGraph(city.lines());
	const cells = city.cells();
	const subdistricts = city.subdistricts();
	const params = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes] };
	const input: CoverageInput = { graph, prepared: prepareNetwork(graph, cells, params.maxSnapM), facilities: city.facilities(), cells, cellSubdistrict: assignPointsToPolygons(cells.lon, cells.lat, subdistricts), subdistricts, params };
	const n = scale.subdistrictGrid;
	const middle = Math.floor(n / 2);
	const central = subdistricts.filter((_, index) => Math.abs(Math.floor(index / n) - middle) <= 1 && Math.abs((index % n) - middle) <= 1);
	return { label: 'synthetic city', input, baseline: computeCoverage(input), candidateAreas: central, gridSpacingM: (central.length === 9 ? 3 : 1) * (city.extentM / n) / 35, k: 10 };
}

const CONSTRAINT_SETS = [
	{ label: 'none', of: () => NO_CONSTRAINTS },
	{ label: 'spacing 600 m, ≤ 2 per 街镇', of: (groups: number) => ({ minSpacingM: 600, maxPerGroup: everyGroup(groups, 2), minPerGroup: [] }) }
];

export async function benchSiting(quick: boolean): Promise<SitingFigures[]> {
	const demo = jinganDragCase();
	const figures = await measure({ ...demo, candidateAreas: demo.input.subdistricts, gridSpacingM: 150, k: 10 }, CONSTRAINT_SETS);
	figures.push(...(await measure(demoVariant('demo, 5-minute threshold', (input) => ({ ...input, params: { ...input.params, thresholdMinutes: 5 } }), 10), CONSTRAINT_SETS)));
	figures.push(...(await measure(demoVariant('demo, sparse list (centres only), k = 1', (input) => ({ ...input, facilities: input.facilities.filter((f) => f.type === 'centre') }), 1), [CONSTRAINT_SETS[0]])));
	figures.push(...(await measure(demoVariant('demo, sparse list (centres only)', (input) => ({ ...input, facilities: input.facilities.filter((f) => f.type === 'centre') }), 10), CONSTRAINT_SETS)));
	figures.push(...(await measure(cityCase(quick ? QUICK_CITY : CITY), CONSTRAINT_SETS)));
	return figures;
}

export function printSiting(figures: SitingFigures[]): void {
	console.log('\nsite suggestion (MCLP): heuristic (greedy + swap + local search) at once, then HiGHS warm-started from it; the better set is the answer');
	const target = (f: SitingFigures) => (f.label === 'synthetic city' ? SITING_TARGETS.cityFirstAnswerS : SITING_TARGETS.demoFirstAnswerS);
	const pct = (share: number) => `${(100 * share).toFixed(2)}%`;
	for (const f of figures) {
		const of = f.boundKind === 'exact' || f.boundKind === 'enumerated' ? `of the optimum (${f.boundKind === 'exact' ? 'HiGHS' : 'one site: every candidate compared'})` : `of the ${f.boundKind} bound (HiGHS ${f.exactStatus})`;
		console.log(
			`  ${f.label}, constraints ${f.constraints}: ${f.candidates} candidates, ${f.cells.toLocaleString('en-US')} cells; first site ${f.firstSiteS.toFixed(2)} s, first answer ${f.firstAnswerS.toFixed(2)} s (target ≤ ${target(f)} s), ` +
				`final ${f.finalAnswerS.toFixed(2)} s; answer ${pct(f.share)} ${of} (target ≥ ${100 * SITING_TARGETS.shareOfOptimum}%; heuristic alone ${pct(f.heuristicShare)}, answer from the ${f.source}); ` +
				`HiGHS ${f.exactS === null ? '—' : `${f.exactS.toFixed(2)} s`}; instance ${f.instanceMB.toFixed(1)} MB, peak RSS ${f.peakRssGB.toFixed(2)} GB`
		);
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const quick = process.argv.includes('--quick');
	const figures = await benchSiting(quick);
	printSiting(figures);
	const directory = fileURLToPath(new URL('../../bench/', import.meta.url));
	mkdirSync(directory, { recursive: true });
	const file = `${directory}${quick ? 'siting-quick.json' : 'siting.json'}`;
	writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), targets: SITING_TARGETS, figures }, null, 2) + '\n');
	console.log(`wrote ${file}`);
}
