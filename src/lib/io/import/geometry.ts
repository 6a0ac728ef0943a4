import { positionProblem } from '$lib/engine/plausibility';
import type { MultiPolygonCoords, Position } from '$lib/engine/types';
import { explain, type Explained } from '../problem-codes';
import type { ToWgs84 } from './crs';
import type { RawGeometry } from './table-source';

/** A validated geometry in WGS84, reduced to what the importer uses. */
export type PlainGeometry =
	| { type: 'Point'; position: Position }
	| { type: 'Polygons'; polygons: MultiPolygonCoords }
	| { type: 'Lines'; lines: Position[][] };

function isFinitePair(value: unknown): value is [number, number] {
	return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

function convertPosition(value: unknown, toWgs84: ToWgs84): Position | null {
	if (!isFinitePair(value)) return null;
	const [lon, lat] = toWgs84(value[0], value[1]);
	if (positionProblem(lon, lat) !== null) return null;
	return [lon, lat];
}

function convertList(value: unknown, toWgs84: ToWgs84, minLength: number): Position[] | null {
	if (!Array.isArray(value) || value.length < minLength) return null;
	const out: Position[] = [];
	for (const item of value) {
		const position = convertPosition(item, toWgs84);
		if (!position) return null;
		out.push(position);
	}
	return out;
}

function convertPolygon(value: unknown, toWgs84: ToWgs84): Position[][] | null {
	if (!Array.isArray(value) || value.length === 0) return null;
	const rings: Position[][] = [];
	for (const ring of value) {
		const converted = convertList(ring, toWgs84, 4);
		if (!converted) return null;
		rings.push(converted);
	}
	return rings;
}

/**
 * Validates a GeoJSON geometry and converts it to WGS84, or explains why it is unusable.
 * MultiPoint keeps its first point; GeometryCollections are not read (a reason says so).
 */
export function readGeometry(geometry: RawGeometry | null | undefined, toWgs84: ToWgs84): { geometry: PlainGeometry } | Explained {
	if (!geometry || typeof geometry !== 'object') return explain('no-geometry');
	const { type, coordinates } = geometry;
	switch (type) {
		case 'Point': {
			const position = convertPosition(coordinates, toWgs84);
			return position ? { geometry: { type: 'Point', position } } : explain('bad-point');
		}
		case 'MultiPoint': {
			const first = Array.isArray(coordinates) ? convertPosition(coordinates[0], toWgs84) : null;
			return first ? { geometry: { type: 'Point', position: first } } : explain('bad-multipoint');
		}
		case 'Polygon': {
			const polygon = convertPolygon(coordinates, toWgs84);
			return polygon ? { geometry: { type: 'Polygons', polygons: [polygon] } } : explain('bad-polygon');
		}
		case 'MultiPolygon': {
			if (!Array.isArray(coordinates) || coordinates.length === 0) return explain('empty-multipolygon');
			const polygons: MultiPolygonCoords = [];
			for (const part of coordinates) {
				const polygon = convertPolygon(part, toWgs84);
				if (!polygon) return explain('bad-multipolygon');
				polygons.push(polygon);
			}
			return { geometry: { type: 'Polygons', polygons } };
		}
		case 'LineString': {
			const line = convertList(coordinates, toWgs84, 2);
			return line ? { geometry: { type: 'Lines', lines: [line] } } : explain('bad-linestring');
		}
		case 'MultiLineString': {
			if (!Array.isArray(coordinates) || coordinates.length === 0) return explain('empty-multilinestring');
			const lines: Position[][] = [];
			for (const part of coordinates) {
				const line = convertList(part, toWgs84, 2);
				if (!line) return explain('bad-multilinestring');
				lines.push(line);
			}
			return { geometry: { type: 'Lines', lines } };
		}
		default:
			return explain('unsupported-geometry', { type: String(type).slice(0, 30) });
	}
}

/**
 * Area-weighted centroid of the outer rings (holes ignored: they change the centroid by metres at most for
 * population cells), computed in a local equirectangular frame; falls back to the vertex mean for degenerate rings.
 */
export function polygonsCentroid(polygons: MultiPolygonCoords): Position {
	let area = 0;
	let sumX = 0;
	let sumY = 0;
	let vertexX = 0;
	let vertexY = 0;
	let vertices = 0;
	const [originLon, originLat] = polygons[0][0][0];
	const scale = Math.cos((originLat * Math.PI) / 180);
	for (const polygon of polygons) {
		const ring = polygon[0];
		let ringArea = 0;
		let ringX = 0;
		let ringY = 0;
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const xi = (ring[i][0] - originLon) * scale;
			const yi = ring[i][1] - originLat;
			const xj = (ring[j][0] - originLon) * scale;
			const yj = ring[j][1] - originLat;
			const cross = xj * yi - xi * yj;
			ringArea += cross;
			ringX += (xi + xj) * cross;
			ringY += (yi + yj) * cross;
			vertexX += xi;
			vertexY += yi;
			vertices++;
		}
		// Rings may wind either way; the sign is made positive so that parts add up instead of cancelling.
		const sign = ringArea < 0 ? -1 : 1;
		area += sign * ringArea;
		sumX += sign * ringX;
		sumY += sign * ringY;
	}
	if (Math.abs(area) < 1e-18) return [originLon + vertexX / vertices / scale, originLat + vertexY / vertices];
	return [originLon + sumX / (3 * area) / scale, originLat + sumY / (3 * area)];
}
