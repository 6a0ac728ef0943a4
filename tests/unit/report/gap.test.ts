/**
 * `npm run report` end to end: the CSV, GeoJSON and XLSX it writes hold the same numbers as
 * `npm run indicators` (whose figures the e2e test compares with the app), and bad input is one
 * line on stderr with exit code 2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, message } from './fixtures';

const INPUTS = ['--network', `${DEMO}/network.geojson`, '--facilities', `${DEMO}/facilities.csv`, '--population', `${DEMO}/population.csv`, '--subdistricts', `${DEMO}/subdistricts.geojson`];
const run = (script: string, args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'pipe' });
const parseCsv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
let indicators: Map<string, Record<string, string>>;
beforeAll(() => {
	run('scripts/indicators.ts', [...INPUTS, '--out', dir]);
	indicators = new Map(parseCsv(readFileSync(join(dir, 'indicators.csv'), 'utf8')).map((row) => [row.code, row]));
});

describe('npm run report', () => {
	it('writes a CSV with a BOM whose numbers are the indicators CLI\'s, ranked, with the district total last', () => {
		const stdout = run('scripts/report.ts', [...INPUTS, '--format', 'csv', '--lang', 'en', '--out', join(dir, 'report.csv')]).toString();
		expect(stdout).toContain('14 sub-districts');
		const bytes = readFileSync(join(dir, 'report.csv'));
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		// The report's CSV says what it was made from in `#` lines above its header (Papa Parse: comments '#').
		const text = bytes.toString('utf8').slice(1);
		expect(text.split('\r\n')[0]).toBe(`# ${message('en', 'report.meta.dataset')}: Jing'an demo (synthetic)`);
		const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, comments: '#' }).data;
		expect(rows).toHaveLength(15);
		const m = (key: string, values?: Record<string, string>) => message('en', `report.column.${key}`, values);
		rows.slice(0, 14).forEach((row, index) => {
			const expected = indicators.get(row[m('code')])!;
			expect(expected, row[m('code')]).toBeDefined();
			expect(Number(row[m('rank')])).toBe(index + 1);
			expect(Number(row[m('residents')])).toBe(Number(expected.residents));
			expect(Number(row[m('areaGapM2')])).toBe(Math.round(Number(expected.area_gap_m2)));
			expect(Number(row[m('bedsPerThousand')])).toBe(Math.round(Number(expected.beds_per_1000) * 100) / 100);
			expect(Number(row[m('bedsToReachMin', { value: '1.0' })])).toBe(Number(expected.beds_needed_min));
			expect(Number(row[m('coverageWithin', { minutes: '15' })])).toBe(Math.round(Number(expected.coverage_pct) * 10) / 10);
			expect(Number(row[m('uncoveredResidents')])).toBe(Number(expected.uncovered_residents));
			expect(Number(row[m('failedRules')])).toBe(Number(expected.failed_rules));
		});
		const failed = rows.slice(0, 14).map((row) => Number(row[m('failedRules')]));
		expect(failed).toEqual([...failed].sort((a, b) => b - a));
		expect(rows[14][m('code')]).toBe('');
		expect(rows[14][m('name')]).toBe('District total');
	});

	it('writes GeoJSON whose sub-district properties are the indicators CLI\'s columns', () => {
		run('scripts/report.ts', [...INPUTS, '--format', 'geojson', '--out', join(dir, 'report.geojson')]);
		const collection = JSON.parse(readFileSync(join(dir, 'report.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[]; report: Record<string, unknown> };
		expect(collection.report.language).toBe('zh-CN');
		expect(collection.report.synthetic).toBe(true);
		const subdistricts = collection.features.filter((feature) => feature.properties.kind === 'subdistrict');
		expect(subdistricts).toHaveLength(14);
		for (const { properties } of subdistricts) {
			const expected = indicators.get(String(properties.code))!;
			for (const [column, text] of Object.entries(expected)) {
				if (column.startsWith('e2sfca_')) continue;
				const value = properties[column];
				if (typeof value === 'number') expect(value, `${properties.code} ${column}`).toBe(Number(text));
				else expect(value ?? '', `${properties.code} ${column}`).toBe(text);
			}
		}
		expect(collection.features.filter((feature) => feature.properties.kind === 'uncovered').length).toBeGreaterThan(0);
	});

	it('writes an XLSX in Chinese, the format told by the file extension', async () => {
		run('scripts/report.ts', [...INPUTS, '--date', '2026-11-23T10:00:00+08:00', '--out', join(dir, 'report.xlsx')]);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(join(dir, 'report.xlsx'));
		const sheet = workbook.getWorksheet('各街镇')!;
		const headers = (sheet.getRow(1).values as unknown[]).slice(1);
		expect(headers).toContain('面积缺口（m²）');
		const code = headers.indexOf('代码') + 1;
		const residents = headers.indexOf('常住人口（人）') + 1;
		for (let rowNumber = 2; rowNumber <= 15; rowNumber++) {
			const row = sheet.getRow(rowNumber);
			expect(row.getCell(residents).value).toBe(Number(indicators.get(String(row.getCell(code).value))!.residents));
		}
		const summary = workbook.getWorksheet('摘要')!;
		const byLabel = new Map<string, unknown>();
		summary.eachRow((row) => byLabel.set(String(row.getCell(1).value), row.getCell(2).value));
		expect(String(byLabel.get('生成时间'))).toContain('2026年11月23日');
		expect(summary.getCell(2, 2).value).toBe('静安区示例数据（合成）');
		expect(byLabel.get('时间阈值（分钟）')).toBe('15');
	});

	it.each([
		[['--format', 'pdf', '--out', join(dir, 'x.pdf')], /--format: "pdf"/],
		[['--out', join(dir, 'x.txt')], /missing --format/],
		[['--format', 'csv', '--lang', 'fr', '--out', join(dir, 'x.csv')], /--lang: "fr"/],
		[['--format', 'csv', '--date', 'soon', '--out', join(dir, 'x.csv')], /--date: "soon"/],
		[['--format', 'csv'], /missing --out/]
	])('refuses %j with one line and exit code 2', (args, pattern) => {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...INPUTS, ...(args as string[])], { encoding: 'utf8' });
		expect(result.status).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(pattern as RegExp);
	});

	it('refuses a missing input file with one line and exit code 2', () => {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...INPUTS.slice(0, 2), '--facilities', join(dir, 'none.csv'), ...INPUTS.slice(4), '--format', 'csv', '--out', join(dir, 'x.csv')], { encoding: 'utf8' });
		expect(result.status).toBe(2);
		expect(result.stderr.trim()).toMatch(/^error: --facilities .*none\.csv: no such file$/);
	});
});
