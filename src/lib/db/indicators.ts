/**
 * Standards indicators per sub-district and for the district, in SQL over `subdistricts`,
 * `facilities`, `population` and `cell_access` (one scenario), checked against a standards profile.
 *
 * Conventions (the README and the gap report repeat them):
 * - residents = the sub-district's census figure when given, else the sum of its cells; every
 *   per-1,000 figure and the required area use it; `residentsSource` says which.
 * - coverage figures (covered, uncovered, unreachable residents, %) are sums over cells, because a
 *   census figure has no location; covered = minutes ≤ the time budget (the engine's own test on the
 *   stored Float32 minutes, so the figures agree with the coverage panel).
 * - a facility with unknown area or beds is never counted as zero: a rule it could change is
 *   'incomplete' and the derived ratio and gap are null.
 * - district: sums of the sub-district figures; its required area is the sum of the sub-districts'
 *   (each has its own minimum); its gaps (area, beds) are the sums of the sub-districts' own
 *   shortfalls (a surplus does not offset another's) and its centre-area and beds rules fail when any
 *   sub-district's does; the net shortfall of the district's totals is kept as `areaNetGapM2`,
 *   `bedsNetNeededMin`, `bedsNetNeededTarget`. The TypeScript twin is indicator-district.ts.
 */
import type { FacilityStatus } from '../engine/types';
import type { StandardsProfile } from '../engine/standards/profile';
import {
	overallStatus,
	RULE_IDS,
	type AreaIndicators,
	type DistrictIndicators,
	type RuleId,
	type RuleOutcome,
	type SubdistrictIndicators
} from '../engine/standards/indicators';
import type { SqlConnection } from './connection';
import { countedFacilitiesSql, countOutcomeSql, requiredAreaSql, sqlNumber, sumOutcomeSql, typeInSql } from './indicator-sql';
import { sqlString } from './sql';

export interface IndicatorOptions {
	/** Which rows of cell_access to read; default 'baseline'. */
	scenario?: string;
	/** Only facilities with these statuses count; default all statuses. */
	statuses?: readonly FacilityStatus[];
	/** Time budget for "covered" (minutes); default the profile's coverageMinutes. */
	coverageMinutes?: number;
}

