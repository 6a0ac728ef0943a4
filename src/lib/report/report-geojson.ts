import type { CellShape, PopulationCells, Subdistrict } from '$lib/engine/types';
import { cellPolygon } from '$lib/map/cell-geometry';
import type { GapReport } from './gap-report';

export interface GeoJsonFeatureOut {
	type: 'Feature';
	properties: Record<string, string | number | null>;
	geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/**
 * Sub-districts with every indicator as properties (`kind: "subdistrict"`), then the uncovered areas:
 * one MultiPolygon per sub-district made of the squares (or H3 cells) of its population cells beyond
 * the threshold (`kind: "uncovered"`, with the residents in them).
 */
export function gapReportToGeoJson(
	report: GapReport,
	subdistricts: readonly Subdistrict[],
	uncovered: { cells: PopulationCells; shape: CellShape; cellSubdistrict: Int32Array; covered: Uint8Array }
): { type: 'FeatureCollection'; features: GeoJsonFeatureOut[] } {
	const byCode = new Map(report.rows.map((row) => [row.code, row]));
	const features: GeoJsonFeatureOut[] = subdistricts.map((subdistrict) => {
		const row = byCode.get(subdistrict.code);
		const properties: GeoJsonFeatureOut['properties'] = { kind: 'subdistrict' };
		for (const column of report.columns) {
			const value = row ? column.value(row) : null;
			properties[column.key] = typeof value === 'number' ? Number(value.toFixed(column.decimals)) : (value ?? null);
		}
		return { type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates: subdistrict.polygons } };
	});
	subdistricts.forEach((subdistrict, index) => {
		const squares: number[][][][] = [];
		let residents = 0;
		for (let cell = 0; cell < uncovered.covered.length; cell++) {
			if (uncovered.covered[cell] || uncovered.cellSubdistrict[cell] !== index) continue;
			squares.push([cellPolygon(uncovered.cells, cell, uncovered.shape)]);
			residents += uncovered.cells.pop[cell];
		}
		if (squares.length === 0) return;
		features.push({ type: 'Feature', properties: { kind: 'uncovered', code: subdistrict.code, residents }, geometry: { type: 'MultiPolygon', coordinates: squares } });
	});
	return { type: 'FeatureCollection', features };
}
