/**
 * Sub-district boundaries: a bow-tie and a zero-area boundary are rejected rows naming the 街镇; overlapping
 * sub-districts are kept with a warning naming both. Through the CLI's reader and the dialog's entry point,
 * on generated GeoJSON; the overlap area is checked against a hand computation.
 */
import { describe, expect, test } from 'vitest';
import { importFile } from '$lib/io/import';
import type { ImportProblem } from '$lib/io/import/types';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';

type Ring = [number, number][];
const feature = (code: string, name: string, ring: Ring) => ({ type: 'Feature', properties: { code, name }, geometry: { type: 'Polygon', coordinates: [ring] } });
const square = (west: number, south: number, size: number): Ring => [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]];

const collection = JSON.stringify({
	type: 'FeatureCollection',
	features: [
		feature('a', '江宁路街道', square(121.4, 31.2, 0.01)),
		// A bow-tie: the second and third corners swapped, so the ring crosses itself at (121.415, 31.205).
		feature('b', '南京西路街道', [[121.41, 31.2], [121.42, 31.21], [121.42, 31.2], [121.41, 31.21], [121.41, 31.2]]),
		// Every corner on one line: no area.
		feature('c', '静安寺街道', [[121.43, 31.2], [121.44, 31.2], [121.45, 31.2], [121.43, 31.2]]),
		// Overlaps 江宁路 by 0.002° × 0.01°.
		feature('d', '曹家渡街道', square(121.408, 31.2, 0.01))
	]
});

describe('sub-district boundaries', () => {
	test('CLI reader: bow-tie and zero area rejected by name; the overlap warned on the later row', () => {
		const result = parseSubdistrictsGeoJson(collection);
		expect(result.records.map((area) => area.code)).toEqual(['a', 'd']);
		expect(result.problems.map((problem) => [problem.row, problem.code, problem.reason])).toEqual([
			[2, 'subdistrict-self-intersecting', '南京西路街道: the boundary crosses itself near (121.415000, 31.205000)'],
			[3, 'subdistrict-zero-area', '静安寺街道: the boundary encloses no area']
		]);
		expect(result.warnings.map((warning) => [warning.row, warning.code, warning.params?.name, warning.params?.other, warning.params?.otherRow])).toEqual([[4, 'subdistrict-overlap', '曹家渡街道', '江宁路街道', '1']]);
		// 0.002° of longitude × 0.01° of latitude at 31.2°N on the WGS84 sphere turf uses (R = 6,371,008.8 m).
		const metres = (Math.PI / 180) * 6_371_008.8;
		const expected = 0.002 * metres * Math.cos((31.205 * Math.PI) / 180) * 0.01 * metres;
		expect(Number(result.warnings[0].params?.area)).toBeGreaterThan(expected * 0.995);
		expect(Number(result.warnings[0].params?.area)).toBeLessThan(expected * 1.005);
	});

	test('the dialog gives the same rows, reasons and warning', async () => {
		const result = await importFile({ kind: 'subdistricts', fileName: 'b.geojson', bytes: new TextEncoder().encode(collection), options: {}, context: {} });
		if (result.kind !== 'subdistricts') throw new Error('wrong kind');
		const cli = parseSubdistrictsGeoJson(collection);
		expect(result.records.map((area) => area.name)).toEqual(['江宁路街道', '曹家渡街道']);
		expect(result.problems.map((problem: ImportProblem) => [problem.row, problem.reason, problem.name])).toEqual(cli.problems.map((problem, index) => [problem.row, problem.reason, ['南京西路街道', '静安寺街道'][index]]));
		expect(result.warnings.map((warning) => [warning.row, warning.reason, warning.name])).toEqual(cli.warnings.map((warning) => [warning.row, warning.reason, '曹家渡街道']));
	});

	test('the demo (shared boundaries, no overlap) gives no problem and no warning', async () => {
		const { readFileSync } = await import('node:fs');
		const result = parseSubdistrictsGeoJson(readFileSync('static/data/demo/subdistricts.geojson', 'utf8'));
		expect(result.loaded).toBe(14);
		expect(result.problems).toEqual([]);
		expect(result.warnings).toEqual([]);
	});
});
