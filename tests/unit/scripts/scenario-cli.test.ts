/**
 * `--scenario FILE` in the command-line tools, end to end on the demo with a small scenario (a station
 * added where coverage is low, one closed, one moved, a centre enlarged): the side-by-side numbers
 * agree with the engine run here directly on applyEdits' facility list, and a file for other data is
 * one line on stderr with exit code 2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage, prepareNetwork, type CoverageResult } from '$lib/engine/coverage';
import { buildWalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/params';
import { subdistrictAssigner } from '$lib/engine/point-in-polygon';
import { applyEdits } from '$lib/engine/scenario/edits';
import { parseScenarioFile, type Scenario } from '$lib/io/scenario-file';
import { loadInputs, type LoadedInputs } from '../../../scripts/lib/load-inputs';

const DEMO = 'static/data/demo';
const SCENARIO = 'tests/fixtures/scenario/demo-scenario.json';
const OTHER = 'tests/fixtures/scenario/other-dataset.json';
const INPUTS = ['--network', `${DEMO}/network.geojson`, '--facilities', `${DEMO}/facilities.csv`, '--population', `${DEMO}/population.csv`, '--subdistricts', `${DEMO}/subdistricts.geojson`];
const run = (script: string, args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'pipe' }).toString();
const readCsv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
const byCode = (rows: Record<string, string>[]) => new Map(rows.map((row) => [row.code, row]));

const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
let inputs: LoadedInputs;
let scenario: Scenario;
let baseline: CoverageResult;
let withScenario: CoverageResult;
let coverageStdout: string;

/** The scenario computed here, not by the CLI: applyEdits with a point-in-polygon assigner, then computeCoverage. */
beforeAll(() => {
	inputs = loadInputs({ network: `${DEMO}/network.geojson`, facilities: `${DEMO}/facilities.csv`, population: `${DEMO}/population.csv`, subdistricts: `${DEMO}/subdistricts.geojson` });
	const parsed = parseScenarioFile(readFileSync(SCENARIO, 'utf8'), inputs);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
	scenario = parsed.scenario;
	const facilities = applyEdits(inputs.facilities, scenario.edits, subdistrictAssigner(inputs.subdistricts));
	expect(facilities.find((facility) => facility.id === 'P01')?.subdistrict).toBe('pengpuzhen');
	const graph = buildWalkGraph(inputs.network!);
	const params = { ...DEFAULT_COVERAGE_PARAMS, searchLimitMinutes: Infinity };
	const common = { graph, prepared: prepareNetwork(graph, inputs.cells, params.maxSnapM), cells: inputs.cells, cellSubdistrict: inputs.cellSubdistrict, subdistricts: inputs.subdistricts, params };
	baseline = computeCoverage({ ...common, facilities: inputs.facilities });
	withScenario = computeCoverage({ ...common, facilities });
	coverageStdout = run('scripts/coverage.ts', [...INPUTS, '--scenario', SCENARIO, '--out', join(dir, 'coverage')]);
});

