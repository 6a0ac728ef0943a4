/**
 * The CSV: a BOM, CRLF line ends, the right columns in both languages, quoting that survives commas,
 * quotes and line breaks, and numbers that parse back (papaparse) to the SQL rows' figures.
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
		expect(text.split('\r\n')).toHaveLength(1 + 15 + 1);
	});

	it('parses back to the SQL figures, column by column, with the district total last', () => {
		const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
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
		const parsed = Papa.parse<string[]>(gapReportToCsv(buildGapReport(inputFor('en', rows))).slice(1), { skipEmptyLines: true });
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
			const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
			expect(parsed[0][0]).toBe(header);
			expect(parsed.slice(1).map((row) => row[0])).toEqual(Array(rows.length + 1).fill('大宁路新站'));
			// The baseline's CSV has no such column.
			expect(Papa.parse<string[]>(gapReportToCsv(buildGapReport(inputFor(language))).slice(1)).data[0][0]).not.toBe(header);
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
