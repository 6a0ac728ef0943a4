/**
 * Standards indicators from the command line, with the same engine and SQL as the app:
 *
 *   npm run indicators -- --network FILE --facilities FILE --population FILE --subdistricts FILE
 *     [--mode walk|elderly|cycle] [--minutes 15] [--types centre,branch,station] [--max-snap 300]
 *     [--profile FILE] [--service-population administrative|catchment] [--statuses existing,...] --out DIR
 *
 * Steps: coverage run (the profile's coverage types and minutes unless --types / --minutes), a second
 * run for the nearest centre (catchment service population), E2SFCA for beds and centre m², then
 * everything into DuckDB and the indicator queries. Writes DIR/indicators.csv (one row per
 * sub-district), DIR/centres.csv (per-centre checks), DIR/indicators.json (district totals, profile,
 * parameters, method) and prints a table. Bad input: one line on stderr per problem, exit code 2.
 *
 * With --scenario FILE (a scenario exported by the app, for these inputs) the same steps run again
 * with the scenario's facilities: DIR/scenario-indicators.csv (the columns of indicators.csv),
 * DIR/comparison.csv (per sub-district and the district: baseline, scenario and change) and a
 * `scenario` section in indicators.json; indicators.csv and centres.csv stay the baseline's.
 */
import { e2sfcaByArea, type E2sfcaByArea } from '$lib/engine/e2sfca-areas';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoverageResult } from '$lib/engine/coverage';
import { describeE2sfca } from '$lib/engine/e2sfca';
import { CENTRE_COLUMNS, INDICATOR_COLUMNS, toCsv, type CsvColumn } from '$lib/engine/standards/indicator-csv';
import { shownPercent } from '$lib/engine/percent';
import { incompleteFacilityCount, RULE_IDS, rulesPassed, type AreaIndicators } from '$lib/engine/standards/indicators';
import type { Facility } from '$lib/engine/types';
import type { Scenario } from '$lib/io/scenario-file';
import { counted, readArgs, runCli, writeProblems, type ProblemsSummary } from './lib/cli-output';
import { formatTable, loadInputs, UsageError, type LoadedInputs } from './lib/load-inputs';
import {
	countedFacilities,
	countedOf,
	INDICATOR_ARG_OPTIONS,
	INDICATOR_USAGE,
	prepareEngineNetwork,
	queryIndicators,
	readIndicatorOptions,
	requiredOption,
	runEngine,
	type EngineNetwork,
	type IndicatorRows,
	type IndicatorRunOptions
} from './lib/indicator-run';
import { applyScenario, loadScenarioFile } from './lib/scenario-input';

const USAGE = `usage: npm run indicators -- ${INDICATOR_USAGE} --out DIR`;

interface CliOptions extends IndicatorRunOptions {
	out: string;
}

function readOptions(argv: string[]): CliOptions {
	const values = readArgs(argv, { ...INDICATOR_ARG_OPTIONS, out: { type: 'string' } }, USAGE);
	return { ...readIndicatorOptions(values), out: requiredOption(values, 'out') };
}

type E2sfcaColumns = E2sfcaByArea;

/** E2SFCA of beds and of centre m² over the profile's capacity facilities, as sub-district means. */
function runE2sfca(inputs: LoadedInputs, facilities: Facility[], options: CliOptions, nearestCentre: CoverageResult): E2sfcaColumns {
	return e2sfcaByArea({
		nearestCentre,
		facilities,
		cells: inputs.cells,
		cellSubdistrict: inputs.cellSubdistrict,
		subdistrictCount: inputs.subdistricts.length,
		capacityTypes: options.profile.capacityTypes,
		coverageParams: options.params
	});
}

type CsvRow = AreaIndicators & { e2sfcaBeds: number; e2sfcaAreaM2: number; e2sfcaIncompleteResidents: number };

const E2SFCA_COLUMNS: CsvColumn<CsvRow>[] = [
	{ header: 'e2sfca_beds_per_1000', value: (r) => (Number.isFinite(r.e2sfcaBeds) ? Number(r.e2sfcaBeds.toFixed(4)) : null) },
	{ header: 'e2sfca_area_m2_per_1000', value: (r) => (Number.isFinite(r.e2sfcaAreaM2) ? Number(r.e2sfcaAreaM2.toFixed(4)) : null) },
	{ header: 'e2sfca_incomplete_residents', value: (r) => Number(r.e2sfcaIncompleteResidents.toFixed(3)) }
];

