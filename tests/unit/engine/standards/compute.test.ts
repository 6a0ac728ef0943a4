/**
 * computeIndicators (plain TypeScript, for what-if frames) against the SQL indicators
 * (src/lib/db/indicators.ts over DuckDB-WASM): the same data goes into both, and every field must
 * agree — floating-point figures within 1e-9 relative (sums run in another order), everything else
 * exactly. On the hand-computed fixture, on the Jing'an demo with both built-in profiles, and on
 * random facility lists, census overrides, profile edits and status filters over the demo's
 * sub-districts (fast-check). One DuckDB connection for the whole file; tables are replaced per case.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlConnection } from '$lib/db/connection';
import { districtIndicators, subdistrictIndicators, type IndicatorOptions } from '$lib/db/indicators';
import { loadCellAccess, loadFacilities, loadPopulation, loadSubdistricts } from '$lib/db/load';
import { openNodeDb } from '$lib/db/node';
import { createSchema } from '$lib/db/schema';
import type { AreaCoverage } from '$lib/engine/bands';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/coverage';
import { computeIndicators, type ComputedIndicators, type IndicatorInputs } from '$lib/engine/standards/compute-indicators';
import { roundLikeDuckDb } from '$lib/engine/standards/indicator-rules';
import { cloneProfile, LEGACY_DISTRICT_NORM, requiredCentreAreaM2, SHANGHAI_2023, type StandardsProfile } from '$lib/engine/standards/profile';
import { FACILITY_STATUSES, FACILITY_TYPES, type Facility, type FacilityStatus, type PopulationCells, type Subdistrict } from '$lib/engine/types';
import { buildDataset, cellResidentsOf, fieldDifferences, loadDataset, NO_ROWS_SCENARIO, type Dataset } from './compute-helpers';
import { demoFiles, syntheticFiles } from './fixtures';

const BUILT_IN = [SHANGHAI_2023, LEGACY_DISTRICT_NORM] as const;

// ---------------------------------------------------------------------------------------------

interface Case {
	profile: StandardsProfile;
	statuses?: readonly FacilityStatus[];
	withCoverage: boolean;
	subdistricts?: Subdistrict[];
	facilities?: Facility[];
}

function tsInputs(dataset: Dataset, run: Case): IndicatorInputs {
	const subdistricts = run.subdistricts ?? dataset.subdistricts;
	const facilities = run.facilities ?? dataset.facilities;
	const base = { subdistricts, facilities, profile: run.profile, statuses: run.statuses };
	if (run.withCoverage) return { ...base, coverage: { bySubdistrict: dataset.coverage.bySubdistrict, outside: dataset.coverage.outside } };
	const residents = cellResidentsOf(dataset, subdistricts.length);
	return { ...base, coverage: null, cellResidents: residents.bySubdistrict, outsideCellResidents: residents.outside };
}

async function sqlIndicators(conn: SqlConnection, run: Case): Promise<ComputedIndicators> {
	const options: IndicatorOptions = { statuses: run.statuses, scenario: run.withCoverage ? 'baseline' : NO_ROWS_SCENARIO };
	return { rows: await subdistrictIndicators(conn, run.profile, options), district: await districtIndicators(conn, run.profile, options) };
}

// ---------------------------------------------------------------------------------------------
// Comparison: these figures within 1e-9 relative (sums in another order), everything else exactly.

const FLOAT_FIELDS = new Set([
	'residents',
	'cellResidents',
	'censusPopulation',
	'centreAreaM2',
	'areaPerThousand',
	'requiredAreaM2',
	'areaGapM2',
	'beds',
	'bedsPerThousand',
	'coveredResidents',
	'coveragePct',
	'uncoveredResidents',
	'unreachableResidents',
	'areaNetGapM2',
	'unassignedCellResidents'
]);

function resultDifferences(ts: ComputedIndicators, sql: ComputedIndicators): string[] {
	const codes = (result: ComputedIndicators) => result.rows.map((row) => row.code).join(',');
	if (codes(ts) !== codes(sql)) return [`row order: ${codes(ts)} (TS) vs ${codes(sql)} (SQL)`];
	return [...ts.rows.flatMap((row, index) => fieldDifferences(row, sql.rows[index], row.code, FLOAT_FIELDS)), ...fieldDifferences(ts.district, sql.district, 'district', FLOAT_FIELDS)];
}

async function expectSameAsSql(conn: SqlConnection, dataset: Dataset, run: Case): Promise<ComputedIndicators> {
	const ts = computeIndicators(tsInputs(dataset, run));
	const sql = await sqlIndicators(conn, run);
	expect(resultDifferences(ts, sql)).toEqual([]);
	return ts;
}

function zeroCoverage(code: string): AreaCoverage {
	return { code, name: code, cells: 0, residents: 0, coveredResidents: 0, coveragePct: null, unreachableResidents: 0, bandResidents: [0, 0, 0, 0, 0, 0] };
}

// ---------------------------------------------------------------------------------------------

let conn: SqlConnection;

beforeAll(async () => {
	conn = await openNodeDb();
	await createSchema(conn);
});
afterAll(async () => conn?.close());

it('the built-in profiles share the threshold and coverage types the one coverage run uses', () => {
	for (const profile of BUILT_IN) {
		expect(profile.rules.coverageMinutes.value).toBe(DEFAULT_COVERAGE_PARAMS.thresholdMinutes);
		expect(profile.coverageTypes).toEqual(SHANGHAI_2023.coverageTypes);
	}
});

it("roundLikeDuckDb is DuckDB's ROUND(x, 6), halves and floating-point noise included", async () => {
	const values = [52.300000000001, 52.2999999999995, 0.0000005, 0.0000015, 2.5e-7, 1.0000005, 123456.7890125, 1e-12, 0.1 + 0.2, 7, 1e300, -0.0000005, -52.300000000001];
	for (let index = 0; index < 200; index++) values.push(((index * 7919) % 1000) / 3 + index * 1e-7 + 5e-7);
	const sql = values.map((value, index) => `SELECT ${index} AS i, ROUND(CAST('${String(value)}' AS DOUBLE), 6) AS r`).join(' UNION ALL ');
	const rows = await conn.query<{ i: number; r: number }>(`${sql} ORDER BY i`);
	expect(rows.map((row) => row.r)).toEqual(values.map((value) => roundLikeDuckDb(value, 6)));
});

describe('on the hand-computed fixture of indicators.test.ts', () => {
	const dataset = buildDataset(syntheticFiles());

	for (const profile of BUILT_IN) {
		it(`${profile.id}: with coverage and with coverage rows deleted`, async () => {
			await loadDataset(conn, dataset);
			await expectSameAsSql(conn, dataset, { profile: cloneProfile(profile), withCoverage: true });
			// Really no cell_access rows this time (the property test uses an empty scenario instead).
			await loadCellAccess(conn, { minutes: new Float32Array(0), facilityId: [], covered: new Uint8Array(0), unreachable: new Uint8Array(0) });
			const run: Case = { profile: cloneProfile(profile), withCoverage: false };
			const ts = computeIndicators(tsInputs(dataset, run));
			const sql = { rows: await subdistrictIndicators(conn, run.profile), district: await districtIndicators(conn, run.profile) };
			expect(resultDifferences(ts, sql)).toEqual([]);
		});
	}

	it('shows the cases the fixture was built for, as worked out by hand', async () => {
		const [a, b, c] = computeIndicators(tsInputs(dataset, { profile: cloneProfile(SHANGHAI_2023), withCoverage: true })).rows;
		expect([a.requiredAreaM2, a.centreAreaM2, a.areaUnknownCount, a.areaGapM2, a.rules.centreArea, a.rules.stationArea]).toEqual([5000, 4000, 1, null, 'incomplete', 'fail']);
		expect([b.stations, b.stationsUnderArea, b.stationsAreaUnknown, b.rules.stationArea]).toEqual([2, 0, 1, 'incomplete']);
		expect([b.newCentres, b.newCentresUnderBeds, b.rules.newCentreBeds, b.centreStatuses]).toEqual([2, 1, 'fail', ['construction_starting', 'proposed']]);
		expect([c.residents, c.residentsSource, c.requiredAreaM2, c.areaGapM2, c.bedsNeededMin, c.bedsNeededTarget]).toEqual([60000, 'census', 6000, 6000, 60, 90]);
		expect(a.unreachableResidents).toBe(400);
	});

	it('status filter, including the empty filter', async () => {
		await loadDataset(conn, dataset);
		for (const statuses of [['existing'], ['proposed', 'construction_starting'], []] as FacilityStatus[][]) {
			await expectSameAsSql(conn, dataset, { profile: cloneProfile(SHANGHAI_2023), statuses, withCoverage: true });
		}
	});

	it('no sub-districts at all: every facility and cell is unassigned', async () => {
		await loadDataset(conn, dataset);
		await loadSubdistricts(conn, [], []);
		const empty: Dataset = { ...dataset, subdistricts: [], coverage: { ...dataset.coverage, bySubdistrict: [], outside: dataset.coverage.total } };
		for (const withCoverage of [true, false]) {
			const run: Case = { profile: cloneProfile(SHANGHAI_2023), withCoverage, subdistricts: [] };
			const ts = computeIndicators(tsInputs({ ...empty, cellSubdistrict: new Int32Array(dataset.cells.pop.length).fill(-1) }, run));
			expect(resultDifferences(ts, await sqlIndicators(conn, run))).toEqual([]);
		}
	});

	it('no population cells: coverage given over zero cells reads as not computed, as in SQL', async () => {
		await loadDataset(conn, dataset);
		const noCells: PopulationCells = { lon: new Float64Array(0), lat: new Float64Array(0), pop: new Float64Array(0) };
		await loadPopulation(conn, noCells, []);
		await loadCellAccess(conn, { minutes: new Float32Array(0), facilityId: [], covered: new Uint8Array(0), unreachable: new Uint8Array(0) });
		const coverage = { ...dataset.coverage, bySubdistrict: dataset.subdistricts.map((s) => zeroCoverage(s.code)), outside: zeroCoverage('') };
		const run: Case = { profile: cloneProfile(SHANGHAI_2023), withCoverage: true };
		const ts = computeIndicators(tsInputs({ ...dataset, cells: noCells, cellSubdistrict: new Int32Array(0), coverage }, run));
		const sql = { rows: await subdistrictIndicators(conn, run.profile), district: await districtIndicators(conn, run.profile) };
		expect(resultDifferences(ts, sql)).toEqual([]);
		expect(ts.rows[0].rules.coverage).toBe('na');
	});
});

const demo = demoFiles();

describe.skipIf(demo === null)('on the Jing\u2019an demo', () => {
	const dataset = demo === null ? null : buildDataset(demo);

	for (const profile of BUILT_IN) {
		it(`${profile.id}: with and without coverage`, async () => {
			await loadDataset(conn, dataset!);
			for (const withCoverage of [true, false]) {
				const ts = await expectSameAsSql(conn, dataset!, { profile: cloneProfile(profile), withCoverage });
				expect(ts.rows).toHaveLength(14);
			}
		});
	}

	describe('random facilities, census overrides, profile edits and status filters (fast-check)', () => {
		const codes = dataset?.subdistricts.map((subdistrict) => subdistrict.code) ?? [];
		beforeAll(async () => loadDataset(conn, dataset!));

		it('TS equals SQL on every field', async () => {
			await fc.assert(
				fc.asyncProperty(scenarioArbitrary(codes), async (scenario) => {
					const run = scenarioCase(dataset!, scenario);
					await loadSubdistricts(conn, run.subdistricts!, run.subdistricts!.map(() => Number.NaN));
					await loadFacilities(conn, run.facilities!);
					await expectSameAsSql(conn, dataset!, run);
				}),
				{ numRuns: 150 }
			);
		});
	});
});

// ---------------------------------------------------------------------------------------------
// Random scenarios over the demo's sub-districts.

/** Ids from an alphabet with non-ASCII, private-use and astral characters, so id ordering is UTF-8's. */
const idArbitrary = fc.string({ unit: fc.constantFrom('a', 'B', '0', '_', 'é', '中', '\uE000', '\uFFFD', '😀'), minLength: 1, maxLength: 4 });

