import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facility, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { SqlConnection } from '$lib/db/connection';
import { openNodeDb } from '$lib/db/node';
import { createSchema } from '$lib/db/schema';
import { loadFacilities, loadPopulation, loadSubdistricts } from '$lib/db/load';
import { subdistrictOverview, type SubdistrictOverviewRow } from '$lib/db/queries';
import { computeIndicators } from '$lib/engine/standards/compute-indicators';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';
import { overviewDisagreements, overviewRows, sortOverview } from '$lib/app/overview';

/*
 * The overview is on screen from the engine's indicators before DuckDB is ready; once DuckDB holds the
 * tables, its overview must say the same. Both computed here from one hand-made dataset.
 */
const subdistrict = (code: string, name: string, nameEn: string, population: number | null): Subdistrict => ({ code, name, nameEn, population, polygons: [] });
const SUBDISTRICTS: Subdistrict[] = [
	subdistrict('S01', '江宁路街道', 'Jiangning Road', null),
	subdistrict('S02', '石门二路街道', 'Shimen Road No. 2', 50_000),
	subdistrict('S03', '彭浦镇', 'Pengpu Town', null),
	subdistrict('S04', '安庆路', 'Anqing Road', null)
];
const facility = (id: string, type: Facility['type'], code: string, status: Facility['status'] = 'existing'): Facility => ({
	id,
	name: `name ${id}`,
	type,
	subdistrict: code,
	lon: 121.45,
	lat: 31.25,
	areaM2: 3000,
	beds: 20,
	status,
	parentId: null
});
const FACILITIES: Facility[] = [
	facility('c1', 'centre', 'S01'),
	facility('b1', 'branch', 'S01'),
	facility('s1', 'station', 'S01'),
	facility('s2', 'station', 'S01', 'proposed'),
	facility('c2', 'centre', 'S02', 'under_construction'),
	facility('h1', 'hospital', 'S02'),
	facility('s3', 'station', 'S03'),
	facility('u1', 'station', '')
];
const CELLS: PopulationCells = { lon: new Float64Array(5).fill(121.45), lat: new Float64Array(5).fill(31.25), pop: new Float64Array([100, 200.5, 300, 400, 7]) };
const CELL_SUBDISTRICT: (string | null)[] = ['S01', 'S01', 'S02', null, 'S03'];

function engineOverview(facilities: Facility[]) {
	const cellResidents = new Float64Array(SUBDISTRICTS.length);
	let outside = 0;
	CELL_SUBDISTRICT.forEach((code, cell) => {
		const index = SUBDISTRICTS.findIndex((candidate) => candidate.code === code);
		if (index < 0) outside += CELLS.pop[cell];
		else cellResidents[index] += CELLS.pop[cell];
	});
	const { rows } = computeIndicators({ subdistricts: SUBDISTRICTS, facilities, coverage: null, cellResidents, outsideCellResidents: outside, profile: SHANGHAI_2023 });
	return overviewRows(rows, SHANGHAI_2023, facilities);
}

let conn: SqlConnection;
let db: SubdistrictOverviewRow[];

beforeAll(async () => {
	conn = await openNodeDb();
	await createSchema(conn);
	await loadSubdistricts(conn, SUBDISTRICTS, [1, 1, 1, 1]);
	await loadFacilities(conn, FACILITIES);
	await loadPopulation(conn, CELLS, CELL_SUBDISTRICT);
	db = await subdistrictOverview(conn);
});

afterAll(async () => {
	await conn.close();
});

describe('the first view’s overview (engine) and DuckDB’s', () => {
	it('agree on residents and facility counts in every sub-district', () => {
		const engine = engineOverview(FACILITIES);
		expect(overviewDisagreements(engine, db)).toEqual([]);
		// Hand-checked figures, so that agreement is not two copies of one mistake.
		const byCode = new Map(engine.map((row) => [row.code, row]));
		expect(byCode.get('S01')).toMatchObject({ residents: 300.5, centres: 2, stations: 2 });
		expect(byCode.get('S02')).toMatchObject({ residents: 50_000, centres: 1, stations: 0 });
		expect(byCode.get('S03')).toMatchObject({ residents: 7, centres: 0, stations: 1 });
		expect(byCode.get('S04')).toMatchObject({ residents: 0, centres: 0, stations: 0 });
	});

	it('tells which sub-district disagrees when they do not', () => {
		const engine = engineOverview(FACILITIES.filter((f) => f.id !== 's3'));
		expect(overviewDisagreements(engine, db)).toEqual(['S03']);
	});

	it('sorts names in the UI language: pinyin for Chinese, the English names alphabetically for English', () => {
		const engine = engineOverview(FACILITIES);
		expect(sortOverview(engine, 'name', false, 'zh-CN').map((row) => row.name)).toEqual(['安庆路', '江宁路街道', '彭浦镇', '石门二路街道']);
		expect(sortOverview(engine, 'name', false, 'en').map((row) => row.nameEn)).toEqual(['Anqing Road', 'Jiangning Road', 'Pengpu Town', 'Shimen Road No. 2']);
		expect(sortOverview(engine, 'name', true, 'en').map((row) => row.code)).toEqual(['S02', 'S03', 'S01', 'S04']);
	});
});