/** A figure, or "incomplete data (n)" where unknown facilities leave it open. */
function shown(value: number | null, digits: number, unknown: number): string {
	if (value !== null) return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
	return unknown > 0 ? `incomplete data (${unknown})` : '—';
}

function mark(area: AreaIndicators, rule: (typeof RULE_IDS)[number], text: string): string {
	const outcome = area.rules[rule];
	if (outcome === 'fail') return `${text} ✗`;
	if (outcome === 'incomplete') return `${text} ?`;
	return text;
}

function indicatorTable(rows: AreaIndicators[], district: AreaIndicators): string {
	const toRow = (area: AreaIndicators, code: string): string[] => [
		code,
		area.name,
		`${Math.round(area.residents).toLocaleString('en-US')}${area.residentsSource === 'census' ? ' (census)' : area.residentsSource === 'mixed' ? ' (mixed)' : ''}`,
		mark(area, 'centreArea', shown(area.areaPerThousand, 1, area.areaUnknownCount)),
		mark(area, 'centreArea', shown(area.areaGapM2, 0, incompleteFacilityCount(area, 'centreArea'))),
		mark(area, 'bedsMin', shown(area.bedsPerThousand, 2, area.bedsUnknownCount)),
		mark(area, 'bedsMin', shown(area.bedsNeededMin, 0, area.bedsUnknownCount)),
		mark(area, 'stationArea', `${area.stationsUnderArea}/${area.stations}`),
		mark(area, 'coverage', area.coveragePct === null ? '—' : shownPercent(area.coveragePct, 1).toFixed(1)),
		area.uncoveredResidents === null ? '—' : Math.round(area.uncoveredResidents).toLocaleString('en-US'),
		area.status
	];
	return formatTable(
		['code', 'name', 'residents', 'm²/1000', 'area gap m²', 'beds/1000', 'beds to min', 'small stations', 'coverage %', 'not covered', 'status'],
		[...rows.map((row) => toRow(row, row.code)), toRow(district, 'DISTRICT')],
		[false, false, true, true, true, true, true, true, true, true, false]
	);
}

/** One side of a comparison: a facility list through the engine, E2SFCA and the indicator queries. */
async function indicatorsOf(inputs: LoadedInputs, facilities: Facility[], options: CliOptions, network: EngineNetwork) {
	const runs = runEngine(inputs, facilities, options, network);
	const e2sfca = runE2sfca(inputs, facilities, options, runs.nearestCentre);
	const indicators = await queryIndicators(inputs, facilities, options, runs);
	const indexByCode = new Map(inputs.subdistricts.map((s, index) => [s.code, index]));
	const csvRows: CsvRow[] = indicators.subdistricts.map((row) => {
		const index = indexByCode.get(row.code) ?? -1;
		return { ...row, e2sfcaBeds: e2sfca.beds[index] ?? Number.NaN, e2sfcaAreaM2: e2sfca.areaM2[index] ?? Number.NaN, e2sfcaIncompleteResidents: e2sfca.incompleteResidents[index] ?? 0 };
	});
	return { facilities, runs, e2sfca, indicators, csvRows };
}

/** Everything the indicators CLI computes, for it and for the report CLI (same numbers); `scenario` is null without --scenario. */
export async function computeIndicators(argv: string[]) {
	const options = readOptions(argv);
	const inputs = loadInputs(options);
	// Checked before the long computation: a wrong scenario file fails at once.
	const scenario = options.scenario ? loadScenarioFile(options.scenario, inputs) : null;
	const network = prepareEngineNetwork(inputs, options);
	const baseline = await indicatorsOf(inputs, countedFacilities(inputs, options), options, network);
	const scenarioFacilities = scenario ? countedOf(applyScenario(inputs.facilities, scenario, inputs.subdistricts), options) : null;
	const scenarioSide = scenario && scenarioFacilities ? { file: options.scenario!, scenario, ...(await indicatorsOf(inputs, scenarioFacilities, options, network)) } : null;
	return { options, inputs, ...baseline, scenario: scenarioSide };
}

/** One area (a sub-district, or the district with code DISTRICT) before and after the scenario. */
interface IndicatorComparison {
	code: string;
	name: string;
	baseline: AreaIndicators;
	scenario: AreaIndicators;
}

