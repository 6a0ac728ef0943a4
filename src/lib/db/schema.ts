/**
 * The DuckDB tables behind the app. One in-memory database per session; io and engine
 * results are loaded in with `load.ts` and read back with `queries.ts`.
 *
 * Schema (README copies this block):
 *
 *   subdistricts   one row per 街道 / 镇
 *     code               VARCHAR PRIMARY KEY   official or user code
 *     name               VARCHAR NOT NULL      Chinese name
 *     name_en            VARCHAR NOT NULL      English / pinyin name ('' if none)
 *     census_population  DOUBLE NULL           census residents; NULL = not given (use cells)
 *     area_km2           DOUBLE NULL           polygon area; NULL = unknown
 *
 *   facilities     one row per health facility (all statuses, including proposed)
 *     id           VARCHAR PRIMARY KEY
 *     name         VARCHAR NOT NULL
 *     type         VARCHAR NOT NULL   centre | branch | station | village_clinic | hospital
 *     subdistrict  VARCHAR NULL       sub-district code; NULL = not assigned (Facility's '')
 *     lon, lat     DOUBLE NOT NULL    WGS84 degrees
 *     area_m2      DOUBLE NULL        building area; NULL = unknown (never 0 for unknown)
 *     beds         DOUBLE NULL        community inpatient beds; NULL = unknown
 *     status       VARCHAR NOT NULL   existing | under_construction | construction_starting |
 *                                     plan_adjusting | transitional | proposed
 *     parent_id    VARCHAR NULL       parent centre of a branch or station
 *
 *   population     one row per population cell
 *     cell_id      INTEGER NOT NULL   index into the engine's PopulationCells arrays
 *     lon, lat     DOUBLE NOT NULL    cell centroid, WGS84 degrees
 *     pop          DOUBLE NOT NULL    resident population (常住人口)
 *     subdistrict  VARCHAR NULL       code of the containing sub-district; NULL = outside all
 *
 *   cell_access    walking-access result per cell and scenario
 *     cell_id      INTEGER NOT NULL   population.cell_id
 *     minutes      DOUBLE NULL        travel minutes to the nearest facility; NULL = none reached
 *     facility_id  VARCHAR NULL       nearest facility id; NULL = none reached
 *     covered      BOOLEAN NOT NULL   within the time budget (e.g. 15 min)
 *     unreachable  BOOLEAN NOT NULL   cell could not be snapped to / reached on the network
 *     scenario     VARCHAR NOT NULL DEFAULT 'baseline'
 *
 * No foreign keys: loads replace one table at a time, and a facility may name a
 * sub-district that is missing from the boundary file (the queries report it).
 */
import { FACILITY_STATUSES, FACILITY_TYPES } from '../engine/types';
import type { SqlConnection } from './connection';
import { sqlStringList } from './sql';

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS subdistricts (
	code VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	name_en VARCHAR NOT NULL,
	census_population DOUBLE,
	area_km2 DOUBLE
);
CREATE TABLE IF NOT EXISTS facilities (
	id VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	type VARCHAR NOT NULL CHECK (type IN (${sqlStringList(FACILITY_TYPES)})),
	subdistrict VARCHAR,
	lon DOUBLE NOT NULL,
	lat DOUBLE NOT NULL,
	area_m2 DOUBLE,
	beds DOUBLE,
	status VARCHAR NOT NULL CHECK (status IN (${sqlStringList(FACILITY_STATUSES)})),
	parent_id VARCHAR
);
CREATE TABLE IF NOT EXISTS population (
	cell_id INTEGER NOT NULL,
	lon DOUBLE NOT NULL,
	lat DOUBLE NOT NULL,
	pop DOUBLE NOT NULL,
	subdistrict VARCHAR
);
CREATE TABLE IF NOT EXISTS cell_access (
	cell_id INTEGER NOT NULL,
	minutes DOUBLE,
	facility_id VARCHAR,
	covered BOOLEAN NOT NULL,
	unreachable BOOLEAN NOT NULL,
	scenario VARCHAR NOT NULL DEFAULT 'baseline'
);
`;

/** Creates the four tables; harmless to call again on a database that has them. */
export async function createSchema(conn: SqlConnection): Promise<void> {
	await conn.query(SCHEMA_SQL);
}
