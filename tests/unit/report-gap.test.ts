import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { rankBySeverity } from '$lib/report/gap-report';
import type { SubdistrictIndicators } from '$lib/engine/standards/indicators';

const DEMO = 'static/data/demo';
const INPUTS = ['--network', `${DEMO}/network.geojson`, '--facilities', `${DEMO}/facilities.csv`, '--population', `${DEMO}/population.csv`, '--subdistricts', `${DEMO}/subdistricts.geojson`];
const run = (script: string, args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', script, ...INPUTS, ...args], { stdio: 'pipe' });
const parseCsv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

describe('the report CLI', () => {
	const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
	run('scripts/indicators.ts', ['--out', dir]);
	const indicators = new Map(parseCsv(readFileSync(join(dir, 'indicators.csv'), 'utf8')).map((row) => [row.code, row]));

	it('writes a CSV with a BOM whose numbers are the indicators CLI\'s, ranked by severity, with a district total', () => {
		run('scripts/report.ts', ['--format', 'csv', '--lang', 'en', '--out', join(dir, 'report.csv')]);
		const bytes = readFileSync(join(dir, 'report.csv'));
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parseCsv(bytes.toString('utf8').slice(1));
		expect(rows).toHaveLength(15);
		for (const row of rows.slice(0, 14)) {
			const expected = indicators.get(row.Code);
			expect(expected, row.Code).toBeDefined();
			expect(Number(row.Residents)).toBe(Number(expected?.residents));
			expect(Number(row['Area gap (m²)'] || 0)).toBeCloseTo(Number(expected?.area_gap_m2 || 0), 0);
			expect(Number(row['Rules failed'])).toBe(Number(expected?.failed_rules));
		}
		const failed = rows.slice(0, 14).map((row) => Number(row['Rules failed']));
		expect(failed).toEqual([...failed].sort((a, b) => b - a));
		expect(rows[14].Code).toBe('');
	});

	it('writes an XLSX with Chinese headers and typed numbers', async () => {
		run('scripts/report.ts', ['--format', 'xlsx', '--lang', 'zh-CN', '--out', join(dir, 'report.xlsx')]);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(join(dir, 'report.xlsx'));
		const sheet = workbook.getWorksheet('各街镇');
		const headers = (sheet?.getRow(1).values as unknown[]).slice(1);
		expect(headers).toContain('面积缺口（m²）');
		const residents = headers.indexOf('常住人口（人）') + 1;
		const code = headers.indexOf('代码') + 1;
		for (let rowNumber = 2; rowNumber <= 15; rowNumber++) {
			const row = sheet?.getRow(rowNumber);
			expect(row?.getCell(residents).value).toBe(Number(indicators.get(String(row?.getCell(code).value))?.residents));
		}
	});

	it('refuses an unknown format with exit code 2', () => {
		expect(() => run('scripts/report.ts', ['--format', 'pdf', '--out', join(dir, 'x')])).toThrow(/--format/);
	});
});

describe('rankBySeverity', () => {
	const row = (code: string, failedRules: number, areaGapM2: number | null, uncoveredResidents: number) =>
		({ code, failedRules, areaGapM2, uncoveredResidents }) as SubdistrictIndicators;
	it('puts more failed rules first, then the larger area gap, then more residents not covered', () => {
		const ranked = rankBySeverity([row('a', 1, 500, 0), row('b', 2, 0, 0), row('c', 1, 900, 0), row('d', 1, 500, 100), row('e', 0, null, 0)]);
		expect(ranked.map((item) => item.code)).toEqual(['b', 'c', 'd', 'a', 'e']);
	});
});