function compareIndicators(baseline: IndicatorRows, scenario: IndicatorRows): IndicatorComparison[] {
	const scenarioByCode = new Map(scenario.subdistricts.map((row) => [row.code, row]));
	const rows = baseline.subdistricts.flatMap((row) => {
		const after = scenarioByCode.get(row.code);
		return after ? [{ code: row.code, name: row.name, baseline: row, scenario: after }] : [];
	});
	return [...rows, { code: 'DISTRICT', name: baseline.district.name, baseline: baseline.district, scenario: scenario.district }];
}

/**
 * Figures rounded as in indicators.csv, kept numbers (text cells only are neutralised against formulas,
 * so a negative change must stay a number); the change is after minus before, '' where either side is unknown.
 */
function triple(header: string, decimals: number, figure: (area: AreaIndicators) => number | null): CsvColumn<IndicatorComparison>[] {
	const text = (value: number | null) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(decimals)));
	const change = (row: IndicatorComparison) => {
		const before = figure(row.baseline);
		const after = figure(row.scenario);
		return before === null || after === null ? null : after - before;
	};
	return [
		{ header: `${header}_baseline`, value: (row) => text(figure(row.baseline)) },
		{ header: `${header}_scenario`, value: (row) => text(figure(row.scenario)) },
		{ header: `${header}_delta`, value: (row) => text(change(row)) }
	];
}

const COMPARISON_COLUMNS: CsvColumn<IndicatorComparison>[] = [
	{ header: 'code', value: (row) => row.code },
	{ header: 'name', value: (row) => row.name },
	{ header: 'residents', value: (row) => Number(row.baseline.residents.toFixed(3)) },
	...triple('covered_residents', 3, (area) => area.coveredResidents),
	...triple('coverage_pct', 3, (area) => shownPercent(area.coveragePct, 3)),
	...triple('area_m2_per_1000', 4, (area) => area.areaPerThousand),
	...triple('beds_per_1000', 4, (area) => area.bedsPerThousand),
	{ header: 'rules_passed_baseline', value: (row) => rulesPassed(row.baseline) },
	{ header: 'rules_passed_scenario', value: (row) => rulesPassed(row.scenario) },
	{ header: 'failed_rules_baseline', value: (row) => row.baseline.failedRules },
	{ header: 'failed_rules_scenario', value: (row) => row.scenario.failedRules }
];

/** Signed change for the terminal; '—' where unknown. */
function change(before: number | null, after: number | null, digits: number): string {
	if (before === null || after === null) return '—';
	const delta = after - before;
	const text = Math.abs(delta).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
	if (Number(text.replaceAll(',', '')) === 0) return text;
	return delta > 0 ? `+${text}` : `-${text}`;
}

function comparisonTable(rows: IndicatorComparison[]): string {
	const toRow = ({ code, name, baseline, scenario }: IndicatorComparison): string[] => [
		code,
		name,
		change(baseline.coveredResidents, scenario.coveredResidents, 0),
		change(baseline.coveragePct, scenario.coveragePct, 1),
		change(baseline.areaPerThousand, scenario.areaPerThousand, 1),
		change(baseline.bedsPerThousand, scenario.bedsPerThousand, 2),
		`${rulesPassed(baseline)} → ${rulesPassed(scenario)}`
	];
	return formatTable(['code', 'name', 'Δ covered', 'Δ coverage points', 'Δ m²/1000', 'Δ beds/1000', 'rules passed'], rows.map(toRow), [false, false, true, true, true, true, true]);
}

type ScenarioSide = NonNullable<Awaited<ReturnType<typeof computeIndicators>>['scenario']>;

function scenarioSummary(side: ScenarioSide) {
	const { scenario } = side;
	return { file: side.file, id: scenario.id, name: scenario.name, edits: scenario.edits.length, facilitiesCounted: side.facilities.length, district: side.indicators.district };
}

function describeScenario(side: { file: string; scenario: Scenario }): string {
	return `scenario "${side.scenario.name}" (${counted(side.scenario.edits.length, 'edit')}, ${side.file})`;
}

