/**
 * computeCentreIndicators (plain TypeScript) against the SQL per-centre check (`centreIndicators`,
 * src/lib/db/indicator-centres.ts): same data into both, every field equal (floating-point figures
 * within 1e-9 relative). On the hand-computed fixture, on the Jing'an demo with both built-in
 * profiles and both service-population definitions, and on random facility hierarchies, nearest-centre
 * assignments, census overrides, profile edits and status filters over the demo (fast-check).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlConnection } from '$lib/db/connection';
import { centreIndicators, loadNearestCentres } from '$lib/db/indicator-centres';
import { loadFacilities, loadSubdistricts } from '$lib/db/load';
import { openNodeDb } from '$lib/db/node';
import { createSchema } from '$lib/db/schema';
import { computeCentreIndicators, type CentreIndicatorInputs } from '$lib/engine/standards/compute-centre-indicators';
import { SERVICE_POPULATION_DEFINITIONS, type CentreIndicators, type ServicePopulationDefinition } from '$lib/engine/standards/indicators';
import { cloneProfile, LEGACY_DISTRICT_NORM, SHANGHAI_2023, type StandardsProfile } from '$lib/engine/standards/profile';
import { nearestFacilityRows } from '$lib/engine/standards/service-population';
import { FACILITY_STATUSES, FACILITY_TYPES, type Facility, type FacilityStatus, type Subdistrict } from '$lib/engine/types';
import { buildDataset, cellResidentsOf, fieldDifferences, loadDataset, NO_ROWS_SCENARIO, type Dataset } from './compute-helpers';
import { seededRandom } from '../../../../scripts/demo/geometry';
import { demoFiles, syntheticFiles } from './fixtures';

const BUILT_IN = [SHANGHAI_2023, LEGACY_DISTRICT_NORM] as const;

const FLOAT_FIELDS = new Set(['areaM2', 'beds', 'administrativePopulation', 'catchmentPopulation', 'servicePopulation', 'requiredAreaM2', 'areaGapM2']);

/** Nearest facility per cell, by index into the case's facilities (what the nearest-centre run gives). */
interface NearestCentre {
	minutes: Float32Array;
	facilityIndex: Int32Array;
}

interface CentreCase {
	profile: StandardsProfile;
	definition: ServicePopulationDefinition;
	statuses?: readonly FacilityStatus[];
	subdistricts?: Subdistrict[];
	facilities?: Facility[];
	/** Default: the dataset's nearest-centre run; null: no rows (catchment not computed). */
	nearest?: NearestCentre | null;
}

function tsCentres(dataset: Dataset, run: CentreCase): CentreIndicators[] {
	const subdistricts = run.subdistricts ?? dataset.subdistricts;
	const cellResidents = cellResidentsOf(dataset, subdistricts.length).bySubdistrict;
	const inputs: CentreIndicatorInputs = {
		facilities: run.facilities ?? dataset.facilities,
		subdistrictResidents: subdistricts.map((subdistrict, index) => ({ code: subdistrict.code, residents: subdistrict.population ?? cellResidents[index] })),
		nearestCentre: run.nearest === undefined ? dataset.nearestCentre : run.nearest,
		cellPop: dataset.cells.pop,
		profile: run.profile,
		servicePopulation: run.definition,
		statuses: run.statuses
	};
	return computeCentreIndicators(inputs);
}

function centreDifferences(ts: CentreIndicators[], sql: CentreIndicators[]): string[] {
	const ids = (rows: CentreIndicators[]) => JSON.stringify(rows.map((row) => row.id));
	if (ids(ts) !== ids(sql)) return [`centres: ${ids(ts)} (TS) vs ${ids(sql)} (SQL)`];
	return ts.flatMap((row, index) => fieldDifferences(row, sql[index], row.id, FLOAT_FIELDS));
}

async function expectSameAsSql(conn: SqlConnection, dataset: Dataset, run: CentreCase): Promise<CentreIndicators[]> {
	const ts = tsCentres(dataset, run);
	const scenario = run.nearest === null ? NO_ROWS_SCENARIO : 'baseline';
	const sql = await centreIndicators(conn, run.profile, { statuses: run.statuses, servicePopulation: run.definition, scenario });
	expect(centreDifferences(ts, sql)).toEqual([]);
	return ts;
}

