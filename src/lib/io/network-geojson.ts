import type { NetworkLine } from '$lib/engine/types';
import { isPositionList, isRecord, readFeatureCollection } from './geojson';
import { problemAt, type LoadResult, type RowProblem } from './load-result';
import { explain } from './problem-codes';

/** Reads a walking network of LineStrings / MultiLineStrings; a `highway` property is kept when present. */
export function parseNetworkGeoJson(text: string): LoadResult<NetworkLine[]> {
	const features = readFeatureCollection(text, 'network GeoJSON');
	const records: NetworkLine[] = [];
	const problems: RowProblem[] = [];
	features.forEach((feature, index) => {
		const row = index + 1;
		const geometry = feature?.geometry;
		const highway = isRecord(feature?.properties) && typeof feature.properties.highway === 'string' ? feature.properties.highway : 'unknown';
		if (geometry?.type === 'LineString' && isPositionList(geometry.coordinates, 2)) {
			records.push({ coords: geometry.coordinates.map(([lon, lat]) => [lon, lat]), highway });
		} else if (geometry?.type === 'MultiLineString' && Array.isArray(geometry.coordinates) && geometry.coordinates.every((line) => isPositionList(line, 2))) {
			for (const line of geometry.coordinates as [number, number][][]) records.push({ coords: line.map(([lon, lat]) => [lon, lat]), highway });
		} else {
			problems.push(problemAt(row, 'geometry', explain('not-a-line', { type: String(geometry?.type ?? 'no geometry').slice(0, 30) })));
		}
	});
	return { records, loaded: features.length - problems.length, skipped: problems.length, problems };
}
