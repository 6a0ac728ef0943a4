/** Population fixtures: a grid of points (CSV), H3 cells, polygons and a WorldPop-style GeoTIFF. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { latLngToCell } from 'h3-js';
import { BOX, csvLine, OUT, rectangleRing, round } from './common';

/** A ≈ 200 m grid of points over the box: the truth of the point, H3, polygon and Parquet fixtures. */
export const grid: { lon: number; lat: number; pop: number }[] = [];
for (let row = 0; row < 27; row++) {
	for (let column = 0; column < 19; column++) {
		grid.push({ lon: round(BOX.west + 0.001 + column * 0.0021, 6), lat: round(BOX.south + 0.001 + row * 0.0018, 6), pop: 150 + ((row * 7 + column * 13) % 40) * 10 });
	}
}
const gridBad = [
	['121.44', '31.23', '-20'],
	['121.45', '', '300'],
	['121.45', '31.24', 'many'],
	['abc', '31.24', '100']
];
/** Rows of the points CSV that are bad on purpose (after the grid). */
export const GRID_BAD_ROW_NUMBERS = gridBad.map((_, index) => grid.length + 2 + index);

export const h3Cells = new Map<string, number>();
for (const cell of grid) {
	const index = latLngToCell(cell.lat, cell.lon, 9);
	h3Cells.set(index, (h3Cells.get(index) ?? 0) + cell.pop);
}

/** Points (CSV with a few bad rows), the same as H3 res-9 cells, as 200 m squares in GeoJSON, and a WorldPop-style GeoTIFF. */
export function writePopulationFixtures(): void {
	writeFileSync(join(OUT, 'population-points.csv'), [['lon', 'lat', 'pop'], ...grid.map((cell) => [cell.lon, cell.lat, cell.pop]), ...gridBad].map(csvLine).join('\n') + '\n');
	writeFileSync(join(OUT, 'population-h3.csv'), [['h3', '常住人口'], ...[...h3Cells].map(([index, pop]) => [index, pop]), ['not-a-cell', '100'], [latLngToCell(31.23, 121.44, 8), '50']].map(csvLine).join('\n') + '\n');
	const half = { lon: 0.00105, lat: 0.0009 };
	writeFileSync(
	join(OUT, 'population-polygons.geojson'),
	JSON.stringify({
		type: 'FeatureCollection',
		features: grid.slice(0, 60).map((cell) => ({
			type: 'Feature',
			geometry: {
				type: 'Polygon',
				coordinates: [rectangleRing([cell.lon - half.lon, cell.lat - half.lat, cell.lon + half.lon, cell.lat + half.lat])]
			},
			properties: { 常住人口: cell.pop }
		}))
	})
	);
	writeRaster();
}

export const RASTER = { originLon: 121.43, originLat: 31.26, pixel: 1 / 1200, width: 24, height: 30, noData: -99999 };
function writeRaster(): void {
	const values = new Float32Array(RASTER.width * RASTER.height);
	for (let row = 0; row < RASTER.height; row++) {
		for (let column = 0; column < RASTER.width; column++) {
			const index = row * RASTER.width + column;
			// Every 7th pixel is nodata, every 11th empty (0), one is negative (rejected); the rest hold residents.
			values[index] = index % 7 === 0 ? RASTER.noData : index % 11 === 0 ? 0 : index === 100 ? -3 : 5 + (index % 17) * 1.5;
		}
	}
	const buffer = writeArrayBuffer(values, {
		width: RASTER.width,
		height: RASTER.height,
		ModelPixelScale: [RASTER.pixel, RASTER.pixel, 0],
		ModelTiepoint: [0, 0, 0, RASTER.originLon, RASTER.originLat, 0],
		GeographicTypeGeoKey: 4326,
		GTModelTypeGeoKey: 2,
		GTRasterTypeGeoKey: 1,
		GDAL_NODATA: String(RASTER.noData)
	});
	writeFileSync(join(OUT, 'population-worldpop.tif'), new Uint8Array(buffer));
}

