import { describe, expect, test } from 'vitest';
import { crsFromPrj, makeToWgs84, parseCrs, PROJECTED_DEFINITIONS, conversionLabel } from '$lib/io/import/crs';
import { guessCrs } from '$lib/io/import/crs-guess';
import { makePositionReader } from '$lib/io/import/position';
import { FileFormatError } from '$lib/io/load-result';
import { expected, gcjForward, haversineM, transverseMercator } from './fixtures';

describe('GCJ-02 and BD-09', () => {
	test('GCJ-02 → WGS84 undoes the published forward formula within 5 m across Jing\'an', () => {
		const toWgs84 = makeToWgs84('gcj02');
		for (let lon = 121.42; lon <= 121.48; lon += 0.01) {
			for (let lat = 31.2; lat <= 31.32; lat += 0.02) {
				const [gcjLon, gcjLat] = gcjForward(lon, lat);
				// The shift itself is large here (domain brief: ≈ 480 m), so a no-op conversion cannot pass.
				expect(haversineM(lon, lat, gcjLon, gcjLat)).toBeGreaterThan(400);
				expect(haversineM(lon, lat, gcjLon, gcjLat)).toBeLessThan(600);
				const [backLon, backLat] = toWgs84(gcjLon, gcjLat);
				expect(haversineM(lon, lat, backLon, backLat)).toBeLessThan(5);
			}
		}
	});

	test('BD-09 → WGS84 undoes the published Baidu offset on top of GCJ-02', () => {
		// BD-09 forward (published): z = √(x²+y²) + 2e-5·sin(y·π·3000/180), θ = atan2(y,x) + 3e-6·cos(x·π·3000/180).
		const [gcjLon, gcjLat] = gcjForward(121.45, 31.23);
		const factor = (Math.PI * 3000) / 180;
		const z = Math.hypot(gcjLon, gcjLat) + 0.00002 * Math.sin(gcjLat * factor);
		const theta = Math.atan2(gcjLat, gcjLon) + 0.000003 * Math.cos(gcjLon * factor);
		const [lon, lat] = makeToWgs84('bd09')(z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006);
		expect(haversineM(121.45, 31.23, lon, lat)).toBeLessThan(5);
	});
});

describe('projected systems', () => {
	test('EPSG:4549 inverse matches an independent Krüger-series forward within 0.05 m', () => {
		const toWgs84 = makeToWgs84('epsg:4549');
		for (const { lon, lat } of expected.facilities) {
			const [x, y] = transverseMercator(lon, lat, 120, 500000);
			const [backLon, backLat] = toWgs84(x, y);
			expect(haversineM(lon, lat, backLon, backLat)).toBeLessThan(0.05);
		}
	});

	test('EPSG:4528 (zone-prefixed easting, CM 120°E) matches the Krüger series', () => {
		const [x, y] = transverseMercator(120.159, 30.267, 120, 40_500_000);
		const [lon, lat] = makeToWgs84('epsg:4528')(x, y);
		expect(haversineM(120.159, 30.267, lon, lat)).toBeLessThan(0.05);
	});

	test('UTM 51N and Web Mercator against their formulas', () => {
		const [utmX, utmY] = transverseMercator(121.45, 31.23, 123, 500000, 6378137, 298.257223563, 0.9996);
		const [lon, lat] = makeToWgs84('epsg:32651')(utmX, utmY);
		expect(haversineM(121.45, 31.23, lon, lat)).toBeLessThan(0.05);
		const radius = 6378137;
		const mercatorX = (radius * 121.45 * Math.PI) / 180;
		const mercatorY = radius * Math.log(Math.tan(Math.PI / 4 + (31.23 * Math.PI) / 360));
		const [mLon, mLat] = makeToWgs84('epsg:3857')(mercatorX, mercatorY);
		expect(haversineM(121.45, 31.23, mLon, mLat)).toBeLessThan(0.01);
	});

	test('the generated Gauss-Krüger table has the published parameters at the four spot-checked codes', () => {
		// EPSG registry: 4547 = 3° CM 114E; 4530 = 3° zone 42 (CM 126E, FE 42 500 000); 4510 = 6° CM 123E; 4499 = 6° zone 21.
		expect(PROJECTED_DEFINITIONS.get(4547)?.proj4).toContain('+lon_0=114 ');
		expect(PROJECTED_DEFINITIONS.get(4530)?.proj4).toContain('+lon_0=126 +k=1 +x_0=42500000 ');
		expect(PROJECTED_DEFINITIONS.get(4510)?.proj4).toContain('+lon_0=123 +k=1 +x_0=500000 ');
		expect(PROJECTED_DEFINITIONS.get(4499)?.proj4).toContain('+lon_0=123 +k=1 +x_0=21500000 ');
		expect(PROJECTED_DEFINITIONS.get(4549)?.label).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 120E');
	});
});

