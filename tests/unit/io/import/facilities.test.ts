import { describe, expect, test } from 'vitest';
import type { Facility } from '$lib/engine/types';
import { parseFacilitiesCsv } from '$lib/io/facilities-csv';
import { importFile, inspectFile, type FacilitiesImport, type ImportContext } from '$lib/io/import';
import { parseNetworkGeoJson } from '$lib/io/network-geojson';
import { packLines } from '$lib/io/network-pack';
import { expected, fixtureBytes, haversineM, truthSubdistricts, type TruthFacility } from './fixtures';

async function importFacilities(fileName: string, options = {}, context: ImportContext = {}): Promise<FacilitiesImport> {
	const result = await importFile({ kind: 'facilities', fileName, bytes: fixtureBytes(fileName), options, context });
	if (result.kind !== 'facilities') throw new Error('wrong kind');
	return result;
}

/** Every imported facility lies within 5 m of its true WGS84 position, with the right attributes. */
function expectMatchesTruth(records: Facility[], check: { attributes: boolean }): void {
	const truth = new Map(expected.facilities.map((facility) => [facility.id, facility]));
	expect(records.length).toBe(expected.facilities.length);
	for (const facility of records) {
		const real = truth.get(facility.id) as TruthFacility;
		expect(real, facility.id).toBeDefined();
		expect(haversineM(real.lon, real.lat, facility.lon, facility.lat), facility.id).toBeLessThan(5);
		expect(facility.type).toBe(real.type);
		if (check.attributes) {
			expect(facility.name).toBe(real.name);
			expect(facility.areaM2).toBe(real.areaM2);
			expect(facility.beds).toBe(real.beds);
			expect(facility.status).toBe(real.status);
		}
	}
}

