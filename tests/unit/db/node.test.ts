import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facility, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { SqlConnection } from '$lib/db/connection';
import { openNodeDb } from '$lib/db/node';
import { createSchema } from '$lib/db/schema';
import { loadCellAccess, loadFacilities, loadPopulation, loadSubdistricts } from '$lib/db/load';
import { districtOverview, subdistrictOverview } from '$lib/db/queries';
import { sqlIdentifier, sqlString } from '$lib/db/sql';

/* Hand-made fixture. Expected values below are worked out by hand from these records. */

function subdistrict(code: string, name: string, nameEn: string, population: number | null): Subdistrict {
	return { code, name, nameEn, population, polygons: [] };
}

const SUBDISTRICTS: Subdistrict[] = [
	subdistrict('S01', '江宁路街道', 'Jiangning Road', null),
	subdistrict('S02', "O'Brien 石门二路", 'Shimen Road No. 2', 50_000),
	subdistrict('S03', '临汾路街道', 'Linfen Road', null)
];
const AREA_KM2 = [1.83, 1.2, Number.NaN];

function facility(
	id: string,
	type: Facility['type'],
	subdistrictCode: string,
	areaM2: number | null,
	beds: number | null,
	status: Facility['status'] = 'existing',
	parentId: string | null = null
): Facility {
	return { id, name: `name ${id}`, type, subdistrict: subdistrictCode, lon: 121.45, lat: 31.25, areaM2, beds, status, parentId };
}

const FACILITIES: Facility[] = [
	facility('c1', 'centre', 'S01', 6000, 100),
	facility('b1', 'branch', 'S01', 1500, null, 'existing', 'c1'),
	facility('s1', 'station', 'S01', 150, null, 'existing', 'c1'),
	facility('s2', 'station', 'S01', null, null, 'existing', 'c1'),
	facility('c2', 'centre', 'S02', null, 80),
	facility('h1', 'hospital', 'S02', 20_000, 500),
	facility('p1', 'centre', 'S02', 5000, 100, 'proposed'),
	facility('v1', 'village_clinic', 'S03', 80, null),
	facility('u1', 'station', '', 200, null),
	facility('x1', 'centre', 'S99', 4000, 50, 'under_construction')
];

const CELLS: PopulationCells = {
	lon: new Float64Array([121.44, 121.45, 121.46, 121.47, 121.48, 121.49]),
	lat: new Float64Array([31.24, 31.25, 31.26, 31.27, 31.28, 31.29]),
	pop: new Float64Array([100, 200.5, 300, 400, 50, 7])
};
const CELL_SUBDISTRICT: (string | null)[] = ['S01', 'S01', 'S02', null, 'S99', 'S01'];

let conn: SqlConnection;

beforeAll(async () => {
	conn = await openNodeDb();
	await createSchema(conn);
	await loadSubdistricts(conn, SUBDISTRICTS, AREA_KM2);
	await loadFacilities(conn, FACILITIES);
	await loadPopulation(conn, CELLS, CELL_SUBDISTRICT);
});

afterAll(async () => {
	await conn.close();
});

describe('connection', () => {
	it('has extension autoinstall and autoload switched off', async () => {
		const rows = await conn.query<{ autoload: unknown; autoinstall: unknown }>(
			"SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall"
		);
		expect(rows).toEqual([{ autoload: false, autoinstall: false }]);
		// A function from a downloadable extension fails at once instead of fetching.
		await expect(conn.query("SELECT * FROM read_parquet('missing.parquet')")).rejects.toThrow(/parquet/);
	});

	it('returns plain JS values: numbers for BIGINT/HUGEINT/DECIMAL, null for NULL', async () => {
		const rows = await conn.query(
			"SELECT COUNT(*) AS n, SUM(x) AS total, 1.25::DECIMAL(10,2) AS money, 12345678901234::HUGEINT AS huge, NULL::DOUBLE AS missing, 'é' AS text, true AS flag FROM range(4) t(x)"
		);
		expect(rows).toEqual([{ n: 4, total: 6, money: 1.25, huge: 12_345_678_901_234, missing: null, text: 'é', flag: true }]);
		expect(typeof rows[0].n).toBe('number');
	});

	it('escapes strings and identifiers', async () => {
		const tricky = "it's '' a \"test\"; DROP TABLE facilities; --";
		const rows = await conn.query<{ v: string }>(`SELECT ${sqlString(tricky)} AS ${sqlIdentifier('v')}`);
		expect(rows).toEqual([{ v: tricky }]);
		expect(() => sqlString('a\u0000b')).toThrow();
		const byName = await conn.query<{ code: string }>(
			`SELECT code FROM subdistricts WHERE name = ${sqlString("O'Brien 石门二路")}`
		);
		expect(byName).toEqual([{ code: 'S02' }]);
	});
});

