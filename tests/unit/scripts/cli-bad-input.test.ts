/**
 * The command line on hostile input, run as a planner runs it (a child process through tsx): every rejected
 * row listed (stderr up to a limit, all of them in problems.csv beside the outputs, pointed at by
 * summary.json / indicators.json), GBK read as the import dialog reads it, control characters from the file
 * escaped on stderr, and a deeply nested profile refused in one line with exit code 2. Fixtures are generated
 * here from the demo's files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { PLAUSIBLE_LIMITS } from '$lib/engine/plausibility';
import { STDERR_PROBLEMS_PER_FILE } from '../../../scripts/lib/cli-output';

const DEMO = 'static/data/demo';
const dir = mkdtempSync(join(tmpdir(), 'hc-cli-bad-'));
const cli = (script: string, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8' });
const inputs = (population: string, facilities = `${DEMO}/facilities.csv`) => ['--facilities', facilities, '--population', population, '--subdistricts', `${DEMO}/subdistricts.geojson`];

/** The demo's population with hostile rows appended: one with terminal escapes and NUL, two cells of 1.7e308, 30 repeats of the first cell. */
function hostilePopulation(): { path: string; firstRow: number; lines: number } {
	const text = readFileSync(`${DEMO}/population.csv`, 'utf8').trimEnd();
	const lines = text.split('\n');
	const first = lines[1];
	const extra = ['121.452,31.23,"\u001b]0;owned\u0007\u001b[2J\u0000"', '121.45,31.23,1.7e308', '121.451,31.23,1.7e308', ...Array.from({ length: 30 }, () => first)];
	const path = join(dir, 'population.csv');
	writeFileSync(path, [...lines, ...extra].join('\n') + '\n');
	return { path, firstRow: 2, lines: lines.length };
}

