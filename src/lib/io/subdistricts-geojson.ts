import type { MultiPolygonCoords, Position, Subdistrict } from '$lib/engine/types';
import { clip, isBlank, readResidents } from './fields';
import { isPositionList, isRecord, readFeatureCollection, type GeoJsonFeature } from './geojson';
import { problemAt, type LoadResult, type RowProblem } from './load-result';
import { boundaryProblem, overlapWarnings } from './subdistrict-geometry';
import { explain } from './problem-codes';

/**
 * Reads sub-district polygons with `code, name, name_en`, optional `population` (README: data formats).
 * Bow-ties and empty boundaries are rejected rows; overlapping sub-districts are kept, with `warnings`.
 */
export function parseSubdistrictsGeoJson(text: string): LoadResult<Subdistrict[]> & { warnings: RowProblem[] } {
	const features = readFeatureCollection(text, 'sub-districts GeoJSON');
	const records: Subdistrict[] = [];
	const problems: RowProblem[] = [];
	const firstRowOfCode = new Map<string, number>();
	const rows: number[] = [];
	features.forEach((feature, index) => {
		const result = readSubdistrict(feature, index + 1);
		const firstRow = Array.isArray(result) ? undefined : firstRowOfCode.get(result.code);
		if (Array.isArray(result)) problems.push(...result);
		else if (firstRow !== undefined) problems.push(problemAt(index + 1, 'code', explain('duplicate-code', { code: clip(result.code), firstRow: String(firstRow) })));
		else {
			firstRowOfCode.set(result.code, index + 1);
			records.push(result);
			rows.push(index + 1);
		}
	});
	return { records, loaded: records.length, skipped: features.length - records.length, problems, warnings: overlapWarnings(records, rows) };
}

function readSubdistrict(feature: GeoJsonFeature, row: number): Subdistrict | RowProblem[] {
	const properties = isRecord(feature?.properties) ? feature.properties : {};
	const problems: RowProblem[] = [];
	const code = isBlank(properties.code) ? '' : String(properties.code).trim();
	const name = isBlank(properties.name) ? '' : String(properties.name).trim();
	if (!code) problems.push(problemAt(row, 'code', explain('missing-code')));
	if (!name) problems.push(problemAt(row, 'name', explain('missing-name')));

	let population: number | null = null;
	if (!isBlank(properties.population)) {
		const parsed = readResidents(properties.population, 'subdistrictResidents');
		if (!parsed.ok) problems.push(problemAt(row, 'population', parsed));
		else population = parsed.value;
	}
	const polygons = readPolygons(feature?.geometry);
	if (!polygons) problems.push(problemAt(row, 'geometry', explain('subdistrict-not-polygon')));
	if (problems.length > 0 || !polygons) return problems;
	const boundary = boundaryProblem(name, polygons, row);
	if (boundary) return [boundary];
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
