import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, test } from 'vitest';
import { MESSAGES, type Language } from '$lib/i18n';
import { asWritten, describeFailure, failureText, problemText } from '$lib/components/import/problem-text';
import type { Translate } from '$lib/i18n';
import { importFile, type ImportResult } from '$lib/io/import';
import { checkFileSize, checkFileSizeBeforeReading, sizeLimitFor, SIZE_LIMITS_BYTES } from '$lib/io/import/formats';
import { parseFacilitiesCsv } from '$lib/io/facilities-csv';
import { FileFormatError, type RowProblem } from '$lib/io/load-result';
import { parseNetworkGeoJson } from '$lib/io/network-geojson';
import { parsePopulationCsv } from '$lib/io/population-csv';
import { formatProblem, placeholdersOf, PROBLEM_TEXT, ROW_PROBLEM_CODES, type RowProblemCode } from '$lib/io/problem-codes';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';
import { ImportClient, ImportWorkerError } from '$lib/worker/import-client';
import { fixtureBytes, truthSubdistricts } from './import/fixtures';

const IO_DIRS = ['src/lib/io', 'src/lib/io/import', 'src/lib/io/osm'].map((dir) => join(process.cwd(), dir));

/** ICU formatting as svelte-i18n does it, so the test sees what the page shows. */
function translator(language: Language): Translate {
	return (key, values) => {
		const message = MESSAGES[language][key];
		if (message === undefined) return key;
		return String(new IntlMessageFormat(message, language).format(values ?? {}));
	};
}

