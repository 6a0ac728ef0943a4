import gcoord from 'gcoord';
import { describe, expect, test } from 'vitest';
import { importFile, importSubdistricts, type NetworkImport, type SubdistrictsImport } from '$lib/io/import';
import { detectShift } from '$lib/io/import/shift-detection';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';
import type { NetworkLine } from '$lib/engine/types';
import { packLines, unpackLines } from '$lib/io/network-pack';
import { expected, fixtureBytes, haversineM, truthSubdistricts } from './fixtures';

async function loadSubdistricts(fileName: string, options = {}): Promise<SubdistrictsImport> {
	const result = await importSubdistricts({ fileName, bytes: fixtureBytes(fileName), options });
	expect(result.kind).toBe('subdistricts');
	return result;
}

/** Largest distance from any vertex of the imported rings to the true rectangle's edge. */
function maxDistanceToBox(rings: [number, number][][], box: readonly number[]): number {
	const [west, south, east, north] = box;
	let worst = 0;
	for (const ring of rings) {
		for (const [lon, lat] of ring) {
			const nearestLon = Math.abs(lon - west) < Math.abs(lon - east) ? west : east;
			const nearestLat = Math.abs(lat - south) < Math.abs(lat - north) ? south : north;
			// A vertex lies on a vertical or a horizontal edge: its distance is to the nearer of the two.
			const toVertical = haversineM(lon, lat, nearestLon, lat);
			const toHorizontal = haversineM(lon, lat, lon, nearestLat);
			worst = Math.max(worst, Math.min(toVertical, toHorizontal));
		}
	}
	return worst;
}

describe('sub-districts', () => {
	test('GeoJSON with Chinese property names; agrees with the canonical reader where both apply', async () => {
		const result = await loadSubdistricts('subdistricts.geojson');
		expect(result.loaded).toBe(4);
		expect(result.records.map((area) => [area.code, area.name, area.nameEn, area.population])).toEqual(
			expected.subdistricts.map((area) => [area.code, area.name, area.nameEn, area.population])
		);
		result.records.forEach((area, index) => expect(maxDistanceToBox(area.polygons[0], expected.subdistricts[index].box)).toBeLessThan(0.01));
		const renamed = new TextDecoder().decode(fixtureBytes('subdistricts.geojson')).replace(/街道代码/g, 'code').replace(/街道名称/g, 'name').replace(/常住人口/g, 'population');
		expect(parseSubdistrictsGeoJson(renamed).records).toEqual(result.records);
	});

	test('zipped Shapefile in EPSG:4549 with a GBK .dbf and no .cpg: names decoded, rings within 5 m', async () => {
		const result = await loadSubdistricts('subdistricts-gk120-gbk.zip');
		expect(result.format).toBe('shapefile-zip');
		expect(result.encoding?.used).toBe('gb18030');
		expect(result.crs).toBe('epsg:4549');
		expect(result.appliedConversion).toMatch(/EPSG:4549/);
		expect(result.headers).toEqual(['CODE', '名称', 'NAME_EN', '常住人口']);
		expect(result.records.map((area) => [area.code, area.name, area.nameEn, area.population])).toEqual(
			expected.subdistricts.map((area) => [area.code, area.name, area.nameEn, area.population])
		);
		result.records.forEach((area, index) => expect(maxDistanceToBox(area.polygons[0], expected.subdistricts[index].box)).toBeLessThan(5));
	});

	test('features without a usable polygon or name are rejected with reasons; duplicates named', async () => {
		const square = [[[121.43, 31.21], [121.44, 31.21], [121.44, 31.22], [121.43, 31.21]]];
		const collection = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square }, properties: { name: 'A', code: '1' } },
				{ type: 'Feature', geometry: { type: 'Point', coordinates: [121.4, 31.2] }, properties: { name: 'B', code: '2' } },
				{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square }, properties: { name: '', code: '3' } },
				{ type: 'Feature', geometry: { type: 'Polygon', coordinates: square }, properties: { name: 'D', code: '1' } },
				{ type: 'Feature', geometry: null, properties: { name: 'E', code: '5' } }
			]
		};
		const result = await importFile({ kind: 'subdistricts', fileName: 'x.geojson', bytes: new TextEncoder().encode(JSON.stringify(collection)) });
		expect(result.loaded).toBe(1);
		expect(result.problems.map((problem) => [problem.row, problem.field])).toEqual([
			[2, 'geometry'],
			[3, 'name'],
			[4, 'code'],
			[5, 'geometry']
		]);
	});
});