let conn: SqlConnection;

beforeAll(async () => {
	conn = await openNodeDb();
	await createSchema(conn);
});
afterAll(async () => conn?.close());

describe('on the hand-computed fixture of indicators.test.ts', () => {
	const dataset = buildDataset(syntheticFiles());

	for (const profile of BUILT_IN) {
		it(`${profile.id}: both definitions, with and without nearest-centre rows, status filters`, async () => {
			await loadDataset(conn, dataset);
			for (const definition of SERVICE_POPULATION_DEFINITIONS) {
				for (const nearest of [undefined, null]) {
					for (const statuses of [undefined, ['existing'], ['proposed', 'construction_starting'], []] as (FacilityStatus[] | undefined)[]) {
						await expectSameAsSql(conn, dataset, { profile: cloneProfile(profile), definition, nearest, statuses });
					}
				}
			}
		});
	}

	it('folds the branch into its centre, as worked out by hand', () => {
		const centres = tsCentres(dataset, { profile: cloneProfile(SHANGHAI_2023), definition: 'administrative' });
		const a = centres.find((centre) => centre.id === 'cA')!;
		expect([a.memberIds, a.areaM2, a.areaUnknownCount, a.beds, a.areaOutcome]).toEqual([['cA', 'bA'], 4000, 1, 40, 'incomplete']);
		const proposed = centres.find((centre) => centre.id === 'pB')!;
		expect(proposed.newCentreBedsOutcome).toBe('fail'); // 80 beds < 100
	});
});

const demo = demoFiles();

describe.skipIf(demo === null)('on the Jing\u2019an demo', () => {
	const dataset = demo === null ? null : buildDataset(demo);

	for (const profile of BUILT_IN) {
		it(`${profile.id}: both definitions`, async () => {
			await loadDataset(conn, dataset!);
			for (const definition of SERVICE_POPULATION_DEFINITIONS) {
				const centres = await expectSameAsSql(conn, dataset!, { profile: cloneProfile(profile), definition });
				expect(centres.length).toBeGreaterThanOrEqual(14);
			}
		});
	}

	describe('random hierarchies, nearest centres, census, profiles and filters (fast-check)', () => {
		const codes = dataset?.subdistricts.map((subdistrict) => subdistrict.code) ?? [];
		beforeAll(async () => loadDataset(conn, dataset!));

		it('TS equals SQL on every field', async () => {
			await fc.assert(
				fc.asyncProperty(scenarioArbitrary(codes), async (scenario) => {
					const run = scenarioCase(dataset!, scenario);
					await loadSubdistricts(conn, run.subdistricts!, run.subdistricts!.map(() => Number.NaN));
					await loadFacilities(conn, run.facilities!);
					if (run.nearest) await loadNearestCentres(conn, nearestFacilityRows(run.nearest, run.facilities!));
					await expectSameAsSql(conn, dataset!, run);
				}),
				{ numRuns: 150 }
			);
		});
	});
});

// ---------------------------------------------------------------------------------------------
// Random scenarios over the demo's sub-districts and cells.

/** No comma: the SQL reads member ids back from a comma-joined list. */
const idArbitrary = fc.string({ unit: fc.constantFrom('a', 'B', '0', '_', 'é', '中', '\uE000', '😀'), minLength: 1, maxLength: 3 });

function facilityArbitrary(codes: readonly string[]) {
	return fc.record({
		id: idArbitrary,
		type: fc.oneof({ arbitrary: fc.constantFrom('centre' as const, 'branch' as const), weight: 3 }, { arbitrary: fc.constantFrom(...FACILITY_TYPES), weight: 1 }),
		subdistrict: fc.constantFrom(...codes, '', 'not-a-subdistrict'),
		areaM2: fc.oneof(fc.constant(null), fc.constantFrom(0, 3000, 4999.99, 5000, 6000), fc.double({ min: 0, max: 20_000, noNaN: true })),
		beds: fc.oneof(fc.constant(null), fc.constantFrom(0, 50, 99, 100, 100.5), fc.integer({ min: 0, max: 300 })),
		status: fc.constantFrom(...FACILITY_STATUSES),
		/** null, '', a missing id, or the id of another facility of the list (by position). */
		parent: fc.oneof(fc.constant(null), fc.constant(''), fc.constant('missing'), fc.nat())
	});
}

