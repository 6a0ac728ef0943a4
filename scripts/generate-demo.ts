/**
 * Generates the embedded Jing'an demo (static/data/demo) from a seed and the public facts in
 * data/jingan-units.json. Deterministic: the same seed gives byte-identical files.
 *
 *   npm run demo:generate [-- --out DIR]
 *
 * Everything here is synthetic, calibrated to public figures: 14 sub-district polygons tiling a
 * plausible outline with areas near the known ones, a 100 m population grid summing to the census
 * total with unit shares by residents' committees, centres/branch/stations/hospitals, and a street
 * network with Suzhou Creek and the railway as barriers with few crossings.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CREEK, CREEK_HALF_WIDTH_M, PARKS, RAILWAYS, RAIL_YARD } from './demo/barriers';
import { generateFacilities, type DemoFacility } from './demo/facilities';
import { seededRandom, signedArea, toLocal, toLonLat, type Point } from './demo/geometry';
import { generateNetwork } from './demo/network';
import { CELL_SIZE_M, generatePopulation, type PopulationCell } from './demo/population';
import { districtOutline, fitPowerDiagram, type Unit } from './demo/subdistricts';

export const DEMO_SEED = 20231115;

interface UnitsFile {
	district: { name: string; name_en: string; population: number; area_km2: number };
	units: Unit[];
}

export function generateDemo(unitsPath: string, outDir: string, seed = DEMO_SEED): void {
	const { district, units } = JSON.parse(readFileSync(unitsPath, 'utf8')) as UnitsFile;
	const random = seededRandom(seed);
	const outline = districtOutline(district.area_km2);
	const knownTotal = units.reduce((sum, unit) => sum + unit.area_km2, 0);
	const targets = units.map((unit) => (unit.area_km2 / knownTotal) * district.area_km2 * 1e6);
	const { cells: localRings } = fitPowerDiagram(outline, units.map((unit) => toLocal(unit.lon, unit.lat)), targets);
	const lonLatRings = localRings.map((ring) => closeRing(ring.map((p) => roundPosition(toLonLat(p), 6))));

	const population = generatePopulation(lonLatRings, units.map((unit) => unit.committees), district.population, random);
	const facilities = generateFacilities(units, localRings, population, random);
	const network = generateNetwork(outline, random);

	mkdirSync(outDir, { recursive: true });
	const write = (name: string, text: string) => writeFileSync(join(outDir, name), text);
	write('manifest.json', json(manifest(seed, district, network.edges.length)));
	write('subdistricts.geojson', json(featureCollection(units.map((unit, i) => polygonFeature({ code: unit.code, name: unit.name, name_en: unit.name_en }, lonLatRings[i])))));
	write('population.csv', populationCsv(population));
	write('facilities.csv', facilitiesCsv(facilities));
	write(
		'network.geojson',
		json(
			featureCollection(
				network.edges.map((edge) => {
					const coords = [network.nodes[edge.from], ...edge.via, network.nodes[edge.to]].map((p) => roundPosition(toLonLat(p), 7));
					const properties = edge.bridge ? { highway: edge.highway, bridge: true } : { highway: edge.highway };
					return { type: 'Feature', properties, geometry: { type: 'LineString', coordinates: coords } };
				})
			)
		)
	);
	write('context.geojson', json(featureCollection(contextFeatures(outline))));
}

function manifest(seed: number, district: UnitsFile['district'], edgeCount: number) {
	return {
		name: '静安区示例数据（合成）',
		name_en: "Jing'an demo (synthetic)",
		synthetic: true,
		seed,
		generator: 'scripts/generate-demo.ts',
		district: { name: district.name, name_en: district.name_en, population: district.population },
		population_cell: { kind: 'grid', size_m: CELL_SIZE_M },
		files: { facilities: 'facilities.csv', population: 'population.csv', subdistricts: 'subdistricts.geojson', network: 'network.geojson', context: 'context.geojson' },
		network_edges: edgeCount,
		network_isolated_components: [],
		notes:
			'Synthetic data calibrated to public figures (2020 census population, residents’ committee counts, sub-district areas, the 2023 plan’s centre status); facility positions, areas, beds, stations and streets are generated, not real.'
	};
}

function contextFeatures(outline: Point[]) {
	const line = (points: Point[]) => points.map((p) => roundPosition(toLonLat(p), 6));
	const creekPolygon = bufferLine(CREEK, CREEK_HALF_WIDTH_M);
	return [
		polygonFeature({ kind: 'district', name: '静安区' }, closeRing(line(outline))),
		polygonFeature({ kind: 'water', name: '苏州河' }, closeRing(line(creekPolygon))),
		...RAILWAYS.map((rail) => ({ type: 'Feature', properties: { kind: 'rail' }, geometry: { type: 'LineString', coordinates: line(rail) } })),
		polygonFeature({ kind: 'railyard', name: '铁路站场' }, closeRing(line(RAIL_YARD))),
		...PARKS.map((park) => polygonFeature({ kind: 'park', name: park.name }, closeRing(line(park.ring))))
	];
}

/** A polygon around a polyline: offset both sides by `half` metres (enough for display). */
function bufferLine(points: Point[], half: number): Point[] {
	const normals = points.map((_, i) => {
		const a = points[Math.max(0, i - 1)];
		const b = points[Math.min(points.length - 1, i + 1)];
		const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
		return [-(b[1] - a[1]) / length, (b[0] - a[0]) / length] as Point;
	});
	const left = points.map((p, i): Point => [p[0] + normals[i][0] * half, p[1] + normals[i][1] * half]);
	const right = points.map((p, i): Point => [p[0] - normals[i][0] * half, p[1] - normals[i][1] * half]);
	return [...right, ...left.reverse()];
}

function polygonFeature(properties: Record<string, string>, ring: Point[]) {
	return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** Closed and counter-clockwise (RFC 7946). */
function closeRing(ring: Point[]): Point[] {
	const ccw = signedArea(ring) >= 0 ? ring : [...ring].reverse();
	return [...ccw, ccw[0]];
}

function roundPosition([lon, lat]: Point, decimals: number): Point {
	return [Number(lon.toFixed(decimals)), Number(lat.toFixed(decimals))];
}

function featureCollection(features: unknown[]) {
	return { type: 'FeatureCollection', features };
}

function json(value: unknown): string {
	return `${JSON.stringify(value)}\n`;
}

function populationCsv(cells: PopulationCell[]): string {
	return ['lon,lat,pop', ...cells.map((cell) => `${cell.lon.toFixed(6)},${cell.lat.toFixed(6)},${cell.pop}`)].join('\n') + '\n';
}

function facilitiesCsv(facilities: DemoFacility[]): string {
	const header = 'id,name,type,subdistrict,lon,lat,area_m2,beds,status,parent_id';
	const rows = facilities.map((f) =>
		[f.id, f.name, f.type, f.subdistrict, f.lon.toFixed(6), f.lat.toFixed(6), f.area_m2 ?? '', f.beds ?? '', f.status, f.parent_id].join(',')
	);
	return [header, ...rows].join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({ options: { out: { type: 'string', default: 'static/data/demo' }, units: { type: 'string', default: 'data/jingan-units.json' } } });
	generateDemo(values.units ?? 'data/jingan-units.json', values.out ?? 'static/data/demo');
	console.log(`demo written to ${values.out}`);
}
