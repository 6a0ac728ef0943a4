/**
 * Formula injection (OWASP "CSV injection"): names a planner imports that start with =, +, -, @, tab
 * or CR go through every spreadsheet the app and the CLI write, and each is read back: the cell is
 * text that starts with an apostrophe, never a formula; numeric cells stay numbers (a negative change
 * included). Writers: the report's CSV and XLSX (app and `npm run report`), `npm run coverage`
 * (cells.csv, subdistricts.csv, comparison.csv), `npm run indicators` (indicators.csv, centres.csv,
 * comparison.csv, through indicator-csv.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula } from '$lib/engine/spreadsheet-text';

const DEMO = 'static/data/demo';
/** Hostile names, one per sub-district / centre, and what each must read back as. */
const HOSTILE = ['=HYPERLINK("http://example.invalid","x")', '+1', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1'];
const dir = mkdtempSync(join(tmpdir(), 'formula-injection-'));
const inputDir = join(dir, 'in');
const run = (script: string, args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'pipe' }).toString();
const readCsv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;

/** True for text a spreadsheet would evaluate: what must never reach a cell. */
const startsFormula = (text: string) => /^[=+\-@\t\r]/.test(text);

function expectNeutralised(values: readonly string[], label: string): void {
	const hostile = values.filter((value) => HOSTILE.some((name) => value.includes(name.trim())));
	expect(hostile.length, `${label}: the hostile names are in the output`).toBeGreaterThan(0);
	for (const value of values) expect(startsFormula(value), `${label}: ${JSON.stringify(value)}`).toBe(false);
	// The importers trim names, so a leading tab or CR may arrive trimmed: either way neutralised.
	for (const name of HOSTILE) expect(values.includes(`'${name}`) || values.includes(`'${name.trim()}`), `${label}: ${JSON.stringify(name)}`).toBe(true);
}

const INPUTS = () => ['--network', join(inputDir, 'network.geojson'), '--facilities', join(inputDir, 'facilities.csv'), '--population', join(inputDir, 'population.csv'), '--subdistricts', join(inputDir, 'subdistricts.geojson')];

beforeAll(() => {
	mkdirSync(inputDir);
	for (const file of ['network.geojson', 'population.csv']) copyFileSync(join(DEMO, file), join(inputDir, file));
	const areas = JSON.parse(readFileSync(join(DEMO, 'subdistricts.geojson'), 'utf8')) as { features: { properties: Record<string, string> }[] };
	areas.features.forEach((feature, index) => {
		if (index < HOSTILE.length) feature.properties.name = feature.properties.name_en = HOSTILE[index];
	});
	writeFileSync(join(inputDir, 'subdistricts.geojson'), JSON.stringify(areas));
	const facilities = Papa.parse<Record<string, string>>(readFileSync(join(DEMO, 'facilities.csv'), 'utf8'), { header: true, skipEmptyLines: true });
	let centres = 0;
	for (const row of facilities.data) if (row.type === 'centre' && centres < HOSTILE.length) row.name = HOSTILE[centres++];
	writeFileSync(join(inputDir, 'facilities.csv'), Papa.unparse(facilities.data, { columns: facilities.meta.fields }));
	// A scenario that closes a centre, so the comparison files have negative changes.
	// Names are not in the dataset fingerprint: the demo's fits the renamed copy.
	const demoScenario = JSON.parse(readFileSync('tests/fixtures/scenario/demo-scenario.json', 'utf8')) as { scenario: { name: string; edits: unknown[] } };
	const scenario = { ...demoScenario, scenario: { ...demoScenario.scenario, name: '=1+1 close C01', edits: [{ kind: 'close', id: 'C01' }] } };
	writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
});

