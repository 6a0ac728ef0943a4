import { cellToBoundary } from 'h3-js';
import { describe, expect, test } from 'vitest';
import { importFile, type PopulationImport } from '$lib/io/import';
import { insideRings } from '$lib/engine/point-in-polygon';
import { expected, fixtureBytes, haversineM, truthSubdistricts } from './fixtures';

async function importPopulation(fileName: string, options = {}, context = {}): Promise<PopulationImport> {
	const result = await importFile({ kind: 'population', fileName, bytes: fixtureBytes(fileName), options, context });
	if (result.kind !== 'population') throw new Error('wrong kind');
	return result;
}

describe('population points (CSV)', () => {
	test('every grid point loaded at its position with its residents; bad rows rejected by row', async () => {
		const result = await importPopulation('population-points.csv');
		expect(result.loaded).toBe(expected.grid.length);
		expect(result.skipped).toBe(expected.gridBadRows.length);
		expect(result.problems.map((problem) => problem.row)).toEqual(expected.gridBadRows);
		expect(result.problems.map((problem) => problem.field)).toEqual(['pop', 'lat', 'pop', 'lon']);
		expected.grid.forEach((cell, index) => {
			expect(result.records.lon[index]).toBe(cell.lon);
			expect(result.records.lat[index]).toBe(cell.lat);
			expect(result.records.pop[index]).toBe(cell.pop);
		});
		expect(result.totalPopulation).toBe(expected.grid.reduce((sum, cell) => sum + cell.pop, 0));
		// The grid was laid out at 0.0021° of longitude (× 111.2 km × cos 31.2° ≈ 199.7 m) by 0.0018° of latitude (≈ 200.2 m).
		expect(result.cellShape).toEqual({ kind: 'grid', sizeM: 200 });
	});

	test('with boundaries, cells outside them are counted', async () => {
		const result = await importPopulation('population-points.csv', {}, { subdistricts: truthSubdistricts() });
		const [west, south, east, north] = [121.425, 31.205, 121.465, 31.255];
		const outside = expected.grid.filter((cell) => cell.lon < west || cell.lon > east || cell.lat < south || cell.lat > north).length;
		expect(result.outsideCount).toBe(outside);
	});
});

describe('H3 cells', () => {
	test('each cell becomes its centre; invalid and mixed-resolution cells are rejected', async () => {
		const result = await importPopulation('population-h3.csv');
		expect(result.cellShape).toEqual({ kind: 'h3', resolution: 9 });
		expect(result.loaded).toBe(expected.h3.cells);
		expect(result.problems.map((problem) => problem.reason)).toEqual([
			'not a valid H3 cell: "not-a-cell"',
			"H3 resolution 8 differs from the file's resolution 9"
		]);
		// Residents are preserved in total, and every centre lies inside its own hexagon (boundary from h3-js).
		expect(result.totalPopulation).toBe(expected.grid.reduce((sum, cell) => sum + cell.pop, 0));
		const text = new TextDecoder().decode(fixtureBytes('population-h3.csv')).trim().split('\n').slice(1, 1 + expected.h3.cells);
		text.forEach((line, index) => {
			const [cell] = line.split(',');
			const ring = cellToBoundary(cell, true) as [number, number][];
			expect(insideRings(result.records.lon[index], result.records.lat[index], [ring])).toBe(true);
		});
	});
});

describe('population polygons (GeoJSON)', () => {
	test('each square becomes a cell at its centre, shape kept, residents from 常住人口', async () => {
		const result = await importPopulation('population-polygons.geojson');
		expect(result.loaded).toBe(60);
		expect(result.mapping).toEqual({ pop: 0 });
		expected.grid.slice(0, 60).forEach((cell, index) => {
			expect(haversineM(cell.lon, cell.lat, result.records.lon[index], result.records.lat[index])).toBeLessThan(0.5);
			expect(result.records.pop[index]).toBe(cell.pop);
		});
		expect(result.cellPolygons?.length).toBe(60);
		expect(result.cellPolygons?.[0]?.[0][0].length).toBe(41);
	});
});