describe('CLI on bad input', () => {
	let population: ReturnType<typeof hostilePopulation>;
	let coverage: ReturnType<typeof cli>;
	beforeAll(() => {
		population = hostilePopulation();
		coverage = cli('coverage', [...inputs(population.path), '--out', join(dir, 'coverage')]);
	});

	test('coverage runs, lists the first rejected rows on stderr and every one in problems.csv; summary.json points at it', () => {
		expect(coverage.status, coverage.stderr).toBe(0);
		const rejected = coverage.stderr.split('\n').filter((line) => line.includes(': rejected row '));
		expect(rejected).toHaveLength(STDERR_PROBLEMS_PER_FILE);
		expect(coverage.stderr).toContain(`${33 - STDERR_PROBLEMS_PER_FILE} more rejected rows listed in problems.csv`);
		const csv = readFileSync(join(dir, 'coverage', 'problems.csv'), 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
		expect(csv[0]).toBe('file,row,field,code,problem,outcome');
		// file, row, field, code come first (none holds a comma here); the outcome is last.
		const rows = csv.slice(1).map((line) => [...line.split(',').slice(0, 4), line.split(',').at(-1)]);
		expect(rows).toHaveLength(33);
		const firstExtra = population.lines + 1;
		expect(rows[0].slice(1, 4)).toEqual([String(firstExtra), 'pop', 'pop-not-number']);
		expect(rows.slice(1, 3).map((row) => row.slice(1, 4))).toEqual([[String(firstExtra + 1), 'pop', 'pop-too-large'], [String(firstExtra + 2), 'pop', 'pop-too-large']]);
		expect(csv[2]).toContain(`population 1.7e+308 is above the plausible limit of ${PLAUSIBLE_LIMITS.residentsPerCell}`);
		expect(rows.slice(3).map((row) => [row[1], row[3], row[4]])).toEqual(Array.from({ length: 30 }, (_, k) => [String(firstExtra + 3 + k), 'duplicate-cell', 'rejected']));
		expect(csv[4]).toContain(`the same cell as row ${population.firstRow}`);
		const summary = JSON.parse(readFileSync(join(dir, 'coverage', 'summary.json'), 'utf8'));
		expect(summary.problems).toEqual({ file: 'problems.csv', rejectedRows: 33, warnings: 0, byInput: { [population.path]: { rejectedRows: 33, warnings: 0 } } });
		// The residents were not doubled: the demo's total, unchanged.
		expect(summary.totals.residents).toBe(975_707);
	});

	test('control characters from the file are escaped on stderr and in problems.csv', () => {
		expect(coverage.stderr).not.toMatch(/[\u0000\u0007\u001b]/);
		expect(coverage.stderr).toContain('\\u001b]0;owned\\u0007\\u001b[2J\\u0000');
		expect(readFileSync(join(dir, 'coverage', 'problems.csv'), 'utf8')).not.toMatch(/[\u0000\u0007\u001b]/);
	});

	test('a GBK facilities CSV is read as the dialog reads it: Chinese text intact, the encoding said', () => {
		// The demo's facilities with Chinese ids (ids reach cells.csv, names do not), then in GBK.
		const [header, ...rows] = readFileSync(`${DEMO}/facilities.csv`, 'utf8').trimEnd().split('\n');
		const columns = header.split(',');
		const [id, parent] = [columns.indexOf('id'), columns.indexOf('parent_id')];
		const chineseIds = rows.map((row) => row.split(',').map((cell, column) => ((column === id || column === parent) && cell !== '' ? `设施${cell}` : cell)).join(','));
		const utf8 = [header, ...chineseIds].join('\n') + '\n';
		const gbk = join(dir, 'facilities-gbk.csv');
		writeFileSync(gbk, encodeGbk(utf8));
		const run = cli('coverage', [...inputs(`${DEMO}/population.csv`, gbk), '--out', join(dir, 'gbk')]);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stderr).toContain(`${gbk}: read as gb18030`);
		const cells = readFileSync(join(dir, 'gbk', 'cells.csv'), 'utf8');
		expect(cells).not.toContain('\ufffd');
		expect(cells).toContain(',设施');
		const summary = JSON.parse(readFileSync(join(dir, 'gbk', 'summary.json'), 'utf8'));
		expect(summary.inputs.facilities.skipped).toBe(0);
		expect(summary.facilitiesCounted).toBeGreaterThan(0);
		expect(summary.problems.file).toBeNull();
	});

	test('a sub-district warning names the facility\'s own file row, after a rejected row, and is in problems.csv', () => {
		// Row 2 is rejected (no latitude); C02, now row 4, declares a 街镇 the boundaries do not have.
		const [header, ...rows] = readFileSync(`${DEMO}/facilities.csv`, 'utf8').trimEnd().split('\n');
		const c02 = rows.findIndex((row) => row.startsWith('C02,'));
		rows[c02] = rows[c02].replace(',shimenerlu,', ',不存在街道,');
		const facilities = join(dir, 'facilities-warned.csv');
		writeFileSync(facilities, [header, 'X01,坏行,centre,,121.45,,,,,', ...rows].join('\n') + '\n');
		const expectedRow = c02 + 3;
		const run = cli('indicators', [...inputs(`${DEMO}/population.csv`, facilities), '--out', join(dir, 'warned')]);
		expect(run.status, run.stderr).toBe(0);
		expect(run.stderr).toContain(`${facilities}: kept row ${expectedRow} subdistrict:`);
		const csv = readFileSync(join(dir, 'warned', 'problems.csv'), 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
		const warned = csv.filter((line) => line.includes(',unknown-subdistrict,'));
		expect(warned).toHaveLength(1);
		expect(warned[0].split(',').slice(1, 4)).toEqual([String(expectedRow), 'subdistrict', 'unknown-subdistrict']);
		expect(warned[0].endsWith(',warning')).toBe(true);
		expect(csv.some((line) => line.split(',').slice(1, 3).join() === '2,lat')).toBe(true);
	});

	test('a deeply nested profile: one line, exit code 2, no stack trace', () => {
		const profile = join(dir, 'nested.json');
		writeFileSync(profile, `{"format":"health-circle-profile","rules":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
		const run = cli('indicators', [...inputs(`${DEMO}/population.csv`), '--profile', profile, '--out', join(dir, 'nested')]);
		expect(run.status).toBe(2);
		expect(run.stderr.trim().split('\n')).toEqual([`error: --profile ${profile}: refused, (profile): nested more than 16 levels deep: not a standards profile`]);
	});
});

/** GBK bytes of text, from a table of every CJK and ASCII character the text uses (decoded back by TextDecoder('gbk') to check). */
function encodeGbk(text: string): Uint8Array {
	const table = new Map<string, number[]>();
	const decoder = new TextDecoder('gbk');
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			const char = decoder.decode(new Uint8Array([lead, trail]));
			if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
		}
	}
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x80) bytes.push(code);
		else if (table.has(char)) bytes.push(...table.get(char)!);
		else throw new Error(`no GBK byte pair for ${char}`);
	}
	const encoded = new Uint8Array(bytes);
	if (decoder.decode(encoded) !== text) throw new Error('GBK round trip failed');
	return encoded;
}
