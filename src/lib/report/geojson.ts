/**
 * The gap report as one GeoJSON FeatureCollection (RFC 7946, WGS84), for GIS:
 * - one feature per sub-district, `kind: "subdistrict"`, its boundary with every indicator as a
 *   property: the columns and names of the CLI's indicators.csv (snake_case, the same in every
 *   language; numbers as JSON numbers, null where not known or not applicable), plus `rank` (severity
 *   order of the report), `label` and `status_label` in the report's language;
 * - then one feature per sub-district with uncovered residents, `kind: "uncovered"`: the union of its
 *   population cells beyond the time budget (`uncovered_residents`, `cells`, `threshold_minutes`);
 * - with a scenario, one Point per site it proposes, moves, changes or closes, `kind: "site"`, with the
 *   report's site columns (change, name, type, status and figures before → after) as properties.
 * One collection with a `kind` property rather than two files: GIS tools load it as one layer and
 * filter on `kind`. The report's title, dataset and parameters travel in a foreign member `report`.
 */
import { INDICATOR_COLUMNS } from '$lib/engine/standards/indicator-csv';
import type { AreaIndicators } from '$lib/engine/standards/indicators';
import type { MultiPolygonCoords, Subdistrict } from '$lib/engine/types';
import { MODE_SPEEDS_KMH } from '$lib/engine/params';
import { areaName } from './columns';
import type { GapReport } from './model';
import { rowFacility } from './scenario-sites';
import { reportTranslator } from './translate';
import { uncoveredAreas, type UncoveredCellsInput } from './uncovered-areas';

export type ReportPropertyValue = string | number | boolean | null;

// Exported for the tests only, which read features of this shape back.
export interface ReportFeature {
	type: 'Feature';
	properties: Record<string, ReportPropertyValue> & { kind: 'subdistrict' | 'uncovered'; code: string };
	geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
}

/** A scenario's site (proposed, moved, changed or closed) at its position; `code` is its sub-district. */
export interface SiteFeature {
	type: 'Feature';
	properties: Record<string, ReportPropertyValue> & { kind: 'site'; code: string };
	geometry: { type: 'Point'; coordinates: [number, number] };
}

// Exported for the tests only, which read the collection of this shape back.
export interface ReportFeatureCollection {
	type: 'FeatureCollection';
	report: {
		title: string;
		dataset: string;
		scenario: string | null;
		generated: string;
		language: string;
		synthetic: boolean;
		/** The layers that are the synthetic demo's (facilities, population, subdistricts, network). */
		synthetic_layers: string[];
		approximate: boolean;
		profile: string;
		mode: string;
		speed_kmh: number;
		threshold_minutes: number;
		max_snap_m: number;
	};
	features: (ReportFeature | SiteFeature)[];
}

/** indicators.csv columns that hold text; every other column is a number (or empty = null). */
const TEXT_COLUMNS = new Set(['code', 'name', 'name_en', 'residents_source', 'centre_statuses', 'status']);

function indicatorProperties(row: AreaIndicators): Record<string, ReportPropertyValue> {
	const properties: Record<string, ReportPropertyValue> = {};
	for (const column of INDICATOR_COLUMNS) {
		const value = column.value(row);
		if (TEXT_COLUMNS.has(column.header) || column.header.startsWith('rule_')) properties[column.header] = value === null ? null : String(value);
		else properties[column.header] = value === null || value === '' ? null : Number(value);
	}
	return properties;
}

export function gapReportToGeoJson(report: GapReport, subdistricts: readonly Subdistrict[], uncovered: UncoveredCellsInput | null): ReportFeatureCollection {
	const t = reportTranslator(report.language);
	const rowByCode = new Map(report.rows.map((row, index) => [row.code, { row, rank: index + 1 }]));
	const features: (ReportFeature | SiteFeature)[] = subdistricts.map((subdistrict) => {
		const ranked = rowByCode.get(subdistrict.code);
		const indicators = ranked ? indicatorProperties(ranked.row) : { name: subdistrict.name, name_en: subdistrict.nameEn };
		return {
			type: 'Feature',
			properties: {
				...indicators,
				kind: 'subdistrict',
				code: subdistrict.code,
				rank: ranked?.rank ?? null,
				label: areaName(subdistrict, report.language),
				status_label: ranked ? t(`report.status.${ranked.row.status}`) : null
			},
			geometry: { type: 'MultiPolygon', coordinates: subdistrict.polygons }
		};
	});
	const params = report.coverageParams;
	if (uncovered) {
		for (const area of uncoveredAreas(uncovered, subdistricts.length)) {
			const subdistrict = subdistricts[area.subdistrictIndex];
			features.push({
				type: 'Feature',
				properties: {
					kind: 'uncovered',
					code: subdistrict.code,
					name: subdistrict.name,
					name_en: subdistrict.nameEn,
					label: areaName(subdistrict, report.language),
					uncovered_residents: Number(area.residents.toFixed(3)),
					cells: area.cells,
					threshold_minutes: params.thresholdMinutes
				},
				geometry: { type: 'MultiPolygon', coordinates: area.polygons }
			});
		}
	}
	if (report.sites) {
		for (const row of report.sites.rows) {
			const facility = rowFacility(row);
			const properties: Record<string, ReportPropertyValue> = {};
			for (const column of report.sites.columns) properties[column.key] = column.value(row);
			features.push({ type: 'Feature', properties: { ...properties, kind: 'site', code: facility.subdistrict }, geometry: { type: 'Point', coordinates: [facility.lon, facility.lat] } });
		}
	}
	return {
		type: 'FeatureCollection',
		report: {
			title: report.title,
			dataset: report.datasetName,
			scenario: report.scenarioName,
			generated: report.generatedAt.toISOString(),
			language: report.language,
			synthetic: report.synthetic,
			synthetic_layers: [...report.syntheticLayers],
			approximate: report.approximate,
			profile: report.profile.id,
			mode: params.mode,
			speed_kmh: params.speedKmh ?? MODE_SPEEDS_KMH[params.mode],
			threshold_minutes: params.thresholdMinutes,
			max_snap_m: params.maxSnapM
		},
		features
	};
}
