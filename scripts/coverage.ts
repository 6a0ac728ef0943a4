/**
 * Coverage from the command line, with the same engine as the app:
 *
 *   npm run coverage -- --network FILE --facilities FILE --population FILE --subdistricts FILE
 *     [--mode walk|elderly|cycle] [--minutes 15] [--types centre,branch,station] [--max-snap 300] --out DIR
 *
 * The network may be .geojson/.json, .osm (XML) or .osm.pbf; without --network the straight-line
 * fallback is used and flagged as an approximation. The search is unbounded here, so every reachable
 * cell gets its exact minutes. Writes DIR/cells.csv, DIR/subdistricts.csv, DIR/summary.json and
 * prints a table per sub-district. Bad input: one line on stderr naming the file, exit code 2.
 *
 * With --scenario FILE (a scenario exported by the app, for these inputs) the scenario runs too:
 * DIR/scenario-subdistricts.csv and DIR/comparison.csv, a `scenario` section in summary.json, and the
 * table shows baseline and scenario side by side. cells.csv and subdistricts.csv stay the baseline's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIME_BANDS, UNREACHABLE, computeCoverage, prepareNetwork, type AreaCoverage, type CoverageParams, type CoverageResult } from '$lib/engine/coverage';
import { buildWalkGraph, type WalkGraph } from '$lib/engine/graph';
import { describeGraph, type GraphReport } from '$lib/engine/graph-report';
import { DEFAULT_COVERAGE_PARAMS, validateCoverageParams } from '$lib/engine/params';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import { csvField } from '$lib/engine/spreadsheet-text';
import { type Facility, type NetworkLine, type PopulationCells, type Subdistrict } from '$lib/engine/types';
import { parseFacilitiesCsv } from '$lib/io/facilities-csv';
import type { LoadResult } from '$lib/io/load-result';
import { parsePopulationCsv } from '$lib/io/population-csv';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';
import type { Scenario } from '$lib/io/scenario-file';
import { shownPercent, shownPointsChange } from '$lib/engine/percent';
import { counted, readArgs, runCli, writeProblems, type CliProblem, type ProblemsSummary } from './lib/cli-output';
import { formatTable, loadFile, loadNetworkFile, readTextFile, UsageError } from './lib/load-inputs';
import { readFacilityTypes, readNumber, readTravelMode, requiredOption, textOption } from './lib/indicator-run';
import { applyScenario, loadScenarioFile } from './lib/scenario-input';


interface CliOptions {
	network: string | null;
	facilities: string;
	population: string;
	subdistricts: string;
	out: string;
	scenario: string | null;
	params: CoverageParams;
}

const USAGE =
	'usage: npm run coverage -- --network FILE --facilities FILE --population FILE --subdistricts FILE [--mode walk|elderly|cycle] [--minutes 15] [--types centre,branch,station] [--max-snap 300] [--scenario FILE] --out DIR';

function readOptions(argv: string[]): CliOptions {
	const values = readArgs(
		argv,
		{
			network: { type: 'string' },
			facilities: { type: 'string' },
			population: { type: 'string' },
			subdistricts: { type: 'string' },
			mode: { type: 'string', default: DEFAULT_COVERAGE_PARAMS.mode },
			minutes: { type: 'string', default: String(DEFAULT_COVERAGE_PARAMS.thresholdMinutes) },
			types: { type: 'string', default: DEFAULT_COVERAGE_PARAMS.facilityTypes.join(',') },
			'max-snap': { type: 'string', default: String(DEFAULT_COVERAGE_PARAMS.maxSnapM) },
			scenario: { type: 'string' },
			out: { type: 'string' }
		},
		USAGE
	);
	const mode = readTravelMode(String(values.mode));
	const facilityTypes = readFacilityTypes(String(values.types));
	const params: CoverageParams = {
		...DEFAULT_COVERAGE_PARAMS,
		mode,
		thresholdMinutes: readNumber(String(values.minutes), '--minutes'),
		facilityTypes,
		maxSnapM: readNumber(String(values['max-snap']), '--max-snap'),
		// Exact minutes for every reachable cell in cells.csv (no "beyond the limit" values).
		searchLimitMinutes: Infinity
	};
	const problem = validateCoverageParams(params);
	if (problem) throw new UsageError(problem);
	return {
		network: textOption(values, 'network'),
		facilities: requiredOption(values, 'facilities'),
		population: requiredOption(values, 'population'),
		subdistricts: requiredOption(values, 'subdistricts'),
		out: requiredOption(values, 'out'),
		scenario: textOption(values, 'scenario'),
		params
	};
}

type Listed<T> = LoadResult<T> & { listed: CliProblem[] };

interface Loaded {
	facilities: Listed<Facility[]>;
	population: Listed<PopulationCells>;
	subdistricts: Listed<Subdistrict[]>;
	network: Listed<NetworkLine[]> | null;
}

async function loadInputs(options: CliOptions): Promise<Loaded> {
	return {
		facilities: loadFile(options.facilities, '--facilities', () => parseFacilitiesCsv(readTextFile(options.facilities, '--facilities')), (r) => r.length === 0),
		population: loadFile(options.population, '--population', () => parsePopulationCsv(readTextFile(options.population, '--population')), (r) => r.lon.length === 0),
		subdistricts: loadFile(options.subdistricts, '--subdistricts', () => parseSubdistrictsGeoJson(readTextFile(options.subdistricts, '--subdistricts')), (r) => r.length === 0),
		network: options.network ? loadNetworkFile(options.network) : null
	};
}

function round(value: number, digits: number): string {
	return Number.isFinite(value) ? String(Math.round(value * 10 ** digits) / 10 ** digits) : '';
}

function cellsCsv(cells: PopulationCells, result: CoverageResult, facilities: Facility[], cellSubdistrict: Int32Array, subdistricts: Subdistrict[]): string {
	const rows = ['lon,lat,pop,minutes,facility_id,subdistrict,covered'];
	for (let cell = 0; cell < cells.lon.length; cell++) {
		const facility = result.facilityIndex[cell];
		const area = cellSubdistrict[cell];
		rows.push(
			[
				round(cells.lon[cell], 7),
				round(cells.lat[cell], 7),
				round(cells.pop[cell], 3),
				round(result.minutes[cell], 3),
				facility >= 0 ? csvField(facilities[facility].id) : '',
				area >= 0 ? csvField(subdistricts[area].code) : '',
				result.covered[cell]
			].join(',')
		);
	}
	return rows.join('\n') + '\n';
}

function areaRows(result: CoverageResult): AreaCoverage[] {
	return result.outside.cells > 0 ? [...result.bySubdistrict, result.outside] : result.bySubdistrict;
}

function subdistrictsCsv(result: CoverageResult): string {
	const rows = ['code,name,population,covered,coverage_pct,unreachable'];
	for (const area of areaRows(result)) {
		rows.push([csvField(area.code), csvField(area.name), round(area.residents, 1), round(area.coveredResidents, 1), area.coveragePct === null ? '' : round(shownPercent(area.coveragePct, 2), 2), round(area.unreachableResidents, 1)].join(','));
	}
	return rows.join('\n') + '\n';
}

function coverageTable(result: CoverageResult): string {
	const integer = (value: number) => Math.round(value).toLocaleString('en-US');
	const toRow = (area: AreaCoverage) => [area.code, area.name, integer(area.residents), integer(area.coveredResidents), area.coveragePct === null ? '—' : shownPercent(area.coveragePct, 1).toFixed(1), integer(area.unreachableResidents)];
	const rows = areaRows(result).map(toRow);
	rows.push(toRow({ ...result.total, code: 'TOTAL', name: '' }));
	return formatTable(['code', 'name', 'residents', 'covered', 'coverage %', 'unreachable'], rows, [false, false, true, true, true, true]);
}

/** The scenario's run: its file, its edits and the coverage with its facilities. */
interface ScenarioRun {
	file: string;
	scenario: Scenario;
	facilities: Facility[];
	result: CoverageResult;
}

