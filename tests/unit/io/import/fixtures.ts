/**
 * Shared helpers for the importer tests: fixture loading, the WGS84 truth, and independent reference
 * implementations (haversine distance, the published GCJ-02 forward formula, Krüger's transverse Mercator
 * series) that do not share code with gcoord or proj4.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Subdistrict } from '$lib/engine/types';

export const FIXTURES = join(process.cwd(), 'tests/fixtures/import');

export function fixtureBytes(name: string): Uint8Array {
	return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export interface TruthFacility {
	id: string;
	name: string;
	type: string;
	typeZh: string;
	subdistrict: string;
	lon: number;
	lat: number;
	areaM2: number;
	beds: number | null;
	status: string;
	statusZh: string;
	parentId: string | null;
}

export interface Expected {
	facilities: TruthFacility[];
	gbkBadRows: { row: number; id: string; field: string }[];
	/** Rows whose area or beds is not a number: kept, with that value unknown and a warning. */
	gbkWarningRows: { row: number; id: string; name: string; field: string; value: string }[];
	subdistricts: { code: string; name: string; nameEn: string; population: number; box: [number, number, number, number] }[];
	grid: { lon: number; lat: number; pop: number }[];
	gridBadRows: number[];
	h3: { resolution: number; cells: number };
	raster: { originLon: number; originLat: number; pixel: number; width: number; height: number; noData: number };
	titleRow: { headerRow: number; firstDataRow: number; unknownQuantities: { row: number; id: string; name: string; area: string; beds: string }[] };
}

export const expected: Expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));

/** The fixture rectangles as engine sub-districts (built here from the truth, not through the importer). */
export function truthSubdistricts(): Subdistrict[] {
	return expected.subdistricts.map((area) => {
		const [west, south, east, north] = area.box;
		return {
			code: area.code,
			name: area.name,
			nameEn: area.nameEn,
			population: area.population,
			polygons: [[[[west, south], [east, south], [east, north], [west, north], [west, south]]]]
		};
	});
}

/** Great-circle distance in metres (spherical Earth, mean radius). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const radians = Math.PI / 180;
	const dLat = (lat2 - lat1) * radians;
	const dLon = (lon2 - lon1) * radians;
	const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(dLon / 2) ** 2;
	return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

/** WGS84 → GCJ-02, the widely published formula (Krasovsky ellipsoid constants), written out independently. */
export function gcjForward(lon: number, lat: number): [number, number] {
	const a = 6378245.0;
	const ee = 0.00669342162296594323;
	const x = lon - 105;
	const y = lat - 35;
	const pi = Math.PI;
	let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
	dLat += ((20 * Math.sin(6 * x * pi) + 20 * Math.sin(2 * x * pi)) * 2) / 3;
	dLat += ((20 * Math.sin(y * pi) + 40 * Math.sin((y / 3) * pi)) * 2) / 3;
	dLat += ((160 * Math.sin((y / 12) * pi) + 320 * Math.sin((y * pi) / 30)) * 2) / 3;
	let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
	dLon += ((20 * Math.sin(6 * x * pi) + 20 * Math.sin(2 * x * pi)) * 2) / 3;
	dLon += ((20 * Math.sin(x * pi) + 40 * Math.sin((x / 3) * pi)) * 2) / 3;
	dLon += ((150 * Math.sin((x / 12) * pi) + 300 * Math.sin((x / 30) * pi)) * 2) / 3;
	const radLat = (lat / 180) * pi;
	const magic = 1 - ee * Math.sin(radLat) ** 2;
	const sqrtMagic = Math.sqrt(magic);
	dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * sqrtMagic)) * pi);
	dLon = (dLon * 180) / ((a / sqrtMagic) * Math.cos(radLat) * pi);
	return [lon + dLon, lat + dLat];
}

/**
 * Transverse Mercator forward by Krüger's series in n (to n⁴; sub-millimetre within a 3° zone),
 * following Karney (2011), on the GRS80 / CGCS2000 ellipsoid unless told otherwise.
 */
export function transverseMercator(lon: number, lat: number, centralMeridian: number, falseEasting: number, a = 6378137, inverseFlattening = 298.257222101, scale = 1): [number, number] {
	const f = 1 / inverseFlattening;
	const n = f / (2 - f);
	const bigA = (a / (1 + n)) * (1 + (n * n) / 4 + n ** 4 / 64);
	const alpha = [n / 2 - (2 * n * n) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180, (13 * n * n) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440, (61 * n ** 3) / 240 - (103 * n ** 4) / 140, (49561 * n ** 4) / 161280];
	const phi = (lat * Math.PI) / 180;
	const lambda = ((lon - centralMeridian) * Math.PI) / 180;
	const e = (2 * Math.sqrt(n)) / (1 + n);
	const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
	const xiPrime = Math.atan2(t, Math.cos(lambda));
	const etaPrime = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
	let xi = xiPrime;
	let eta = etaPrime;
	alpha.forEach((coefficient, index) => {
		const j = 2 * (index + 1);
		xi += coefficient * Math.sin(j * xiPrime) * Math.cosh(j * etaPrime);
		eta += coefficient * Math.cos(j * xiPrime) * Math.sinh(j * etaPrime);
	});
	return [falseEasting + scale * bigA * eta, scale * bigA * xi];
}
