/**
 * Read-side SQL: per-sub-district and district overviews of residents and facilities.
 * Values from outside this file reach the SQL only through `sqlStringList` (escaped).
 */
import { FACILITY_STATUSES, type FacilityStatus, type FacilityType } from '../engine/types';
import type { SqlConnection } from './connection';
import { sqlStringList } from './sql';

export interface OverviewOptions {
	/**
	 * Count branch centres' area and beds with the centres (the default, as the Shanghai
	 * guideline treats a branch as part of its parent centre).
	 */
	includeBranches?: boolean;
	/** Only facilities with these statuses are counted; default: all statuses. */
	statuses?: readonly FacilityStatus[];
}

export interface SubdistrictOverviewRow {
	code: string;
	name: string;
	nameEn: string;
	/** Residents used for per-1,000 ratios: the census figure when given, else the cell sum. */
	residents: number;
	residentsSource: 'census' | 'cells';
	/** Sum of the population cells assigned to this sub-district (0 when none). */
	cellPopulation: number;
	censusPopulation: number | null;
	centres: number;
	branches: number;
	stations: number;
	villageClinics: number;
	hospitals: number;
	/**
	 * Building area (m²) of the centres (and branches, see `includeBranches`) whose area is
	 * known. 0 when there is no such facility; null when there are some but no area is known.
	 */
	centreAreaM2: number | null;
	/** How many of those facilities have an unknown area (their area is not in the sum). */
	areaUnknownCount: number;
	/** Community inpatient beds, same rules as `centreAreaM2`. */
	centreBeds: number | null;
	bedsUnknownCount: number;
}

export interface DistrictOverviewRow {
	subdistricts: number;
	/** Sum of the sub-districts' `residents` (census where given, cells elsewhere). */
	residents: number;
	subdistrictsWithCensus: number;
	cellPopulation: number;
	centres: number;
	branches: number;
	stations: number;
	villageClinics: number;
	hospitals: number;
	/** Sum of the sub-districts' values; null only when every one is null (or there are none). */
	centreAreaM2: number | null;
	areaUnknownCount: number;
	centreBeds: number | null;
	bedsUnknownCount: number;
	/** Counted facilities whose sub-district is empty or not in `subdistricts`. */
	unassignedFacilities: number;
	/** Population of cells outside every sub-district (or with an unknown code). */
	unassignedCellPopulation: number;
}

function capacityTypes(options: OverviewOptions): FacilityType[] {
	return options.includeBranches === false ? ['centre'] : ['centre', 'branch'];
}

/** The facilities to count, as a SQL query; statuses are checked and escaped. */
function countedFacilitiesSql(options: OverviewOptions): string {
	if (options.statuses === undefined) return 'SELECT * FROM facilities';
	const unknown = options.statuses.filter((s) => !(FACILITY_STATUSES as readonly string[]).includes(s));
	if (unknown.length > 0) throw new Error(`Unknown facility status: ${unknown.join(', ')}`);
	if (options.statuses.length === 0) return 'SELECT * FROM facilities WHERE false';
	return `SELECT * FROM facilities WHERE status IN (${sqlStringList(options.statuses)})`;
}