/** One area before and after the scenario (the areas are the same on both sides: only facilities change). */
interface AreaComparison {
	baseline: AreaCoverage;
	scenario: AreaCoverage;
}

function compareAreas(baseline: CoverageResult, scenario: CoverageResult): AreaComparison[] {
	const scenarioAreas = areaRows(scenario);
	return areaRows(baseline).map((area, index) => ({ baseline: area, scenario: scenarioAreas[index] }));
}

function compareTotals(baseline: CoverageResult, scenario: CoverageResult): AreaComparison {
	return { baseline: { ...baseline.total, code: 'TOTAL', name: '' }, scenario: { ...scenario.total, code: 'TOTAL', name: '' } };
}

/** Change in coverage, percentage points (unrounded, for the data files); null where either side has no residents. */
function pointsChange({ baseline, scenario }: AreaComparison): number | null {
	return baseline.coveragePct === null || scenario.coveragePct === null ? null : scenario.coveragePct - baseline.coveragePct;
}

function comparisonCsv(rows: AreaComparison[]): string {
	const lines = ['code,name,population,covered_baseline,covered_scenario,covered_delta,coverage_pct_baseline,coverage_pct_scenario,coverage_pct_delta'];
	const pct = (area: AreaCoverage) => (area.coveragePct === null ? '' : round(shownPercent(area.coveragePct, 2), 2));
	for (const row of rows) {
		const { baseline, scenario } = row;
		const points = pointsChange(row);
		lines.push(
			[
				csvField(baseline.code),
				csvField(baseline.name),
				round(baseline.residents, 1),
				round(baseline.coveredResidents, 1),
				round(scenario.coveredResidents, 1),
				round(scenario.coveredResidents - baseline.coveredResidents, 1),
				pct(baseline),
				pct(scenario),
				points === null ? '' : round(points, 2)
			].join(',')
		);
	}
	return lines.join('\n') + '\n';
}

