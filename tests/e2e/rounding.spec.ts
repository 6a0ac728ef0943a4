import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { test, expect, openApp, downloadExport as download, importThroughDialog } from './fixtures';

/**
 * One figure reads the same in every tab and export at a rounding edge: a population file in which one
 * sub-district is 99.97 % covered (99,970 of 100,000 residents) and another 0.001 % (1 of 100,000).
 * Rounded naively these would read 100.0 % and 0.0 %; the one rounding rule (engine/percent.ts) shows
 * 99.9 % and 0.1 % in the overview, the standards table, the CSV and the XLSX.
 */
const DEMO = 'static/data/demo';
const INPUTS = ['--network', `${DEMO}/network.geojson`, '--facilities', `${DEMO}/facilities.csv`, '--subdistricts', `${DEMO}/subdistricts.geojson`];

interface CliCell {
	lon: string;
	lat: string;
	pop: string;
	subdistrict: string;
	covered: string;
}

/** The demo's cells with the CLI's verdict (covered within 15 minutes or not), to choose where the residents go. */
function demoCells(dir: string): CliCell[] {
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/coverage.ts', ...INPUTS, '--population', `${DEMO}/population.csv`, '--out', join(dir, 'demo')], { stdio: 'pipe' });
	return Papa.parse<CliCell>(readFileSync(join(dir, 'demo', 'cells.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** Two sub-districts that have both covered and uncovered cells get the edge populations; every other cell stays. */
function edgePopulation(cells: CliCell[]): { csv: string; high: string; low: string } {
	const mixed = [...new Set(cells.map((cell) => cell.subdistrict))].filter(
		(code) => code && cells.some((cell) => cell.subdistrict === code && cell.covered === '1') && cells.some((cell) => cell.subdistrict === code && cell.covered === '0')
	);
	expect(mixed.length, 'sub-districts with covered and uncovered cells').toBeGreaterThanOrEqual(2);
	const [high, low] = mixed;
	const residents: Record<string, { covered: number; uncovered: number }> = { [high]: { covered: 99_970, uncovered: 30 }, [low]: { covered: 1, uncovered: 99_999 } };
	const rows = ['lon,lat,pop'];
	for (const code of [high, low]) {
		const covered = cells.find((cell) => cell.subdistrict === code && cell.covered === '1')!;
		const uncovered = cells.find((cell) => cell.subdistrict === code && cell.covered === '0')!;
		rows.push(`${covered.lon},${covered.lat},${residents[code].covered}`, `${uncovered.lon},${uncovered.lat},${residents[code].uncovered}`);
	}
	for (const cell of cells) if (cell.subdistrict !== high && cell.subdistrict !== low) rows.push(`${cell.lon},${cell.lat},${cell.pop}`);
	return { csv: rows.join('\n') + '\n', high, low };
}

test('a coverage of 99.97 % and 0.001 % reads 99.9 % and 0.1 % in the overview, the standards table, the CSV and the XLSX', async ({ page }) => {
	test.setTimeout(240_000);
	const dir = mkdtempSync(join(tmpdir(), 'rounding-'));
	const { csv, high, low } = edgePopulation(demoCells(dir));
	const populationPath = join(dir, 'population-rounding-edge.csv');
	writeFileSync(populationPath, csv);
	// The CLI, an independent run of the engine, agrees the edge values are what the file was made for.
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/coverage.ts', ...INPUTS, '--population', populationPath, '--out', join(dir, 'edge')], { stdio: 'pipe' });
	const edge = Papa.parse<{ code: string; population: string; covered: string }>(readFileSync(join(dir, 'edge', 'subdistricts.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
	for (const [code, covered] of [[high, 99_970], [low, 1]] as const) {
		const area = edge.find((row) => row.code === code);
		expect(Number(area?.population)).toBe(100_000);
		expect(Number(area?.covered)).toBe(covered);
	}

	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'en');
	});
	await openApp(page);
	await importThroughDialog(page, 'population', populationPath);

	const overviewCell = (code: string) => page.locator(`[data-testid="subdistrict-table"] tr[data-code="${code}"] td[data-column="coveragePct"]`);
	await expect(overviewCell(high)).toHaveText('99.9%');
	await expect(overviewCell(low)).toHaveText('0.1%');

	await page.getByTestId('tab-standards').click();
	const standardsCell = (code: string) => page.locator(`[data-testid="standards-indicator-table"] tr[data-code="${code}"] td[data-column="coveragePct"]`);
	await expect(standardsCell(high)).toHaveText('99.9%');
	await expect(standardsCell(low)).toHaveText('0.1%');

	await expect(page.getByTestId('export-csv')).toBeEnabled({ timeout: 60_000 });
	const parsed = Papa.parse<Record<string, string>>((await download(page, 'csv')).toString('utf8').slice(1), { header: true, skipEmptyLines: true, comments: '#' });
	const coverageHeader = parsed.meta.fields?.find((field) => /coverage \(%\)$/.test(field));
	expect(coverageHeader).toBeDefined();
	const csvValue = (code: string) => parsed.data.find((row) => row.Code === code)?.[coverageHeader!];
	expect(csvValue(high)).toBe('99.9');
	expect(csvValue(low)).toBe('0.1');

	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await download(page, 'xlsx')) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('Sub-districts')!;
	const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
	const codeColumn = headers.indexOf('Code') + 1;
	const coverageColumn = headers.indexOf(coverageHeader!) + 1;
	expect(codeColumn).toBeGreaterThan(0);
	expect(coverageColumn).toBeGreaterThan(0);
	const xlsxValue = (code: string) => {
		let value: unknown;
		sheet.eachRow((row) => {
			if (String(row.getCell(codeColumn).value) === code) value = row.getCell(coverageColumn).value;
		});
		return value;
	};
	expect(xlsxValue(high)).toBe(99.9);
	expect(xlsxValue(low)).toBe(0.1);
});
