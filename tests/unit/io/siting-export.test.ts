import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { siteRows, sitesCsv, type SiteRow } from '$lib/io/siting-export';
import { provenanceCsvLines } from '$lib/report/csv';
import { exportProvenance } from '$lib/report/model';

describe('sites.csv of npm run suggest', () => {
	it('neutralises a parcel name that Excel or WPS would run as a formula, and keeps numbers as numbers', () => {
		const row: SiteRow = { rank: 1, lon: 121.45, lat: 31.23, lon_gcj02: 121.454, lat_gcj02: 31.228, subdistrict_code: 'A', subdistrict_name: '@SUM(1)', source: 'parcel', candidate_id: 'P-1', label: '=HYPERLINK("x")', new_residents: 1200, cumulative_residents: 5000, cumulative_pct: 93.5 };
		const line = sitesCsv([row]).split('\n')[1];
		expect(line).toBe(`1,121.45,31.23,121.454,31.228,A,'@SUM(1),parcel,P-1,"'=HYPERLINK(""x"")",1200,5000,93.5`);
	});
});

describe('the app’s suggested-sites CSV says what it was computed from', () => {
	const row: SiteRow = { rank: 1, lon: 121.45, lat: 31.23, lon_gcj02: 121.454, lat_gcj02: 31.228, subdistrict_code: 'A', subdistrict_name: '江宁路街道', source: 'grid', candidate_id: '', label: '', new_residents: 1200, cumulative_residents: 5000, cumulative_pct: 93.5 };
	const dataset = {
		name: '我的数据',
		nameEn: 'My data',
		sources: [
			{ kind: 'facilities' as const, fileName: 'sites.csv', loaded: 60, skipped: 2, conversion: 'GCJ-02 → WGS84', encoding: 'gb18030' },
			{ kind: 'population' as const, fileName: 'population.csv', loaded: 3469, skipped: 0, conversion: null, fromDemo: true },
			{ kind: 'subdistricts' as const, fileName: 'subdistricts.geojson', loaded: 14, skipped: 0, conversion: null, fromDemo: true },
			{ kind: 'network' as const, fileName: 'network.geojson', loaded: 2526, skipped: 0, conversion: null, fromDemo: true }
		]
	};

	it('dataset, scenario, threshold, date and the synthetic layers above the header (zh-CN), the rows still parse', () => {
		const lines = provenanceCsvLines(exportProvenance({ language: 'zh-CN', dataset, scenarioName: '彭浦方案', thresholdMinutes: 7.5, travel: { mode: 'walk', speedKmh: 4.5 }, generatedAt: new Date('2026-12-07T08:00:00Z'), timeZone: 'Asia/Shanghai' }), 'zh-CN');
		const csv = sitesCsv([row], lines).replace(/^\ufeff/, '');
		const head = csv.split('\n').slice(0, lines.length);
		expect(head.every((line) => line.startsWith('# '))).toBe(true);
		expect(head).toContain('# 数据集：我的数据');
		expect(head).toContain('# 方案：彭浦方案');
		expect(head).toContain('# 时间阈值（分钟）：7.5');
		expect(head.some((line) => line.startsWith('# 生成时间：2026年12月7日'))).toBe(true);
		// Per layer: the facilities are the planner's file, the other three the synthetic demo.
		expect(head).toContain('# 合成示例数据（逐图层）：合成示例数据（非真实数据）图层：人口、街镇边界、步行路网；其余为规划者导入的文件');
		expect(head.filter((line) => line.includes('sites.csv'))).toHaveLength(1);
		const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true }).data;
		expect(parsed).toHaveLength(1);
		expect(parsed[0].subdistrict_name).toBe('江宁路街道');
		expect(parsed[0].new_residents).toBe('1200');
	});

	it('in English, without a scenario it says so', () => {
		const lines = provenanceCsvLines(exportProvenance({ language: 'en', dataset, scenarioName: null, thresholdMinutes: 15, travel: { mode: 'walk', speedKmh: 4.5 }, generatedAt: new Date('2026-12-07T08:00:00Z') }), 'en');
		expect(lines).toContain('# Dataset: My data');
		expect(lines).toContain('# Scenario: none (baseline)');
	});
});

describe('the sites’ sub-district name follows the file’s language', () => {
	const subdistricts = [{ code: 'jiangninglu', name: '江宁路街道', nameEn: 'Jiangning Road Subdistrict', census: null, polygon: [] }];
	const site = { newResidents: 10, cumulativeResidents: 10, cumulativePct: 1, site: { lon: 121.45, lat: 31.23, subdistrict: 0, source: 'grid', label: '' } };

	it('English: the English (pinyin) name, as the rest of the English report; Chinese: the Chinese name', () => {
		const typed = [site] as unknown as Parameters<typeof siteRows>[0];
		const areas = subdistricts as unknown as Parameters<typeof siteRows>[1];
		expect(siteRows(typed, areas, 'en')[0].subdistrict_name).toBe('Jiangning Road Subdistrict');
		expect(siteRows(typed, areas, 'zh-CN')[0].subdistrict_name).toBe('江宁路街道');
	});
});
