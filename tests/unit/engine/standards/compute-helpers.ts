/**
 * Shared by the TS-against-SQL tests of the standards indicators (standards-compute*.test.ts): a
 * dataset parsed from the raw files with real engine runs, its load into DuckDB, and a field-by-field
 * comparison (floating-point figures within 1e-9 relative, everything else exactly).
 */
import { isDeepStrictEqual } from 'node:util';
import type { SqlConnection } from '$lib/db/connection';
import { loadNearestCentres } from '$lib/db/indicator-centres';
import { loadCellAccess, loadFacilities, loadPopulation, loadSubdistricts } from '$lib/db/load';
import { computeCoverage, DEFAULT_COVERAGE_PARAMS, prepareNetwork, type CoverageResult } from '$lib/engine/coverage';
import { buildWalkGraph } from '$lib/engine/graph';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';
import { nearestCentreParams, nearestFacilityRows } from '$lib/engine/standards/service-population';
import type { Facility, PopulationCells, Subdistrict } from '$lib/engine/types';
import { parseFacilitiesCsv } from '$lib/io/facilities-csv';
import { assignFacilitySubdistricts } from '$lib/io/import/assign-subdistricts';
import { parseNetworkGeoJson } from '$lib/io/network-geojson';
import { parsePopulationCsv } from '$lib/io/population-csv';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';
import type { RawFiles } from './fixtures';

/** A scenario name with no rows in cell_access or cell_nearest_centre: the SQL then reads "not computed". */
export const NO_ROWS_SCENARIO = 'no-rows';

export interface Dataset {
	subdistricts: Subdistrict[];
	facilities: Facility[];
	cells: PopulationCells;
	cellSubdistrict: Int32Array;
	/** The coverage run (Shanghai 2023's threshold and coverage types; the legacy profile has the same). */
	coverage: CoverageResult;
	/** The nearest-centre run (capacity types centre and branch, no search limit). */
	nearestCentre: CoverageResult;
}

export function buildDataset(files: RawFiles): Dataset {
	const subdistricts = parseSubdistrictsGeoJson(files.subdistrictsGeoJson).records;
	const parsed = parseFacilitiesCsv(files.facilitiesCsv).records;
	const facilities = assignFacilitySubdistricts(parsed, parsed.map((_, index) => index + 2), subdistricts).facilities;
	const cells = parsePopulationCsv(files.populationCsv).records;
	const graph = buildWalkGraph(parseNetworkGeoJson(files.networkGeoJson).records);
	const cellSubdistrict = assignPointsToPolygons(cells.lon, cells.lat, subdistricts);
	const params = { ...DEFAULT_COVERAGE_PARAMS, thresholdMinutes: SHANGHAI_2023.rules.coverageMinutes.value, facilityTypes: [...SHANGHAI_2023.coverageTypes] };
	const prepared = prepareNetwork(graph, cells, params.maxSnapM);
	const base = { graph, prepared, facilities, cells, cellSubdistrict, subdistricts };
	const coverage = computeCoverage({ ...base, params });
	const nearestCentre = computeCoverage({ ...base, params: nearestCentreParams(params, SHANGHAI_2023) });
	return { subdistricts, facilities, cells, cellSubdistrict, coverage, nearestCentre };
}

/** Replaces every table's rows with the dataset (baseline scenario). */
export async function loadDataset(conn: SqlConnection, dataset: Dataset): Promise<void> {
	const { subdistricts, facilities, cells, cellSubdistrict, coverage, nearestCentre } = dataset;
	await loadSubdistricts(conn, subdistricts, subdistricts.map(() => Number.NaN));
	await loadFacilities(conn, facilities);
	await loadPopulation(conn, cells, Array.from(cellSubdistrict, (index) => (index >= 0 ? subdistricts[index].code : null)));
	const { facilityId } = nearestFacilityRows(coverage, facilities);
	await loadCellAccess(conn, { minutes: coverage.minutes, facilityId, covered: coverage.covered, unreachable: coverage.unreachable });
	await loadNearestCentres(conn, nearestFacilityRows(nearestCentre, facilities));
}

/** Residents per sub-district and outside, from the cells themselves. */
export function cellResidentsOf(dataset: Pick<Dataset, 'cells' | 'cellSubdistrict'>, subdistrictCount: number): { bySubdistrict: Float64Array; outside: number } {
	const bySubdistrict = new Float64Array(subdistrictCount);
	let outside = 0;
	dataset.cells.pop.forEach((pop, cell) => {
		const index = dataset.cellSubdistrict[cell];
		if (index >= 0 && index < subdistrictCount) bySubdistrict[index] += pop;
		else outside += pop;
	});
	return { bySubdistrict, outside };
}

function closeEnough(actual: unknown, expected: unknown): boolean {
	if (expected === null || actual === null) return actual === expected;
	if (typeof actual !== 'number' || typeof expected !== 'number') return false;
	// Infinity (a denormal census) and NaN compare as themselves.
	if (actual === expected || Object.is(actual, expected)) return true;
	return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

function sameValue(actual: unknown, expected: unknown): boolean {
	// `===` so that 0 and -0 are the same figure; objects and arrays (rules, statuses, ids) deeply.
	return actual === expected || (typeof expected === 'object' && isDeepStrictEqual(actual, expected));
}

/** JSON, except that numbers show as themselves (JSON writes Infinity and NaN as null). */
function shown(value: unknown): string {
	return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** Every field that differs, as "where.field: TS vs SQL" lines (empty when they agree); `floatFields` within 1e-9 relative. */
export function fieldDifferences(actual: object, expected: object, where: string, floatFields: ReadonlySet<string>): string[] {
	const got = actual as Record<string, unknown>;
	const want = expected as Record<string, unknown>;
	const problems: string[] = [];
	for (const key of new Set([...Object.keys(got), ...Object.keys(want)])) {
		if (!(key in got) || !(key in want)) problems.push(`${where}.${key}: only in ${key in got ? 'TS' : 'SQL'}`);
		else if (!(floatFields.has(key) ? closeEnough(got[key], want[key]) : sameValue(got[key], want[key]))) {
			problems.push(`${where}.${key}: ${shown(got[key])} (TS) vs ${shown(want[key])} (SQL)`);
		}
	}
	return problems;
}
