/**
 * One plausibility layer for every path: the import dialog's entry point (importFile), the CSV readers the
 * CLI uses, scenario files and scenario edits accept and refuse the same facilities, and refuse quantities
 * beyond the documented limits with the row and the reason. Repeated population cells are listed, not summed.
 * Every fixture is generated here.
 */
import { describe, expect, test } from 'vitest';
import { PLAUSIBLE_LIMITS } from '$lib/engine/plausibility';
import { applyEdits, ScenarioEditError, type ScenarioEdit } from '$lib/engine/scenario/edits';
import type { Facility } from '$lib/engine/types';
import { importFile, type FacilitiesImport, type PopulationImport, type SubdistrictsImport } from '$lib/io/import';
import { parseFacilitiesCsv } from '$lib/io/facilities-csv';
import { parsePopulationCsv } from '$lib/io/population-csv';
import { parseScenarioFile, serializeScenario } from '$lib/io/scenario-file';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';

const bytes = (text: string) => new TextEncoder().encode(text);

async function dialog<K extends 'facilities' | 'population' | 'subdistricts'>(kind: K, fileName: string, text: string) {
	const result = await importFile({ kind, fileName, bytes: bytes(text), options: {}, context: {} });
	if (result.kind !== kind) throw new Error('wrong kind');
	return result as K extends 'facilities' ? FacilitiesImport : K extends 'population' ? PopulationImport : SubdistrictsImport;
}

const base: Facility = { id: 'S1', name: '站一', type: 'station', subdistrict: '', lon: 121.45, lat: 31.25, areaM2: 200, beds: null, status: 'existing', parentId: null };

/** What each of the three validators says of one facility: accepted or refused. */
async function verdicts(facility: Facility) {
	const csv = `id,name,type,lon,lat,area_m2,beds\nS0,基准,station,121.44,31.24,100,\n${facility.id},${facility.name},${facility.type},${facility.lon},${facility.lat},${facility.areaM2 ?? ''},${facility.beds ?? ''}\n`;
	const cli = parseFacilitiesCsv(csv).records;
	const imported = await dialog('facilities', 'f.csv', csv);
	const parts = { facilities: [{ ...base, id: 'S0' }], cells: { lon: new Float64Array([121.44]), lat: new Float64Array([31.24]), pop: new Float64Array([10]) }, subdistricts: [], network: null };
	const edits: ScenarioEdit[] = [{ kind: 'add', facility }];
	const file = serializeScenario({ id: 'x', name: 'x', createdAt: '', updatedAt: '', edits }, { ...parts, name: 'd' });
	let applied = true;
	try {
		applyEdits(parts.facilities, edits);
	} catch (error) {
		if (!(error instanceof ScenarioEditError)) throw error;
		applied = false;
	}
	return { csv: cli.length === 2, dialog: imported.loaded === 2, scenarioFile: parseScenarioFile(file, parts).ok, edits: applied };
}

describe('one facility schema for import, scenario files and edits', () => {
	test.each([
		['a plausible station', {}, true],
		['longitude 180.5', { lon: 180.5 }, false],
		['longitude -181', { lon: -181 }, false],
		['latitude 91 (not swapped: lon 121)', { lat: 91 }, false],
		['area 1.7e308 m²', { areaM2: 1.7e308 }, false],
		['area just above the limit', { areaM2: PLAUSIBLE_LIMITS.areaM2 + 1 }, false],
		['area at the limit', { areaM2: PLAUSIBLE_LIMITS.areaM2 }, true],
		['beds above the limit', { beds: PLAUSIBLE_LIMITS.beds + 1 }, false]
		// (A negative or unreadable count is kept by the dialog with the value unknown and a warning, by design:
		// its lenient quantity reader, tests/unit/io/import/quantities.test.ts.)
	] as const)('%s: every path gives the same verdict', async (_, change, accepted) => {
		expect(await verdicts({ ...base, ...change })).toEqual({ csv: accepted, dialog: accepted, scenarioFile: accepted, edits: accepted });
	});

	test('a centre of 1.7e308 m² is a rejected row with its reason, in the CLI reader and the dialog', async () => {
		const csv = 'id,name,type,lon,lat,area_m2,beds\nC1,中心,centre,121.45,31.25,1.7e308,100\nC2,中心二,centre,121.46,31.25,5000,100\n';
		const reason = `area 1.7e+308 m² is above the plausible limit of ${PLAUSIBLE_LIMITS.areaM2} m²`;
		const cli = parseFacilitiesCsv(csv);
		expect(cli.records.map((facility) => facility.id)).toEqual(['C2']);
		expect(cli.problems).toEqual([{ row: 2, field: 'area_m2', code: 'area-too-large', params: { value: '1.7e+308', limit: String(PLAUSIBLE_LIMITS.areaM2) }, reason }]);
		const imported = await dialog('facilities', 'f.csv', csv);
		expect(imported.records.map((facility) => facility.id)).toEqual(['C2']);
		expect(imported.problems.map((problem) => [problem.row, problem.reason])).toEqual([[2, reason]]);
	});
});