function signed(value: number, digits: number): string {
	const text = Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
	if (Number(text.replaceAll(',', '')) === 0) return text;
	return value > 0 ? `+${text}` : `-${text}`;
}

function comparisonTable(rows: AreaComparison[]): string {
	const pct = (area: AreaCoverage) => (area.coveragePct === null ? '—' : shownPercent(area.coveragePct, 1).toFixed(1));
	const toRow = (row: AreaComparison) => {
		const points = shownPointsChange(row.baseline.coveragePct, row.scenario.coveragePct, 1);
		const { baseline, scenario } = row;
		return [baseline.code, baseline.name, Math.round(baseline.residents).toLocaleString('en-US'), pct(baseline), pct(scenario), points === null ? '—' : signed(points, 1), signed(scenario.coveredResidents - baseline.coveredResidents, 0)];
	};
	return formatTable(['code', 'name', 'residents', 'baseline %', 'scenario %', 'Δ points', 'Δ covered'], rows.map(toRow), [false, false, true, true, true, true, true]);
}

function scenarioSummary(run: ScenarioRun, baseline: CoverageResult) {
	const { result, scenario } = run;
	const total = compareTotals(baseline, result);
	return {
		file: run.file,
		id: scenario.id,
		name: scenario.name,
		edits: scenario.edits.length,
		editsByKind: Object.fromEntries(['add', 'move', 'update', 'close'].map((kind) => [kind, scenario.edits.filter((edit) => edit.kind === kind).length])),
		facilitiesCounted: run.facilities.filter((f) => result.params.facilityTypes.includes(f.type)).length,
		facilitiesNotSnapped: result.unsnappedFacilities.map((f) => run.facilities[f].id),
		totals: { residents: result.total.residents, coveredResidents: result.total.coveredResidents, coveragePct: result.total.coveragePct, unreachableResidents: result.total.unreachableResidents },
		change: { coveredResidents: result.total.coveredResidents - baseline.total.coveredResidents, coveragePctPoints: pointsChange(total) },
		subdistricts: areaRows(result)
	};
}