async function main(): Promise<void> {
	const { options, inputs, runs, e2sfca, indicators, csvRows, scenario } = await computeIndicators(process.argv.slice(2));
	const { rules } = options.profile;
	const summary = {
		profile: options.profile,
		profileFile: options.profileFile,
		coverage: { ...runs.coverage.params, searchLimitMinutes: runs.coverage.searchLimitMinutes, approximate: runs.coverage.approximate, coveredMeans: 'minutes <= thresholdMinutes (inclusive), share of cell residents' },
		residents: 'census population of the sub-district when given, else the sum of its population cells (residents_source)',
		servicePopulation: {
			definition: options.servicePopulation,
			administrative: 'residents of the centre\u2019s sub-district',
			catchment: `residents of cells whose nearest facility of types ${options.profile.capacityTypes.join(', ')} (by ${runs.nearestCentre.approximate ? 'straight line, approximate' : 'network time'}, no time limit) is the centre or one of its branches`
		},
		columns: {
			beds_needed_min: `whole beds to reach ${rules.bedsPerThousandMin.value} per 1,000 residents`,
			beds_needed_target: `whole beds to reach ${rules.bedsPerThousandTarget.value} per 1,000 residents`,
			required_area_m2: rules.centreAreaMinimum.enabled
				? `max(${rules.centreAreaMinimum.value}, ${rules.centreAreaPerThousand.value} × residents ÷ 1,000) below ${rules.centreAreaMinimum.belowPopulation} residents, else ${rules.centreAreaPerThousand.value} × residents ÷ 1,000`
				: `${rules.centreAreaPerThousand.value} × residents ÷ 1,000`
		},
		e2sfca: { method: describeE2sfca(e2sfca.params), params: e2sfca.params, approximate: e2sfca.approximate, aggregation: 'population-weighted mean over the sub-district\u2019s cells', supplyFacilityTypes: options.profile.capacityTypes },
		district: indicators.district,
		statusesCounted: options.statuses ?? 'all',
		problems: null as ProblemsSummary | null,
		...(scenario ? { scenario: scenarioSummary(scenario) } : {})
	};
	try {
		mkdirSync(options.out, { recursive: true });
		summary.problems = writeProblems(options.out, inputs.problems);
		writeFileSync(join(options.out, 'indicators.csv'), toCsv<CsvRow>([...INDICATOR_COLUMNS, ...E2SFCA_COLUMNS], csvRows));
		writeFileSync(join(options.out, 'centres.csv'), toCsv(CENTRE_COLUMNS, indicators.centres));
		writeFileSync(join(options.out, 'indicators.json'), JSON.stringify(summary, null, 2) + '\n');
		if (scenario) {
			writeFileSync(join(options.out, 'scenario-indicators.csv'), toCsv<CsvRow>([...INDICATOR_COLUMNS, ...E2SFCA_COLUMNS], scenario.csvRows));
			writeFileSync(join(options.out, 'comparison.csv'), toCsv(COMPARISON_COLUMNS, compareIndicators(indicators, scenario.indicators)));
		}
	} catch (error) {
		throw new UsageError(`--out ${options.out}: cannot write (${(error as Error).message})`);
	}
	const p = runs.coverage.params;
	console.log(`profile: ${options.profile.name.en} (${options.profile.id}); service population: ${options.servicePopulation}`);
	console.log(`coverage: ${p.mode}, ${p.thresholdMinutes} min, types ${p.facilityTypes.join(',')}${runs.coverage.approximate ? ' — APPROXIMATION: no network, straight line × detour' : ''}`);
	console.log(`capacity-aware access: ${describeE2sfca(e2sfca.params)}${e2sfca.approximate ? ' — APPROXIMATION: straight-line travel times' : ''}; population-weighted mean per sub-district`);
	console.log('');
	console.log(indicatorTable(indicators.subdistricts, indicators.district));
	console.log('');
	console.log('✗ fails the rule, ? incomplete data (facilities with unknown area or beds), — not applicable');
	if (scenario) {
		console.log('');
		console.log(`${describeScenario(scenario)}: change from the baseline above`);
		console.log(comparisonTable(compareIndicators(indicators, scenario.indicators)));
		console.log('');
		console.log(`wrote ${join(options.out, 'indicators.csv')} (baseline), centres.csv (baseline), scenario-indicators.csv, comparison.csv, indicators.json`);
		return;
	}
	console.log(`wrote ${join(options.out, 'indicators.csv')}, centres.csv, indicators.json`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	runCli(main);
}
