/**
 * Per-centre checks and the table they need for the *catchment* service population.
 *
 *   cell_nearest_centre   per cell and scenario: the nearest facility of the profile's capacity
 *                         types (centres and, by default, branches) by network time, with no time
 *                         limit. Filled from a second coverage run (see nearestCentreParams in
 *                         engine/standards/service-population.ts), because cell_access holds the
 *                         nearest facility of the *coverage* types, usually a station.
 *     cell_id      INTEGER NOT NULL   population.cell_id
 *     minutes      DOUBLE NULL        NULL = no centre reached
 *     facility_id  VARCHAR NULL       NULL = no centre reached
 *     scenario     VARCHAR NOT NULL
 *
 * A centre's group is itself plus the counted facilities whose parent is it (a branch counts as part
 * of its parent centre, as in the Shanghai guideline); a branch without a counted parent centre
 * stands alone. Its area and beds are the group's; its catchment is the residents of cells whose
 * nearest counted facility is any member.
 */
import { Table, tableToIPC } from 'apache-arrow';
import type { FacilityStatus } from '../engine/types';
import { requiredCentreAreaM2, type StandardsProfile } from '../engine/standards/profile';
import type { CentreIndicators, RuleOutcome, ServicePopulationDefinition } from '../engine/standards/indicators';
import { float64Column, rowIndexColumn, utf8Column } from './arrow-columns';
import type { SqlConnection } from './connection';
import { countedFacilitiesSql, typeInSql } from './indicator-sql';
import { sqlIdentifier, sqlString } from './sql';

export const NEAREST_CENTRE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS cell_nearest_centre (
	cell_id INTEGER NOT NULL,
	minutes DOUBLE,
	facility_id VARCHAR,
	scenario VARCHAR NOT NULL DEFAULT 'baseline'
);`;

/** Creates cell_nearest_centre; harmless to call again (the loader and the query call it themselves). */
export async function createIndicatorSchema(conn: SqlConnection): Promise<void> {
	await conn.query(NEAREST_CENTRE_SCHEMA_SQL);
}

export interface NearestCentreRows {
	/** Per cell id: minutes to the nearest centre; NaN or Infinity = none (stored as NULL). */
	minutes: Float32Array | Float64Array;
	/** Per cell id: that centre's facility id, or null. */
	facilityId: (string | null)[];
}

let stagingCounter = 0;

/** Replaces one scenario's rows of cell_nearest_centre (cell ids are the array indices). */
export async function loadNearestCentres(conn: SqlConnection, rows: NearestCentreRows, scenario = 'baseline'): Promise<void> {
	if (rows.facilityId.length !== rows.minutes.length) throw new RangeError(`loadNearestCentres: ${rows.minutes.length} minutes but ${rows.facilityId.length} facility ids`);
	await createIndicatorSchema(conn);
	const cellCount = rows.minutes.length;
	const deleteSql = `DELETE FROM cell_nearest_centre WHERE scenario = ${sqlString(scenario)}`;
	if (cellCount === 0) {
		await conn.query(deleteSql);
		return;
	}
	const stagingName = `_staging_nearest_centre_${(stagingCounter += 1)}`;
	const staging = sqlIdentifier(stagingName);
	const table = new Table({
		cell_id: rowIndexColumn(cellCount),
		minutes: float64Column(rows.minutes),
		facility_id: utf8Column(rows.facilityId),
		scenario: utf8Column(new Array<string>(cellCount).fill(scenario))
	});
	await conn.insertArrowIPC(stagingName, tableToIPC(table, 'stream'));
	// One call, so no other load on this connection runs between the delete and the insert.
	await conn.query(
		`${deleteSql}; INSERT INTO cell_nearest_centre (cell_id, minutes, facility_id, scenario) SELECT cell_id, minutes, facility_id, scenario FROM ${staging}; DROP TABLE ${staging}`
	);
}

export interface CentreIndicatorOptions {
	scenario?: string;
	statuses?: readonly FacilityStatus[];
	servicePopulation?: ServicePopulationDefinition;
}

function centreIndicatorsSql(profile: StandardsProfile, options: CentreIndicatorOptions): string {
	const scenario = sqlString(options.scenario ?? 'baseline');
	return `
