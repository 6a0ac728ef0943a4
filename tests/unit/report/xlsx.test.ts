/**
 * The XLSX read back with exceljs: every value of the sub-district sheet against the SQL rows the
 * report was built from (columns described independently in ./fixtures.ts), a few figures
 * checked by hand and against the raw files, typed numbers with number formats, frozen headers,
 * Chinese and English sheets and headers, the centres, appendix and scenario sheets.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AreaIndicators, SubdistrictIndicators } from '$lib/engine/standards/indicators';
import { applyEdits, type ScenarioEdit } from '$lib/engine/scenario/edits';
import type { Facility } from '$lib/engine/types';
import { buildGapReport, type GapReportInput, type ScenarioInput } from '$lib/report/model';
import { gapReportToXlsx } from '$lib/report/xlsx';
import { capacityByCsv, computeDemo, expectedSubdistrictColumns, message, residentsByTurf, type DemoRun } from './fixtures';

let demo: DemoRun;
beforeAll(async () => {
	demo = await computeDemo();
});

function inputFor(language: 'zh-CN' | 'en', extra: Partial<GapReportInput> = {}): GapReportInput {
	return {
		language,
		generatedAt: new Date('2026-11-23T02:30:00Z'),
		timeZone: 'Asia/Shanghai',
		dataset: { name: '静安区示例数据（合成）', nameEn: "Jing'an demo (synthetic)", sources: demo.sources },
		profile: demo.options.profile,
		coverageParams: demo.runs.coverage.params,
		approximate: demo.runs.coverage.approximate,
		servicePopulation: demo.options.servicePopulation,
		rows: demo.indicators.subdistricts,
		district: demo.indicators.district,
		centres: demo.indicators.centres,
		...extra
	};
}

async function workbookOf(input: GapReportInput): Promise<ExcelJS.Workbook> {
	const bytes = await gapReportToXlsx(buildGapReport(input));
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	return workbook;
}

const headersOf = (sheet: ExcelJS.Worksheet, rowNumber = 1) => (sheet.getRow(rowNumber).values as unknown[]).slice(1).map((value) => (value === undefined || value === null ? '' : String(value)));

/** Rows of a table sheet as header → cell, below the header row. */
function sheetRows(sheet: ExcelJS.Worksheet): { values: Map<string, ExcelJS.Cell>; bold: boolean }[] {
	const headers = headersOf(sheet);
	const rows: { values: Map<string, ExcelJS.Cell>; bold: boolean }[] = [];
	for (let number = 2; number <= sheet.rowCount; number++) {
		const row = sheet.getRow(number);
		rows.push({ values: new Map(headers.map((header, index) => [header, row.getCell(index + 1)])), bold: row.font?.bold === true });
	}
	return rows;
}

/** The order the documentation promises, checked pair by pair. */
function inSeverityOrder(a: AreaIndicators, b: AreaIndicators): boolean {
	const key = (row: AreaIndicators) => [row.failedRules, row.areaGapM2 ?? 0, row.uncoveredResidents ?? 0, row.bedsNeededMin ?? 0, row.incompleteRules];
	const [ka, kb] = [key(a), key(b)];
	for (let index = 0; index < ka.length; index++) if (ka[index] !== kb[index]) return ka[index] > kb[index];
	return a.code < b.code;
}

