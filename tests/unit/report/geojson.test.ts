/**
 * The GeoJSON: structurally valid (types, closed rings, RFC 7946 winding for the uncovered areas,
 * numeric properties), 14 sub-district features for the demo carrying the SQL figures, and uncovered
 * areas that hold exactly the uncovered cells (brute force with turf over every cell) and their residents.
 */
import { area as turfArea, booleanPointInPolygon, multiPolygon, point } from '@turf/turf';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_COLUMNS } from '$lib/engine/standards/indicator-csv';
import type { PopulationCells, Position } from '$lib/engine/types';
import { gapReportToGeoJson, type ReportFeature, type ReportFeatureCollection } from '$lib/report/geojson';
import { buildGapReport, type GapReportInput } from '$lib/report/model';
import { fitGridLattice, uncoveredAreas } from '$lib/report/uncovered-areas';
import { computeDemo, type DemoRun } from './fixtures';

let demo: DemoRun;
let collection: ReportFeatureCollection;
beforeAll(async () => {
	demo = await computeDemo();
	const report = buildGapReport(demoReportInput());
	const uncovered = { cells: demo.inputs.cells, shape: { kind: 'grid' as const, sizeM: 100 }, cellSubdistrict: demo.inputs.cellSubdistrict, covered: demo.runs.coverage.covered };
	// Through JSON, as a GIS tool would read it.
	collection = JSON.parse(JSON.stringify(gapReportToGeoJson(report, demo.inputs.subdistricts, uncovered)));
});

/** The demo's report input, in Chinese. */
function demoReportInput(): GapReportInput {
	return {
		language: 'zh-CN',
		generatedAt: new Date('2026-11-23T02:30:00Z'),
		dataset: { name: '静安区示例数据（合成）', nameEn: "Jing'an demo (synthetic)", sources: demo.sources },
		profile: demo.options.profile,
		coverageParams: demo.runs.coverage.params,
		servicePopulation: demo.options.servicePopulation,
		rows: demo.indicators.subdistricts,
		district: demo.indicators.district
	};
}

