/**
 * The view model's baseline figures (src/lib/app/shown.svelte.ts) in Node: the rows, the district row and the
 * overview are derived from the coverage on screen and the profile in effect, so they follow a new profile or a
 * new coverage at once, with no effect elsewhere to run first; the centres wait for the nearest-centre run of
 * that same coverage and profile instead of showing another run's catchments. Expected figures are worked by
 * hand from the fixture below.
 */
import { describe, expect, it } from 'vitest';
import type { AreaCoverage } from '$lib/engine/bands';
import { cloneProfile, SHANGHAI_2023 } from '$lib/engine/standards/profile';
import type { Facility, Subdistrict } from '$lib/engine/types';
import type { Dataset } from '$lib/io/dataset';
import type { CoverageFigures } from '$lib/worker/coverage-messages';
import type { CoverageClient } from '$lib/worker/coverage-clients';
import { CoverageController } from '$lib/app/coverage.svelte';
import { Session } from '$lib/app/session.svelte';
import { ShownFigures, type BaselineNearestRun } from '$lib/app/shown.svelte';
import { StandardsState } from '$lib/app/standards.svelte';
import type { ScenarioWorkspace } from '$lib/app/scenario-workspace.svelte';

const SUBDISTRICTS: Subdistrict[] = [
	{ code: 'A', name: '甲', nameEn: 'A', population: null, polygons: [] },
	{ code: 'B', name: '乙', nameEn: 'B', population: null, polygons: [] }
];
const centre = (id: string, subdistrict: string, areaM2: number): Facility => ({ id, name: id, type: 'centre', subdistrict, lon: 121.45, lat: 31.25, areaM2, beds: 100, status: 'existing', parentId: null });
const FACILITIES = [centre('CA', 'A', 4000), centre('CB', 'B', 9000)];
// One cell per sub-district: A 60,000 residents, B 80,000 (both above the 5,000 m² minimum's 50,000).
const DATASET = {
	id: 'fixture',
	subdistricts: SUBDISTRICTS,
	facilities: FACILITIES,
	cells: { lon: new Float64Array([121.44, 121.46]), lat: new Float64Array([31.24, 31.26]), pop: new Float64Array([60_000, 80_000]) }
} as unknown as Dataset;

function area(code: string, residents: number, coveredResidents: number): AreaCoverage {
	return { code, name: code, cells: 1, residents, coveredResidents, coveragePct: (coveredResidents * 100) / residents, unreachableResidents: 0, bandResidents: [] };
}

/** A coverage run as the worker answers it (only what the indicators read). */
function coverageRun(coveredA: number): CoverageFigures {
	return { bySubdistrict: [area('A', 60_000, coveredA), area('B', 80_000, 80_000)], outside: area('', 0, 0) } as unknown as CoverageFigures;
}

/** The baseline on screen: no scenario is active. */
const NO_SCENARIO = { facilities: null, coverage: { revision: 0, result: null }, scenarioIndicators: null, scenarioCentres: null, nearest: null } as unknown as ScenarioWorkspace;

function viewModel(nearest: () => BaselineNearestRun | null = () => null) {
	const session = new Session(() => Promise.reject(new Error('no database in this test')));
	session.dataset = DATASET;
	const coverage = new CoverageController({} as CoverageClient);
	const standards = new StandardsState();
	standards.profile = SHANGHAI_2023;
	return { coverage, standards, shown: new ShownFigures(session, coverage, standards, NO_SCENARIO, nearest) };
}

describe('the view model’s baseline figures', () => {
	it('are none before coverage, then the coverage’s', () => {
		const { coverage, shown } = viewModel();
		expect(shown.rows).toEqual([]);
		expect(shown.district).toBeNull();
		coverage.result = coverageRun(45_000);
		// 45,000 of 60,000 covered in A; all of B.
		expect(shown.rows.map((row) => [row.code, row.coveragePct])).toEqual([
			['A', 75],
			['B', 100]
		]);
		expect(shown.overviewRows.map((row) => row.indicators.coveragePct)).toEqual([75, 100]);
	});

	it('follow a new profile at once: the district’s centre-area gap is the new profile’s', () => {
		const { coverage, standards, shown } = viewModel();
		coverage.result = coverageRun(45_000);
		// 100 m² per 1,000: A needs 6,000 and has 4,000 (gap 2,000); B needs 8,000 and has 9,000 (gap 0).
		expect(shown.rows.map((row) => row.areaGapM2)).toEqual([2000, 0]);
		expect(shown.district?.areaGapM2).toBe(2000);
		const stricter = cloneProfile(SHANGHAI_2023);
		stricter.rules.centreAreaPerThousand.value = 150;
		standards.profile = stricter;
		// 150 m² per 1,000: A needs 9,000 (gap 5,000), B 12,000 (gap 3,000); the district 8,000.
		expect(shown.rows.map((row) => row.areaGapM2)).toEqual([5000, 3000]);
		expect(shown.district?.areaGapM2).toBe(8000);
	});

	it('follow a new coverage at once, never keeping the previous run’s figures', () => {
		const { coverage, shown } = viewModel();
		coverage.result = coverageRun(45_000);
		expect(shown.row('A')?.coveragePct).toBe(75);
		coverage.result = coverageRun(30_000);
		expect(shown.row('A')?.coveragePct).toBe(50);
		expect(shown.overviewRows.find((row) => row.code === 'A')?.indicators.coveragePct).toBe(50);
		coverage.result = null;
		expect(shown.rows).toEqual([]);
	});

	it('show the centres only from the nearest-centre run of the coverage and profile in effect', () => {
		const first = coverageRun(45_000);
		// Every resident of A nearest to CA, of B to CB.
		const run: BaselineNearestRun = { coverage: first, profile: SHANGHAI_2023, nearest: { minutes: new Float32Array([5, 6]), facilityIndex: new Int32Array([0, 1]), e2sfca: null as never } };
		const { coverage, standards, shown } = viewModel(() => run);
		coverage.result = first;
		expect(shown.centres?.map((row) => [row.id, row.administrativePopulation, row.catchmentPopulation, row.areaGapM2])).toEqual([
			['CA', 60_000, 60_000, 2000],
			['CB', 80_000, 80_000, 0]
		]);
		// Another profile (or another coverage) than the run's: the centres wait rather than show that run's.
		const stricter = cloneProfile(SHANGHAI_2023);
		stricter.rules.centreAreaPerThousand.value = 150;
		standards.profile = stricter;
		expect(shown.centres).toBeNull();
		standards.profile = SHANGHAI_2023;
		expect(shown.centres).not.toBeNull();
		coverage.result = coverageRun(30_000);
		expect(shown.centres).toBeNull();
	});
});
