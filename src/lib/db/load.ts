/**
 * Loads domain records into the DuckDB tables through Arrow IPC (columnar; 600k rows in
 * well under a second, where INSERT ... VALUES would take minutes).
 * Each load replaces a table's rows inside one transaction: if anything fails (a duplicate
 * id, a NULL in a NOT NULL column, a bad type or status), the previous rows stay.
 */
import { Table, tableToIPC, type Vector } from 'apache-arrow';
import type { Facility, PopulationCells, Subdistrict } from '../engine/types';
import { boolColumn, float64Column, rowIndexColumn, utf8Column } from './arrow-columns';
import type { SqlConnection } from './connection';
import { sqlIdentifier, sqlString } from './sql';

/** Per-cell walking-access result, parallel arrays indexed by cell id. */
export interface CellAccessRows {
	/** Minutes to the nearest facility; NaN or Infinity = none reached (stored as NULL). */
	minutes: Float32Array;
	facilityId: (string | null)[];
	/** 1 = covered within the time budget. */
	covered: Uint8Array;
	/** 1 = the cell could not reach the network. */
	unreachable: Uint8Array;
}

type Columns = Record<string, Vector>;

/** Transactions on one connection must not interleave (DuckDB has no nested BEGIN). */
const transactionQueues = new WeakMap<SqlConnection, Promise<unknown>>();

async function inTransaction(conn: SqlConnection, work: () => Promise<void>): Promise<void> {
	const previous = transactionQueues.get(conn) ?? Promise.resolve();
	const run = previous.catch(() => undefined).then(async () => {
		await conn.query('BEGIN TRANSACTION');
		try {
			await work();
			await conn.query('COMMIT');
		} catch (error) {
			await conn.query('ROLLBACK').catch(() => undefined);
			throw error;
		}
	});
	transactionQueues.set(conn, run);
	return run;
}

let stagingCounter = 0;

/**
 * Replaces the rows of `table` matching `where` (all rows when omitted) with `columns`.
 * The new rows go into a staging table first, then into `table` by column name, so the
 * target keeps its own constraints and defaults.
 */
async function replaceRows(conn: SqlConnection, table: string, columns: Columns, where = 'true'): Promise<void> {
	const rowCount = Object.values(columns)[0]?.length ?? 0;
	const columnList = Object.keys(columns).map(sqlIdentifier).join(', ');
	const staging = `_staging_${table}_${(stagingCounter += 1)}`;
	await inTransaction(conn, async () => {
		await conn.query(`DELETE FROM ${sqlIdentifier(table)} WHERE ${where}`);
		// An IPC stream without rows is ignored by the browser build: nothing to insert anyway.
		if (rowCount === 0) return;
		await conn.insertArrowIPC(staging, tableToIPC(new Table(columns), 'stream'));
		await conn.query(
			`INSERT INTO ${sqlIdentifier(table)} (${columnList}) SELECT ${columnList} FROM ${sqlIdentifier(staging)}`
		);
		await conn.query(`DROP TABLE ${sqlIdentifier(staging)}`);
	});
}

function requireSameLength(what: string, expected: number, actual: number): void {
	if (expected !== actual) {
		throw new RangeError(`${what}: expected ${expected} values, got ${actual}`);
	}
}

/** '' means "not known" in the domain records; in SQL that is NULL. */
function emptyToNull(value: string | null): string | null {
	return value === null || value === '' ? null : value;
}

/** Replaces all sub-districts; `areaKm2[i]` is the area of `subdistricts[i]` (NaN = unknown). */
export async function loadSubdistricts(
	conn: SqlConnection,
	subdistricts: Subdistrict[],
	areaKm2: Float64Array | number[]
): Promise<void> {
	requireSameLength('loadSubdistricts areaKm2', subdistricts.length, areaKm2.length);
	await replaceRows(conn, 'subdistricts', {
		code: utf8Column(subdistricts.map((s) => s.code)),
		name: utf8Column(subdistricts.map((s) => s.name)),
		name_en: utf8Column(subdistricts.map((s) => s.nameEn)),
		census_population: float64Column(subdistricts.map((s) => s.population)),
		area_km2: float64Column(areaKm2)
	});
}

/** Replaces all facilities. Unknown area or beds stay NULL; '' sub-district becomes NULL. */
export async function loadFacilities(conn: SqlConnection, facilities: Facility[]): Promise<void> {
	await replaceRows(conn, 'facilities', {
		id: utf8Column(facilities.map((f) => f.id)),
		name: utf8Column(facilities.map((f) => f.name)),
		type: utf8Column(facilities.map((f) => f.type)),
		subdistrict: utf8Column(facilities.map((f) => emptyToNull(f.subdistrict))),
		lon: float64Column(facilities.map((f) => f.lon)),
		lat: float64Column(facilities.map((f) => f.lat)),
		area_m2: float64Column(facilities.map((f) => f.areaM2)),
		beds: float64Column(facilities.map((f) => f.beds)),
		status: utf8Column(facilities.map((f) => f.status)),
		parent_id: utf8Column(facilities.map((f) => emptyToNull(f.parentId)))
	});
}

/** Replaces all population cells; cell ids are the indices into `cells`' arrays. */
export async function loadPopulation(
	conn: SqlConnection,
	cells: PopulationCells,
	cellSubdistrictCode: (string | null)[]
): Promise<void> {
	const cellCount = cells.pop.length;
	requireSameLength('loadPopulation lon', cellCount, cells.lon.length);
	requireSameLength('loadPopulation lat', cellCount, cells.lat.length);
	requireSameLength('loadPopulation cellSubdistrictCode', cellCount, cellSubdistrictCode.length);
	await replaceRows(conn, 'population', {
		cell_id: rowIndexColumn(cellCount),
		lon: float64Column(cells.lon),
		lat: float64Column(cells.lat),
		pop: float64Column(cells.pop),
		subdistrict: utf8Column(cellSubdistrictCode.map(emptyToNull))
	});
}

/** Replaces the access rows of one scenario (other scenarios are kept). */
export async function loadCellAccess(
	conn: SqlConnection,
	rows: CellAccessRows,
	scenario = 'baseline'
): Promise<void> {
	const cellCount = rows.minutes.length;
	requireSameLength('loadCellAccess facilityId', cellCount, rows.facilityId.length);
	requireSameLength('loadCellAccess covered', cellCount, rows.covered.length);
	requireSameLength('loadCellAccess unreachable', cellCount, rows.unreachable.length);
	await replaceRows(
		conn,
		'cell_access',
		{
			cell_id: rowIndexColumn(cellCount),
			minutes: float64Column(rows.minutes),
			facility_id: utf8Column(rows.facilityId),
			covered: boolColumn(rows.covered),
			unreachable: boolColumn(rows.unreachable),
			scenario: utf8Column(new Array<string>(cellCount).fill(scenario))
		},
		`scenario = ${sqlString(scenario)}`
	);
}
