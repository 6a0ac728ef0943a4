import { describe, expect, test } from 'vitest';
import { withImport } from '$lib/app/dataset-edit';
import type { Dataset } from '$lib/io/dataset';
import type { FacilitiesImport, ImportSummary, PopulationImport } from '$lib/io/import';

const demo: Dataset = {
	id: 'jingan-demo',
	name: '静安区示例',
	nameEn: "Jing'an demo",
	synthetic: true,
	facilities: [],
	cells: { lon: new Float64Array([121.44]), lat: new Float64Array([31.24]), pop: new Float64Array([100]) },
	cellShape: { kind: 'grid', sizeM: 100 },
	subdistricts: [],
	network: null,
	context: [],
	sources: (['facilities', 'population', 'subdistricts', 'network'] as const).map((kind) => ({ kind, fileName: `${kind}.demo`, loaded: 1, skipped: 0, conversion: null, fromDemo: true }))
};

const summary: ImportSummary & { problems: []; skipped: number } = { fileName: 'mine.xlsx', format: 'xlsx', encoding: null, crs: 'wgs84', crsGuess: null, appliedConversion: null, mapping: null, headers: [], warnings: [], notes: [], shift: null, omittedProblems: 0, problems: [], skipped: 0 };
const facilities: FacilitiesImport = {
	...summary,
	kind: 'facilities',
	records: [{ id: 'C1', name: '中心', type: 'centre', subdistrict: '', lon: 121.44, lat: 31.24, areaM2: null, beds: null, status: 'existing', parentId: null }],
	loaded: 1,
	typeValues: {},
	statusValues: {},
	outsideIds: []
};
const population: PopulationImport = {
	...summary,
	kind: 'population',
	records: { lon: new Float64Array([121.45]), lat: new Float64Array([31.25]), pop: new Float64Array([5]) },
	loaded: 1,
	cellShape: { kind: 'grid', sizeM: 100 },
	cellPolygons: null,
	outsideCount: null,
	totalPopulation: 5
};

describe('the synthetic-data flag after an import', () => {
	test("the planner's own facilities on the demo's residents and streets: no longer synthetic, still named partly demo", () => {
		const next = withImport(demo, facilities, new Date(0));
		expect(next.synthetic).toBe(false);
		expect(next.nameEn).toMatch(/partly demo/);
		expect(next.sources.filter((source) => source.fromDemo).map((source) => source.kind).sort()).toEqual(['network', 'population', 'subdistricts']);
	});

	test("the demo's facilities with the planner's population: still synthetic", () => {
		expect(withImport(demo, population, new Date(0)).synthetic).toBe(true);
		expect(withImport(withImport(demo, population, new Date(0)), facilities, new Date(0)).synthetic).toBe(false);
	});
});