describe('the one neutraliser', () => {
	it('prefixes text that starts a formula, leaves other text and every number alone', () => {
		for (const name of HOSTILE) expect(neutraliseFormula(name)).toBe(`'${name}`);
		for (const text of ['静安寺街道', 'A=B', ' =1', '—', '']) expect(neutraliseFormula(text)).toBe(text);
		expect(csvField(-12.5)).toBe('-12.5');
		expect(csvField('-12.5')).toBe("'-12.5");
		expect(Papa.parse<string[]>(csvField('=A1,"B"')).data[0]).toEqual([`'=A1,"B"`]);
	});
});

describe('npm run report: CSV and XLSX', () => {
	it('the CSV has every hostile sub-district name as apostrophe text, numbers as numbers', () => {
		const out = join(dir, 'report.csv');
		run('scripts/report.ts', [...INPUTS(), '--lang', 'en', '--out', out]);
		const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true, comments: '#' }).data;
		expectNeutralised(rows.slice(1).map((row) => row[2]), 'report.csv names');
		const residents = rows[0].indexOf('Residents (persons)');
		for (const row of rows.slice(1)) expect(row[residents]).toMatch(/^\d+$/);
	});

	it('the XLSX cells are text starting with an apostrophe, never formulas; numbers stay numbers', async () => {
		const out = join(dir, 'report.xlsx');
		run('scripts/report.ts', [...INPUTS(), '--lang', 'zh-CN', '--scenario', join(dir, 'scenario.json'), '--out', out]);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
		let numbers = 0;
		let negatives = 0;
		const texts: string[] = [];
		workbook.eachSheet((sheet) =>
			sheet.eachRow((row) =>
				row.eachCell((cell) => {
					expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
					if (typeof cell.value === 'number') {
						numbers++;
						if (cell.value < 0) negatives++;
					} else if (typeof cell.value === 'string') texts.push(cell.value);
				})
			)
		);
		expectNeutralised(texts, 'report.xlsx');
		expect(numbers).toBeGreaterThan(100);
		// Closing a centre leaves changes below zero in the comparison sheet: still numbers.
		expect(negatives).toBeGreaterThan(0);
	});
});

describe('npm run coverage and npm run indicators', () => {
	it('coverage: subdistricts.csv and comparison.csv neutralise names; numbers stay plain', () => {
		run('scripts/coverage.ts', [...INPUTS(), '--scenario', join(dir, 'scenario.json'), '--out', join(dir, 'coverage')]);
		for (const file of ['subdistricts.csv', 'scenario-subdistricts.csv', 'comparison.csv']) {
			const rows = readCsv(join(dir, 'coverage', file));
			expectNeutralised(rows.map((row) => row.name), file);
			for (const row of rows) expect(row.population, file).toMatch(/^\d+(\.\d+)?$/);
		}
		const deltas = readCsv(join(dir, 'coverage', 'comparison.csv')).map((row) => row.covered_delta);
		expect(deltas.some((value) => /^-\d/.test(value))).toBe(true);
	});

	it('indicators: indicators.csv, centres.csv and comparison.csv neutralise names; numbers stay plain', () => {
		run('scripts/indicators.ts', [...INPUTS(), '--scenario', join(dir, 'scenario.json'), '--out', join(dir, 'indicators')]);
		const indicators = readCsv(join(dir, 'indicators', 'indicators.csv'));
		expectNeutralised(indicators.map((row) => row.name), 'indicators.csv name');
		expectNeutralised(indicators.map((row) => row.name_en), 'indicators.csv name_en');
		for (const row of indicators) expect(row.residents).toMatch(/^\d+(\.\d+)?$/);
		expectNeutralised(readCsv(join(dir, 'indicators', 'centres.csv')).map((row) => row.name), 'centres.csv');
		const comparison = readCsv(join(dir, 'indicators', 'comparison.csv'));
		expectNeutralised(comparison.map((row) => row.name), 'indicators comparison.csv');
		expect(Object.values(comparison.find((row) => row.name === "'=HYPERLINK(\"http://example.invalid\",\"x\")") ?? {}).some((value) => /^-\d/.test(value))).toBe(true);
	});
});