/** Codes the producers can emit, read from the source: explain('code' …) and numberProblem('column', …) with its failures. */
function codesInSource(): Set<string> {
	const codes = new Set<string>();
	for (const dir of IO_DIRS) {
		for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
			const source = readFileSync(join(dir, file), 'utf8');
			for (const match of source.matchAll(/explain\('([\w-]+)'/g)) codes.add(match[1]);
			for (const match of source.matchAll(/numberProblem\('(\w+)'/g)) {
				const failures = match[1] === 'area' || match[1] === 'beds' ? ['not-number', 'not-finite', 'negative'] : ['missing', 'not-number', 'not-finite'];
				for (const failure of failures) codes.add(`${match[1]}-${failure}`);
			}
		}
	}
	return codes;
}

function sampleParams(code: RowProblemCode): Record<string, string> {
	return Object.fromEntries(placeholdersOf(PROBLEM_TEXT[code]).map((name) => [name, `‹${name}›`]));
}

describe('row problem messages', () => {
	test('every code has a message in English and Chinese with the same placeholders; English is the CLI text', () => {
		expect(ROW_PROBLEM_CODES.length).toBeGreaterThan(40);
		for (const code of ROW_PROBLEM_CODES) {
			const key = `import.problem.${code}`;
			expect(MESSAGES.en[key], key).toBe(PROBLEM_TEXT[code]);
			expect(MESSAGES['zh-CN'][key], key).toBeDefined();
			expect(placeholdersOf(MESSAGES['zh-CN'][key]), key).toEqual(placeholdersOf(PROBLEM_TEXT[code]));
			// Chinese messages are Chinese (not an English copy).
			expect(MESSAGES['zh-CN'][key], key).toMatch(/[\u4e00-\u9fff]/);
		}
		const listed = new Set<string>(ROW_PROBLEM_CODES);
		const stray = Object.keys(MESSAGES.en).filter((key) => key.startsWith('import.problem.') && !listed.has(key.slice('import.problem.'.length)));
		expect(stray).toEqual([]);
	});

	test('every code the io sources produce is listed, and every listed code is produced somewhere', () => {
		const produced = codesInSource();
		const listed = new Set<string>(ROW_PROBLEM_CODES);
		expect([...produced].filter((code) => !listed.has(code))).toEqual([]);
		expect(ROW_PROBLEM_CODES.filter((code) => !produced.has(code))).toEqual([]);
	});

	test('messages format in both languages with every placeholder filled; English matches the reason text', () => {
		const en = translator('en');
		const zh = translator('zh-CN');
		for (const code of ROW_PROBLEM_CODES) {
			const params = sampleParams(code);
			const english = en(`import.problem.${code}`, params);
			expect(english, code).toBe(formatProblem(code, params));
			for (const text of [english, zh(`import.problem.${code}`, params)]) {
				expect(text, code).not.toMatch(/[{}]/);
				for (const value of Object.values(params)) expect(text, code).toContain(value);
			}
		}
	});
});

/** A problem is well-formed: listed code, params for every placeholder, reason = the English message. */
function expectWellFormed(problems: readonly RowProblem[]): void {
	const listed = new Set<string>(ROW_PROBLEM_CODES);
	for (const problem of problems) {
		expect(listed.has(problem.code), `${problem.row}: ${problem.code}`).toBe(true);
		const needed = placeholdersOf(PROBLEM_TEXT[problem.code]);
		expect(Object.keys(problem.params ?? {}).sort(), problem.code).toEqual(expect.arrayContaining(needed));
		expect(problem.reason).toBe(formatProblem(problem.code, problem.params));
	}
}

describe('producers emit codes', () => {
	const encode = (text: string) => new TextEncoder().encode(text);

	async function run(kind: ImportResult['kind'], fileName: string, bytes = fixtureBytes(fileName), context = {}): Promise<ImportResult> {
		return importFile({ kind, fileName, bytes, context });
	}

	test('the fixtures with bad rows: facilities (GBK), population points and H3, with warnings', async () => {
		const results = [
			await run('facilities', 'facilities-gbk-gcj02.csv', undefined, { subdistricts: truthSubdistricts() }),
			await run('population', 'population-points.csv'),
			await run('population', 'population-h3.csv')
		];
		for (const result of results) {
			expect(result.problems.length).toBeGreaterThan(0);
			expectWellFormed(result.problems);
			expectWellFormed(result.warnings);
		}
		expect(results[0].warnings.length).toBeGreaterThan(0);
		expect(results[2].problems.map((problem) => problem.code)).toEqual(['h3-invalid', 'h3-mixed-resolution']);
	});

	test('each kind of facility row problem has its own code', async () => {
		const csv = [
			'id,name,type,subdistrict,lon,lat,area_m2,beds,status',
			'C01,A,centre,,121.44,31.24,5000,50,existing',
			'C02,B,clinic,,121.44,31.24,5000,50,existing',
			'C03,C,centre,,31.24,121.44,5000,50,existing',
			'C04,D,centre,,abc,31.24,5000,50,existing',
			'C01,E,station,,121.44,31.24,100,0,existing',
			'C05,F,station,,121.44,31.24,-5,0,existing',
			'C06,G,station,,121.44,31.24,100,lots,existing',
			'C07,H,station,,121.44,x,100,1,existing',
			'C08,,station,,121.44,31.24,100,1,planned-ish',
			'C09,I,station,,121.44,,暂无,-3,existing'
		].join('\n');
		const canonical = parseFacilitiesCsv(csv);
		const imported = await run('facilities', 'f.csv', encode(csv), { subdistricts: truthSubdistricts() });
		for (const result of [canonical, imported]) {
			expectWellFormed(result.problems);
			const byRow = (row: number) => result.problems.filter((problem) => problem.row === row).map((problem) => problem.code);
			expect(byRow(3)).toEqual(['unknown-type']);
			expect(byRow(4)).toEqual(['swapped-lon-lat']);
			expect(byRow(5)).toEqual(['lon-not-number']);
			expect(byRow(6)).toEqual(['duplicate-id']);
			expect(byRow(9)).toEqual(['lat-not-number']);
			expect(byRow(10)).toContain('missing-name');
		}
		// The canonical reader rejects a bad area or bed count; the importer keeps the facility with the value unknown.
		expect(canonical.problems.filter((problem) => problem.row === 7).map((problem) => problem.code)).toEqual(['area-negative']);
		expect(canonical.problems.filter((problem) => problem.row === 8).map((problem) => problem.code)).toEqual(['beds-not-number']);
		expect(imported.problems.some((problem) => problem.row === 7 || problem.row === 8)).toBe(false);
		expect(imported.warnings.filter((warning) => warning.row === 7 || warning.row === 8).map((warning) => warning.code)).toEqual(['area-negative-unknown', 'beds-unknown']);
		// A row rejected for its position lists its area and beds too, worded for a rejected row: not "kept".
		expect(imported.problems.filter((problem) => problem.row === 11).map((problem) => problem.code)).toEqual(['lat-missing', 'area-not-number', 'beds-negative']);
		expect(imported.warnings.some((warning) => warning.row === 11)).toBe(false);
		// The canonical reader has no value mapping: an unknown status is a problem there.
		expect(canonical.problems.filter((problem) => problem.row === 10).map((problem) => problem.code).sort()).toEqual(['missing-name', 'unknown-status']);
		expect(imported.problems.find((problem) => problem.row === 6)?.params).toEqual({ id: 'C01', firstRow: '2' });
		expect(imported.problems.find((problem) => problem.row === 9)?.params).toEqual({ value: 'x' });
	});

	test('population, sub-district and network readers (canonical and importer)', async () => {
		expectWellFormed(parsePopulationCsv('lon,lat,pop\n121.44,31.24,-3\n121.46,,5\n121.4,31.2,many\n').problems);
		expect(parsePopulationCsv('lon,lat,pop\n121.44,31.24,-3\n121.46,,5\n121.4,31.2,many\n').problems.map((problem) => problem.code)).toEqual([
			'negative-population',
			'lat-missing',
			'pop-not-number'
		]);
		const square = [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.3], [121.4, 31.2]]];
		const features = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { code: 'a', name: '甲', population: 10 }, geometry: { type: 'Polygon', coordinates: square } },
				{ type: 'Feature', properties: { code: 'a', name: '乙' }, geometry: { type: 'Polygon', coordinates: square } },
				{ type: 'Feature', properties: { code: 'c', name: '丙', population: -1 }, geometry: { type: 'Point', coordinates: [121, 31] } },
				{ type: 'Feature', properties: { code: 'd', name: '丁' }, geometry: { type: 'LineString', coordinates: [[121, 31]] } }
			]
		});
		const canonical = parseSubdistrictsGeoJson(features);
		expectWellFormed(canonical.problems);
		expect(canonical.problems.map((problem) => problem.code)).toEqual(['duplicate-code', 'negative-population', 'subdistrict-not-polygon', 'subdistrict-not-polygon']);
		const imported = await run('subdistricts', 's.geojson', encode(features));
		expectWellFormed(imported.problems);
		expect(imported.problems.map((problem) => problem.code)).toEqual(['duplicate-code', 'negative-population', 'subdistrict-not-polygon', 'bad-linestring']);
		const network = parseNetworkGeoJson(features);
		expectWellFormed(network.problems);
		expect(new Set(network.problems.map((problem) => problem.code))).toEqual(new Set(['not-a-line']));
		const importedNetwork = await run('network', 'n.geojson', encode(features));
		expectWellFormed(importedNetwork.problems);
	});

	test('the GeoTIFF reader names the pixel column in params', async () => {
		const result = await run('population', 'population-worldpop.tif');
		expectWellFormed(result.problems);
		expect(result.problems.map((problem) => problem.code)).toEqual(['pixel-negative']);
	});
});