function ringArea2(ring: Position[]): number {
	let sum = 0;
	for (let k = 0; k < ring.length - 1; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
	return sum;
}

function expectValidMultiPolygon(feature: ReportFeature, wound: boolean): void {
	expect(feature.type).toBe('Feature');
	expect(feature.geometry.type).toBe('MultiPolygon');
	expect(feature.geometry.coordinates.length).toBeGreaterThan(0);
	for (const polygon of feature.geometry.coordinates) {
		expect(polygon.length).toBeGreaterThan(0);
		polygon.forEach((ring, index) => {
			expect(ring.length).toBeGreaterThanOrEqual(4);
			expect(ring[0]).toEqual(ring[ring.length - 1]);
			for (const position of ring) {
				expect(position).toHaveLength(2);
				expect(Number.isFinite(position[0]) && Math.abs(position[0]) <= 180).toBe(true);
				expect(Number.isFinite(position[1]) && Math.abs(position[1]) <= 90).toBe(true);
			}
			if (wound) expect(Math.sign(ringArea2(ring)), `ring ${index}`).toBe(index === 0 ? 1 : -1);
		});
	}
}

describe('the demo GeoJSON', () => {
	const subdistrictFeatures = () => collection.features.filter((feature): feature is ReportFeature => feature.properties.kind === 'subdistrict');
	const uncoveredFeatures = () => collection.features.filter((feature): feature is ReportFeature => feature.properties.kind === 'uncovered');

	it('is a FeatureCollection of 14 sub-districts then the uncovered areas, all valid MultiPolygons', () => {
		expect(collection.type).toBe('FeatureCollection');
		expect(subdistrictFeatures()).toHaveLength(14);
		expect(collection.features.slice(0, 14).every((feature) => feature.properties.kind === 'subdistrict')).toBe(true);
		expect(collection.features.slice(14).every((feature) => feature.properties.kind === 'uncovered')).toBe(true);
		for (const feature of subdistrictFeatures()) expectValidMultiPolygon(feature, false);
		for (const feature of uncoveredFeatures()) expectValidMultiPolygon(feature, true);
		expect(collection.report).toMatchObject({ synthetic: true, language: 'zh-CN', profile: 'shanghai-2023', mode: 'walk', threshold_minutes: 15, speed_kmh: 4.5, max_snap_m: 300 });
	});

	it('carries every indicators.csv column as a property, numbers as numbers equal to the SQL rows', () => {
		const text = new Set(['code', 'name', 'name_en', 'residents_source', 'centre_statuses', 'status', 'rule_centre_area', 'rule_beds_min', 'rule_new_centre_beds', 'rule_station_area', 'rule_coverage']);
		const byCode = new Map(demo.indicators.subdistricts.map((row) => [row.code, row]));
		for (const feature of subdistrictFeatures()) {
			const { properties } = feature;
			const row = byCode.get(properties.code)!;
			expect(row, properties.code).toBeDefined();
			for (const column of INDICATOR_COLUMNS) {
				const value = properties[column.header];
				expect(column.header in properties, column.header).toBe(true);
				if (text.has(column.header)) expect(typeof value === 'string' || value === null, column.header).toBe(true);
				else expect(typeof value === 'number' || value === null, column.header).toBe(true);
			}
			expect(properties.residents).toBe(row.residents);
			expect(properties.area_gap_m2).toBeCloseTo(row.areaGapM2!, 2);
			expect(properties.beds_needed_min).toBe(row.bedsNeededMin);
			expect(properties.uncovered_residents).toBe(row.uncoveredResidents);
			expect(properties.failed_rules).toBe(row.failedRules);
			expect(properties.rule_coverage).toBe(row.rules.coverage);
			expect(properties.census_population).toBeNull();
		}
		const ranks = subdistrictFeatures().map((feature) => feature.properties.rank as number);
		expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, index) => index + 1));
		expect(subdistrictFeatures().find((feature) => feature.properties.code === 'pengpuzhen')!.properties.rank).toBe(1);
	});

	it('finds the lattice of the demo grid: every cell within a tenth of a step of it', () => {
		const lattice = fitGridLattice(demo.inputs.cells, 100)!;
		expect(lattice).not.toBeNull();
		// About 100 m in each direction at 31.27° N.
		expect(lattice.latStep * 111_320).toBeCloseTo(100, 0);
		expect(lattice.lonStep * 111_320 * Math.cos((31.27 * Math.PI) / 180)).toBeGreaterThan(99);
		expect(lattice.lonStep * 111_320 * Math.cos((31.27 * Math.PI) / 180)).toBeLessThan(101);
	});

	it('outlines exactly the uncovered cells of each sub-district, with their residents', () => {
		const { cells, cellSubdistrict } = demo.inputs;
		const covered = demo.runs.coverage.covered;
		const byCode = new Map(demo.indicators.subdistricts.map((row) => [row.code, row]));
		const expectedCodes = demo.indicators.subdistricts.filter((row) => (row.uncoveredResidents ?? 0) > 0).map((row) => row.code);
		expect(uncoveredFeatures().map((feature) => feature.properties.code).sort()).toEqual(expectedCodes.sort());
		for (const feature of uncoveredFeatures()) {
			const code = feature.properties.code;
			const index = demo.inputs.subdistricts.findIndex((subdistrict) => subdistrict.code === code);
			expect(feature.properties.uncovered_residents).toBe(byCode.get(code)!.uncoveredResidents);
			const shape = multiPolygon(feature.geometry.coordinates);
			let members = 0;
			for (let cell = 0; cell < cells.pop.length; cell++) {
				if (!(cells.pop[cell] > 0)) continue;
				const member = cellSubdistrict[cell] === index && !covered[cell];
				if (member) members++;
				expect(booleanPointInPolygon(point([cells.lon[cell], cells.lat[cell]]), shape), `cell ${cell} in ${code}`).toBe(member);
			}
			expect(feature.properties.cells).toBe(members);
			// 100 m squares: the area is the cell count in hectares, within 2 %.
			expect(turfArea(shape) / 10_000 / members).toBeCloseTo(1, 1);
		}
		// Merged along the lattice: far fewer polygons than cells.
		const polygons = uncoveredFeatures().reduce((sum, feature) => sum + feature.geometry.coordinates.length, 0);
		const cellCount = uncoveredFeatures().reduce((sum, feature) => sum + (feature.properties.cells as number), 0);
		expect(polygons * 5).toBeLessThan(cellCount);
	});
});

