/** What `npm run suggest` writes: the ranked sites as CSV and GeoJSON, and a plain-text table. */
import type { SitingAnswer, SitingProblem } from '$lib/engine/siting/suggest';
import type { Subdistrict } from '$lib/engine/types';
import { csvField } from '$lib/engine/spreadsheet-text';
import { formatTable } from './load-inputs';

// Exported for the tests only, which build rows of this shape.
export interface SiteRow {
	rank: number;
	lon: number;
	lat: number;
	subdistrict_code: string;
	subdistrict_name: string;
	source: string;
	label: string;
	new_residents: number;
	cumulative_residents: number;
	cumulative_pct: number;
}

export function siteRows(problem: SitingProblem, answer: SitingAnswer, subdistricts: Subdistrict[]): SiteRow[] {
	return answer.sites.map((site, i) => {
		const candidate = problem.candidates[site.candidate];
		const area = subdistricts[candidate.subdistrict];
		return {
			rank: i + 1,
			lon: candidate.lon,
			lat: candidate.lat,
			subdistrict_code: area?.code ?? '',
			subdistrict_name: area?.name ?? '',
			source: candidate.source,
			label: candidate.label,
			new_residents: site.newResidents,
			cumulative_residents: site.cumulativeResidents,
			cumulative_pct: Math.round(site.cumulativePct * 100) / 100
		};
	});
}

const COLUMNS = ['rank', 'lon', 'lat', 'subdistrict_code', 'subdistrict_name', 'source', 'label', 'new_residents', 'cumulative_residents', 'cumulative_pct'] as const;

/** UTF-8 with BOM, so Excel on a Chinese Windows opens it correctly (as the report's CSV). */
export function sitesCsv(rows: SiteRow[]): string {
	return '\ufeff' + [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => csvField(row[column])).join(','))].join('\n') + '\n';
}

export function sitesGeoJson(rows: SiteRow[]): string {
	const features = rows.map(({ lon, lat, ...properties }) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties }));
	return JSON.stringify({ type: 'FeatureCollection', features }, null, 1) + '\n';
}

export function sitesTable(rows: SiteRow[]): string {
	return formatTable(
		['#', 'site (lon, lat)', '街镇', 'source', 'new residents', 'cumulative', '%'],
		rows.map((row) => [String(row.rank), `${row.lon.toFixed(5)}, ${row.lat.toFixed(5)}`, row.subdistrict_name, row.source, row.new_residents.toLocaleString('en'), row.cumulative_residents.toLocaleString('en'), row.cumulative_pct.toFixed(2)]),
		[true, false, false, false, true, true, true]
	);
}
