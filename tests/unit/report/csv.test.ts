/**
 * The CSV: a BOM, CRLF line ends, `# label: text` lines above the header saying what it was made from
 * (read with Papa Parse's `comments: '#'`), the right columns in both languages, quoting that survives
 * commas, quotes and line breaks, and numbers that parse back (papaparse) to the SQL rows' figures.
 */
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AreaIndicators } from '$lib/engine/standards/indicators';
import { csvField } from '$lib/engine/spreadsheet-text';
import { gapReportToCsv, provenanceCsvLines } from '$lib/report/csv';
import { buildGapReport, type GapReportInput } from '$lib/report/model';
import { computeDemo, expectedSubdistrictColumns, message, type DemoRun } from './fixtures';

let demo: DemoRun;
beforeAll(async () => {
	demo = await computeDemo();
});

/** The table under the `#` provenance lines, as a reader given '#' as the comment character sees it. */
const parseTable = (text: string) => Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true, comments: '#' });
const commentLines = (text: string) => text.slice(1).split('\r\n').filter((line) => line.startsWith('#'));

function inputFor(language: 'zh-CN' | 'en', rows?: AreaIndicators[]): GapReportInput {
	return {
		language,
		generatedAt: new Date('2026-11-23T02:30:00Z'),
		dataset: { name: '静安区示例数据（合成）', nameEn: "Jing'an demo (synthetic)", sources: demo.sources },
		profile: demo.options.profile,
		coverageParams: demo.runs.coverage.params,
		servicePopulation: demo.options.servicePopulation,
		rows: rows ?? demo.indicators.subdistricts,
		district: demo.indicators.district
	};
}

describe.each(['zh-CN', 'en'] as const)('the CSV in %s', (language) => {
	let text: string;
	beforeAll(() => {
		text = gapReportToCsv(buildGapReport(inputFor(language)));
	});

	it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
		const bytes = new TextEncoder().encode(text);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
		expect(text.split('\r\n')).toHaveLength(commentLines(text).length + 1 + 15 + 1);
	});

	it('parses back to the SQL figures, column by column, with the district total last', () => {
		const parsed = parseTable(text);
		expect(parsed.errors).toEqual([]);
		const [header, ...rows] = parsed.data;
		const columns = expectedSubdistrictColumns(language, demo.options.profile, 15);
		expect(header).toEqual(columns.map((column) => column.header));
		expect(rows).toHaveLength(15);
		const byCode = new Map(demo.indicators.subdistricts.map((row) => [row.code, row]));
		rows.forEach((cells, index) => {
			const isTotal = index === 14;
			const source = isTotal ? demo.indicators.district : byCode.get(cells[1])!;
			expect(source, cells[1]).toBeDefined();
			columns.forEach((column, columnIndex) => {
				const expected = column.expected(source, isTotal ? null : index + 1);
				const cell = cells[columnIndex];
				if (expected === null) expect(cell, column.header).toBe('');
				else if (column.kind === 'number') {
					// Plain numbers: no thousands separators, '.' for decimals.
					expect(cell, column.header).toMatch(/^-?\d+(\.\d+)?$/);
					expect(Number(cell), `${cells[1]} ${column.header}`).toBe(expected);
				} else expect(cell, column.header).toBe(expected);
			});
		});
		expect(rows[14][1]).toBe('');
		expect(rows[14][2]).toBe(message(language, 'report.districtTotal'));
	});
});

describe('CSV fields', () => {
	it('quote commas, quotes and line breaks, and defuse formulas, and all parse back', () => {
		const names = ['A, B', 'say "hi"', 'two\nlines', '=HYPERLINK("x")', '+1', '@SUM(A1)', '-3 plain', '静安寺街道'];
		const expected = ['A, B', 'say "hi"', 'two\nlines', `'=HYPERLINK("x")`, "'+1", "'@SUM(A1)", `'-3 plain`, '静安寺街道'];
		const line = names.map(csvField).join(',');
		expect(Papa.parse<string[]>(line).data[0]).toEqual(expected);
		expect(csvField(null)).toBe('');
		expect(csvField(-12.5)).toBe('-12.5');
		expect(csvField(Number.NaN)).toBe('');
	});

	it('keep a sub-district name with a comma in one field', async () => {
		const rows = demo.indicators.subdistricts.map((row, index) => (index === 0 ? { ...row, nameEn: 'Jiangning Road, North "A"' } : row));
		const parsed = parseTable(gapReportToCsv(buildGapReport(inputFor('en', rows))));
		expect(parsed.data.every((cells) => cells.length === parsed.data[0].length)).toBe(true);
		expect(parsed.data.some((cells) => cells[2] === 'Jiangning Road, North "A"')).toBe(true);
	});
});

describe('a scenario’s CSV', () => {
	it('says in its content that it is the scenario, on every row, in the report’s language', () => {
		for (const [language, header] of [['zh-CN', '方案'], ['en', 'Scenario']] as const) {
			const rows = demo.indicators.subdistricts;
			const scenario = { name: '大宁路新站', baselineRows: rows, baselineDistrict: demo.indicators.district, edits: [], baselineFacilities: [], facilities: [] };
			const text = gapReportToCsv(buildGapReport({ ...inputFor(language), scenario }));
			const parsed = parseTable(text).data;
			expect(parsed[0][0]).toBe(header);
			expect(parsed.slice(1).map((row) => row[0])).toEqual(Array(rows.length + 1).fill('大宁路新站'));
			// The baseline's CSV has no such column.
			expect(parseTable(gapReportToCsv(buildGapReport(inputFor(language)))).data[0][0]).not.toBe(header);
			// …and its provenance lines name it too.
			expect(commentLines(text)).toContain(`# ${message(language, 'report.meta.scenario')}${language === 'en' ? ': ' : '：'}大宁路新站`);
		}
	});
});