describe.each(['zh-CN', 'en'] as const)('the workbook in %s', (language) => {
	let workbook: ExcelJS.Workbook;
	beforeAll(async () => {
		workbook = await workbookOf(inputFor(language));
	});
	const m = (key: string, values?: Record<string, string>) => message(language, `report.${key}`, values);

	it('has the summary, sub-district, centre and appendix sheets named in the report language, and no scenario sheet', () => {
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([m('sheet.summary'), m('sheet.subdistricts'), m('sheet.centres'), m('sheet.appendix')]);
	});

	it('holds every value of the SQL rows in the sub-district sheet, ranked by severity, with the district total last', () => {
		const sheet = workbook.getWorksheet(m('sheet.subdistricts'))!;
		const columns = expectedSubdistrictColumns(language, demo.options.profile, 15);
		expect(headersOf(sheet)).toEqual(columns.map((column) => column.header));
		const rows = sheetRows(sheet);
		expect(rows).toHaveLength(15);
		const byCode = new Map<string, SubdistrictIndicators>(demo.indicators.subdistricts.map((row) => [row.code, row]));
		const ordered: AreaIndicators[] = [];
		rows.forEach((row, index) => {
			const isTotal = index === 14;
			const code = String(row.values.get(columns[1].header)!.value ?? '');
			const source: AreaIndicators = isTotal ? demo.indicators.district : byCode.get(code)!;
			expect(source, code).toBeDefined();
			if (!isTotal) ordered.push(source);
			expect(row.bold).toBe(isTotal);
			for (const column of columns) {
				const cell = row.values.get(column.header)!;
				const expected = column.expected(source, isTotal ? null : index + 1);
				expect(cell.value ?? null, `${code} ${column.header}`).toEqual(expected);
				if (column.kind === 'number' && expected !== null) {
					expect(typeof cell.value).toBe('number');
					expect(cell.numFmt).toBe(column.decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(column.decimals)}`);
				}
			}
		});
		expect(new Set(ordered.map((row) => row.code)).size).toBe(14);
		for (let index = 1; index < ordered.length; index++) expect(inSeverityOrder(ordered[index - 1], ordered[index]), `${ordered[index - 1].code} before ${ordered[index].code}`).toBe(true);
	});

	it('freezes the header row of every table sheet', () => {
		for (const name of [m('sheet.subdistricts'), m('sheet.centres'), m('sheet.appendix')]) {
			const view = workbook.getWorksheet(name)!.views[0] as { state?: string; ySplit?: number };
			expect(view.state, name).toBe('frozen');
			expect(view.ySplit, name).toBe(1);
		}
	});

	it('agrees with figures checked by hand and with the raw files', () => {
		const sheet = workbook.getWorksheet(m('sheet.subdistricts'))!;
		const rows = sheetRows(sheet);
		const cell = (code: string, key: string, values?: Record<string, string>) =>
			rows.find((row) => row.values.get(m('column.code'))!.value === code)!.values.get(m(`column.${key}`, values))!.value;
		// 彭浦镇: one centre of 8,110 m² and 95 beds (facilities.csv) for 135,210 residents.
		expect(cell('pengpuzhen', 'rank')).toBe(1);
		expect(cell('pengpuzhen', 'residents')).toBe(135_210);
		expect(cell('pengpuzhen', 'requiredAreaM2')).toBe(13_521);
		expect(cell('pengpuzhen', 'areaGapM2')).toBe(5_411);
		expect(cell('pengpuzhen', 'bedsPerThousand')).toBe(0.7);
		expect(cell('pengpuzhen', 'bedsToReachMin', { value: '1.0' })).toBe(41);
		expect(cell('pengpuzhen', 'bedsToReachTarget', { value: '1.5' })).toBe(108);
		expect(cell('pengpuzhen', 'coverageWithin', { minutes: '15' })).toBe(60);
		// Every sub-district: residents by turf's point-in-polygon, area gap and beds from facilities.csv.
		const residents = residentsByTurf();
		const capacity = capacityByCsv();
		for (const [code, people] of residents) {
			const { areaM2, beds } = capacity.get(code)!;
			const required = people < 50_000 ? Math.max(5_000, people / 10) : people / 10;
			expect(cell(code, 'residents'), code).toBe(people);
			expect(cell(code, 'areaGapM2'), code).toBe(Math.round(Math.max(0, required - areaM2)));
			expect(cell(code, 'bedsToReachMin', { value: '1.0' }), code).toBe(Math.max(0, Math.ceil(people / 1000 - beds - 1e-9)));
		}
	});

	it('puts the district summary on the first sheet, with typed numbers', () => {
		const sheet = workbook.getWorksheet(m('sheet.summary'))!;
		expect(sheet.getCell(1, 1).value).toBe(m('title'));
		const values = new Map<string, unknown>();
		sheet.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
		expect(values.get(m('meta.dataset'))).toBe(language === 'en' ? "Jing'an demo (synthetic)" : '静安区示例数据（合成）');
		expect(values.get(m('meta.scenario'))).toBe(m('noScenario'));
		expect(String(values.get(m('meta.generated')))).toContain('2026');
		expect(values.has(m('syntheticWarning'))).toBe(true);
		expect(values.get(m('summary.residents'))).toBe(975_707);
		expect(values.get(m('summary.subdistricts'))).toBe(14);
		expect(values.get(m('summary.coverage', { minutes: '15' }))).toBe(93);
		expect(values.get(m('summary.uncovered'))).toBe(67_884);
		expect(values.get(m('summary.areaGapSum'))).toBe(20_379);
		expect(values.get(m('summary.bedsPerThousand'))).toBe(0.95);
		const failing = { centreArea: 9, bedsMin: 6, newCentreBeds: 4, stationArea: 9, coverage: 3 };
		for (const [rule, count] of Object.entries(failing)) {
			expect(values.get(m('summary.failing', { rule: m(`rule.${rule}`, { minutes: '15' }) })), rule).toBe(count);
		}
		// The failing counts agree with the rows themselves.
		for (const [rule, count] of Object.entries(failing)) {
			expect(demo.indicators.subdistricts.filter((row) => row.rules[rule as keyof typeof failing] === 'fail')).toHaveLength(count);
		}
	});

	it('lists the centres with their checks', () => {
		const sheet = workbook.getWorksheet(m('sheet.centres'))!;
		const rows = sheetRows(sheet);
		expect(rows).toHaveLength(demo.indicators.centres.length);
		for (const centre of demo.indicators.centres) {
			const row = rows.find((candidate) => candidate.values.get(m('centre.id'))!.value === centre.id)!;
			expect(row, centre.id).toBeDefined();
			expect(row.values.get(m('centre.areaM2'))!.value).toBe(Math.round(centre.areaM2));
			expect(row.values.get(m('centre.requiredAreaM2'))!.value).toBe(centre.requiredAreaM2 === null ? null : Math.round(centre.requiredAreaM2));
			expect(row.values.get(m('centre.areaOutcome'))!.value).toBe(m(`outcome.${centre.areaOutcome}`));
		}
	});

	it('states the method, parameters and input files in the appendix', () => {
		const sheet = workbook.getWorksheet(m('sheet.appendix'))!;
		expect(headersOf(sheet)).toEqual([m('meta.item'), m('meta.value'), m('meta.source')]);
		const values = new Map<string, { value: unknown; source: unknown }>();
		sheet.eachRow((row) => values.set(String(row.getCell(1).value), { value: row.getCell(2).value, source: row.getCell(3).value }));
		expect(String(values.get(m('appendix.profile'))?.value)).toContain(language === 'en' ? 'Shanghai 2023' : '上海 2023');
		expect(values.get(m('appendix.speed'))?.value).toBe(4.5);
		expect(values.get(m('appendix.threshold'))?.value).toBe(15);
		expect(values.get(m('appendix.snap'))?.value).toBe(300);
		expect(values.get(m('appendix.mode'))?.value).toBe(m('mode.walk'));
		expect(values.get(m('appendix.synthetic'))?.value).toBe(m('layers.lineAll'));
		expect(values.get(m('appendix.conversions'))?.value).toBe(m('appendix.noConversion'));
		expect(String(values.get(m('rule.centreArea'))?.source)).toContain('《上海市社区卫生服务机构功能与建设指导标准》');
		// The input files as a typed table: kind, file, loaded, skipped, conversion.
		const header = [m('sources.kind'), m('sources.file'), m('sources.loaded'), m('sources.skipped'), m('sources.conversion')];
		let headerRow = 0;
		sheet.eachRow((row, number) => {
			if (headersOf(sheet, number).join('|') === header.join('|')) headerRow = number;
		});
		expect(headerRow).toBeGreaterThan(0);
		const files = demo.sources.map((_, index) => sheet.getRow(headerRow + 1 + index));
		expect(files.map((row) => row.getCell(2).value)).toEqual(['facilities.csv', 'population.csv', 'subdistricts.geojson', 'network.geojson']);
		expect(files.map((row) => row.getCell(3).value)).toEqual([64, 3469, 14, demo.inputs.network!.length]);
		expect(files.map((row) => row.getCell(4).value)).toEqual([0, 0, 0, 0]);
	});
});

describe('the scenario sheet', () => {
	it('compares baseline and scenario per sub-district, with the change', async () => {
		// A scenario that closes the coverage gap in 大宁路 and adds 20 beds in 彭浦镇 (figures edited by hand).
		const baseline = demo.indicators.subdistricts;
		const scenarioRows = baseline.map((row) => {
			if (row.code === 'daninglu') return { ...row, coveragePct: 100, uncoveredResidents: 0, coveredResidents: row.residents };
			if (row.code === 'pengpuzhen') return { ...row, beds: row.beds + 20, bedsNeededMin: 21 };
			return row;
		});
		const workbook = await workbookOf(
			inputFor('en', { rows: scenarioRows, scenario: { name: 'New station in Daning Road', baselineRows: baseline, baselineDistrict: demo.indicators.district, ...siteEdits() } })
		);
		const m = (key: string, values?: Record<string, string>) => message('en', `report.${key}`, values);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toContain(m('sheet.scenario'));
		const summary = workbook.getWorksheet(m('sheet.summary'))!;
		expect(summary.getCell(3, 2).value).toBe('New station in Daning Road');
		const rows = sheetRows(workbook.getWorksheet(m('sheet.scenario'))!);
		expect(rows).toHaveLength(15);
		const pick = (code: string, indicator: string, side: 'baseline' | 'scenario' | 'change') =>
			rows.find((row) => row.values.get(m('column.code'))!.value === code)!.values.get(m(`compare.${side}`, { indicator: m(`compare.${indicator}`) }))!.value;
		expect(pick('daninglu', 'coveragePct', 'baseline')).toBe(85.6);
		expect(pick('daninglu', 'coveragePct', 'scenario')).toBe(100);
		expect(rows.find((row) => row.values.get(m('column.code'))!.value === 'daninglu')!.values.get(m('compare.coverageChange'))!.value).toBe(14.4);
		expect(pick('daninglu', 'uncoveredResidents', 'baseline')).toBe(13_160);
		expect(pick('daninglu', 'uncoveredResidents', 'change')).toBe(-13_160);
		expect(pick('pengpuzhen', 'bedsNeededMin', 'baseline')).toBe(41);
		expect(pick('pengpuzhen', 'bedsNeededMin', 'scenario')).toBe(21);
		expect(pick('pengpuzhen', 'bedsNeededMin', 'change')).toBe(-20);
		expect(pick('jingansi', 'areaGapM2', 'change')).toBe(0);
		// The sites sheet: the proposed station, the closed one, before → after, typed numbers.
		const sites = sheetRows(workbook.getWorksheet(m('sheet.sites'))!);
		expect(sites.map((row) => row.values.get(m('site.id'))!.value)).toEqual(['P-DN', closedId()]);
		expect(sites[0].values.get(m('site.change'))!.value).toBe(m('site.kind.add'));
		expect(sites[0].values.get(m('site.areaAfter'))!.value).toBe(260);
		expect(sites[0].values.get(m('site.areaBefore'))!.value).toBeNull();
		expect(sites[0].values.get(m('site.subdistrict'))!.value).toBe('Daning Road');
		expect(sites[1].values.get(m('site.change'))!.value).toBe(m('site.kind.close'));
		expect(sites[1].values.get(m('site.statusAfter'))!.value).toBeNull();
		expect(typeof sites[1].values.get(m('site.lon'))!.value).toBe('number');
	});
});

const closedId = () => demo.inputs.facilities.find((facility) => facility.type === 'station')!.id;

/** A proposed station in 大宁路 and the first station closed, with both facility lists. */
function siteEdits(): Pick<ScenarioInput, 'edits' | 'baselineFacilities' | 'facilities'> {
	const added: Facility = { id: 'P-DN', name: 'Daning Road proposed station', type: 'station', subdistrict: 'daninglu', lon: 121.447, lat: 31.288, areaM2: 260, beds: null, status: 'proposed', parentId: null };
	const edits: ScenarioEdit[] = [{ kind: 'add', facility: added }, { kind: 'close', id: closedId() }];
	return { edits, baselineFacilities: demo.inputs.facilities, facilities: applyEdits(demo.inputs.facilities, edits) };
}

describe('directional isolates stay on the page', () => {
	// The model wraps names from the planner's files in U+2068…U+2069 for the printed page; a spreadsheet cell must not carry them.
	const ISOLATES = /[\u2066-\u2069]/;
	it('the model has them around file and profile names; no cell of the XLSX does', async () => {
		const report = buildGapReport(inputFor('zh-CN'));
		expect(JSON.stringify(report)).toMatch(ISOLATES);
		const bytes = await gapReportToXlsx(report);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
		const texts: string[] = [];
		workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? '')))));
		expect(texts.some((text) => text.includes('上海 2023') || text.includes('Shanghai 2023'))).toBe(true);
		expect(texts.filter((text) => ISOLATES.test(text))).toEqual([]);
	});
});