describe('GBK CSV with Chinese headers and GCJ-02 coordinates', () => {
	test('declared GCJ-02: positions within 5 m of the truth; bad rows listed by row and field', async () => {
		const result = await importFacilities('facilities-gbk-gcj02.csv', { crs: 'gcj02' });
		expect(result.encoding).toMatchObject({ used: 'gb18030' });
		expect(result.appliedConversion).toBe('GCJ-02 → WGS84');
		const keptIds = new Set(expected.gbkWarningRows.map((row) => row.id));
		expectMatchesTruth(
			result.records.filter((facility) => !keptIds.has(facility.id)),
			{ attributes: true }
		);
		expect(result.loaded).toBe(expected.facilities.length + expected.gbkWarningRows.length);
		expect(result.skipped).toBe(expected.gbkBadRows.length);
		for (const bad of expected.gbkBadRows) {
			const problem = result.problems.find((candidate) => candidate.row === bad.row);
			expect(problem, `row ${bad.row}`).toBeDefined();
			expect(problem?.field).toBe(bad.field);
			expect(problem?.reason.length).toBeGreaterThan(5);
			expect(problem?.name, `row ${bad.row}`).toMatch(/[\u4e00-\u9fff]/);
		}
		// "约800" m² and -5 beds: the facility stays (in the coverage), with that value unknown — null, not 0.
		for (const kept of expected.gbkWarningRows) {
			const facility = result.records.find((record) => record.id === kept.id);
			expect(facility, kept.id).toBeDefined();
			expect(kept.field === 'area_m2' ? facility?.areaM2 : facility?.beds, kept.id).toBeNull();
			const warning = result.warnings.find((candidate) => candidate.row === kept.row && candidate.field === kept.field);
			// A negative count is said to be negative; text that is no number, not a usable number.
			const code = `${kept.field === 'area_m2' ? 'area' : 'beds'}-${/^-\d/.test(kept.value) ? 'negative-' : ''}unknown`;
			expect(warning, `row ${kept.row}`).toMatchObject({ name: kept.name, value: kept.value, code });
			expect(result.problems.some((problem) => problem.row === kept.row)).toBe(false);
		}
		expect(result.problems.find((problem) => problem.field === 'lat' && /swapped/.test(problem.reason))).toBeDefined();
		expect(result.problems.find((problem) => /duplicate id "C1" \(first on row 2\)/.test(problem.reason))).toBeDefined();
	});

	test('left as WGS84, every position is off by the GCJ-02 shift (≈ 400–600 m)', async () => {
		const result = await importFacilities('facilities-gbk-gcj02.csv');
		const truth = new Map(expected.facilities.map((facility) => [facility.id, facility]));
		for (const facility of result.records.filter((record) => truth.has(record.id))) {
			const real = truth.get(facility.id) as TruthFacility;
			const offset = haversineM(real.lon, real.lat, facility.lon, facility.lat);
			expect(offset).toBeGreaterThan(400);
			expect(offset).toBeLessThan(600);
		}
		expect(result.appliedConversion).toBeNull();
	});

	test('with boundaries and streets loaded, the shift is detected and GCJ-02 suggested', async () => {
		const network = packLines(parseNetworkGeoJson(new TextDecoder().decode(fixtureBytes('network.geojson'))).records);
		const result = await importFacilities('facilities-gbk-gcj02.csv', {}, { subdistricts: truthSubdistricts(), network });
		expect(result.shift?.suggested).toBe('gcj02');
		const asDeclared = result.shift?.evidence.find((evidence) => evidence.candidate === 'as-declared');
		const converted = result.shift?.evidence.find((evidence) => evidence.candidate === 'gcj02');
		expect(converted?.declaredMatchShare).toBe(1);
		expect(asDeclared?.declaredMatchShare ?? 1).toBeLessThan(0.8);
		expect(result.notes.map((note) => note.key)).toContain('shiftSuggested.gcj02');
	});

	test('true WGS84 data with the same context: no shift suggested', async () => {
		const network = packLines(parseNetworkGeoJson(new TextDecoder().decode(fixtureBytes('network.geojson'))).records);
		const result = await importFacilities('facilities-utf8-bom.csv', {}, { subdistricts: truthSubdistricts(), network });
		expect(result.shift).not.toBeNull();
		expect(result.shift?.suggested).toBeNull();
	});

	test('inspection proposes encoding, mapping and the type and status vocabularies', async () => {
		const inspection = await inspectFile({ kind: 'facilities', fileName: 'f.csv', bytes: fixtureBytes('facilities-gbk-gcj02.csv') });
		expect(inspection.encoding?.used).toBe('gb18030');
		expect(inspection.missing).toEqual([]);
		expect(inspection.mapping).toEqual({ id: 0, name: 1, type: 2, subdistrict: 3, lon: 4, lat: 5, area_m2: 6, beds: 7, status: 8, parent_id: 9 });
		expect(inspection.typeValues).toEqual({ 社区卫生服务中心: 'centre', 社区卫生服务站: 'station', 社区卫生服务分中心: 'branch', 区级医院: 'hospital', 诊所: null });
		expect(inspection.statusValues?.['调整优化']).toBe('plan_adjusting');
		expect(inspection.preview[0].cells[1]).toBe(expected.facilities[0].name);
		expect(inspection.crsGuess?.reason).toBe('geographic');
	});

	test('the planner maps the unknown type: the clinic row is then loaded', async () => {
		const result = await importFacilities('facilities-gbk-gcj02.csv', { crs: 'gcj02', typeValues: { 诊所: 'station' } });
		expect(result.records.find((facility) => facility.id === 'X5')?.type).toBe('station');
		expect(result.problems.find((problem) => problem.field === 'type')).toBeUndefined();
	});

	test('a wrong encoding chosen by the planner garbles names but loses no data silently', async () => {
		const result = await importFacilities('facilities-gbk-gcj02.csv', { encoding: 'utf-8', mapping: { id: 0, name: 1, type: 2, lon: 4, lat: 5 }, typeValues: {} });
		// The header is unreadable but the planner's mapping by column still reads numbers; types are unknown.
		expect(result.loaded).toBe(0);
		expect(result.problems.every((problem) => problem.reason.length > 0)).toBe(true);
	});
});