describe('spreadsheet text', () => {
	it('drops directional isolates before the formula check, so an isolated formula is still neutralised', () => {
		expect(csvField('\u2068facilities.csv\u2069')).toBe('facilities.csv');
		expect(csvField('\u2068=HYPERLINK("x")\u2069')).toBe(`"'=HYPERLINK(""x"")"`);
	});

	it('the provenance comment lines above a CSV carry no isolates either', () => {
		const item = { key: 'source', label: 'Source: facilities', value: null, decimals: 0, text: '\u2068my facilities.csv\u2069, 12 rows' };
		expect(provenanceCsvLines([item], 'en')).toEqual(['# Source: facilities: my facilities.csv, 12 rows']);
	});

	it('a Chinese provenance line separates label and text with a full-width colon, as its label does', () => {
		const item = { key: 'layer.facilities', label: '数据来源：设施', value: null, decimals: 0, text: '规划者文件 机构.csv' };
		expect(provenanceCsvLines([item], 'zh-CN')).toEqual(['# 数据来源：设施：规划者文件 机构.csv']);
	});
});

describe.each(['zh-CN', 'en'] as const)('the CSV’s provenance lines in %s', (language) => {
	const colon = language === 'en' ? ': ' : '：';
	const line = (key: string, text: string | number, values?: Record<string, string>) => `# ${message(language, key, values)}${colon}${text}`;

	it('say, above the header, the dataset, scenario, threshold, date, profile and, per layer, which layers are synthetic', () => {
		// Only the facilities are the planner's file: the other three layers are still the synthetic demo.
		const sources = demo.sources.map((source) => (source.kind === 'facilities' ? { ...source, fromDemo: false, fileName: 'my-centres.csv', loaded: 16, skipped: 2, encoding: 'gb18030' } : source));
		const input = { ...inputFor(language), dataset: { ...inputFor(language).dataset, sources }, coverageParams: { ...demo.runs.coverage.params, thresholdMinutes: 12, mode: 'cycle' as const, speedKmh: null } };
		const text = gapReportToCsv(buildGapReport(input));
		const lines = text.slice(1).split('\r\n');
		const header = lines.findIndex((entry) => !entry.startsWith('#'));
		const comments = lines.slice(0, header);
		expect(comments.length).toBeGreaterThan(0);
		expect(comments).toEqual(commentLines(text));
		expect(comments).toContain(line('report.meta.dataset', language === 'en' ? "Jing'an demo (synthetic)" : '静安区示例数据（合成）'));
		expect(comments).toContain(line('report.meta.scenario', message(language, 'report.noScenario')));
		expect(comments).toContain(line('report.appendix.threshold', '12'));
		// 12 minutes of what: a cycling run's CSV must not read as a walking one's.
		expect(comments).toContain(line('report.appendix.mode', message(language, 'report.mode.cycle')));
		expect(comments).toContain(line('report.appendix.speed', '12'));
		expect(comments.some((entry) => entry.startsWith(`# ${message(language, 'report.meta.generated')}`) && entry.includes('2026'))).toBe(true);
		const kind = (layer: string) => message(language, `report.sourceKind.${layer}`);
		const synthetic = ['population', 'subdistricts', 'network'].map(kind).join(language === 'en' ? ', ' : '、');
		expect(comments).toContain(line('report.appendix.synthetic', message(language, 'report.layers.lineSome', { layers: synthetic })));
		for (const layer of ['population', 'subdistricts', 'network']) {
			const own = comments.find((entry) => entry.startsWith(`# ${message(language, 'report.layers.label', { kind: kind(layer) })}${colon}`));
			expect(own, layer).toContain(message(language, 'report.layers.demo', { file: 'X' }).split('X')[0]);
		}
		const facilities = comments.find((entry) => entry.startsWith(`# ${message(language, 'report.layers.label', { kind: kind('facilities') })}${colon}`));
		expect(facilities).toContain('my-centres.csv');
		expect(facilities).not.toContain(message(language, 'report.layers.demo', { file: 'X' }).split('X')[0]);
		expect(comments).toContain(line('report.appendix.profile', message(language, 'report.appendix.profileValue', { name: demo.options.profile.name[language], id: demo.options.profile.id })));
		// The table still starts right after the comments, and parses to the sub-districts and the total.
		expect(parseTable(text).data).toHaveLength(1 + 15);
	});

	it('reconcile every resident once, those outside every sub-district included, with the summary’s figures and reasons', () => {
		const district = { ...demo.indicators.district, unassignedCellResidents: 70 };
		const report = buildGapReport({ ...inputFor(language), district });
		const comments = commentLines(gapReportToCsv(report));
		const within = district.cellResidents;
		const covered = district.coveredResidents!;
		const unreachable = district.unreachableResidents!;
		const minutes = '15';
		// Plain numbers, as in the table (a thousands separator would split the line in Excel).
		const expected = [
			line('report.residentsCheck.total', within + 70),
			line('report.residentsCheck.within', within),
			line('report.residentsCheck.covered', covered, { minutes }),
			line('report.residentsCheck.notCovered', within - covered - unreachable, { minutes }),
			line('report.residentsCheck.unreachable', unreachable, { minutes }),
			line('report.residentsCheck.outside', 70)
		];
		expect(comments.slice(-6)).toEqual(expected);
		// The same items as the summary's (XLSX first sheet, PDF summary).
		for (const entry of report.summary.filter((item) => item.key.startsWith('residentsCheck.'))) {
			expect(comments).toContain(line(entry.key.replace('residentsCheck.', 'report.residentsCheck.'), entry.value as number, { minutes }));
		}
	});
});