const profileArbitrary = fc.record({
	base: fc.constantFrom(...BUILT_IN),
	capacityTypes: fc.oneof({ arbitrary: fc.constant(['centre', 'branch'] as const), weight: 2 }, { arbitrary: fc.subarray([...FACILITY_TYPES]), weight: 1 }),
	areaRuleOn: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
	minimumOn: fc.boolean(),
	areaPerThousand: fc.constantFrom(100, 60, 0.5),
	areaMinimum: fc.constantFrom(5000, 0, 3000),
	belowPopulation: fc.constantFrom(50_000, 0, 100_000),
	newCentreBedsOn: fc.boolean(),
	newCentreBeds: fc.constantFrom(100, 0, 50),
	newCentreStatuses: fc.subarray([...FACILITY_STATUSES])
});

function scenarioArbitrary(codes: readonly string[]) {
	return fc.record({
		facilities: fc.uniqueArray(facilityArbitrary(codes), { selector: (facility) => facility.id, maxLength: 40 }),
		census: fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.constantFrom(0, 20_000, 49_999, 50_000, 100_000), weight: 1 }), {
			minLength: codes.length,
			maxLength: codes.length
		}),
		profile: profileArbitrary,
		definition: fc.constantFrom(...SERVICE_POPULATION_DEFINITIONS),
		statuses: fc.option(fc.subarray([...FACILITY_STATUSES]), { nil: undefined }),
		/** Seed of the per-cell nearest facilities; null = no nearest-centre rows. */
		nearestSeed: fc.option(fc.integer(), { nil: null })
	});
}

type Scenario = ReturnType<typeof scenarioArbitrary> extends fc.Arbitrary<infer Value> ? Value : never;

function profileOf(edits: Scenario['profile']): StandardsProfile {
	const profile = cloneProfile(edits.base);
	const { rules } = profile;
	profile.capacityTypes = [...edits.capacityTypes];
	rules.centreAreaPerThousand.enabled = edits.areaRuleOn;
	rules.centreAreaPerThousand.value = edits.areaPerThousand;
	rules.centreAreaMinimum.enabled = edits.minimumOn;
	rules.centreAreaMinimum.value = edits.areaMinimum;
	rules.centreAreaMinimum.belowPopulation = edits.belowPopulation;
	rules.newCentreBeds.enabled = edits.newCentreBedsOn;
	rules.newCentreBeds.value = edits.newCentreBeds;
	rules.newCentreBeds.statuses = edits.newCentreStatuses;
	return profile;
}

/** Per cell a random facility (any type: the SQL only folds in the counted capacity ones) or none, with minutes that may be NaN or Infinity. */
function randomNearest(seed: number, cellCount: number, facilityCount: number): NearestCentre {
	const random = seededRandom(seed);
	const minutes = new Float32Array(cellCount);
	const facilityIndex = new Int32Array(cellCount);
	for (let cell = 0; cell < cellCount; cell++) {
		const draw = random();
		minutes[cell] = draw < 0.05 ? Number.NaN : draw < 0.1 ? Number.POSITIVE_INFINITY : draw * 60;
		facilityIndex[cell] = facilityCount === 0 || random() < 0.1 ? -1 : Math.floor(random() * facilityCount);
	}
	return { minutes, facilityIndex };
}

function scenarioCase(dataset: Dataset, scenario: Scenario): CentreCase {
	const ids = scenario.facilities.map((facility) => facility.id);
	const facilities: Facility[] = scenario.facilities.map(({ parent, ...fields }) => ({
		...fields,
		name: `name ${fields.id}`,
		lon: 121.45,
		lat: 31.25,
		parentId: typeof parent === 'number' ? ids[parent % ids.length] : parent
	}));
	return {
		profile: profileOf(scenario.profile),
		definition: scenario.definition,
		statuses: scenario.statuses,
		subdistricts: dataset.subdistricts.map((subdistrict, index) => ({ ...subdistrict, population: scenario.census[index] })),
		facilities,
		nearest: scenario.nearestSeed === null ? null : randomNearest(scenario.nearestSeed, dataset.cells.pop.length, facilities.length)
	};
}