describe('population: limits and duplicates', () => {
	test('two cells of 1.7e308 residents are rejected rows; the total stays finite', async () => {
		const csv = 'lon,lat,pop\n121.45,31.25,1.7e308\n121.46,31.25,1.7e308\n121.47,31.25,50\n';
		const reason = `population 1.7e+308 is above the plausible limit of ${PLAUSIBLE_LIMITS.residentsPerCell}`;
		const cli = parsePopulationCsv(csv);
		expect(Array.from(cli.records.pop)).toEqual([50]);
		expect(cli.problems.map((problem) => [problem.row, problem.field, problem.reason])).toEqual([[2, 'pop', reason], [3, 'pop', reason]]);
		const imported = await dialog('population', 'p.csv', csv);
		expect(imported.totalPopulation).toBe(50);
		expect(imported.problems.map((problem) => [problem.row, problem.reason])).toEqual([[2, reason], [3, reason]]);
	});

	test('a repeated cell is listed with both rows and not added twice (CLI reader and dialog)', async () => {
		const csv = 'lon,lat,pop\n121.45,31.25,100\n121.46,31.25,30\n121.45,31.25,100\n121.450,31.2500,7\n';
		const cli = parsePopulationCsv(csv);
		expect(Array.from(cli.records.pop)).toEqual([100, 30]);
		expect(cli.skipped).toBe(2);
		expect(cli.problems.map((problem) => [problem.row, problem.code, problem.params?.firstRow])).toEqual([[4, 'duplicate-cell', '2'], [5, 'duplicate-cell', '2']]);
		const imported = await dialog('population', 'p.csv', csv);
		expect(imported.totalPopulation).toBe(130);
		expect(imported.loaded + imported.skipped).toBe(4);
		expect(imported.problems.map((problem) => [problem.row, problem.code])).toEqual([[4, 'duplicate-cell'], [5, 'duplicate-cell']]);
	});

	test('an H3 cell repeated, once in upper case, loads once', async () => {
		const cell = '8930e1d8d4bffff';
		const csv = `h3,pop\n${cell},100\n${cell.toUpperCase()},100\n${cell},100\n8930e1d8d43ffff,20\n`;
		const imported = await dialog('population', 'h3.csv', csv);
		expect(imported.loaded).toBe(2);
		expect(imported.totalPopulation).toBe(120);
		expect(imported.problems.map((problem) => [problem.row, problem.field, problem.code, problem.params?.firstRow])).toEqual([
			[3, 'h3', 'duplicate-cell', '2'],
			[4, 'h3', 'duplicate-cell', '2']
		]);
	});

	test("a sub-district's census population above the limit is a rejected row", () => {
		const square = [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21], [121.4, 31.21], [121.4, 31.2]]];
		const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'a', name: '甲', population: 1.7e308 }, geometry: { type: 'Polygon', coordinates: square } }] });
		const result = parseSubdistrictsGeoJson(geojson);
		expect(result.records).toEqual([]);
		expect(result.problems.map((problem) => [problem.row, problem.field, problem.code])).toEqual([[1, 'population', 'pop-too-large']]);
	});
});
