import { describe, expect, it } from 'vitest';
import { parseFacilitiesCsv } from '$lib/io/facilities-csv';
import { parsePopulationCsv } from '$lib/io/population-csv';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';
import { parseNetworkGeoJson } from '$lib/io/network-geojson';
import { FileFormatError } from '$lib/io/load-result';

const HEADER = 'id,name,type,subdistrict,lon,lat,area_m2,beds,status,parent_id';

describe('parseFacilitiesCsv', () => {
	it('reads the canonical columns, keeping unknown area and beds as null rather than zero', () => {
		const text = `\ufeff${HEADER}\nC01,江宁路中心,centre,jiangninglu,121.443,31.242,"6,200",80,existing,\nS001,站点,station,jiangninglu,121.444,31.243,,,existing,C01\n`;
		const result = parseFacilitiesCsv(text);
		expect(result.problems).toEqual([]);
		expect(result.loaded).toBe(2);
		expect(result.records[0]).toEqual({
			id: 'C01',
			name: '江宁路中心',
			type: 'centre',
			subdistrict: 'jiangninglu',
			lon: 121.443,
			lat: 31.242,
			areaM2: 6200,
			beds: 80,
			status: 'existing',
			parentId: null
		});
		expect(result.records[1].areaM2).toBeNull();
		expect(result.records[1].beds).toBeNull();
		expect(result.records[1].parentId).toBe('C01');
	});

	it('lists every rejected row with its spreadsheet row number and reason, and keeps the good rows', () => {
		const lines = [
			HEADER,
			'C01,A,centre,x,121.44,31.24,5000,50,existing,', // row 2: good
			'C02,B,clinic,x,121.44,31.24,5000,50,existing,', // row 3: unknown type
			'C03,C,centre,x,31.24,121.44,5000,50,existing,', // row 4: swapped
			'C04,D,centre,x,abc,31.24,5000,50,existing,', // row 5: lon not a number
			'C01,E,station,x,121.44,31.24,100,0,existing,', // row 6: duplicate id
			'C05,F,station,x,121.44,31.24,-5,0,existing,', // row 7: negative area
			'C06,G,station,x,121.44,31.24,100,lots,existing,' // row 8: beds not numeric
		];
		const result = parseFacilitiesCsv(lines.join('\r\n'));
		expect(result.loaded).toBe(1);
		expect(result.skipped).toBe(6);
		const byRow = Object.fromEntries(result.problems.map((problem) => [problem.row, problem.reason]));
		expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7, 8]);
		expect(byRow[3]).toMatch(/unknown type "clinic"/);
		expect(byRow[4]).toMatch(/swapped/);
		expect(byRow[5]).toMatch(/longitude not a number/);
		expect(byRow[6]).toMatch(/duplicate id "C01" \(first on row 2\)/);
		expect(byRow[7]).toMatch(/negative/);
		expect(byRow[8]).toMatch(/beds not a number/);
	});

	it('refuses a file without the required columns, naming them', () => {
		expect(() => parseFacilitiesCsv('name,lon\nA,121')).toThrow(FileFormatError);
		expect(() => parseFacilitiesCsv('name,lon\nA,121')).toThrow(/id, type, lat/);
		expect(() => parseFacilitiesCsv('')).toThrow(/empty/);
	});
});

describe('parsePopulationCsv', () => {
	it('reads cells into typed arrays and rejects negative or missing values by row', () => {
		const result = parsePopulationCsv('lon,lat,pop\n121.44,31.24,120\n121.45,31.25,-3\n121.46,,5\n\n121.47,31.26,0\n');
		expect(Array.from(result.records.pop)).toEqual([120, 0]);
		expect(Array.from(result.records.lon)).toEqual([121.44, 121.47]);
		expect(result.problems.map((problem) => problem.row)).toEqual([3, 4]);
		expect(result.problems[0].reason).toMatch(/negative population/);
		expect(result.skipped).toBe(2);
	});
});

describe('GeoJSON readers', () => {
	const square = [
		[
			[121.4, 31.2],
			[121.5, 31.2],
			[121.5, 31.3],
			[121.4, 31.3],
			[121.4, 31.2]
		]
	];
	it('reads sub-districts, turning a Polygon into a MultiPolygon and flagging duplicates and bad geometry', () => {
		const text = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { code: 'a', name: '甲', name_en: 'A', population: 1000 }, geometry: { type: 'Polygon', coordinates: square } },
				{ type: 'Feature', properties: { code: 'a', name: '乙' }, geometry: { type: 'Polygon', coordinates: square } },
				{ type: 'Feature', properties: { code: 'c', name: '丙' }, geometry: { type: 'Point', coordinates: [121, 31] } }
			]
		});
		const result = parseSubdistrictsGeoJson(text);
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({ code: 'a', name: '甲', nameEn: 'A', population: 1000 });
		expect(result.records[0].polygons).toEqual([square]);
		expect(result.problems.map((problem) => [problem.row, problem.field])).toEqual([
			[2, 'code'],
			[3, 'geometry']
		]);
	});

	it('reads network LineStrings and MultiLineStrings and rejects degenerate lines', () => {
		const text = JSON.stringify({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { highway: 'footway' }, geometry: { type: 'LineString', coordinates: [[121.4, 31.2], [121.41, 31.2]] } },
				{ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [[[121.4, 31.2], [121.4, 31.21]], [[121.5, 31.2], [121.5, 31.21]]] } },
				{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[121.4, 31.2]] } }
			]
		});
		const result = parseNetworkGeoJson(text);
		expect(result.records).toHaveLength(3);
		expect(result.records[0].highway).toBe('footway');
		expect(result.problems).toEqual([{ row: 3, field: 'geometry', code: 'not-a-line', params: { type: 'LineString' }, reason: expect.stringMatching(/LineString/) }]);
	});

	it('refuses text that is not a FeatureCollection', () => {
		expect(() => parseSubdistrictsGeoJson('{"type":"Point"}')).toThrow(/FeatureCollection/);
		expect(() => parseNetworkGeoJson('not json')).toThrow(/not valid JSON/);
	});
});
