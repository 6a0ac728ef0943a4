/**
 * Centres of unknown area and beds (暂无): the summary and the sub-district table's total row state the open
 * district figures by one rule (report/known-part.ts), as the known lower bound with the unknown count, never
 * as 0 and never as "—" beside a known sum. Hand-made fixture, figures worked out by hand:
 *
 * | sub-district | residents | centre area (m²)            | beds             | required area | area gap  | beds for 1.0 | beds for 1.5 |
 * | A            | 40,000    | 3,000                       | 30               | 5,000 (min)   | 2,000     | 10           | 30           |
 * | B            | 60,000    | unknown + branch 2,000      | 80 + branch ?    | 6,000         | open (≥0) | 0 (80 ≥ 60)  | open (≥0)    |
 * | C            | 50,000    | 12,000                      | 100              | 5,000         | 0         | 0            | 0            |
 * | district     | 150,000   | ≥ 17,000 (1 unknown)        | ≥ 210 (1 unknown)| 16,000        | ≥ 2,000   | 10 (exact)   | ≥ 30         |
 * The district's net area gap is exactly 0: its known area (17,000) already exceeds its requirement (16,000).
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/coverage';
import { computeIndicators } from '$lib/engine/standards/compute-indicators';
import { cloneProfile, SHANGHAI_2023 } from '$lib/engine/standards/profile';
import type { Facility, Subdistrict } from '$lib/engine/types';
import { gapReportToCsv } from '$lib/report/csv';
import { buildGapReport } from '$lib/report/model';
import type { ReportItem } from '$lib/report/table';

const square: Subdistrict['polygons'] = [[[[121.44, 31.22], [121.45, 31.22], [121.45, 31.23], [121.44, 31.22]]]];
const subdistricts: Subdistrict[] = [
	{ code: 'A', name: '甲街道', nameEn: 'Jia', population: 40_000, polygons: square },
	{ code: 'B', name: '乙街道', nameEn: 'Yi', population: 60_000, polygons: square },
	{ code: 'C', name: '丙街道', nameEn: 'Bing', population: 50_000, polygons: square }
];
const facility = (id: string, subdistrict: string, areaM2: number | null, beds: number | null, type: Facility['type'] = 'centre', parentId: string | null = null): Facility => ({
	id,
	name: id,
	type,
	subdistrict,
	lon: 121.445,
	lat: 31.225,
	areaM2,
	beds,
	status: 'existing',
	parentId
});
const facilities: Facility[] = [
	facility('a1', 'A', 3_000, 30),
	facility('b1', 'B', null, 80),
	facility('b2', 'B', 2_000, null, 'branch', 'b1'),
	facility('c1', 'C', 12_000, 100)
];
const profile = cloneProfile(SHANGHAI_2023);
const { rows, district } = computeIndicators({ subdistricts, facilities, coverage: null, cellResidents: new Float64Array([1, 1, 1]), outsideCellResidents: 0, profile });

function reportIn(language: 'zh-CN' | 'en') {
	return buildGapReport({
		language,
		generatedAt: new Date('2026-12-07T08:00:00Z'),
		dataset: { name: '手工样例', nameEn: 'hand-made', sources: [] },
		profile,
		coverageParams: { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes] },
		servicePopulation: 'administrative',
		rows,
		district
	});
}

const EXPECTED = {
	en: {
		centreArea: "≥ 17,000 (1 centre's area unknown)",
		areaGapSum: "≥ 2,000 (1 centre's area unknown)",
		areaNetGap: '0',
		beds: "≥ 210 (1 centre's beds unknown)",
		bedsNeededMin: '10',
		bedsNeededTarget: "≥ 30 (1 centre's beds unknown)"
	},
	'zh-CN': {
		centreArea: '≥ 17,000（1 个中心面积未知）',
		areaGapSum: '≥ 2,000（1 个中心面积未知）',
		areaNetGap: '0',
		beds: '≥ 210（1 个中心床位未知）',
		bedsNeededMin: '10',
		bedsNeededTarget: '≥ 30（1 个中心床位未知）'
	}
} as const;

describe.each(['zh-CN', 'en'] as const)('unknown area and beds in the %s report', (language) => {
	const report = reportIn(language);
	const summary = new Map<string, ReportItem>(report.summary.map((entry) => [entry.key, entry]));
	const total = new Map(report.subdistricts.columns.map((column) => [column.key, column.value(report.subdistricts.total!)]));

	it('the fixture is what the table above says', () => {
		expect(rows.map((row) => [row.code, row.areaGapM2, row.bedsNeededMin, row.bedsNeededTarget])).toEqual([
			['A', 2_000, 10, 30],
			['B', null, 0, null],
			['C', 0, 0, 0]
		]);
		expect([district.areaUnknownCount, district.bedsUnknownCount, district.areaNetGapM2]).toEqual([1, 1, 0]);
	});

	it('the summary states each open figure as its known lower bound with the unknown count; exact figures stay plain', () => {
		for (const [key, text] of Object.entries(EXPECTED[language])) expect(summary.get(key)?.text, key).toBe(text);
	});

	it('the total row gives the same known parts, its count columns the same unknown counts', () => {
		expect(total.get('centreAreaM2')).toBe(17_000);
		expect(total.get('areaGapM2')).toBe(2_000);
		expect(total.get('areaUnknownCount')).toBe(1);
		expect(total.get('beds')).toBe(210);
		expect(total.get('bedsNeededMin')).toBe(10);
		expect(total.get('bedsNeededTarget')).toBe(30);
		expect(total.get('bedsUnknownCount')).toBe(1);
		// Summary and row agree: the summary's figure is the row's, and its count the row's count column.
		const number = (text: string) => Number(/[\d,]+/.exec(text)![0].replaceAll(',', ''));
		const count = (text: string) => Number(/[(（](\d+)/.exec(text)![1]);
		for (const [key, column, countColumn] of [
			['centreArea', 'centreAreaM2', 'areaUnknownCount'],
			['areaGapSum', 'areaGapM2', 'areaUnknownCount'],
			['beds', 'beds', 'bedsUnknownCount'],
			['bedsNeededTarget', 'bedsNeededTarget', 'bedsUnknownCount']
		] as const) {
			const text = summary.get(key)!.text;
			expect(number(text), key).toBe(total.get(column));
			expect(count(text), key).toBe(total.get(countColumn));
		}
		// The CSV's total row carries the same figures.
		const csv = Papa.parse<Record<string, string>>(gapReportToCsv(report).slice(1), { header: true, skipEmptyLines: true, comments: '#' }).data;
		const header = (key: string) => report.subdistricts.columns.find((column) => column.key === key)!.header;
		expect([header('centreAreaM2'), header('areaGapM2'), header('beds'), header('bedsNeededTarget'), header('areaUnknownCount')].map((key) => csv.at(-1)![key])).toEqual(['17000', '2000', '210', '30', '1']);
	});
});