describe('npm run coverage -- --scenario', () => {
	it('writes comparison.csv whose baseline, scenario and change agree with the engine run directly', () => {
		const csv = readCsv(join(dir, 'coverage', 'comparison.csv'));
		expect(csv.meta.fields).toEqual(['code', 'name', 'population', 'covered_baseline', 'covered_scenario', 'covered_delta', 'coverage_pct_baseline', 'coverage_pct_scenario', 'coverage_pct_delta']);
		const rows = byCode(csv.data);
		expect(rows.size).toBe(inputs.subdistricts.length + 1);
		const areas = [...baseline.bySubdistrict.map((area, index) => [area, withScenario.bySubdistrict[index]] as const), [baseline.total, withScenario.total] as const];
		for (const [before, after] of areas) {
			const row = rows.get(before.code === '' ? 'TOTAL' : before.code)!;
			expect(row, before.code).toBeDefined();
			expect(Number(row.population)).toBeCloseTo(before.residents, 1);
			expect(Number(row.covered_baseline)).toBeCloseTo(before.coveredResidents, 1);
			expect(Number(row.covered_scenario)).toBeCloseTo(after.coveredResidents, 1);
			expect(Number(row.covered_delta)).toBeCloseTo(after.coveredResidents - before.coveredResidents, 1);
			expect(Number(row.coverage_pct_baseline)).toBeCloseTo(before.coveragePct!, 2);
			expect(Number(row.coverage_pct_scenario)).toBeCloseTo(after.coveragePct!, 2);
			expect(Number(row.coverage_pct_delta)).toBeCloseTo(after.coveragePct! - before.coveragePct!, 2);
		}
		// The scenario really changes things both ways: the new station covers, the closed one uncovers.
		expect(Number(rows.get('pengpuzhen')!.covered_delta)).toBeGreaterThan(10_000);
		expect(Number(rows.get('linfenlu')!.covered_delta)).toBeLessThan(-1_000);
	});

	it('keeps subdistricts.csv the baseline, in its format, and writes the scenario\'s in the same columns', () => {
		const base = readCsv(join(dir, 'coverage', 'subdistricts.csv'));
		const after = readCsv(join(dir, 'coverage', 'scenario-subdistricts.csv'));
		expect(base.meta.fields).toEqual(['code', 'name', 'population', 'covered', 'coverage_pct', 'unreachable']);
		expect(after.meta.fields).toEqual(base.meta.fields);
		const baseRows = byCode(base.data);
		const afterRows = byCode(after.data);
		baseline.bySubdistrict.forEach((area, index) => {
			expect(Number(baseRows.get(area.code)!.covered)).toBeCloseTo(area.coveredResidents, 1);
			expect(Number(afterRows.get(area.code)!.covered)).toBeCloseTo(withScenario.bySubdistrict[index].coveredResidents, 1);
		});
	});

	it('adds a scenario section to summary.json and prints the table side by side', () => {
		const summary = JSON.parse(readFileSync(join(dir, 'coverage', 'summary.json'), 'utf8'));
		expect(summary.totals.coveredResidents).toBeCloseTo(baseline.total.coveredResidents, 3);
		expect(summary.scenario).toMatchObject({ file: SCENARIO, id: scenario.id, name: scenario.name, edits: 4, editsByKind: { add: 1, move: 1, update: 1, close: 1 } });
		expect(summary.scenario.totals.coveredResidents).toBeCloseTo(withScenario.total.coveredResidents, 3);
		expect(summary.scenario.change.coveredResidents).toBeCloseTo(withScenario.total.coveredResidents - baseline.total.coveredResidents, 3);
		expect(coverageStdout).toContain('baseline %');
		expect(coverageStdout).toContain('Δ points');
		const pengpu = coverageStdout.split('\n').find((line) => line.startsWith('pengpuzhen'))!;
		expect(pengpu).toContain(`+${Math.round(withScenario.bySubdistrict.find((a) => a.code === 'pengpuzhen')!.coveredResidents - baseline.bySubdistrict.find((a) => a.code === 'pengpuzhen')!.coveredResidents).toLocaleString('en-US')}`);
	});
});

describe('npm run indicators -- --scenario', () => {
	let comparison: Map<string, Record<string, string>>;
	let before: Map<string, Record<string, string>>;
	let after: Map<string, Record<string, string>>;
	beforeAll(() => {
		run('scripts/indicators.ts', [...INPUTS, '--scenario', SCENARIO, '--out', join(dir, 'indicators')]);
		comparison = byCode(readCsv(join(dir, 'indicators', 'comparison.csv')).data);
		before = byCode(readCsv(join(dir, 'indicators', 'indicators.csv')).data);
		after = byCode(readCsv(join(dir, 'indicators', 'scenario-indicators.csv')).data);
		// A CLI run in a child process (tsx + DuckDB): its ceiling is the suite's hookTimeout (vite.config.ts).
	});

	it('writes the scenario\'s indicators in the columns of indicators.csv', () => {
		expect(Object.keys(after.values().next().value!)).toEqual(Object.keys(before.values().next().value!));
		expect(after.size).toBe(before.size);
	});

	it('compares per sub-district and for the district: covered, coverage points, m² and beds per 1,000, rules passed', () => {
		expect(comparison.size).toBe(inputs.subdistricts.length + 1);
		for (const [code, row] of comparison) {
			if (code === 'DISTRICT') continue;
			const b = before.get(code)!;
			const a = after.get(code)!;
			for (const [column, source] of [['covered_residents', 'covered_residents'], ['coverage_pct', 'coverage_pct'], ['area_m2_per_1000', 'area_m2_per_1000'], ['beds_per_1000', 'beds_per_1000']]) {
				expect(row[`${column}_baseline`], `${code} ${column}`).toBe(b[source]);
				expect(row[`${column}_scenario`], `${code} ${column}`).toBe(a[source]);
				if (b[source] !== '' && a[source] !== '') expect(Number(row[`${column}_delta`])).toBeCloseTo(Number(a[source]) - Number(b[source]), 2);
			}
			const passed = (r: Record<string, string>) => Object.entries(r).filter(([key, value]) => key.startsWith('rule_') && value === 'pass').length;
			expect(Number(row.rules_passed_baseline), code).toBe(passed(b));
			expect(Number(row.rules_passed_scenario), code).toBe(passed(a));
		}
		// Coverage changes are those of the direct engine run (the profile counts the same facility types here).
		for (const area of baseline.bySubdistrict) {
			const scenarioArea = withScenario.bySubdistrict.find((candidate) => candidate.code === area.code)!;
			expect(Number(comparison.get(area.code)!.covered_residents_delta), area.code).toBeCloseTo(scenarioArea.coveredResidents - area.coveredResidents, 2);
		}
		expect(Number(comparison.get('DISTRICT')!.covered_residents_delta)).toBeCloseTo(withScenario.total.coveredResidents - baseline.total.coveredResidents, 2);
	});

	it('counts the enlarged centre: m² and beds per 1,000 of its sub-district rise by the change over its residents', () => {
		const centre = inputs.facilities.find((facility) => facility.id === 'C02')!;
		const row = comparison.get(centre.subdistrict)!;
		const residents = Number(row.residents);
		expect(Number(row.area_m2_per_1000_delta)).toBeCloseTo(((4200 - centre.areaM2!) / residents) * 1000, 3);
		expect(Number(row.beds_per_1000_delta)).toBeCloseTo(((45 - centre.beds!) / residents) * 1000, 3);
		const indicators = JSON.parse(readFileSync(join(dir, 'indicators', 'indicators.json'), 'utf8'));
		expect(indicators.scenario).toMatchObject({ id: scenario.id, edits: 4 });
	});
});