describe('what the planner reads', () => {
	const zh = translator('zh-CN');
	const en = translator('en');

	test('a rejected row reads in Chinese in the Chinese page and as the reason in the English one', () => {
		const problem = parseFacilitiesCsv('id,name,type,lon,lat\nA,甲,centre,121.4,abc\n').problems[0];
		expect(problemText(zh, problem, asWritten)).toBe('纬度不是数字：abc');
		expect(problemText(en, problem, asWritten)).toBe(problem.reason);
		expect(problemText(en, problem, asWritten)).toBe('latitude not a number: "abc"');
	});

	test('on screen, a value from the file is bidi-isolated: a right-to-left override cannot reorder the words after it', () => {
		const problem = parseFacilitiesCsv('id,name,type,lon,lat\nA,甲,centre,121.4,\u202eabc\n').problems[0];
		expect(problemText(zh, problem)).toBe('纬度不是数字：\u2068\u202eabc\u2069');
		expect(problemText(en, problem)).toBe('latitude not a number: "\u2068\u202eabc\u2069"');
		// The downloaded CSV keeps the value as written.
		expect(problemText(en, problem, asWritten)).toBe('latitude not a number: "\u202eabc"');
	});

	test('a problem without a known message falls back to its English reason', () => {
		const legacy = { code: 'retired-code' as RowProblemCode, reason: 'something old' };
		expect(problemText(zh, legacy)).toBe('something old');
	});
});

