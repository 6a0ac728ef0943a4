import { describe, expect, test } from 'vitest';
import { withImport } from '$lib/app/dataset-edit';
import { syntheticLayers, type Dataset } from '$lib/io/dataset';
import type { FacilitiesImport, ImportResult, ImportSummary, PopulationImport } from '$lib/io/import';

const demo: Dataset = {
	id: 'jingan-demo',
	name: '静安区示例',
	nameEn: "Jing'an demo",
	facilities: [],
	cells: { lon: new Float64Array([121.44]), lat: new Float64Array([31.24]), pop: new Float64Array([100]) },
	cellShape: { kind: 'grid', sizeM: 100 },
	subdistricts: [],
	network: null,
	context: [],
	sources: (['facilities', 'population', 'subdistricts', 'network'] as const).map((kind) => ({ kind, fileName: `${kind}.demo`, loaded: 1, skipped: 0, conversion: null, fromDemo: true }))
};

const summary: ImportSummary & { problems: []; skipped: number } = { fileName: 'mine.xlsx', format: 'xlsx', encoding: null, crs: 'wgs84', crsGuess: null, crsChosenBy: 'detected', appliedConversion: null, mapping: null, headers: [], warnings: [], notes: [], shift: null, omittedProblems: 0, problems: [], skipped: 0 };
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

describe('provenance per layer after an import', () => {
	test("the planner's own facilities on the demo's residents and streets: the other three layers are still synthetic", () => {
		const next = withImport(demo, facilities, new Date(0));
		expect(syntheticLayers(next.sources)).toEqual(['population', 'subdistricts', 'network']);
		expect(next.nameEn).toMatch(/partly demo/);
		const mine = next.sources.find((source) => source.kind === 'facilities')!;
		expect(mine).toMatchObject({ fileName: 'mine.xlsx', loaded: 1, skipped: 0, fromDemo: false, encoding: null });
	});

	test("the demo's facilities with the planner's population: facilities, sub-districts and network synthetic; all four replaced: none", () => {
		expect(syntheticLayers(withImport(demo, population, new Date(0)).sources)).toEqual(['facilities', 'subdistricts', 'network']);
		const subdistricts = { ...summary, kind: 'subdistricts', records: [], loaded: 0 } as unknown as ImportResult;
		const network = { ...summary, kind: 'network', records: null, loaded: 0 } as unknown as ImportResult;
		const all = [population, facilities, subdistricts, network].reduce((dataset, result) => withImport(dataset, result, new Date(0)), demo);
		expect(syntheticLayers(all.sources)).toEqual([]);
		expect(all.nameEn).toBe("Planner's data");
	});
});
