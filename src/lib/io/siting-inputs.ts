/**
 * The planner's own inputs to site suggestion: candidate parcels (a table with lon, lat and an
 * optional name: CSV or the rows of an XLSX sheet) and excluded areas (GeoJSON polygons: parks,
 * water). Bad rows are listed with their row number and reason, never dropped silently.
 */
import type { MultiPolygonCoords } from '$lib/engine/types';
import type { ParcelInput } from '$lib/engine/siting/candidates';
import { readLonLat } from './coordinates';
import { readFeatureCollection } from './geojson';
import { FileFormatError, problemAt, type LoadResult, type RowProblem } from './load-result';
import { normaliseHeader } from './import/column-mapping';
import { explain } from './problem-codes';

const LON_HEADERS = ['lon', 'lng', 'longitude', 'x', '经度'];
const LAT_HEADERS = ['lat', 'latitude', 'y', '纬度'];
const NAME_HEADERS = ['name', 'label', '名称', '地块', '地块名称'];

type Cell = string | number | boolean | null | undefined;

/** Candidate parcels from a table's header and rows (row numbers as the planner sees them). */
export function parseParcelRows(headers: readonly string[], rows: readonly { row: number; cells: readonly Cell[] }[], fileLabel: string): LoadResult<ParcelInput[]> {
	const find = (names: string[]) => headers.findIndex((header) => names.includes(normaliseHeader(header)) || names.includes(header.trim()));
	const lon = find(LON_HEADERS);
	const lat = find(LAT_HEADERS);
	const name = find(NAME_HEADERS);
	if (lon < 0 || lat < 0) throw new FileFormatError(`${fileLabel}: needs a longitude and a latitude column (lon/lat, 经度/纬度)`, 'no-lon-lat');
	const records: ParcelInput[] = [];
	const problems: RowProblem[] = [];
	for (const { row, cells } of rows) {
		const position = readLonLat(cells[lon], cells[lat]);
		if (!position.ok) {
			problems.push(problemAt(row, position.field, position));
			continue;
		}
		const label = name >= 0 && cells[name] !== null && cells[name] !== undefined ? String(cells[name]).trim() : '';
		records.push({ lon: position.value[0], lat: position.value[1], label: label || `#${row}` });
	}
	return { records, loaded: records.length, skipped: problems.length, problems };
}

/** Polygons and multipolygons of a GeoJSON file as excluded areas; other geometries are problems. */
export function parseExcludedAreas(text: string, fileLabel: string): LoadResult<MultiPolygonCoords[]> {
	const records: MultiPolygonCoords[] = [];
	const problems: RowProblem[] = [];
	readFeatureCollection(text, fileLabel).forEach((feature, index) => {
		const geometry = feature.geometry;
		if (geometry?.type === 'Polygon') records.push([geometry.coordinates as MultiPolygonCoords[number]]);
		else if (geometry?.type === 'MultiPolygon') records.push(geometry.coordinates as MultiPolygonCoords);
		else problems.push(problemAt(index + 1, 'geometry', geometry ? explain('unsupported-geometry', { type: geometry.type }) : explain('no-geometry')));
	});
	return { records, loaded: records.length, skipped: problems.length, problems };
}
