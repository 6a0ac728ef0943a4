/**
 * The raw input files of the standards tests: the small hand-computed synthetic district of
 * indicators.test.ts (three 1 km × 2 km sub-districts, streets over the southern half,
 * one cell east of them all; copied here unchanged so other tests can use it without importing a
 * test file) and the embedded Jing'an demo when it is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from '$lib/engine/types';

const ORIGIN: Position = [121.45, 31.23];
const METRES_PER_DEGREE_LAT = (6_371_008.8 * Math.PI) / 180;
function at(east: number, north: number): Position {
	return [ORIGIN[0] + east / (METRES_PER_DEGREE_LAT * Math.cos((ORIGIN[1] * Math.PI) / 180)), ORIGIN[1] + north / METRES_PER_DEGREE_LAT];
}

export function syntheticFiles(): RawFiles {
	const rectangle = (west: number, east: number) => [[at(west, 0), at(east, 0), at(east, 2000), at(west, 2000), at(west, 0)]];
	const subdistricts = {
		type: 'FeatureCollection',
		features: [
			{ type: 'Feature', properties: { code: 'A', name: '甲街道', name_en: 'Jia' }, geometry: { type: 'Polygon', coordinates: rectangle(0, 1000) } },
			{ type: 'Feature', properties: { code: 'B', name: '乙街道', name_en: 'Yi', population: '' }, geometry: { type: 'Polygon', coordinates: rectangle(1000, 2000) } },
			{ type: 'Feature', properties: { code: 'C', name: '丙镇', name_en: 'Bing', population: 60000 }, geometry: { type: 'Polygon', coordinates: rectangle(2000, 3000) } }
		]
	};
	const lines: Position[][] = [];
	const xs = Array.from({ length: 13 }, (_, i) => i * 250);
	const ys = Array.from({ length: 5 }, (_, i) => i * 250);
	for (const y of ys) lines.push(xs.map((x) => at(x, y)));
	for (const x of xs) lines.push(ys.map((y) => at(x, y)));
	const network = { type: 'FeatureCollection', features: lines.map((coordinates) => ({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates } })) };
	const facilityRows: [string, string, string, string, number, number, string, string, string, string][] = [
		['cA', '甲中心', 'centre', 'A', 500, 500, '4000', '30', 'existing', ''],
		['bA', '甲分中心', 'branch', 'A', 250, 760, '', '10', 'existing', 'cA'],
		['sA1', '甲站一', 'station', 'A', 760, 240, '150', '', 'existing', 'cA'],
		['cB', '乙中心', 'centre', 'B', 1500, 500, '9000', '120', 'construction_starting', ''],
		['pB', '乙新中心', 'centre', 'B', 1760, 740, '5000', '80', 'proposed', ''],
		['sB', '乙站', 'station', 'B', 1240, 760, '', '', 'existing', 'cB'],
		['sX', '无名站', 'station', '', 1260, 260, '210', '', 'existing', ''],
		['sC', '丙站', 'station', 'C', 2500, 510, '250', '', 'transitional', ''],
		['hC', '丙医院', 'hospital', 'C', 2240, 240, '20000', '500', 'existing', '']
	];
	const facilitiesCsv = [
		'id,name,type,subdistrict,lon,lat,area_m2,beds,status,parent_id',
		...facilityRows.map(([id, name, type, code, east, north, area, beds, status, parent]) => {
			const [lon, lat] = at(east, north);
			return [id, name, type, code, lon.toFixed(7), lat.toFixed(7), area, beds, status, parent].join(',');
		})
	].join('\n');
	const cells: string[] = ['lon,lat,pop'];
	let index = 0;
	for (let x = 125; x < 3000; x += 250) {
		for (let y = 125; y < 1000; y += 250) {
			const [lon, lat] = at(x, y);
			cells.push(`${lon.toFixed(7)},${lat.toFixed(7)},${100 + ((index * 37) % 211) + (index % 3) * 0.5}`);
			index++;
		}
	}
	for (const [east, north, pop] of [
		[500, 1800, 400], // 800 m from the nearest street: off the network
		[3500, 500, 900] // east of every sub-district
	]) {
		const [lon, lat] = at(east, north);
		cells.push(`${lon.toFixed(7)},${lat.toFixed(7)},${pop}`);
	}
	return { facilitiesCsv, populationCsv: cells.join('\n'), subdistrictsGeoJson: JSON.stringify(subdistricts), networkGeoJson: JSON.stringify(network) };
}

export interface RawFiles {
	facilitiesCsv: string;
	populationCsv: string;
	subdistrictsGeoJson: string;
	networkGeoJson: string;
}

const DEMO_DIR = 'static/data/demo';

export function demoFiles(): RawFiles | null {
	const manifestPath = join(DEMO_DIR, 'manifest.json');
	const names = existsSync(manifestPath)
		? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<'facilities' | 'population' | 'subdistricts' | 'network', string> }).files
		: { facilities: 'facilities.csv', population: 'population.csv', subdistricts: 'subdistricts.geojson', network: 'network.geojson' };
	const paths = [names.facilities, names.population, names.subdistricts, names.network].map((name) => join(DEMO_DIR, name));
	if (!paths.every((path) => existsSync(path))) return null;
	const [facilitiesCsv, populationCsv, subdistrictsGeoJson, networkGeoJson] = paths.map((path) => readFileSync(path, 'utf8'));
	return { facilitiesCsv, populationCsv, subdistrictsGeoJson, networkGeoJson };
}