WITH counted AS (${countedFacilitiesSql(options.statuses)}),
capacity AS (SELECT * FROM counted WHERE ${typeInSql('type', profile.capacityTypes)}),
membership AS (
	SELECT f.*,
		CASE WHEN f.type <> 'centre' AND f.parent_id IN (SELECT id FROM capacity WHERE type = 'centre') THEN f.parent_id ELSE f.id END AS head
	FROM capacity f
),
groups AS (
	SELECT head,
		string_agg(id, ',' ORDER BY (id <> head), id) AS member_ids,
		COALESCE(SUM(area_m2), 0) AS area_known,
		COUNT(*) FILTER (WHERE area_m2 IS NULL) AS area_unknown,
		COALESCE(SUM(beds), 0) AS beds_known,
		COUNT(*) FILTER (WHERE beds IS NULL) AS beds_unknown
	FROM membership GROUP BY head
),
administrative AS (
	SELECT s.code, COALESCE(s.census_population, c.cell_residents, 0) AS residents
	FROM subdistricts s
	LEFT JOIN (SELECT subdistrict, SUM(pop) AS cell_residents FROM population WHERE subdistrict IS NOT NULL GROUP BY subdistrict) c ON c.subdistrict = s.code
),
catchment_computed AS (SELECT COUNT(*) > 0 AS computed FROM cell_nearest_centre WHERE scenario = ${scenario}),
catchment AS (
	SELECT m.head, SUM(p.pop) AS residents
	FROM cell_nearest_centre n
	JOIN population p ON p.cell_id = n.cell_id
	JOIN membership m ON m.id = n.facility_id
	WHERE n.scenario = ${scenario}
	GROUP BY m.head
)
SELECT
	f.id AS "id", f.name AS "name", f.type AS "type", f.subdistrict AS "subdistrict", f.status AS "status",
	f.beds AS "ownBeds",
	g.member_ids AS "memberIds",
	g.area_known AS "areaM2", g.area_unknown AS "areaUnknownCount",
	g.beds_known AS "beds", g.beds_unknown AS "bedsUnknownCount",
	a.residents AS "administrativePopulation",
	CASE WHEN k.computed THEN COALESCE(c.residents, 0) END AS "catchmentPopulation"
FROM groups g
JOIN capacity f ON f.id = g.head
LEFT JOIN administrative a ON a.code = f.subdistrict
LEFT JOIN catchment c ON c.head = g.head
CROSS JOIN catchment_computed k
ORDER BY f.id`;
}

type Row = Record<string, unknown>;

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * One row per centre (group head), with the area check `area ≥ required(service population)` for the
 * chosen definition (default administrative) and, for new centres, the beds check on the centre's own beds.
 * The arithmetic on a handful of rows is done here, with requiredCentreAreaM2, so it cannot drift from the profile.
 */
export async function centreIndicators(conn: SqlConnection, profile: StandardsProfile, options: CentreIndicatorOptions = {}): Promise<CentreIndicators[]> {
	const definition = options.servicePopulation ?? 'administrative';
	await createIndicatorSchema(conn);
	const rows = await conn.query<Row>(centreIndicatorsSql(profile, options));
	return rows.map((row) => {
		const administrativePopulation = numberOrNull(row.administrativePopulation);
		const catchmentPopulation = numberOrNull(row.catchmentPopulation);
		const servicePopulation = definition === 'administrative' ? administrativePopulation : catchmentPopulation;
		const areaM2 = Number(row.areaM2);
		const areaUnknownCount = Number(row.areaUnknownCount);
		const areaRuleOn = profile.rules.centreAreaPerThousand.enabled;
		const requiredAreaM2 = areaRuleOn && servicePopulation !== null ? requiredCentreAreaM2(profile.rules, servicePopulation) : null;
		return {
			id: String(row.id),
			name: String(row.name),
			type: row.type as CentreIndicators['type'],
			subdistrict: row.subdistrict === null ? null : String(row.subdistrict),
			status: row.status as FacilityStatus,
			memberIds: String(row.memberIds).split(','),
			areaM2,
			areaUnknownCount,
			beds: Number(row.beds),
			bedsUnknownCount: Number(row.bedsUnknownCount),
			administrativePopulation,
			catchmentPopulation,
			servicePopulationDefinition: definition,
			servicePopulation,
			requiredAreaM2,
			areaGapM2: requiredAreaM2 === null ? null : areaM2 >= requiredAreaM2 ? 0 : areaUnknownCount > 0 ? null : requiredAreaM2 - areaM2,
			areaOutcome: areaOutcome(areaRuleOn, requiredAreaM2, areaM2, areaUnknownCount),
			newCentreBedsOutcome: newCentreBedsOutcome(profile, String(row.type), row.status as FacilityStatus, numberOrNull(row.ownBeds))
		};
	});
}

function areaOutcome(enabled: boolean, required: number | null, area: number, unknown: number): RuleOutcome {
	if (!enabled) return 'off';
	if (required === null) return 'na';
	if (area >= required) return 'pass';
	return unknown > 0 ? 'incomplete' : 'fail';
}

function newCentreBedsOutcome(profile: StandardsProfile, type: string, status: FacilityStatus, beds: number | null): RuleOutcome {
	const rule = profile.rules.newCentreBeds;
	if (!rule.enabled) return 'off';
	if (type !== 'centre' || !rule.statuses.includes(status)) return 'na';
	if (beds === null) return 'incomplete';
	return beds >= rule.value ? 'pass' : 'fail';
}