/** Per-area base figures: one row per sub-district, the same columns as the district's base row. */
function subdistrictBaseSql(profile: StandardsProfile, options: IndicatorOptions): string {
	const { rules } = profile;
	const scenario = sqlString(options.scenario ?? 'baseline');
	const minutes = sqlNumber(options.coverageMinutes ?? rules.coverageMinutes.value);
	const capacity = typeInSql('type', profile.capacityTypes);
	const isNewCentre = `type = 'centre' AND ${typeInSql('status', rules.newCentreBeds.statuses)}`;
	return `
counted AS (${countedFacilitiesSql(options.statuses)}),
access_computed AS (SELECT COUNT(*) > 0 AS computed FROM cell_access WHERE scenario = ${scenario}),
cell_rows AS (
	SELECT p.subdistrict AS code, p.pop,
		(a.minutes IS NOT NULL AND a.minutes <= ${minutes}) AS covered,
		COALESCE(a.unreachable, false) AS unreachable
	FROM population p
	LEFT JOIN cell_access a ON a.cell_id = p.cell_id AND a.scenario = ${scenario}
),
cell_totals AS (
	SELECT code,
		SUM(pop) AS cell_residents,
		COALESCE(SUM(pop) FILTER (WHERE covered), 0) AS covered,
		COALESCE(SUM(pop) FILTER (WHERE NOT covered), 0) AS uncovered,
		COALESCE(SUM(pop) FILTER (WHERE unreachable), 0) AS unreachable
	FROM cell_rows WHERE code IS NOT NULL GROUP BY code
),
facility_totals AS (
	SELECT subdistrict AS code,
		COUNT(*) FILTER (WHERE ${capacity}) AS capacity_facilities,
		COUNT(*) FILTER (WHERE type = 'centre') AS centres,
		COUNT(*) FILTER (WHERE type = 'branch') AS branches,
		string_agg(status, ',' ORDER BY id) FILTER (WHERE type = 'centre') AS centre_statuses,
		COALESCE(SUM(area_m2) FILTER (WHERE ${capacity}), 0) AS area_known,
		COUNT(*) FILTER (WHERE ${capacity} AND area_m2 IS NULL) AS area_unknown,
		COALESCE(SUM(beds) FILTER (WHERE ${capacity}), 0) AS beds_known,
		COUNT(*) FILTER (WHERE ${capacity} AND beds IS NULL) AS beds_unknown,
		COUNT(*) FILTER (WHERE ${isNewCentre}) AS new_centres,
		COUNT(*) FILTER (WHERE ${isNewCentre} AND beds < ${sqlNumber(rules.newCentreBeds.value)}) AS new_under,
		COUNT(*) FILTER (WHERE ${isNewCentre} AND beds IS NULL) AS new_unknown,
		COUNT(*) FILTER (WHERE type = 'station') AS stations,
		COUNT(*) FILTER (WHERE type = 'station' AND area_m2 < ${sqlNumber(rules.stationAreaMin.value)}) AS stations_under,
		COUNT(*) FILTER (WHERE type = 'station' AND area_m2 IS NULL) AS stations_unknown
	FROM counted WHERE subdistrict IS NOT NULL GROUP BY subdistrict
),
subdistrict_base AS (
	SELECT *, CASE WHEN residents > 0 THEN ${requiredAreaSql(rules, 'residents')} END AS required_area
	FROM (
		SELECT
			s.code, s.name, s.name_en,
			COALESCE(s.census_population, c.cell_residents, 0) AS residents,
			CASE WHEN s.census_population IS NULL THEN 'cells' ELSE 'census' END AS residents_source,
			COALESCE(c.cell_residents, 0) AS cell_residents,
			s.census_population,
			COALESCE(f.capacity_facilities, 0) AS capacity_facilities,
			COALESCE(f.centres, 0) AS centres,
			COALESCE(f.branches, 0) AS branches,
			COALESCE(f.centre_statuses, '') AS centre_statuses,
			COALESCE(f.area_known, 0) AS area_known,
			COALESCE(f.area_unknown, 0) AS area_unknown,
			COALESCE(f.beds_known, 0) AS beds_known,
			COALESCE(f.beds_unknown, 0) AS beds_unknown,
			COALESCE(f.new_centres, 0) AS new_centres,
			COALESCE(f.new_under, 0) AS new_under,
			COALESCE(f.new_unknown, 0) AS new_unknown,
			COALESCE(f.stations, 0) AS stations,
			COALESCE(f.stations_under, 0) AS stations_under,
			COALESCE(f.stations_unknown, 0) AS stations_unknown,
			h.computed AS coverage_computed,
			CASE WHEN h.computed THEN COALESCE(c.covered, 0) END AS covered,
			CASE WHEN h.computed THEN COALESCE(c.uncovered, 0) END AS uncovered,
			CASE WHEN h.computed THEN COALESCE(c.unreachable, 0) END AS unreachable
		FROM subdistricts s
		LEFT JOIN cell_totals c ON c.code = s.code
		LEFT JOIN facility_totals f ON f.code = s.code
		CROSS JOIN access_computed h
	)
)`;
}

/** Whole beds to add to reach `rate` per 1,000 (0 when met, NULL when unknown beds leave it open). */
function bedsNeededSql(enabled: boolean, rate: number): string {
	if (!enabled) return 'NULL';
	const needed = `${sqlNumber(rate)} * residents / 1000`;
	// ROUND before CEIL: 52.300000000001 from floating point must not become 53 beds.
	return `(CASE WHEN residents <= 0 OR beds_known >= ${needed} THEN 0 WHEN beds_unknown > 0 THEN NULL ELSE CEIL(ROUND(${needed} - beds_known, 6)) END)`;
}

