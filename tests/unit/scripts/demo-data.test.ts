/**
 * Invariants of the committed Jing'an demo, checked independently of the generator: files are parsed
 * with papaparse / JSON.parse and tested with Turf, never with the generator's own helpers.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { area, booleanPointInPolygon, intersect, featureCollection, point, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';

const DIR = 'static/data/demo';
const units = JSON.parse(readFileSync('data/jingan-units.json', 'utf8')) as {
	units: { code: string; name: string; committees: number; area_km2: number; area_known: boolean; lon: number; lat: number }[];
};
type Row = Record<string, string>;
const csv = (name: string) => Papa.parse<Row>(readFileSync(join(DIR, name), 'utf8'), { header: true, skipEmptyLines: true }).data;
const geojson = (name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8'));

const subdistricts = geojson('subdistricts.geojson').features as { properties: { code: string; name: string }; geometry: { coordinates: number[][][] } }[];
const shapes = subdistricts.map((feature) => polygon(feature.geometry.coordinates));
const cells = csv('population.csv').map((row) => ({ lon: Number(row.lon), lat: Number(row.lat), pop: Number(row.pop) }));
const facilities = csv('facilities.csv');

function containing(lon: number, lat: number): number[] {
	return shapes.map((shape, index) => (booleanPointInPolygon(point([lon, lat]), shape) ? index : -1)).filter((index) => index >= 0);
}

describe('the Jing\'an demo dataset', () => {
	it('has 14 sub-districts with the given codes, tiling about 36.9 km² with areas near the known ones', () => {
		expect(subdistricts.map((feature) => feature.properties.code).sort()).toEqual(units.units.map((unit) => unit.code).sort());
		const areasKm2 = new Map(subdistricts.map((feature, index) => [feature.properties.code, area(shapes[index]) / 1e6]));
		const total = [...areasKm2.values()].reduce((a, b) => a + b, 0);
		expect(total).toBeGreaterThan(36.9 * 0.97);
		expect(total).toBeLessThan(36.9 * 1.03);
		for (const unit of units.units.filter((candidate) => candidate.area_known)) {
			expect(Math.abs((areasKm2.get(unit.code) ?? 0) / unit.area_km2 - 1), unit.code).toBeLessThan(0.15);
		}
	});

	it('has sub-districts that do not overlap', () => {
		for (let i = 0; i < shapes.length; i++) {
			for (let j = i + 1; j < shapes.length; j++) {
				const overlap = intersect(featureCollection([shapes[i], shapes[j]]));
				expect(overlap ? area(overlap) : 0, `${i}×${j}`).toBeLessThan(50);
			}
		}
	});

	it('has exactly 975,707 residents, every cell inside exactly one sub-district', () => {
		expect(cells.reduce((sum, cell) => sum + cell.pop, 0)).toBe(975_707);
		for (const cell of cells) {
			expect(Number.isInteger(cell.pop) && cell.pop > 0).toBe(true);
			expect(containing(cell.lon, cell.lat)).toHaveLength(1);
		}
	});

	it('gives each unit a population share close to its share of residents\' committees', () => {
		const committees = units.units.reduce((sum, unit) => sum + unit.committees, 0);
		const byCode = new Map<string, number>();
		for (const cell of cells) {
			const code = subdistricts[containing(cell.lon, cell.lat)[0]].properties.code;
			byCode.set(code, (byCode.get(code) ?? 0) + cell.pop);
		}
		for (const unit of units.units) {
			const expected = (unit.committees / committees) * 975_707;
			expect(Math.abs((byCode.get(unit.code) ?? 0) - expected), unit.code).toBeLessThan(expected * 0.02);
		}
	});

	it('places every facility inside the sub-district named by its subdistrict column', () => {
		for (const facility of facilities) {
			const inside = containing(Number(facility.lon), Number(facility.lat)).map((index) => subdistricts[index].properties.code);
			expect(inside, facility.id).toEqual([facility.subdistrict]);
		}
	});

	it('has 14 centres, the 彭浦新村 branch centre, 40–60 stations (some under 200 m²) and a few hospitals', () => {
		const ofType = (type: string) => facilities.filter((facility) => facility.type === type);
		expect(ofType('centre')).toHaveLength(14);
		expect(new Set(ofType('centre').map((centre) => centre.subdistrict)).size).toBe(14);
		expect(ofType('branch').map((branch) => branch.subdistrict)).toEqual(['pengpuxincun']);
		const stations = ofType('station');
		expect(stations.length).toBeGreaterThanOrEqual(40);
		expect(stations.length).toBeLessThanOrEqual(60);
		expect(stations.filter((station) => Number(station.area_m2) < 200).length).toBeGreaterThanOrEqual(5);
		expect(ofType('hospital').length).toBeGreaterThanOrEqual(3);
	});

	it('makes some units pass and some fail the space and bed standards', () => {
		const population = new Map<string, number>();
		for (const cell of cells) {
			const code = subdistricts[containing(cell.lon, cell.lat)[0]].properties.code;
			population.set(code, (population.get(code) ?? 0) + cell.pop);
		}
		const areaPass = units.units.map((unit) => {
			const area = facilities
				.filter((facility) => facility.subdistrict === unit.code && (facility.type === 'centre' || facility.type === 'branch'))
				.reduce((sum, facility) => sum + Number(facility.area_m2), 0);
			return area >= Math.max(5000, 0.1 * (population.get(unit.code) ?? 0));
		});
		expect(areaPass.filter(Boolean).length).toBeGreaterThan(2);
		expect(areaPass.filter((pass) => !pass).length).toBeGreaterThan(2);
	});

	it('has a connected street network whose crossings of the creek and railway are few bridges', () => {
		const lines = geojson('network.geojson').features as { properties: { bridge?: boolean }; geometry: { coordinates: number[][] } }[];
		const parent = new Map<string, string>();
		const find = (key: string): string => {
			let root = key;
			while (parent.get(root) !== root) root = parent.get(root) ?? root;
			parent.set(key, root);
			return root;
		};
		const key = (position: number[]) => `${position[0]},${position[1]}`;
		for (const line of lines) for (const position of line.geometry.coordinates) if (!parent.has(key(position))) parent.set(key(position), key(position));
		for (const line of lines) {
			const coords = line.geometry.coordinates;
			for (let i = 1; i < coords.length; i++) parent.set(find(key(coords[i])), find(key(coords[0])));
		}
		const roots = new Set([...parent.keys()].map(find));
		const manifest = geojson('manifest.json');
		expect(roots.size).toBe(1 + manifest.network_isolated_components.length);
		const bridges = lines.filter((line) => line.properties.bridge).length;
		expect(bridges).toBeGreaterThanOrEqual(4);
		expect(bridges).toBeLessThanOrEqual(20);
	});

	it('is regenerated byte for byte by the generator', () => {
		const out = mkdtempSync(join(tmpdir(), 'demo-'));
		execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-demo.ts', '--out', out], { stdio: 'pipe' });
		for (const name of readdirSync(DIR)) expect(readFileSync(join(out, name)), name).toEqual(readFileSync(join(DIR, name)));
	});
});