/** Per-sub-district overview as a SQL query (also the base of the district overview). */
function subdistrictOverviewSql(options: OverviewOptions): string {
	const capacity = `type IN (${sqlStringList(capacityTypes(options))})`;
	return `
WITH cell_totals AS (
	SELECT subdistrict AS code, SUM(pop) AS cell_population
	FROM population WHERE subdistrict IS NOT NULL GROUP BY subdistrict
),
counted AS (${countedFacilitiesSql(options)}),
facility_totals AS (
	SELECT subdistrict AS code,
		COUNT(*) FILTER (WHERE type = 'centre') AS centres,
		COUNT(*) FILTER (WHERE type = 'branch') AS branches,
		COUNT(*) FILTER (WHERE type = 'station') AS stations,
		COUNT(*) FILTER (WHERE type = 'village_clinic') AS village_clinics,
		COUNT(*) FILTER (WHERE type = 'hospital') AS hospitals,
		COUNT(*) FILTER (WHERE ${capacity}) AS capacity_facilities,
		SUM(area_m2) FILTER (WHERE ${capacity}) AS capacity_area_m2,
		COUNT(*) FILTER (WHERE ${capacity} AND area_m2 IS NULL) AS area_unknown,
		SUM(beds) FILTER (WHERE ${capacity}) AS capacity_beds,
		COUNT(*) FILTER (WHERE ${capacity} AND beds IS NULL) AS beds_unknown
	FROM counted WHERE subdistrict IS NOT NULL GROUP BY subdistrict
)
SELECT
	s.code AS "code",
	s.name AS "name",
	s.name_en AS "nameEn",
	COALESCE(s.census_population, c.cell_population, 0) AS "residents",
	CASE WHEN s.census_population IS NULL THEN 'cells' ELSE 'census' END AS "residentsSource",
	COALESCE(c.cell_population, 0) AS "cellPopulation",
	s.census_population AS "censusPopulation",
	COALESCE(f.centres, 0) AS "centres",
	COALESCE(f.branches, 0) AS "branches",
	COALESCE(f.stations, 0) AS "stations",
	COALESCE(f.village_clinics, 0) AS "villageClinics",
	COALESCE(f.hospitals, 0) AS "hospitals",
	CASE WHEN COALESCE(f.capacity_facilities, 0) = 0 THEN 0 ELSE f.capacity_area_m2 END AS "centreAreaM2",
	COALESCE(f.area_unknown, 0) AS "areaUnknownCount",
	CASE WHEN COALESCE(f.capacity_facilities, 0) = 0 THEN 0 ELSE f.capacity_beds END AS "centreBeds",
	COALESCE(f.beds_unknown, 0) AS "bedsUnknownCount"
FROM subdistricts s
LEFT JOIN cell_totals c ON c.code = s.code
LEFT JOIN facility_totals f ON f.code = s.code`;
}

/** One row per sub-district, ordered by code. */
export async function subdistrictOverview(
	conn: SqlConnection,
	options: OverviewOptions = {}
): Promise<SubdistrictOverviewRow[]> {
	return conn.query<SubdistrictOverviewRow & Record<string, unknown>>(
		`${subdistrictOverviewSql(options)}\nORDER BY s.code`
	);
}

// Exported for the tests only: tests/unit/db/node.test.ts checks the district totals (with and without a status filter) on a small fixture.
/** District totals: the sum of the sub-district rows, plus what no sub-district holds. */
export async function districtOverview(
	conn: SqlConnection,
	options: OverviewOptions = {}
): Promise<DistrictOverviewRow> {
	const rows = await conn.query<DistrictOverviewRow & Record<string, unknown>>(`
WITH per_subdistrict AS (${subdistrictOverviewSql(options)})
SELECT
	COUNT(*) AS "subdistricts",
	COALESCE(SUM("residents"), 0) AS "residents",
	COUNT(*) FILTER (WHERE "residentsSource" = 'census') AS "subdistrictsWithCensus",
	COALESCE(SUM("cellPopulation"), 0) AS "cellPopulation",
	COALESCE(SUM("centres"), 0) AS "centres",
	COALESCE(SUM("branches"), 0) AS "branches",
	COALESCE(SUM("stations"), 0) AS "stations",
	COALESCE(SUM("villageClinics"), 0) AS "villageClinics",
	COALESCE(SUM("hospitals"), 0) AS "hospitals",
	SUM("centreAreaM2") AS "centreAreaM2",
	COALESCE(SUM("areaUnknownCount"), 0) AS "areaUnknownCount",
	SUM("centreBeds") AS "centreBeds",
	COALESCE(SUM("bedsUnknownCount"), 0) AS "bedsUnknownCount",
	(SELECT COUNT(*) FROM (${countedFacilitiesSql(options)}) f
		WHERE f.subdistrict IS NULL OR f.subdistrict NOT IN (SELECT code FROM subdistricts)) AS "unassignedFacilities",
	(SELECT COALESCE(SUM(p.pop), 0) FROM population p
		WHERE p.subdistrict IS NULL OR p.subdistrict NOT IN (SELECT code FROM subdistricts)) AS "unassignedCellPopulation"
FROM per_subdistrict`);
	return rows[0];
}