/** Derived figures and rule outcomes, over any relation with the base columns. */
function derivedColumnsSql(profile: StandardsProfile): string {
	const { rules } = profile;
	const areaOn = rules.centreAreaPerThousand.enabled;
	const outcomes: Record<RuleId, string> = {
		centreArea: sumOutcomeSql({ enabled: areaOn, applicable: 'residents > 0', meets: 'area_known >= required_area', unknownCount: 'area_unknown' }),
		bedsMin: sumOutcomeSql({
			enabled: rules.bedsPerThousandMin.enabled,
			applicable: 'residents > 0',
			meets: `beds_known * 1000 >= ${sqlNumber(rules.bedsPerThousandMin.value)} * residents`,
			unknownCount: 'beds_unknown'
		}),
		newCentreBeds: countOutcomeSql({ enabled: rules.newCentreBeds.enabled, total: 'new_centres', under: 'new_under', unknownCount: 'new_unknown' }),
		stationArea: countOutcomeSql({ enabled: rules.stationAreaMin.enabled, total: 'stations', under: 'stations_under', unknownCount: 'stations_unknown' }),
		coverage: rules.coverageTargetPct.enabled
			? `(CASE WHEN NOT coverage_computed OR cell_residents <= 0 THEN 'na' WHEN uncovered * 100 <= ${sqlNumber(100 - rules.coverageTargetPct.value)} * cell_residents THEN 'pass' ELSE 'fail' END)`
			: `'off'`
	};
	const areaGap = areaOn
		? `(CASE WHEN required_area IS NULL THEN NULL WHEN area_known >= required_area THEN 0 WHEN area_unknown > 0 THEN NULL ELSE required_area - area_known END)`
		: 'NULL';
	return `
	code AS "code", name AS "name", name_en AS "nameEn",
	residents AS "residents", residents_source AS "residentsSource",
	cell_residents AS "cellResidents", census_population AS "censusPopulation",
	capacity_facilities AS "capacityFacilities", centres AS "centres", branches AS "branches",
	centre_statuses AS "centreStatusList",
	area_known AS "centreAreaM2", area_unknown AS "areaUnknownCount",
	CASE WHEN residents > 0 AND area_unknown = 0 THEN area_known * 1000 / residents END AS "areaPerThousand",
	${areaOn ? 'required_area' : 'NULL'} AS "requiredAreaM2",
	${areaGap} AS "areaGapM2",
	beds_known AS "beds", beds_unknown AS "bedsUnknownCount",
	CASE WHEN residents > 0 AND beds_unknown = 0 THEN beds_known * 1000 / residents END AS "bedsPerThousand",
	${bedsNeededSql(rules.bedsPerThousandMin.enabled, rules.bedsPerThousandMin.value)} AS "bedsNeededMin",
	${bedsNeededSql(rules.bedsPerThousandTarget.enabled, rules.bedsPerThousandTarget.value)} AS "bedsNeededTarget",
	new_centres AS "newCentres", new_under AS "newCentresUnderBeds", new_unknown AS "newCentresBedsUnknown",
	stations AS "stations", stations_under AS "stationsUnderArea", stations_unknown AS "stationsAreaUnknown",
	covered AS "coveredResidents",
	CASE WHEN cell_residents > 0 THEN covered * 100 / cell_residents END AS "coveragePct",
	uncovered AS "uncoveredResidents",
	unreachable AS "unreachableResidents",
	${RULE_IDS.map((rule) => `${outcomes[rule]} AS "rule_${rule}"`).join(',\n\t')}`;
}

/** Sub-district rows with derived figures and outcomes. */
function subdistrictIndicatorsSql(profile: StandardsProfile, options: IndicatorOptions): string {
	return `WITH ${subdistrictBaseSql(profile, options)}
SELECT ${derivedColumnsSql(profile)}
FROM subdistrict_base`;
}

/** The district's base row: sums of the sub-districts' base figures. */
function districtBaseSql(): string {
	return `district_base AS (
	SELECT
		'' AS code, '' AS name, '' AS name_en,
		COALESCE(SUM(residents), 0) AS residents,
		CASE WHEN COUNT(*) FILTER (WHERE residents_source = 'census') = 0 THEN 'cells'
			WHEN COUNT(*) FILTER (WHERE residents_source = 'cells') = 0 THEN 'census' ELSE 'mixed' END AS residents_source,
		COALESCE(SUM(cell_residents), 0) AS cell_residents,
		SUM(census_population) AS census_population,
		${['capacity_facilities', 'centres', 'branches', 'area_known', 'area_unknown', 'beds_known', 'beds_unknown', 'new_centres', 'new_under', 'new_unknown', 'stations', 'stations_under', 'stations_unknown']
			.map((column) => `COALESCE(SUM(${column}), 0) AS ${column}`)
			.join(',\n\t\t')},
		'' AS centre_statuses,
		COALESCE(SUM(required_area), 0) AS required_area,
		COALESCE(BOOL_AND(coverage_computed), (SELECT computed FROM access_computed)) AS coverage_computed,
		SUM(covered) AS covered, SUM(uncovered) AS uncovered, SUM(unreachable) AS unreachable
	FROM subdistrict_base
)`;
}