describe('loads', () => {
	it('stores records as given; unknown area and beds stay NULL, not 0', async () => {
		const rows = await conn.query<{ id: string; subdistrict: string | null; area_m2: number | null; beds: number | null; parent_id: string | null }>(
			'SELECT id, subdistrict, area_m2, beds, parent_id FROM facilities ORDER BY id'
		);
		const expected = [...FACILITIES]
			.sort((a, b) => (a.id < b.id ? -1 : 1))
			.map((f) => ({ id: f.id, subdistrict: f.subdistrict === '' ? null : f.subdistrict, area_m2: f.areaM2, beds: f.beds, parent_id: f.parentId }));
		expect(rows).toEqual(expected);
		const unknownArea = await conn.query<{ n: number }>('SELECT COUNT(*) AS n FROM facilities WHERE area_m2 IS NULL');
		expect(unknownArea[0].n).toBe(2); // s2 and c2
		const areas = await conn.query<{ code: string; area_km2: number | null }>('SELECT code, area_km2 FROM subdistricts ORDER BY code');
		expect(areas).toEqual([
			{ code: 'S01', area_km2: 1.83 },
			{ code: 'S02', area_km2: 1.2 },
			{ code: 'S03', area_km2: null }
		]);
	});

	it('keeps the previous rows when a load fails (duplicate id, bad type, NaN population)', async () => {
		const before = await conn.query('SELECT * FROM facilities ORDER BY id');
		const duplicate = [facility('n1', 'centre', 'S01', 1, 1), facility('n1', 'station', 'S02', 2, null)];
		await expect(loadFacilities(conn, duplicate)).rejects.toThrow(/PRIMARY KEY|duplicate/i);
		const badType = [{ ...facility('n2', 'centre', 'S01', 1, 1), type: 'clinic' as Facility['type'] }];
		await expect(loadFacilities(conn, badType)).rejects.toThrow(/CHECK/i);
		expect(await conn.query('SELECT * FROM facilities ORDER BY id')).toEqual(before);

		const badCells: PopulationCells = { lon: new Float64Array([1]), lat: new Float64Array([2]), pop: new Float64Array([Number.NaN]) };
		await expect(loadPopulation(conn, badCells, ['S01'])).rejects.toThrow(/NOT NULL/i);
		const popRows = await conn.query<{ n: number; total: number }>('SELECT COUNT(*) AS n, SUM(pop) AS total FROM population');
		expect(popRows).toEqual([{ n: 6, total: 1057.5 }]);
		await expect(loadPopulation(conn, CELLS, ['S01'])).rejects.toThrow(RangeError);

		// The connection is usable afterwards: no transaction left open, reloads succeed.
		await loadFacilities(conn, FACILITIES);
		expect(await conn.query('SELECT * FROM facilities ORDER BY id')).toEqual(before);
	});

	it('replaces only the given scenario in cell_access; non-finite minutes become NULL', async () => {
		const baseline = {
			minutes: new Float32Array([3.5, Number.POSITIVE_INFINITY, 20, Number.NaN]),
			facilityId: ['c1', null, 'c2', null],
			covered: new Uint8Array([1, 0, 0, 0]),
			unreachable: new Uint8Array([0, 1, 0, 1])
		};
		const proposal = {
			minutes: new Float32Array([2.5, 9]),
			facilityId: ['p1', 'p1'],
			covered: new Uint8Array([1, 1]),
			unreachable: new Uint8Array([0, 0])
		};
		const scenario = "new site's test";
		await loadCellAccess(conn, baseline);
		await loadCellAccess(conn, proposal, scenario);
		await loadCellAccess(conn, baseline); // reload: must not duplicate nor touch the other scenario
		const rows = await conn.query('SELECT * FROM cell_access ORDER BY scenario, cell_id');
		expect(rows).toEqual([
			{ cell_id: 0, minutes: 3.5, facility_id: 'c1', covered: true, unreachable: false, scenario: 'baseline' },
			{ cell_id: 1, minutes: null, facility_id: null, covered: false, unreachable: true, scenario: 'baseline' },
			{ cell_id: 2, minutes: 20, facility_id: 'c2', covered: false, unreachable: false, scenario: 'baseline' },
			{ cell_id: 3, minutes: null, facility_id: null, covered: false, unreachable: true, scenario: 'baseline' },
			{ cell_id: 0, minutes: 2.5, facility_id: 'p1', covered: true, unreachable: false, scenario },
			{ cell_id: 1, minutes: 9, facility_id: 'p1', covered: true, unreachable: false, scenario }
		]);
	});

	it('loads an empty facility list as an empty table', async () => {
		const scratch = await openNodeDb();
		await createSchema(scratch);
		await loadFacilities(scratch, FACILITIES);
		await loadFacilities(scratch, []);
		expect(await scratch.query('SELECT COUNT(*) AS n FROM facilities')).toEqual([{ n: 0 }]);
		await scratch.close();
	});
});