function summaryJson(options: CliOptions, inputs: Loaded, result: CoverageResult, graphReport: GraphReport | null, facilities: Facility[], timingsMs: Record<string, number>, scenarioRun: ScenarioRun | null, problems: ProblemsSummary): string {
	const unreachableBy = (reason: number) => {
		let residents = 0;
		for (let cell = 0; cell < result.unreachable.length; cell++) if (result.unreachable[cell] === reason) residents += inputs.population.records.pop[cell];
		return residents;
	};
	const sourceSummary = (path: string | null, loaded: LoadResult<unknown> | null) => (loaded && path ? { file: path, loaded: loaded.loaded, skipped: loaded.skipped } : null);
	const summary = {
		params: { ...result.params, searchLimitMinutes: 'none (exact minutes for every reachable cell)' },
		covered_means: 'minutes <= thresholdMinutes (inclusive)',
		approximate: result.approximate,
		approximation: result.approximate ? `no network: straight-line distance × ${result.params.detourFactor} ÷ speed` : null,
		inputs: {
			network: sourceSummary(options.network, inputs.network),
			facilities: sourceSummary(options.facilities, inputs.facilities),
			population: sourceSummary(options.population, inputs.population),
			subdistricts: sourceSummary(options.subdistricts, inputs.subdistricts)
		},
		problems,
		graph: graphReport,
		totals: {
			residents: result.total.residents,
			coveredResidents: result.total.coveredResidents,
			coveragePct: result.total.coveragePct,
			unreachableResidents: result.total.unreachableResidents,
			unreachableBeyondSnapResidents: unreachableBy(UNREACHABLE.beyondSnap),
			unreachableNoFacilityResidents: unreachableBy(UNREACHABLE.noFacility),
			cells: result.total.cells,
			cellsOutsideSubdistricts: result.outside.cells
		},
		bands: TIME_BANDS.map((band, i) => ({ label: band.label, lowMinutes: band.lowMinutes, highMinutes: band.highMinutes === Infinity ? null : band.highMinutes, residents: result.total.bandResidents[i] })),
		subdistricts: areaRows(result),
		facilitiesCounted: facilities.filter((f) => result.params.facilityTypes.includes(f.type)).length,
		facilitiesNotSnapped: result.unsnappedFacilities.map((f) => facilities[f].id),
		...(scenarioRun ? { scenario: scenarioSummary(scenarioRun, result) } : {}),
		timingsMs
	};
	return JSON.stringify(summary, null, 2) + '\n';
}

