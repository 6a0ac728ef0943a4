import { isRecord, type GeoJsonFeature } from '../geojson';
import { checkColumnCount, memoryTableSource, type CellValue, type RawGeometry, type RawRow, type TableSource } from './table-source';

/**
 * Turns features into a table: one column per property key (in order of first appearance), the geometry
 * alongside. Row numbers are 1-based feature indexes. Non-scalar property values are shown as JSON.
 */
export function featureTableSource(features: readonly unknown[]): TableSource {
	const headerIndex = new Map<string, number>();
	const headers: string[] = [];
	for (const feature of features) {
		const properties = propertiesOf(feature);
		for (const key of Object.keys(properties)) {
			if (!headerIndex.has(key)) {
				headerIndex.set(key, headers.length);
				headers.push(key);
			}
		}
	}
	checkColumnCount(headers.length);
	const rows: RawRow[] = features.map((feature, index) => {
		const properties = propertiesOf(feature);
		const cells: CellValue[] = new Array(headers.length).fill(null);
		for (const [key, value] of Object.entries(properties)) cells[headerIndex.get(key) as number] = scalar(value);
		return { row: index + 1, cells, geometry: geometryOf(feature) };
	});
	return memoryTableSource(headers, rows, true);
}

function propertiesOf(feature: unknown): Record<string, unknown> {
	return isRecord(feature) && isRecord(feature.properties) ? feature.properties : {};
}

function geometryOf(feature: unknown): RawGeometry | null {
	if (!isRecord(feature) || !isRecord(feature.geometry)) return null;
	const geometry = feature.geometry as GeoJsonFeature['geometry'];
	return geometry && typeof geometry.type === 'string' ? (geometry as RawGeometry) : null;
}

function scalar(value: unknown): CellValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	try {
		return JSON.stringify(value).slice(0, 200);
	} catch {
		return String(value).slice(0, 200);
	}
}