describe('declaring a system', () => {
	test('names and codes planners type', () => {
		expect(parseCrs('WGS84')).toBe('wgs84');
		expect(parseCrs('EPSG:4326')).toBe('wgs84');
		expect(parseCrs('GCJ-02')).toBe('gcj02');
		expect(parseCrs('高德')).toBe('gcj02');
		expect(parseCrs('bd-09')).toBe('bd09');
		expect(parseCrs(' epsg:4549 ')).toBe('epsg:4549');
	});

	test('unknown and unsupported codes fail with a reason', () => {
		expect(() => parseCrs('EPSG:9999')).toThrow(FileFormatError);
		expect(() => parseCrs('EPSG:9999')).toThrow(/not a coordinate system this tool knows/);
		expect(() => parseCrs('EPSG:2385')).toThrow(/Beijing 1954 or Xi'an 1980/);
		expect(() => parseCrs('mars')).toThrow(/unknown coordinate system/);
	});

	test('CGCS2000 is recorded as treated like WGS84', () => {
		expect(parseCrs('4490')).toBe('cgcs2000');
		expect(conversionLabel('cgcs2000')).toMatch(/under 1 m/);
		expect(conversionLabel('wgs84')).toBeNull();
		expect(conversionLabel('gcj02')).toBe('GCJ-02 → WGS84');
	});

	test('Shapefile .prj names are recognised', () => {
		expect(crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]')).toBe('epsg:4549');
		expect(crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["x"]]')).toBe('epsg:4528');
		expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBe('wgs84');
		expect(crsFromPrj('PROJCS["WGS_1984_UTM_Zone_51N",GEOGCS["x"]]')).toBe('epsg:32651');
		expect(() => crsFromPrj('PROJCS["Beijing_1954_3_Degree_GK_CM_120E",GEOGCS["GCS_Beijing_1954"]]')).toThrow(FileFormatError);
	});
});

describe('guessing from values', () => {
	test('degrees in China are geographic, never confidently WGS84', () => {
		expect(guessCrs([[121.45, 31.23], [121.44, 31.24]])).toMatchObject({ crs: 'wgs84', confident: false, reason: 'geographic', swapped: false });
		expect(guessCrs([[31.23, 121.45], [31.24, 121.44]])).toMatchObject({ reason: 'geographic', swapped: true });
	});

	test('metres: Web Mercator, zone-prefixed Gauss-Krüger, zone-less Gauss-Krüger', () => {
		expect(guessCrs([[13_519_000, 3_662_000]])).toMatchObject({ crs: 'epsg:3857', confident: true });
		expect(guessCrs([[40_642_000, 3_456_000]])).toMatchObject({ crs: 'epsg:4528', confident: true });
		expect(guessCrs([[642_000, 3_456_000]])).toMatchObject({ crs: 'epsg:4549', confident: false, reason: 'projected-unknown-zone' });
		expect(guessCrs([[3_456_000, 642_000]])).toMatchObject({ crs: 'epsg:4549', swapped: true });
	});
});

describe('reading one position', () => {
	test('projected rows: converted, swapped axes and degrees named', () => {
		const read = makePositionReader('epsg:4549');
		const [x, y] = transverseMercator(121.45, 31.23, 120, 500000);
		const ok = read(String(x), String(y));
		expect(ok.ok && haversineM(121.45, 31.23, ok.value[0], ok.value[1])).toBeLessThan(0.05);
		const swapped = read(String(y), String(x));
		expect(swapped.ok).toBe(false);
		if (!swapped.ok) expect(swapped.reason).toMatch(/swapped/);
		const degrees = read('121.45', '31.23');
		expect(!degrees.ok && degrees.reason).toMatch(/looks like degrees/);
		const text = read('abc', String(y));
		expect(!text.ok && text.reason).toMatch(/not a number/);
	});
});