async function main(): Promise<void> {
	const options = readOptions(process.argv.slice(2));
	const timingsMs: Record<string, number> = {};
	const timed = <T>(name: string, step: () => T): T => {
		const start = performance.now();
		const value = step();
		timingsMs[name] = Math.round(performance.now() - start);
		return value;
	};
	const inputs = await loadInputs(options);
	const cells = inputs.population.records;
	const subdistricts = inputs.subdistricts.records;
	const facilities = inputs.facilities.records;
	// Checked before the long computation: a wrong scenario file fails at once.
	const scenario = options.scenario ? loadScenarioFile(options.scenario, { facilities, cells, subdistricts, network: inputs.network?.records ?? null }) : null;
	const graph: WalkGraph | null = inputs.network ? timed('graphBuild', () => buildWalkGraph(inputs.network!.records)) : null;
	const cellSubdistrict = timed('pointInPolygon', () => assignPointsToPolygons(cells.lon, cells.lat, subdistricts));
	const prepared = graph ? timed('snapCells', () => prepareNetwork(graph, cells, options.params.maxSnapM)) : undefined;
	const result = timed('coverage', () => computeCoverage({ graph, prepared, facilities, cells, cellSubdistrict, subdistricts, params: options.params }));
	let scenarioRun: ScenarioRun | null = null;
	if (scenario && options.scenario) {
		const scenarioFacilities = applyScenario(facilities, scenario, subdistricts);
		const scenarioResult = timed('scenarioCoverage', () => computeCoverage({ graph, prepared, facilities: scenarioFacilities, cells, cellSubdistrict, subdistricts, params: options.params }));
		scenarioRun = { file: options.scenario, scenario, facilities: scenarioFacilities, result: scenarioResult };
	}
	const network = result.network;
	const graphReport =
		graph && network ? describeGraph(graph, { cellSnap: network.prepared.cellSnap, cellPopulation: cells.pop, facilitySnap: network.facilitySnap, facilityIncluded: network.counted }) : null;

	try {
		mkdirSync(options.out, { recursive: true });
		writeFileSync(join(options.out, 'cells.csv'), cellsCsv(cells, result, facilities, cellSubdistrict, subdistricts));
		writeFileSync(join(options.out, 'subdistricts.csv'), subdistrictsCsv(result));
		const listed = [inputs.facilities, inputs.population, inputs.subdistricts, inputs.network].flatMap((input) => input?.listed ?? []);
		writeFileSync(join(options.out, 'summary.json'), summaryJson(options, inputs, result, graphReport, facilities, timingsMs, scenarioRun, writeProblems(options.out, listed)));
		if (scenarioRun) {
			writeFileSync(join(options.out, 'scenario-subdistricts.csv'), subdistrictsCsv(scenarioRun.result));
			writeFileSync(join(options.out, 'comparison.csv'), comparisonCsv([...compareAreas(result, scenarioRun.result), compareTotals(result, scenarioRun.result)]));
		}
	} catch (error) {
		throw new UsageError(`--out ${options.out}: cannot write (${(error as Error).message})`);
	}
	printReport(options, result, graphReport, scenarioRun);
}

function printReport(options: CliOptions, result: CoverageResult, graphReport: GraphReport | null, scenarioRun: ScenarioRun | null): void {
	const p = result.params;
	console.log(`mode ${p.mode}, ${p.thresholdMinutes} min, types ${p.facilityTypes.join(',')}, max snap ${p.maxSnapM} m; covered = minutes ≤ threshold`);
	if (result.approximate) console.log(`APPROXIMATION: no network — straight-line distance × ${p.detourFactor} detour ÷ speed`);
	if (graphReport) {
		console.log(
			`network: ${graphReport.nodes.toLocaleString('en-US')} nodes, ${graphReport.edges.toLocaleString('en-US')} edges, ${graphReport.streetKm.toFixed(1)} km, ` +
				`${counted(graphReport.components, 'component')}; residents in components without a facility: ${Math.round(graphReport.populationInComponentsWithoutFacility ?? 0)}, ` +
				`beyond ${p.maxSnapM} m of any street: ${Math.round(graphReport.populationBeyondSnap ?? 0)}`
		);
	}
	if (result.unsnappedFacilities.length > 0) console.log(`facilities farther than ${p.maxSnapM} m from the network (not counted): ${result.unsnappedFacilities.length}`);
	console.log('');
	if (scenarioRun) {
		const { scenario } = scenarioRun;
		console.log(`scenario "${scenario.name}" (${counted(scenario.edits.length, 'edit')}, ${scenarioRun.file}): baseline and scenario side by side`);
		if (scenarioRun.result.unsnappedFacilities.length > 0) console.log(`scenario facilities farther than ${p.maxSnapM} m from the network (not counted): ${scenarioRun.result.unsnappedFacilities.length}`);
		console.log(comparisonTable([...compareAreas(result, scenarioRun.result), compareTotals(result, scenarioRun.result)]));
		console.log('');
		console.log(`wrote ${join(options.out, 'cells.csv')} (baseline), subdistricts.csv (baseline), scenario-subdistricts.csv, comparison.csv, summary.json`);
		return;
	}
	console.log(coverageTable(result));
	console.log('');
	console.log(`wrote ${join(options.out, 'cells.csv')}, subdistricts.csv, summary.json`);
}

runCli(main);