describe('files beyond what fits in memory', () => {
	const MB = 1024 * 1024;

	test('are refused from their name and size, with code and sizes, before being read', () => {
		expect(() => checkFileSizeBeforeReading('facilities', 'big.csv', 250 * MB)).not.toThrow();
		expect(() => checkFileSizeBeforeReading('network', 'shanghai.osm.pbf', 60 * MB)).not.toThrow();
		for (const [kind, name, size] of [
			['facilities', 'big.csv', 301 * MB],
			['population', 'grid.csv', 2000 * MB],
			['network', 'china.osm.pbf', 1200 * MB],
			['network', 'shanghai-big.osm.pbf', SIZE_LIMITS_BYTES['osm-pbf'] + 1]
		] as const) {
			try {
				checkFileSizeBeforeReading(kind, name, size);
				expect.unreachable(`${name} should be refused`);
			} catch (error) {
				expect(error).toBeInstanceOf(FileFormatError);
				expect((error as FileFormatError).code).toBe('too-large');
				expect((error as FileFormatError).params).toMatchObject({ sizeBytes: size, limitBytes: sizeLimitFor(kind, name).limit });
			}
		}
		// A name that says nothing gets the largest limit of the kind; the exact one applies once the bytes are seen.
		expect(sizeLimitFor('network', 'extract').limit).toBe(Math.max(SIZE_LIMITS_BYTES['osm-xml'], SIZE_LIMITS_BYTES.geojson, SIZE_LIMITS_BYTES['osm-pbf']));
		expect(() => checkFileSize('osm-pbf', 100 * MB)).toThrow(FileFormatError);
	});

	test('the import client refuses them without reading the file or starting a worker', async () => {
		let workers = 0;
		let reads = 0;
		const client = new ImportClient(() => {
			workers++;
			throw new Error('no worker expected');
		});
		const huge = { name: 'shanghai.osm.pbf', size: 500 * MB, arrayBuffer: async () => (reads++, new ArrayBuffer(0)) } as unknown as File;
		const error = await client.import('network', huge, {}, {}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ImportWorkerError);
		expect(error).toMatchObject({ code: 'too-large', isFormatError: true, params: { sizeBytes: 500 * MB, limitBytes: SIZE_LIMITS_BYTES['osm-pbf'] } });
		expect(workers).toBe(0);
		expect(reads).toBe(0);
	});

	test('the dialog says so in the planner language, with sizes', () => {
		const size = (bytes: number) => `${Math.round(bytes / MB)} MB`;
		const failure = { message: 'x', isFormatError: true, code: 'too-large', params: { sizeBytes: 500 * MB, limitBytes: 80 * MB, format: 'osm-pbf' } };
		expect(failureText(zh(), failure, size, 'big.osm.pbf')).toBe('该文件大小为 500 MB，最大可导入 80 MB。请先拆分或按区范围裁剪。');
		expect(failureText(en(), failure, size, 'big.osm.pbf')).toBe('This file is 500 MB; files up to 80 MB can be loaded. Split it or clip it to the district first.');
		expect(describeFailure(zh(), { message: 'Out of memory', isFormatError: false, code: 'worker-stopped' }, size, 'big.osm.pbf')).toEqual({ sentence: expect.stringMatching(/内存/), detail: 'Out of memory' });
		expect(describeFailure(zh(), { message: 'bad header', isFormatError: true }, size, '设施.csv')).toEqual({ sentence: '无法导入“\u2068设施.csv\u2069”：文件内容不符合导入要求，未导入任何内容。', detail: 'bad header' });
		// Coded refusals of hostile files (issue 26): worded in the page's language, naming the file.
		const damaged = { message: 'x', isFormatError: true, code: 'damaged', params: { format: 'osm-pbf', detail: 'Unimplemented type: 7' } };
		expect(describeFailure(en(), damaged, size, 'city.osm.pbf')).toEqual({ sentence: '“\u2068city.osm.pbf\u2069” is damaged or is not a valid OpenStreetMap PBF file, so nothing was loaded from it.', detail: 'Unimplemented type: 7' });
		expect(describeFailure(zh(), damaged, size, 'city.osm.pbf')).toEqual({ sentence: expect.stringMatching(/^“\u2068city\.osm\.pbf\u2069”已损坏[^A-Za-z]*OpenStreetMap PBF[^A-Za-z]*$/), detail: 'Unimplemented type: 7' });
		const wide = { message: 'x', isFormatError: true, code: 'too-many-columns', params: { columns: 20000, limit: 2000 } };
		expect(failureText(en(), wide, size, 'wide.csv')).toMatch(/^“\u2068wide\.csv\u2069” has 20,000 columns; at most 2,000 can be loaded/);
		const bomb = { message: 'x', isFormatError: true, code: 'inflate-limit', params: { format: 'geotiff', limitBytes: 32 * MB } };
		expect(failureText(zh(), bomb, size, 'pop.tif')).toMatch(/^“\u2068pop\.tif\u2069”：.*32 MB.*GeoTIFF/);
		const rows = { message: 'x', isFormatError: true, code: 'claims-beyond-file', params: { format: 'parquet', claimed: 19999999, possible: 5848 } };
		expect(failureText(en(), rows, size, 'a.parquet')).toMatch(/^“\u2068a\.parquet\u2069” claims 19,999,999 rows, but a Parquet file of its size can hold at most 5,848/);
	});

	function zh(): Translate {
		return translator('zh-CN');
	}
	function en(): Translate {
		return translator('en');
	}
});
