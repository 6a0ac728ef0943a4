/**
 * A suggestion's ranked sites as `npm run suggest` writes them and the app's "Export suggestion"
 * downloads them (one set of columns for both): CSV and GeoJSON, WGS84, with GCJ-02 beside for Amap.
 */
import type { Candidate } from '$lib/engine/siting/candidates';
import type { RankedSite } from '$lib/engine/siting/suggest';
import type { Subdistrict } from '$lib/engine/types';
import { csvField } from '$lib/engine/spreadsheet-text';
import gcoord from 'gcoord';

export interface SiteRow {
	rank: number;
	lon: number;
	lat: number;
	lon_gcj02: number;
	lat_gcj02: number;
	subdistrict_code: string;
	subdistrict_name: string;
	source: string;
	/** The parcel's id as in the planner's file, or the existing facility's id; empty for a street node. */
	candidate_id: string;
	label: string;
	new_residents: number;
	cumulative_residents: number;
	cumulative_pct: number;
}

/** The ranked sites, each with its candidate, as rows; the sub-district's name in the file's language (English: its English/pinyin name). */
export function siteRows(
	sites: readonly (Pick<RankedSite, 'newResidents' | 'cumulativeResidents' | 'cumulativePct'> & { site: Candidate })[],
	subdistricts: readonly Subdistrict[],
	language: 'zh-CN' | 'en'
): SiteRow[] {
	return sites.map((site, i) => {
		const candidate = site.site;
		const area = subdistricts[candidate.subdistrict];
		const [lonGcj, latGcj] = gcoord.transform([candidate.lon, candidate.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
		return {
			rank: i + 1,
			lon: candidate.lon,
			lat: candidate.lat,
			lon_gcj02: Math.round(lonGcj * 1e6) / 1e6,
			lat_gcj02: Math.round(latGcj * 1e6) / 1e6,
			subdistrict_code: area?.code ?? '',
			subdistrict_name: (language === 'en' && area?.nameEn ? area.nameEn : area?.name) ?? '',
			source: candidate.source,
			candidate_id: candidate.facilityId ?? candidate.parcel?.id ?? '',
			label: candidate.label,
			new_residents: site.newResidents,
			cumulative_residents: site.cumulativeResidents,
			cumulative_pct: Math.round(site.cumulativePct * 100) / 100
		};
	});
}

const COLUMNS = ['rank', 'lon', 'lat', 'lon_gcj02', 'lat_gcj02', 'subdistrict_code', 'subdistrict_name', 'source', 'candidate_id', 'label', 'new_residents', 'cumulative_residents', 'cumulative_pct'] as const;

/**
 * UTF-8 with BOM, so Excel on a Chinese Windows opens it correctly (as the report's CSV). `provenance`: lines
 * above the header saying what the sites were computed from (the app passes report/csv.ts's provenanceCsvLines).
 */
export function sitesCsv(rows: SiteRow[], provenance: readonly string[] = []): string {
	return '\ufeff' + [...provenance, COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => csvField(row[column])).join(','))].join('\n') + '\n';
}

export function sitesGeoJson(rows: SiteRow[]): string {
	const features = rows.map(({ lon, lat, ...properties }) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties }));
	return JSON.stringify({ type: 'FeatureCollection', features }, null, 1) + '\n';
}