describe('other facility formats', () => {
	test('UTF-8 with BOM in canonical columns agrees with the canonical parser and the truth', async () => {
		const result = await importFacilities('facilities-utf8-bom.csv');
		expectMatchesTruth(result.records, { attributes: true });
		const canonical = parseFacilitiesCsv(new TextDecoder().decode(fixtureBytes('facilities-utf8-bom.csv')));
		expect(result.records).toEqual(canonical.records);
	});

	test('XLSX with Chinese headers, a formula and rich text', async () => {
		const result = await importFacilities('facilities.xlsx');
		expectMatchesTruth(result.records, { attributes: true });
		expect(result.problems).toEqual([]);
	});

	test('GeoJSON points with Chinese properties', async () => {
		const result = await importFacilities('facilities.geojson');
		expectMatchesTruth(result.records, { attributes: true });
	});

	test('projected CGCS2000 Gauss-Krüger CM 120°E (EPSG:4549) metres', async () => {
		const guessed = await importFacilities('facilities-epsg4549.csv');
		expect(guessed.crs).toBe('epsg:4549');
		expect(guessed.crsGuess?.confident).toBe(false);
		expectMatchesTruth(guessed.records, { attributes: false });
		const declared = await importFacilities('facilities-epsg4549.csv', { crs: 'epsg:4549' });
		expect(declared.appliedConversion).toMatch(/^EPSG:4549 .*→ WGS84$/);
		expectMatchesTruth(declared.records, { attributes: false });
	});

	test('an undefined EPSG code is a clear error, not a silent WGS84 load', async () => {
		await expect(importFacilities('facilities-epsg4549.csv', { crs: 'epsg:9999' })).rejects.toThrow(/EPSG:9999/);
	});
});

describe('sub-district assignment', () => {
	test('declared names become codes; blanks get the containing polygon; outsiders are listed', async () => {
		const header = 'id,name,type,subdistrict,lon,lat\n';
		const rows = [
			'A,Centre A,centre,江宁路街道,121.44,31.24', // declared and inside
			'B,Station B,station,,121.455,31.24', // blank → 石门二路 by position
			'C,Station C,station,静安寺,121.43,31.21', // declared without suffix
			'D,Hospital D,hospital,,121.50,31.30', // outside every polygon
			'E,Station E,station,南京西路街道,121.44,31.24' // declared elsewhere than its position
		];
		const bytes = new TextEncoder().encode(header + rows.join('\n'));
		const result = await importFile({ kind: 'facilities', fileName: 'x.csv', bytes, context: { subdistricts: truthSubdistricts() } });
		if (result.kind !== 'facilities') throw new Error('kind');
		const code = (id: string) => result.records.find((facility) => facility.id === id)?.subdistrict;
		const byName = new Map(expected.subdistricts.map((area) => [area.name, area.code]));
		expect(code('A')).toBe(byName.get('江宁路街道'));
		expect(code('B')).toBe(byName.get('石门二路街道'));
		expect(code('C')).toBe(byName.get('静安寺街道'));
		expect(code('D')).toBe('');
		expect(code('E')).toBe(byName.get('南京西路街道'));
		expect(result.outsideIds).toEqual(['D']);
		expect(result.warnings.find((warning) => warning.row === 5)?.reason).toMatch(/outside every loaded sub-district/);
		expect(result.warnings.find((warning) => warning.row === 6)?.reason).toMatch(/declared in 南京西路街道, but the position lies in 江宁路街道/);
	});

	test('the context passed in is not modified', async () => {
		const subdistricts = truthSubdistricts();
		const before = JSON.stringify(subdistricts);
		await importFacilities('facilities-gbk-gcj02.csv', { crs: 'gcj02' }, { subdistricts });
		expect(JSON.stringify(subdistricts)).toBe(before);
	});
});