const areaArbitrary = fc.oneof(fc.constant(null), fc.constantFrom(0, 149.99, 150, 199.99, 200, 200.01, 4999.99, 5000, 6000), fc.double({ min: 0, max: 20_000, noNaN: true }));
const bedsArbitrary = fc.oneof(fc.constant(null), fc.constantFrom(0, 1, 49.999, 50, 60, 99, 100, 100.5), fc.integer({ min: 0, max: 300 }));

function facilityArbitrary(codes: readonly string[]) {
	return fc.record({
		id: idArbitrary,
		type: fc.constantFrom(...FACILITY_TYPES),
		// '' and an unknown code: both unassigned.
		subdistrict: fc.constantFrom(...codes, '', 'not-a-subdistrict'),
		areaM2: areaArbitrary,
		beds: bedsArbitrary,
		status: fc.constantFrom(...FACILITY_STATUSES)
	});
}

const censusArbitrary = fc.oneof(
	{ arbitrary: fc.constant(null), weight: 3 },
	{ arbitrary: fc.constantFrom(0, 1000, 20_000, 49_999, 50_000, 50_001, 60_000, 100_000), weight: 1 },
	{ arbitrary: fc.double({ min: 0, max: 200_000, noNaN: true }), weight: 1 }
);

/** A sub-district built to sit right on the thresholds: its census, one centre with exactly the beds and area needed, one station at the minimum. */
const exactCaseArbitrary = fc.record({
	index: fc.nat(),
	census: fc.constantFrom(20_000, 50_000, 60_000, 100_000, 123_456),
	bedsOffset: fc.constantFrom(0, 0, -1, 1),
	areaOffset: fc.constantFrom(0, 0, -0.01, 0.01),
	status: fc.constantFrom(...FACILITY_STATUSES)
});