describe('uncovered areas of other grids', () => {
	it('dissolve H3 cells with h3-js and wind them as RFC 7946 asks', () => {
		const centre = latLngToCell(31.24, 121.45, 9);
		const indexes = gridDisk(centre, 2);
		const positions = indexes.map((index) => cellToLatLng(index));
		const cells: PopulationCells = { lat: Float64Array.from(positions, ([lat]) => lat), lon: Float64Array.from(positions, ([, lon]) => lon), pop: new Float64Array(indexes.length).fill(10) };
		// Uncovered: the ring at distance 2 except the centre cell's neighbours: a hexagonal ring with a hole.
		const inner = new Set(gridDisk(centre, 1));
		const covered = Uint8Array.from(indexes, (index) => (inner.has(index) ? 1 : 0));
		const [area] = uncoveredAreas({ cells, shape: { kind: 'h3', resolution: 9 }, cellSubdistrict: new Int32Array(indexes.length), covered }, 1);
		expect(area.cells).toBe(12);
		expect(area.residents).toBe(120);
		expect(area.polygons).toHaveLength(1);
		expect(area.polygons[0]).toHaveLength(2);
		const feature = { type: 'Feature', properties: { kind: 'uncovered', code: 'x' }, geometry: { type: 'MultiPolygon', coordinates: area.polygons } } as ReportFeature;
		expectValidMultiPolygon(feature, true);
		const shape = multiPolygon(area.polygons);
		positions.forEach(([lat, lon], cell) => expect(booleanPointInPolygon(point([lon, lat]), shape)).toBe(!covered[cell]));
	});

	it('fall back to separate squares when the cells sit on no regular lattice', () => {
		const cells: PopulationCells = { lon: Float64Array.from([121.45, 121.45137, 121.45311]), lat: Float64Array.from([31.24, 31.2403, 31.2399]), pop: Float64Array.from([5, 6, 0]) };
		expect(fitGridLattice(cells, 100)).toBeNull();
		const [area] = uncoveredAreas({ cells, shape: { kind: 'grid', sizeM: 100 }, cellSubdistrict: new Int32Array(3), covered: new Uint8Array(3) }, 1);
		// The empty cell is left out; the other two are squares of their own.
		expect(area.cells).toBe(2);
		expect(area.residents).toBe(11);
		expect(area.polygons).toHaveLength(2);
		const shape = multiPolygon(area.polygons);
		expect(booleanPointInPolygon(point([121.45, 31.24]), shape)).toBe(true);
		expect(booleanPointInPolygon(point([121.45137, 31.2403]), shape)).toBe(true);
		expect(turfArea(shape) / 10_000).toBeCloseTo(2, 1);
	});
});

describe('a scenario’s GeoJSON', () => {
	it('carries the proposed sites as points with their change, name, type and figures', () => {
		const added = { id: 'P-DN', name: '大宁路新站', type: 'station' as const, subdistrict: 'daninglu', lon: 121.447, lat: 31.288, areaM2: 260, beds: null, status: 'proposed' as const, parentId: null };
		const report = buildGapReport({
			...demoReportInput(),
			scenario: { name: '大宁路新站', baselineRows: demo.indicators.subdistricts, baselineDistrict: demo.indicators.district, edits: [{ kind: 'add', facility: added }], baselineFacilities: [], facilities: [added] }
		});
		const sites = JSON.parse(JSON.stringify(gapReportToGeoJson(report, demo.inputs.subdistricts, null))).features.filter((feature: { properties: { kind: string } }) => feature.properties.kind === 'site');
		expect(sites).toHaveLength(1);
		expect(sites[0].geometry).toEqual({ type: 'Point', coordinates: [121.447, 31.288] });
		expect(sites[0].properties).toMatchObject({ kind: 'site', code: 'daninglu', id: 'P-DN', name: '大宁路新站', areaAfter: 260, areaBefore: null });
	});
});
