import type { MultiPolygonCoords, Position, Subdistrict } from '$lib/engine/types';
import { isBlank, readNumber } from './fields';
import { isPositionList, isRecord, readFeatureCollection, type GeoJsonFeature } from './geojson';
import type { LoadResult, RowProblem } from './load-result';

/** Reads sub-district polygons with `code, name, name_en`, optional `population` (README: data formats). */
export function parseSubdistrictsGeoJson(text: string): LoadResult<Subdistrict[]> {
	const features = readFeatureCollection(text, 'sub-districts GeoJSON');
	const records: Subdistrict[] = [];
	const problems: RowProblem[] = [];
	const seenCodes = new Set<string>();
	features.forEach((feature, index) => {
		const result = readSubdistrict(feature, index + 1);
		if (Array.isArray(result)) problems.push(...result);
		else if (seenCodes.has(result.code)) problems.push({ row: index + 1, field: 'code', reason: `duplicate code "${result.code}"` });
		else {
			seenCodes.add(result.code);
			records.push(result);
		}
	});
	return { records, loaded: records.length, skipped: features.length - records.length, problems };
}

function readSubdistrict(feature: GeoJsonFeature, row: number): Subdistrict | RowProblem[] {
	const properties = isRecord(feature?.properties) ? feature.properties : {};
	const problems: RowProblem[] = [];
	const code = isBlank(properties.code) ? '' : String(properties.code).trim();
	const name = isBlank(properties.name) ? '' : String(properties.name).trim();
	if (!code) problems.push({ row, field: 'code', reason: 'missing code' });
	if (!name) problems.push({ row, field: 'name', reason: 'missing name' });

	let population: number | null = null;
	if (!isBlank(properties.population)) {
		const parsed = readNumber(properties.population);
		if (!parsed.ok || parsed.value < 0) problems.push({ row, field: 'population', reason: `population ${parsed.ok ? 'negative' : parsed.reason}` });
		else population = parsed.value;
	}
	const polygons = readPolygons(feature?.geometry);
	if (!polygons) problems.push({ row, field: 'geometry', reason: 'geometry is not a valid Polygon or MultiPolygon' });
	if (problems.length > 0 || !polygons) return problems;
	const nameEn = isBlank(properties.name_en) ? name : String(properties.name_en).trim();
	return { code, name, nameEn, population, polygons };
}

function readPolygons(geometry: GeoJsonFeature['geometry']): MultiPolygonCoords | null {
	if (!geometry) return null;
	const isRing = (ring: unknown) => isPositionList(ring, 4);
	const isPolygon = (polygon: unknown): polygon is Position[][] => Array.isArray(polygon) && polygon.length > 0 && polygon.every(isRing);
	if (geometry.type === 'Polygon' && isPolygon(geometry.coordinates)) return [geometry.coordinates];
	if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0 && geometry.coordinates.every(isPolygon)) {
		return geometry.coordinates as MultiPolygonCoords;
	}
	return null;
}