const profileArbitrary = fc.record({
	base: fc.constantFrom(...BUILT_IN),
	capacityTypes: fc.subarray([...FACILITY_TYPES]),
	// Mostly on: a rule switched off checks little.
	enabled: fc.array(fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }), { minLength: 7, maxLength: 7 }),
	areaPerThousand: fc.constantFrom(100, 60, 0.5, 150),
	areaMinimum: fc.constantFrom(5000, 0, 3000),
	belowPopulation: fc.constantFrom(50_000, 0, 100_000),
	bedsMin: fc.constantFrom(1.0, 0.5, 1.2),
	bedsTarget: fc.constantFrom(1.5, 2, 1.0),
	newCentreBeds: fc.constantFrom(100, 0, 50),
	newCentreStatuses: fc.subarray([...FACILITY_STATUSES]),
	stationAreaMin: fc.constantFrom(200, 150, 199.99, 0),
	coverageTargetPct: fc.constantFrom(100, 99.5, 90, 50, 0)
});

function scenarioArbitrary(codes: readonly string[]) {
	return fc.record({
		facilities: fc.uniqueArray(facilityArbitrary(codes), { selector: (facility) => facility.id, maxLength: 60 }),
		census: fc.array(censusArbitrary, { minLength: codes.length, maxLength: codes.length }),
		exact: fc.uniqueArray(exactCaseArbitrary, { selector: (exact) => exact.index % codes.length, maxLength: 4 }),
		profile: profileArbitrary,
		statuses: fc.option(fc.subarray([...FACILITY_STATUSES]), { nil: undefined }),
		withCoverage: fc.boolean()
	});
}

