/**
 * Site-suggestion benchmark (not a test), run by `npm run bench` after the engine benchmark:
 *
 *   tsx scripts/bench/siting.ts [--quick]
 *
 * On the Jing'an demo (grid of 150 m, every sub-district) and on the Shanghai-scale synthetic city
 * (600,000 cells; candidates every 500 m over its central 3 × 3 sub-districts, about 1,200 of them):
 * time to the first suggestion (catchments + first pick) and to k = 10 (greedy + swap), peak memory,
 * and the greedy + swap value ÷ the exact optimum from HiGHS beside the solver's time. Each figure
 * is printed beside its target and written to bench/siting.json (siting-quick.json with --quick).
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
export const SITING_TARGETS = { cityK10S: 5, demoK10S: 1, greedyShareOfOptimum: 0.99 };

interface SitingCase {
	label: string;
	input: CoverageInput;
	baseline: CoverageResult;
	/** Sub-districts whose extent the candidate grid covers. */
	candidateAreas: Subdistrict[];
	gridSpacingM: number;
}

export interface SitingFigures {
	label: string;
	constraints: string;
	candidates: number;
	cells: number;
	catchmentsS: number;
	firstSuggestionS: number;
	k10S: number;
	instanceMB: number;
	peakRssGB: number;
	greedyValue: number;
	value: number;
	optimum: number | null;
	share: number | null;
	exactStatus: string;
	exactS: number | null;
	onlineBoundShare: number;
}

async function measure(c: SitingCase, constraintSets: { label: string; of: (groups: number) => SitingConstraints }[]): Promise<SitingFigures[]> {
	const solve = await loadLpSolve();
	const problem = buildSitingProblem({ prepared: c.input.prepared!, baseline: c.baseline, params: c.input.params, subdistricts: c.candidateAreas, candidates: { gridSpacingM: c.gridSpacingM, parcels: [], existing: [], excluded: [] } });
	const catchmentsS = problem.catchmentsMs / 1000;
	const instanceMB = (problem.instance.offsets.byteLength + problem.instance.cells.byteLength) / 1e6;
	return constraintSets.map(({ label, of }) => {
		const question = { objective: 'mclp' as const, k: 10, constraints: of(problem.instance.groupCount) };
		const heuristic = solveSiting(problem, question);
		const certified = solveSiting(problem, question, { exact: { solve, options: { timeLimitS: 120, maxNonzeros: 5_000_000 } } });
		const exact = certified.exact!;
		const optimum = certified.boundKind === 'exact' ? certified.bound : null;
		return {
			label: c.label,
			constraints: label,
			candidates: problem.instance.candidateCount,
			cells: c.input.cells.lon.length,
			catchmentsS,
			firstSuggestionS: catchmentsS + heuristic.timings.firstSiteMs / 1000,
			k10S: catchmentsS + (heuristic.timings.greedyMs + heuristic.timings.swapMs) / 1000,
			instanceMB,
			peakRssGB: (process.resourceUsage().maxRSS * 1024) / 1e9,
			greedyValue: heuristic.greedyValue,
			value: heuristic.value,
			optimum,
			share: optimum ? heuristic.value / optimum : null,
			exactStatus: exact.status,
			exactS: 'solveMs' in exact ? exact.solveMs / 1000 : null,
			onlineBoundShare: heuristic.value / heuristic.bound
		};
	});
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
	return { label: 'synthetic city', input, baseline: computeCoverage(input), candidateAreas: central, gridSpacingM: (central.length === 9 ? 3 : 1) * (city.extentM / n) / 35 };
}

const CONSTRAINT_SETS = [
	{ label: 'none', of: () => NO_CONSTRAINTS },
	{ label: 'spacing 600 m, ≤ 2 per 街镇', of: (groups: number) => ({ minSpacingM: 600, maxPerGroup: everyGroup(groups, 2), minPerGroup: [] }) }
];

export async function benchSiting(quick: boolean): Promise<SitingFigures[]> {
	const demo = jinganDragCase();
	const figures = await measure({ ...demo, candidateAreas: demo.input.subdistricts, gridSpacingM: 150 }, CONSTRAINT_SETS);
	figures.push(...(await measure(cityCase(quick ? QUICK_CITY : CITY), CONSTRAINT_SETS)));
	return figures;
}

export function printSiting(figures: SitingFigures[]): void {
	console.log('\nsite suggestion (MCLP, k = 10): greedy + swap vs the exact optimum (HiGHS)');
	const target = (f: SitingFigures) => (f.label === 'synthetic city' ? SITING_TARGETS.cityK10S : SITING_TARGETS.demoK10S);
	for (const f of figures) {
		const share = f.share === null ? `optimum unknown (${f.exactStatus}); ≥ ${(100 * f.onlineBoundShare).toFixed(2)}% of the online bound` : `${(100 * f.share).toFixed(2)}% of the optimum (target ≥ ${100 * SITING_TARGETS.greedyShareOfOptimum}%)`;
		console.log(
			`  ${f.label}, constraints ${f.constraints}: ${f.candidates} candidates, ${f.cells.toLocaleString('en-US')} cells; first suggestion ${f.firstSuggestionS.toFixed(2)} s, k = 10 in ${f.k10S.toFixed(2)} s (target ≤ ${target(f)} s); ` +
				`instance ${f.instanceMB.toFixed(1)} MB, peak RSS ${f.peakRssGB.toFixed(2)} GB; ${share}; HiGHS ${f.exactS === null ? '—' : `${f.exactS.toFixed(2)} s`}`
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