describe('npm run report -- --scenario', () => {
	it('puts the baseline-vs-scenario sheet in the XLSX, with the coverage the engine gives directly', async () => {
		const out = join(dir, 'report.xlsx');
		run('scripts/report.ts', [...INPUTS, '--scenario', SCENARIO, '--format', 'xlsx', '--lang', 'en', '--out', out]);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Scenario');
		expect(sheet).toBeDefined();
		const headers = (sheet!.getRow(1).values as unknown[]).slice(1).map(String);
		const column = (header: string) => headers.indexOf(header) + 1;
		const expected = new Map(inputs.subdistricts.map((area, index) => [area.code, [baseline.bySubdistrict[index].coveragePct, withScenario.bySubdistrict[index].coveragePct]]));
		let checked = 0;
		sheet!.eachRow((row, number) => {
			const want = expected.get(String(row.getCell(column('Code')).value ?? ''));
			if (number === 1 || !want) return;
			expect(Number(row.getCell(column('Coverage (%), baseline')).value)).toBeCloseTo(want[0]!, 1);
			expect(Number(row.getCell(column('Coverage (%), scenario')).value)).toBeCloseTo(want[1]!, 1);
			checked++;
		});
		expect(checked).toBe(14);
	});
});

describe('refused scenario files', () => {
	const refuse = (script: string, file: string) => spawnSync(process.execPath, ['--import', 'tsx', script, ...INPUTS, '--scenario', file, '--out', join(dir, 'refused')], { encoding: 'utf8' });

	it.each(['scripts/coverage.ts', 'scripts/indicators.ts'])('%s: a file for other data is one line and exit code 2', (script) => {
		const result = refuse(script, OTHER);
		expect(result.status).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^error: --scenario .*other-dataset\.json: refused, made for other data \("普陀区规划数据"\)/);
	});

	it('a damaged or missing file is one line naming it, exit code 2', () => {
		const damaged = join(dir, 'damaged.json');
		const object = JSON.parse(readFileSync(SCENARIO, 'utf8'));
		object.scenario.edits[1] = { kind: 'close', id: 'NOPE' };
		object.scenario.edits[2].lon = 'east';
		writeFileSync(damaged, JSON.stringify(object));
		const result = refuse('scripts/coverage.ts', damaged);
		expect(result.status).toBe(2);
		expect(result.stderr.trim()).toBe(`error: --scenario ${damaged}: refused, edit 3: "lon" is missing or has a wrong value`);
		const missing = refuse('scripts/coverage.ts', join(dir, 'none.json'));
		expect(missing.status).toBe(2);
		expect(missing.stderr.trim()).toMatch(/^error: --scenario .*none\.json: no such file$/);
	});
});