describe('overview queries', () => {
	it('sums residents and facilities per sub-district (hand-computed)', async () => {
		const rows = await subdistrictOverview(conn);
		expect(rows).toEqual([
			{
				code: 'S01', name: '江宁路街道', nameEn: 'Jiangning Road',
				residents: 307.5, residentsSource: 'cells', cellPopulation: 307.5, censusPopulation: null,
				centres: 1, branches: 1, stations: 2, villageClinics: 0, hospitals: 0,
				centreAreaM2: 7500, areaUnknownCount: 0, centreBeds: 100, bedsUnknownCount: 1
			},
			{
				code: 'S02', name: "O'Brien 石门二路", nameEn: 'Shimen Road No. 2',
				residents: 50_000, residentsSource: 'census', cellPopulation: 300, censusPopulation: 50_000,
				centres: 2, branches: 0, stations: 0, villageClinics: 0, hospitals: 1,
				centreAreaM2: 5000, areaUnknownCount: 1, centreBeds: 180, bedsUnknownCount: 0
			},
			{
				code: 'S03', name: '临汾路街道', nameEn: 'Linfen Road',
				residents: 0, residentsSource: 'cells', cellPopulation: 0, censusPopulation: null,
				centres: 0, branches: 0, stations: 0, villageClinics: 1, hospitals: 0,
				centreAreaM2: 0, areaUnknownCount: 0, centreBeds: 0, bedsUnknownCount: 0
			}
		]);
	});

	it('filters by status and can leave branches out of area and beds', async () => {
		const rows = await subdistrictOverview(conn, { statuses: ['existing'], includeBranches: false });
		const picked = rows.map((r) => [r.code, r.centres, r.branches, r.centreAreaM2, r.areaUnknownCount, r.centreBeds, r.bedsUnknownCount]);
		expect(picked).toEqual([
			['S01', 1, 1, 6000, 0, 100, 0],
			['S02', 1, 0, null, 1, 80, 0], // c2 only (p1 is proposed): area unknown, so null, not 0
			['S03', 0, 0, 0, 0, 0, 0]
		]);
		await expect(subdistrictOverview(conn, { statuses: ["existing') OR (true" as Facility['status']] })).rejects.toThrow(/Unknown facility status/);
	});

	it('totals the district and reports what no sub-district holds (hand-computed)', async () => {
		expect(await districtOverview(conn)).toEqual({
			subdistricts: 3, residents: 50_307.5, subdistrictsWithCensus: 1, cellPopulation: 607.5,
			centres: 3, branches: 1, stations: 2, villageClinics: 1, hospitals: 1,
			centreAreaM2: 12_500, areaUnknownCount: 1, centreBeds: 280, bedsUnknownCount: 1,
			unassignedFacilities: 2, unassignedCellPopulation: 450
		});
		const existing = await districtOverview(conn, { statuses: ['existing'] });
		expect(existing.unassignedFacilities).toBe(1); // u1; x1 is under construction
		expect(existing.centres).toBe(2);
	});
});

describe('population at scale', () => {
	it('loads 600,000 cells through Arrow IPC', async () => {
		const cellCount = 600_000;
		const cells: PopulationCells = {
			lon: new Float64Array(cellCount),
			lat: new Float64Array(cellCount),
			pop: new Float64Array(cellCount)
		};
		const codes: (string | null)[] = new Array<string | null>(cellCount);
		const expectedByCode = new Map<string, { cells: number; pop: number }>();
		let expectedTotal = 0;
		for (let i = 0; i < cellCount; i++) {
			cells.lon[i] = 121.4 + (i % 1000) * 1e-4;
			cells.lat[i] = 31.2 + Math.floor(i / 1000) * 1e-4;
			cells.pop[i] = (i * 7919) % 23; // integers keep the float sums exact
			expectedTotal += cells.pop[i];
			const code = i % 15 === 0 ? null : `S${String(i % 14).padStart(2, '0')}`;
			codes[i] = code;
			if (code !== null) {
				const entry = expectedByCode.get(code) ?? { cells: 0, pop: 0 };
				entry.cells += 1;
				entry.pop += cells.pop[i];
				expectedByCode.set(code, entry);
			}
		}
		const started = performance.now();
		await loadPopulation(conn, cells, codes);
		const elapsedMs = performance.now() - started;
		console.log(`loadPopulation: ${cellCount} rows in ${elapsedMs.toFixed(0)} ms`);

		const totals = await conn.query<{ n: number; total: number; maxId: number; nullCodes: number }>(
			'SELECT COUNT(*) AS n, SUM(pop) AS total, MAX(cell_id) AS "maxId", COUNT(*) FILTER (WHERE subdistrict IS NULL) AS "nullCodes" FROM population'
		);
		expect(totals).toEqual([{ n: cellCount, total: expectedTotal, maxId: cellCount - 1, nullCodes: cellCount / 15 }]);
		const byCode = await conn.query<{ code: string; cells: number; pop: number }>(
			'SELECT subdistrict AS code, COUNT(*) AS cells, SUM(pop) AS pop FROM population WHERE subdistrict IS NOT NULL GROUP BY subdistrict ORDER BY code'
		);
		const expected = [...expectedByCode.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, v]) => ({ code, ...v }));
		expect(byCode).toEqual(expected);
		const sample = await conn.query('SELECT cell_id, lon, lat, pop FROM population WHERE cell_id = 123457');
		expect(sample).toEqual([{ cell_id: 123_457, lon: cells.lon[123_457], lat: cells.lat[123_457], pop: cells.pop[123_457] }]);
	});
});