type Scenario = ReturnType<typeof scenarioArbitrary> extends fc.Arbitrary<infer Value> ? Value : never;

function profileOf(edits: Scenario['profile']): StandardsProfile {
	const profile = cloneProfile(edits.base);
	const { rules } = profile;
	const switches = [rules.centreAreaPerThousand, rules.centreAreaMinimum, rules.bedsPerThousandMin, rules.bedsPerThousandTarget, rules.newCentreBeds, rules.stationAreaMin, rules.coverageTargetPct];
	switches.forEach((rule, index) => (rule.enabled = edits.enabled[index]));
	profile.capacityTypes = edits.capacityTypes;
	rules.centreAreaPerThousand.value = edits.areaPerThousand;
	rules.centreAreaMinimum.value = edits.areaMinimum;
	rules.centreAreaMinimum.belowPopulation = edits.belowPopulation;
	rules.bedsPerThousandMin.value = edits.bedsMin;
	rules.bedsPerThousandTarget.value = edits.bedsTarget;
	rules.newCentreBeds.value = edits.newCentreBeds;
	rules.newCentreBeds.statuses = edits.newCentreStatuses;
	rules.stationAreaMin.value = edits.stationAreaMin;
	rules.coverageTargetPct.value = edits.coverageTargetPct;
	return profile;
}

function facility(fields: Pick<Facility, 'id' | 'type' | 'subdistrict' | 'areaM2' | 'beds' | 'status'>): Facility {
	return { ...fields, name: `name ${fields.id}`, lon: 121.45, lat: 31.25, parentId: null };
}

function scenarioCase(dataset: Dataset, scenario: Scenario): Case {
	const profile = profileOf(scenario.profile);
	const census = [...scenario.census];
	const exactCodes = new Set<string>();
	const exactFacilities: Facility[] = [];
	for (const exact of scenario.exact) {
		const index = exact.index % dataset.subdistricts.length;
		const code = dataset.subdistricts[index].code;
		census[index] = exact.census;
		exactCodes.add(code);
		const beds = (profile.rules.bedsPerThousandMin.value * exact.census) / 1000 + exact.bedsOffset;
		const areaM2 = requiredCentreAreaM2(profile.rules, exact.census) + exact.areaOffset;
		exactFacilities.push(facility({ id: `X${index}`, type: 'centre', subdistrict: code, areaM2, beds, status: exact.status }));
		exactFacilities.push(facility({ id: `Y${index}`, type: 'station', subdistrict: code, areaM2: profile.rules.stationAreaMin.value, beds: null, status: 'existing' }));
	}
	// Random facilities stay out of the threshold sub-districts, which would move them off their thresholds.
	const randomFacilities = scenario.facilities.filter((f) => !exactCodes.has(f.subdistrict)).map(facility);
	return {
		profile,
		statuses: scenario.statuses,
		withCoverage: scenario.withCoverage,
		subdistricts: dataset.subdistricts.map((subdistrict, index) => ({ ...subdistrict, population: census[index] })),
		facilities: [...randomFacilities, ...exactFacilities]
	};
}
