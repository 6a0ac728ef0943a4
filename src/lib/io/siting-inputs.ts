/**
 * Excluded areas for site suggestion (GeoJSON polygons: parks, water); candidate parcels go through the
 * importer (import/parcels-import.ts). Bad features are listed with their number and reason, never dropped silently.
 */
import type { MultiPolygonCoords } from '$lib/engine/types';
import { readFeatureCollection } from './geojson';
import { FileFormatError, problemAt, type LoadResult, type RowProblem } from './load-result';
import { explain } from './problem-codes';

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