describe('network from GeoJSON', () => {
	test('lines kept with their highway class; GCJ-02 input converted', async () => {
		const plain = (await importFile({ kind: 'network', fileName: 'n.geojson', bytes: fixtureBytes('network.geojson') })) as NetworkImport;
		expect(plain.loaded).toBe(32);
		const plainLines = unpackLines(plain.records);
		expect(new Set(plainLines.map((line) => line.highway))).toEqual(new Set(['residential', 'tertiary']));
		const shifted = (await importFile({ kind: 'network', fileName: 'n.geojson', bytes: fixtureBytes('network.geojson'), options: { crs: 'gcj02' } })) as NetworkImport;
		const [lon, lat] = unpackLines(shifted.records)[0].coords[0];
		const [expectedLon, expectedLat] = gcoord.transform(plainLines[0].coords[0], gcoord.GCJ02, gcoord.WGS84) as [number, number];
		expect(haversineM(lon, lat, expectedLon, expectedLat)).toBeLessThan(0.01);
	});

	test('OSM files need the OSM readers; without them the error says so', async () => {
		const osm = new TextEncoder().encode('<?xml version="1.0"?><osm version="0.6"></osm>');
		await expect(importFile({ kind: 'network', fileName: 'a.osm', bytes: osm })).rejects.toThrow(/not available/);
		const result = await importFile({
			kind: 'network',
			fileName: 'a.osm',
			bytes: osm,
			osmReaders: { osmXml: () => ({ records: [{ coords: [[121.4, 31.2], [121.41, 31.2]], highway: 'footway' }], loaded: 1, skipped: 0, problems: [] }) }
		});
		expect(result.loaded).toBe(1);
		expect(result.appliedConversion).toBeNull();
	});
});

describe('shift detection', () => {
	/** Points on a sparse network of long streets, 1.5 km apart. */
	const streets = packLines([121.43, 121.445, 121.46].map((lon): NetworkLine => ({ coords: [[lon, 31.2], [lon, 31.27]], highway: 'primary' })));
	const onStreet = Array.from({ length: 12 }, (_, index) => [[121.43, 121.445, 121.46][index % 3], 31.205 + index * 0.005] as [number, number]);

	function shiftedTo(system: 'GCJ02' | 'BD09'): [Float64Array, Float64Array] {
		const converted = onStreet.map(([lon, lat]) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord[system]) as [number, number]);
		return [Float64Array.from(converted, ([lon]) => lon), Float64Array.from(converted, ([, lat]) => lat)];
	}

	test('streets alone: GCJ-02 and BD-09 points far from every street are recognised', () => {
		const gcj = detectShift(...shiftedTo('GCJ02'), null, { network: streets });
		expect(gcj?.suggested).toBe('gcj02');
		expect(gcj?.evidence[0].medianNetworkM).toBeGreaterThan(300);
		const bd = detectShift(...shiftedTo('BD09'), null, { network: streets });
		expect(bd?.suggested).toBe('bd09');
		const plain = detectShift(Float64Array.from(onStreet, ([lon]) => lon), Float64Array.from(onStreet, ([, lat]) => lat), null, { network: streets });
		expect(plain?.suggested).toBeNull();
	});

	test('too few points or nothing to compare with: no verdict', () => {
		expect(detectShift(new Float64Array([121.4]), new Float64Array([31.2]), null, { network: streets })).toBeNull();
		expect(detectShift(...shiftedTo('GCJ02'), null, {})).toBeNull();
	});

	test('boundaries alone: points pushed outside the district by the shift', () => {
		// Points within 300 m of the box's east edge: GCJ-02 moves them ≈ 440 m east, out of the district.
		const nearEast = Array.from({ length: 10 }, (_, index) => [121.4625, 31.21 + index * 0.004] as [number, number]);
		const converted = nearEast.map(([lon, lat]) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]);
		const check = detectShift(Float64Array.from(converted, ([lon]) => lon), Float64Array.from(converted, ([, lat]) => lat), null, { subdistricts: truthSubdistricts() });
		expect(check?.evidence[0].insideShare).toBe(0);
		expect(check?.suggested).toBe('gcj02');
	});
});

describe('GeoParquet', () => {
	test('sub-district polygons from WKB with the "geo" metadata; no crs member means WGS84', async () => {
		const result = await loadSubdistricts('subdistricts.parquet');
		expect(result.format).toBe('parquet');
		expect(result.crs).toBe('wgs84');
		expect(result.records.map((area) => [area.code, area.name, area.nameEn, area.population])).toEqual(
			expected.subdistricts.map((area) => [area.code, area.name, area.nameEn, area.population])
		);
		result.records.forEach((area, index) => expect(maxDistanceToBox(area.polygons[0], expected.subdistricts[index].box)).toBeLessThan(0.01));
	});
});