/** districtOutcome in indicator-district.ts: the worst of the sub-districts' outcomes of a rule. */
function districtOutcomeSql(enabled: boolean, rule: RuleId): string {
	if (!enabled) return `'off'`;
	const any = (outcome: RuleOutcome) => `COUNT(*) FILTER (WHERE "rule_${rule}" = '${outcome}') > 0`;
	return `(CASE WHEN ${any('fail')} THEN 'fail' WHEN ${any('incomplete')} THEN 'incomplete' WHEN ${any('pass')} THEN 'pass' ELSE 'na' END)`;
}

function districtIndicatorsSql(profile: StandardsProfile, options: IndicatorOptions): string {
	const { rules } = profile;
	// A sub-district's area gap is NULL when it has no residents (nothing needed) or when unknown areas
	// leave it open; only the second makes the sum unknown. Beds needed are NULL only when unknown or off.
	const areaGapSum = rules.centreAreaPerThousand.enabled
		? `CASE WHEN COUNT(*) FILTER (WHERE "rule_centreArea" = 'incomplete') > 0 THEN NULL ELSE COALESCE(SUM("areaGapM2"), 0) END`
		: 'NULL';
	const bedsSum = (enabled: boolean, column: string) =>
		enabled ? `CASE WHEN COUNT(*) FILTER (WHERE "${column}" IS NULL) > 0 THEN NULL ELSE COALESCE(SUM("${column}"), 0) END` : 'NULL';
	// The district's own (net) figures are renamed, and the sums over sub-districts take their place.
	return `WITH ${subdistrictBaseSql(profile, options)},
${districtBaseSql()},
per_subdistrict AS (SELECT ${derivedColumnsSql(profile)} FROM subdistrict_base),
district AS (SELECT ${derivedColumnsSql(profile)} FROM district_base),
district_extra AS (
	SELECT
		COUNT(*) AS "subdistricts",
		${areaGapSum} AS "sum_areaGapM2",
		${bedsSum(rules.bedsPerThousandMin.enabled, 'bedsNeededMin')} AS "sum_bedsNeededMin",
		${bedsSum(rules.bedsPerThousandTarget.enabled, 'bedsNeededTarget')} AS "sum_bedsNeededTarget",
		${districtOutcomeSql(rules.centreAreaPerThousand.enabled, 'centreArea')} AS "district_centreArea",
		${districtOutcomeSql(rules.bedsPerThousandMin.enabled, 'bedsMin')} AS "district_bedsMin",
		${RULE_IDS.map((rule) => `COUNT(*) FILTER (WHERE "rule_${rule}" = 'fail') AS "failing_${rule}"`).join(',\n\t\t')},
		(SELECT COUNT(*) FROM counted f WHERE f.subdistrict IS NULL OR f.subdistrict NOT IN (SELECT code FROM subdistricts)) AS "unassignedFacilities",
		(SELECT COALESCE(SUM(p.pop), 0) FROM population p
			WHERE p.subdistrict IS NULL OR p.subdistrict NOT IN (SELECT code FROM subdistricts)) AS "unassignedCellResidents"
	FROM per_subdistrict
)
SELECT d.* EXCLUDE ("areaGapM2", "bedsNeededMin", "bedsNeededTarget", "rule_centreArea", "rule_bedsMin"),
	d."areaGapM2" AS "areaNetGapM2", d."bedsNeededMin" AS "bedsNetNeededMin", d."bedsNeededTarget" AS "bedsNetNeededTarget",
	e."sum_areaGapM2" AS "areaGapM2", e."sum_bedsNeededMin" AS "bedsNeededMin", e."sum_bedsNeededTarget" AS "bedsNeededTarget",
	e."district_centreArea" AS "rule_centreArea", e."district_bedsMin" AS "rule_bedsMin",
	e.* EXCLUDE ("sum_areaGapM2", "sum_bedsNeededMin", "sum_bedsNeededTarget", "district_centreArea", "district_bedsMin")
FROM district d CROSS JOIN district_extra e`;
}

