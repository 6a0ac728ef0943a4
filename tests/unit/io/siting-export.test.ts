import { describe, expect, it } from 'vitest';
import { sitesCsv, type SiteRow } from '$lib/io/siting-export';

describe('sites.csv of npm run suggest', () => {
	it('neutralises a parcel name that Excel or WPS would run as a formula, and keeps numbers as numbers', () => {
		const row: SiteRow = { rank: 1, lon: 121.45, lat: 31.23, lon_gcj02: 121.454, lat_gcj02: 31.228, subdistrict_code: 'A', subdistrict_name: '@SUM(1)', source: 'parcel', label: '=HYPERLINK("x")', new_residents: 1200, cumulative_residents: 5000, cumulative_pct: 93.5 };
		const line = sitesCsv([row]).split('\n')[1];
		expect(line).toBe(`1,121.45,31.23,121.454,31.228,A,'@SUM(1),parcel,"'=HYPERLINK(""x"")",1200,5000,93.5`);
	});
});
