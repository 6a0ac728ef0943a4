/** Parquet fixtures: GeoParquet sub-districts and population points. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, rectangleRing, SUBDISTRICTS } from './common';
import { writeParquet, polygonWkb } from './parquet-writer';
import { grid } from './population';

export function writeParquetFixtures(): void {
	const utf8 = (text: string) => new TextEncoder().encode(text);
	writeFileSync(
		join(OUT, 'subdistricts.parquet'),
		writeParquet(
			[
				{ name: '街道代码', kind: 'string', values: SUBDISTRICTS.map((area) => utf8(area.code)) },
				{ name: '街道名称', kind: 'string', values: SUBDISTRICTS.map((area) => utf8(area.name)) },
				{ name: 'name_en', kind: 'string', values: SUBDISTRICTS.map((area) => utf8(area.nameEn)) },
				{ name: '常住人口', kind: 'double', values: SUBDISTRICTS.map((area) => area.population) },
				{ name: 'geometry', kind: 'wkb', values: SUBDISTRICTS.map((area) => polygonWkb(rectangleRing(area.box))) }
			],
			{ geo: JSON.stringify({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: ['Polygon'] } } }) }
		)
	);
	writeFileSync(
		join(OUT, 'population-points.parquet'),
		writeParquet([
			{ name: 'lon', kind: 'double', values: grid.map((cell) => cell.lon) },
			{ name: 'lat', kind: 'double', values: grid.map((cell) => cell.lat) },
			{ name: 'pop', kind: 'double', values: grid.map((cell) => cell.pop) }
		])
	);
}