describe('GeoTIFF raster (WorldPop style)', () => {
	test('every non-empty pixel becomes a cell at its centre; nodata, zero and negative pixels are not cells', async () => {
		const result = await importPopulation('population-worldpop.tif');
		const { originLon, originLat, pixel, width, height, noData } = expected.raster;
		const cells: { lon: number; lat: number; pop: number }[] = [];
		let negative = 0;
		for (let row = 0; row < height; row++) {
			for (let column = 0; column < width; column++) {
				const index = row * width + column;
				const value = index % 7 === 0 ? noData : index % 11 === 0 ? 0 : index === 100 ? -3 : 5 + (index % 17) * 1.5;
				if (value === noData || value === 0) continue;
				if (value < 0) {
					negative++;
					continue;
				}
				cells.push({ lon: originLon + (column + 0.5) * pixel, lat: originLat - (row + 0.5) * pixel, pop: value });
			}
		}
		expect(result.loaded).toBe(cells.length);
		expect(result.skipped).toBe(negative);
		expect(result.problems).toEqual([
			{ row: 5, field: 'pixel', code: 'pixel-negative', params: { column: '5', value: '-3' }, reason: 'negative population in pixel column 5: -3' }
		]);
		cells.forEach((cell, index) => {
			expect(haversineM(cell.lon, cell.lat, result.records.lon[index], result.records.lat[index])).toBeLessThan(0.01);
			expect(result.records.pop[index]).toBeCloseTo(cell.pop, 5);
		});
		expect(result.crs).toBe('wgs84');
		expect(result.cellShape.kind).toBe('grid');
	});

	test('with boundaries, each pixel outside every sub-district is listed by raster row and column with its position; the count agrees', async () => {
		const result = await importPopulation('population-worldpop.tif', {}, { subdistricts: truthSubdistricts() });
		const { originLon, originLat, pixel, width, height, noData } = expected.raster;
		const boxes = expected.subdistricts.map((area) => area.box);
		const outside: { row: number; column: number }[] = [];
		for (let row = 0; row < height; row++) {
			for (let column = 0; column < width; column++) {
				const index = row * width + column;
				const value = index % 7 === 0 ? noData : index % 11 === 0 ? 0 : index === 100 ? -3 : 5 + (index % 17) * 1.5;
				if (value === noData || value <= 0) continue;
				const [lon, lat] = [originLon + (column + 0.5) * pixel, originLat - (row + 0.5) * pixel];
				if (!boxes.some(([west, south, east, north]) => lon >= west && lon <= east && lat >= south && lat <= north)) outside.push({ row: row + 1, column: column + 1 });
			}
		}
		expect(outside.length).toBeGreaterThan(0);
		expect(result.outsideCount).toBe(outside.length);
		expect(result.warnings.map((warning) => [warning.row, warning.field, warning.code, warning.params?.column])).toEqual(
			outside.map(({ row, column }) => [row, 'pixel', 'pixel-outside-subdistricts', String(column)])
		);
		const [first] = result.warnings;
		const [lon, lat] = (first.value ?? '').split(', ').map(Number);
		expect(haversineM(lon, lat, originLon + (outside[0].column - 0.5) * pixel, originLat - (outside[0].row - 0.5) * pixel)).toBeLessThan(0.2);
		expect(first.reason).toBe(`pixel column ${outside[0].column} is outside every sub-district: loaded, and counted in the totals as “outside every sub-district”`);
	});

	test('a declared GCJ-02 raster is converted pixel by pixel', async () => {
		const plain = await importPopulation('population-worldpop.tif');
		const shifted = await importPopulation('population-worldpop.tif', { crs: 'gcj02' });
		expect(shifted.appliedConversion).toBe('GCJ-02 → WGS84');
		const offset = haversineM(plain.records.lon[0], plain.records.lat[0], shifted.records.lon[0], shifted.records.lat[0]);
		expect(offset).toBeGreaterThan(400);
		expect(offset).toBeLessThan(600);
	});
});

describe('Parquet points', () => {
	test('lon, lat, pop columns read with hyparquet', async () => {
		const result = await importPopulation('population-points.parquet');
		expect(result.format).toBe('parquet');
		expect(result.loaded).toBe(expected.grid.length);
		expected.grid.forEach((cell, index) => {
			expect(result.records.lon[index]).toBe(cell.lon);
			expect(result.records.lat[index]).toBe(cell.lat);
			expect(result.records.pop[index]).toBe(cell.pop);
		});
	});
});

describe('numbers at the edge', () => {
	test('an overflowing population ("1e309") is rejected, not loaded as Infinity', async () => {
		const bytes = new TextEncoder().encode('lon,lat,pop\n121.44,31.23,1e309\n121.45,31.23,12\n');
		const result = await importFile({ kind: 'population', fileName: 'p.csv', bytes });
		expect(result.loaded).toBe(1);
		expect(result.problems).toEqual([{ row: 2, field: 'pop', code: 'pop-not-finite', params: { value: '1e309' }, reason: expect.stringMatching(/not a finite number/) }]);
	});
});