type Row = Record<string, unknown>;

function num(row: Row, key: string): number {
	return Number(row[key] ?? 0);
}

function numOrNull(row: Row, key: string): number | null {
	const value = row[key];
	return value === null || value === undefined ? null : Number(value);
}

function toAreaIndicators(row: Row): AreaIndicators {
	const rules = Object.fromEntries(RULE_IDS.map((rule) => [rule, row[`rule_${rule}`] as RuleOutcome])) as Record<RuleId, RuleOutcome>;
	const outcomes = Object.values(rules);
	const statusList = String(row.centreStatusList ?? '');
	return {
		code: String(row.code),
		name: String(row.name),
		nameEn: String(row.nameEn),
		residents: num(row, 'residents'),
		residentsSource: row.residentsSource as AreaIndicators['residentsSource'],
		cellResidents: num(row, 'cellResidents'),
		censusPopulation: numOrNull(row, 'censusPopulation'),
		capacityFacilities: num(row, 'capacityFacilities'),
		centres: num(row, 'centres'),
		branches: num(row, 'branches'),
		centreStatuses: statusList === '' ? [] : (statusList.split(',') as FacilityStatus[]),
		centreAreaM2: num(row, 'centreAreaM2'),
		areaUnknownCount: num(row, 'areaUnknownCount'),
		areaPerThousand: numOrNull(row, 'areaPerThousand'),
		requiredAreaM2: numOrNull(row, 'requiredAreaM2'),
		areaGapM2: numOrNull(row, 'areaGapM2'),
		beds: num(row, 'beds'),
		bedsUnknownCount: num(row, 'bedsUnknownCount'),
		bedsPerThousand: numOrNull(row, 'bedsPerThousand'),
		bedsNeededMin: numOrNull(row, 'bedsNeededMin'),
		bedsNeededTarget: numOrNull(row, 'bedsNeededTarget'),
		newCentres: num(row, 'newCentres'),
		newCentresUnderBeds: num(row, 'newCentresUnderBeds'),
		newCentresBedsUnknown: num(row, 'newCentresBedsUnknown'),
		stations: num(row, 'stations'),
		stationsUnderArea: num(row, 'stationsUnderArea'),
		stationsAreaUnknown: num(row, 'stationsAreaUnknown'),
		coveredResidents: numOrNull(row, 'coveredResidents'),
		coveragePct: numOrNull(row, 'coveragePct'),
		uncoveredResidents: numOrNull(row, 'uncoveredResidents'),
		unreachableResidents: numOrNull(row, 'unreachableResidents'),
		rules,
		failedRules: outcomes.filter((outcome) => outcome === 'fail').length,
		incompleteRules: outcomes.filter((outcome) => outcome === 'incomplete').length,
		status: overallStatus(rules)
	};
}

/** One row per sub-district, ordered by code. */
export async function subdistrictIndicators(conn: SqlConnection, profile: StandardsProfile, options: IndicatorOptions = {}): Promise<SubdistrictIndicators[]> {
	const rows = await conn.query<Row>(`${subdistrictIndicatorsSql(profile, options)}\nORDER BY code`);
	return rows.map(toAreaIndicators);
}

/** The district total row (code and name ''): gaps summed over sub-districts, net gaps, failing-sub-district counts. */
export async function districtIndicators(conn: SqlConnection, profile: StandardsProfile, options: IndicatorOptions = {}): Promise<DistrictIndicators> {
	const [row] = await conn.query<Row>(districtIndicatorsSql(profile, options));
	return {
		...toAreaIndicators(row),
		subdistricts: num(row, 'subdistricts'),
		areaNetGapM2: numOrNull(row, 'areaNetGapM2'),
		bedsNetNeededMin: numOrNull(row, 'bedsNetNeededMin'),
		bedsNetNeededTarget: numOrNull(row, 'bedsNetNeededTarget'),
		failingSubdistricts: Object.fromEntries(RULE_IDS.map((rule) => [rule, num(row, `failing_${rule}`)])) as Record<RuleId, number>,
		unassignedFacilities: num(row, 'unassignedFacilities'),
		unassignedCellResidents: num(row, 'unassignedCellResidents')
	};
}
