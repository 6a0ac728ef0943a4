/**
 * The report model without the database: severity ranking as documented, labels in both languages
 * (every column covered, the two languages different, no placeholder left unfilled), the notices,
 * the summary's formatted texts and the appendix's parameters, rules switched off, scenarios.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/params';
import type { AreaIndicators, DistrictIndicators, RuleId, RuleOutcome, SubdistrictIndicators } from '$lib/engine/standards/indicators';
import { LEGACY_DISTRICT_NORM, SHANGHAI_2023, cloneProfile } from '$lib/engine/standards/profile';
import type { SourceSummary } from '$lib/io/dataset';
import { buildGapReport, type GapReport, type GapReportInput } from '$lib/report/model';
import { rankBySeverity } from '$lib/report/rank';
import { REPORT_MESSAGES, reportTranslator, type Translate } from '$lib/report/translate';

const ALL_PASS: Record<RuleId, RuleOutcome> = { centreArea: 'pass', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'pass', coverage: 'pass' };

function area(code: string, figures: Partial<AreaIndicators> = {}): SubdistrictIndicators {
	return {
		code,
		name: `${code}街道`,
		nameEn: `${code} Road`,
		residents: 60_000,
		residentsSource: 'cells',
		cellResidents: 60_000,
		censusPopulation: null,
		capacityFacilities: 1,
		centres: 1,
		branches: 0,
		centreStatuses: ['existing'],
		centreAreaM2: 6_000,
		areaUnknownCount: 0,
		areaPerThousand: 100,
		requiredAreaM2: 6_000,
		areaGapM2: 0,
		beds: 60,
		bedsUnknownCount: 0,
		bedsPerThousand: 1,
		bedsNeededMin: 0,
		bedsNeededTarget: 30,
		newCentres: 0,
		newCentresUnderBeds: 0,
		newCentresBedsUnknown: 0,
		stations: 2,
		stationsUnderArea: 0,
		stationsAreaUnknown: 0,
		coveredResidents: 60_000,
		coveragePct: 100,
		uncoveredResidents: 0,
		unreachableResidents: 0,
		rules: { ...ALL_PASS },
		failedRules: 0,
		incompleteRules: 0,
		status: 'meetsAll',
		...figures
	};
}

function district(rows: SubdistrictIndicators[], figures: Partial<DistrictIndicators> = {}): DistrictIndicators {
	return {
		...area('', { name: '', nameEn: '', residents: rows.reduce((sum, row) => sum + row.residents, 0) }),
		subdistricts: rows.length,
		areaNetGapM2: 0,
		bedsNetNeededMin: 0,
		bedsNetNeededTarget: 0,
		failingSubdistricts: { centreArea: 0, bedsMin: 0, newCentreBeds: 0, stationArea: 0, coverage: 0 },
		unassignedFacilities: 0,
		unassignedCellResidents: 0,
		...figures
	};
}

/** The four layers of the embedded demo, all synthetic. */
const demoSources: SourceSummary[] = (['facilities', 'population', 'subdistricts', 'network'] as const).map((kind) => ({ kind, fileName: `${kind}.demo`, loaded: 1, skipped: 0, conversion: null, fromDemo: true }));

function input(language: 'zh-CN' | 'en', rows: SubdistrictIndicators[], extra: Partial<GapReportInput> = {}): GapReportInput {
	return {
		language,
		generatedAt: new Date('2026-11-23T02:30:00Z'),
		timeZone: 'Asia/Shanghai',
		dataset: { name: '测试数据', nameEn: 'Test data', sources: [{ kind: 'facilities', fileName: 'f.csv', loaded: 10, skipped: 2, conversion: 'GCJ-02 → WGS84' }] },
		profile: cloneProfile(SHANGHAI_2023),
		coverageParams: { ...DEFAULT_COVERAGE_PARAMS },
		servicePopulation: 'administrative',
		rows,
		district: district(rows),
		...extra
	};
}

describe('rankBySeverity', () => {
	it('orders by rules failed, then area gap, uncovered residents, beds to add, undecided rules, code', () => {
		const rows = [
			area('k', { failedRules: 0 }),
			area('a', { failedRules: 1, areaGapM2: 500 }),
			area('b', { failedRules: 2, areaGapM2: 0 }),
			area('c', { failedRules: 1, areaGapM2: 900 }),
			area('d', { failedRules: 1, areaGapM2: 500, uncoveredResidents: 100 }),
			area('e', { failedRules: 1, areaGapM2: 500, uncoveredResidents: 100, bedsNeededMin: 7 }),
			area('f', { failedRules: 1, areaGapM2: 500, uncoveredResidents: 100, bedsNeededMin: 7, incompleteRules: 1 }),
			area('g', { failedRules: 1, areaGapM2: null, uncoveredResidents: 0 }),
			area('h', { failedRules: 1, areaGapM2: 0, uncoveredResidents: null }),
			area('i', { failedRules: 0, incompleteRules: 2 })
		];
		expect(rankBySeverity(rows).map((row) => row.code)).toEqual(['b', 'c', 'f', 'e', 'd', 'a', 'g', 'h', 'i', 'k']);
		// The input is not reordered in place.
		expect(rows[0].code).toBe('k');
	});
});

function allLabels(report: GapReport): string[] {
	const tables = [report.subdistricts, report.centres, report.sources, ...(report.comparison ? [report.comparison] : [])];
	const cells = tables.flatMap((table) => {
		const rows: unknown[] = table.total === null ? table.rows : [...table.rows, table.total];
		return rows.flatMap((row) => table.columns.map((column) => (column.value as (row: unknown) => unknown)(row)));
	});
	return [
		report.title,
		report.generatedText,
		...report.notices,
		...tables.flatMap((table) => [table.title, table.sheetName, ...table.columns.map((column) => column.header)]),
		...report.summary.flatMap((entry) => [entry.label, entry.text]),
		...report.appendix.flatMap((entry) => [entry.label, entry.text, entry.source ?? '']),
		...cells.filter((cell): cell is string => typeof cell === 'string')
	];
}

describe('labels', () => {
	const rows = [area('x', { rules: { ...ALL_PASS, coverage: 'fail' }, failedRules: 1, status: 'failsOne', coveragePct: 99.97, uncoveredResidents: 18 }), area('y')];
	const scenario = { name: 'S', baselineRows: rows, baselineDistrict: district(rows), edits: [], baselineFacilities: [], facilities: [] };
	const zh = buildGapReport(input('zh-CN', rows, { scenario }));
	const en = buildGapReport(input('en', rows, { scenario }));

	it('cover every column, differ between Chinese and English, and leave no placeholder unfilled', () => {
		for (const [zhTable, enTable] of [
			[zh.subdistricts, en.subdistricts],
			[zh.centres, en.centres],
			[zh.comparison!, en.comparison!],
			[zh.sources, en.sources]
		] as const) {
			expect(zhTable.columns.map((column) => column.key)).toEqual(enTable.columns.map((column) => column.key));
			zhTable.columns.forEach((column, index) => {
				expect(column.header.trim(), column.key).not.toBe('');
				expect(column.header, column.key).not.toBe(enTable.columns[index].header);
			});
			expect(new Set(zhTable.columns.map((column) => column.header)).size, zhTable.id).toBe(zhTable.columns.length);
			expect(new Set(enTable.columns.map((column) => column.header)).size, enTable.id).toBe(enTable.columns.length);
		}
		for (const text of [...allLabels(zh), ...allLabels(en)]) expect(text).not.toMatch(/\{\w+\}/);
		expect(zh.subdistricts.columns.map((column) => column.header).join('')).toMatch(/[\u4e00-\u9fff]/);
		expect(en.subdistricts.columns.map((column) => column.header).join('')).not.toMatch(/[\u4e00-\u9fff]/);
	});

	it('show units in the headers of number columns', () => {
		for (const report of [zh, en]) {
			for (const column of report.subdistricts.columns.filter((candidate) => candidate.kind === 'number' && candidate.key !== 'rank')) {
				expect(column.header, column.key).toMatch(/[(（][^)）]+[)）]$/);
			}
		}
	});

	it('never show 100 % coverage for a share below 100 %', () => {
		const coverage = en.subdistricts.columns.find((column) => column.key === 'coveragePct')!;
		expect(coverage.value(rows[0])).toBe(99.9);
	});

	it('come from bundles with the same keys and the same arguments', () => {
		// An ICU argument opens a brace with its name: "{name}" or "{count, plural, …}" ("{# row}" is a plural's case, not an argument).
		const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1]))].sort();
		expect(Object.keys(REPORT_MESSAGES.en).sort()).toEqual(Object.keys(REPORT_MESSAGES['zh-CN']).sort());
		for (const key of Object.keys(REPORT_MESSAGES.en)) {
			expect(key.startsWith('report.'), key).toBe(true);
			expect(placeholders(REPORT_MESSAGES.en[key]), key).toEqual(placeholders(REPORT_MESSAGES['zh-CN'][key]));
			for (const name of placeholders(REPORT_MESSAGES.en[key])) expect(name, key).toMatch(/^\w+$/);
		}
	});

	it('are looked up through a plain translate function that refuses unknown keys', () => {
		expect(reportTranslator('en')('report.dataset', { name: 'X' })).toBe('Dataset: X');
		expect(reportTranslator('zh-CN')('report.dataset', { name: 'X' })).toBe('数据集：X');
		expect(() => reportTranslator('en')('report.nope')).toThrow(/report\.nope/);
	});

	it('use the translate function given, for every label', () => {
		const used = new Set<string>();
		const recording: Translate = (key, values) => {
			used.add(key);
			return reportTranslator('en')(key, values);
		};
		buildGapReport(input('en', rows, { scenario }), recording);
		expect(used.size).toBeGreaterThan(50);
		for (const key of used) expect(key.startsWith('report.'), key).toBe(true);
	});
});

describe('the report', () => {
	const rows = [
		area('x', { rules: { ...ALL_PASS, centreArea: 'fail' }, failedRules: 1, status: 'failsOne', areaGapM2: 1234.4, requiredAreaM2: 7234.4 }),
		area('y', { residentsSource: 'census', censusPopulation: 60_000 })
	];

	it('names the dataset and scenario in the report language and says when the data is synthetic or approximate', () => {
		const plain = buildGapReport(input('en', rows));
		expect(plain.datasetName).toBe('Test data');
		expect(plain.scenarioName).toBeNull();
		expect(plain.comparison).toBeNull();
		expect(plain.notices).toEqual([]);
		const flagged = buildGapReport(input('zh-CN', rows, { dataset: { name: '示例', nameEn: 'Demo', sources: demoSources }, approximate: true }));
		expect(flagged.datasetName).toBe('示例');
		expect(flagged.notices).toEqual([REPORT_MESSAGES['zh-CN']['report.syntheticWarning'], REPORT_MESSAGES['zh-CN']['report.approximateWarning']]);
		expect(flagged.appendix.find((entry) => entry.key === 'synthetic')!.value).toBe(REPORT_MESSAGES['zh-CN']['report.layers.lineAll']);
		expect(flagged.appendix.some((entry) => entry.key === 'detour')).toBe(true);
	});

	it('formats the summary for the locale and keeps typed values', () => {
		const report = buildGapReport(input('en', rows, { district: district(rows, { areaGapM2: 1234.4, bedsPerThousand: 0.9490554 }) }));
		const residents = report.summary.find((entry) => entry.key === 'residents')!;
		expect(residents.value).toBe(120_000);
		expect(residents.text).toBe('120,000');
		const gap = report.summary.find((entry) => entry.key === 'areaGapSum')!;
		expect(gap.value).toBe(1234);
		const beds = report.summary.find((entry) => entry.key === 'bedsPerThousand')!;
		expect(beds.value).toBe(0.95);
		expect(beds.text).toBe('0.95');
		expect(report.generatedText).toContain('2026');
		expect(buildGapReport(input('zh-CN', rows)).generatedText).toMatch(/2026年11月23日/);
	});

	it('ranks the table and numbers the ranks, the district total last without a rank', () => {
		const report = buildGapReport(input('en', rows));
		expect(report.rows.map((row) => row.code)).toEqual(['x', 'y']);
		const rank = report.subdistricts.columns.find((column) => column.key === 'rank')!;
		const name = report.subdistricts.columns.find((column) => column.key === 'name')!;
		expect(report.rows.map((row) => rank.value(row))).toEqual([1, 2]);
		expect(rank.value(report.district)).toBeNull();
		expect(name.value(report.district)).toBe('District total');
		expect(report.subdistricts.total).toBe(report.district);
	});

	it('lists the input files and the coordinate conversions applied', () => {
		const report = buildGapReport(input('en', rows));
		expect(report.sources.rows).toHaveLength(1);
		expect(report.appendix.find((entry) => entry.key === 'conversions')!.value).toBe('Facilities: GCJ-02 → WGS84');
		expect(report.appendix.find((entry) => entry.key === 'source.facilities')!.value).toBe('10 rows loaded, 2 skipped; coordinate conversion: GCJ-02 → WGS84');
	});

	it('says which rules a profile switches off', () => {
		const report = buildGapReport(input('en', rows, { profile: cloneProfile(LEGACY_DISTRICT_NORM) }));
		expect(report.appendix.find((entry) => entry.key === 'rule.bedsMin')!.value).toBe('rule off');
		expect(report.appendix.find((entry) => entry.key === 'rule.centreArea')!.value).toBe('60 m² per 1,000 residents');
		expect(report.appendix.find((entry) => entry.key === 'profile')!.value).toBe('\u2068Legacy district norm (Putuo, c. 2012)\u2069 (legacy-district)');
	});

	it('compares a scenario row by row, including sub-districts present on one side only', () => {
		const after = [area('x', { coveragePct: 97.46, uncoveredResidents: 1_520 })];
		const before = [area('x', { coveragePct: 90.04, uncoveredResidents: 5_980 }), area('z')];
		const report = buildGapReport(input('en', after, { scenario: { name: 'Site A', baselineRows: before, baselineDistrict: district(before), edits: [], baselineFacilities: [], facilities: [] } }));
		const table = report.comparison!;
		expect(report.scenarioName).toBe('Site A');
		expect(table.rows.map((row) => row.code)).toEqual(['x', 'z']);
		const value = (code: string, key: string) => table.columns.find((column) => column.key === key)!.value(table.rows.find((row) => row.code === code)!);
		expect(value('x', 'coveragePct.baseline')).toBe(90);
		expect(value('x', 'coveragePct.scenario')).toBe(97.5);
		expect(value('x', 'coveragePct.change')).toBe(7.5);
		expect(value('x', 'uncoveredResidents.change')).toBe(-4_460);
		expect(value('z', 'coveragePct.scenario')).toBeNull();
		expect(value('z', 'coveragePct.change')).toBeNull();
		// The comparison's district row is the indicators' own: a change between two known lower bounds would mean nothing.
		expect(table.total!.scenario).toStrictEqual(district(after));
	});
});

describe('provenance per layer (issue 24 item 1)', () => {
	const rows = [area('a')];
	// Only the facility list imported (GBK, GCJ-02); population, sub-districts and network still the demo's.
	const sources: SourceSummary[] = [
		{ kind: 'facilities', fileName: '机构.csv', loaded: 120, skipped: 3, conversion: 'GCJ-02 → WGS84', encoding: 'gb18030', fromDemo: false },
		...demoSources.filter((source) => source.kind !== 'facilities')
	];

	it('after importing only a facility list, says which layers are synthetic, never "synthetic demo used: no"', () => {
		const report = buildGapReport(input('zh-CN', rows, { dataset: { name: '规划数据（部分为示例数据）', nameEn: "Planner's data (partly demo data)", sources } }));
		expect(report.synthetic).toBe(true);
		expect(report.syntheticLayers).toEqual(['population', 'subdistricts', 'network']);
		expect(report.notices[0]).toContain('人口、街镇边界、步行路网');
		expect(report.provenanceLine).toContain('人口、街镇边界、步行路网');
		const appendix = report.appendix.find((entry) => entry.key === 'synthetic')!;
		expect(appendix.value).toBe(report.provenanceLine);
		expect(appendix.value).not.toBe('否');
		const layers = new Map(report.provenance.map((entry) => [entry.key, String(entry.value)]));
		// The file's name is the planner's text, bidi-isolated: a name holding U+202E cannot reverse the counts after it.
		expect(layers.get('layer.facilities')).toBe('规划者文件 \u2068机构.csv\u2069：载入 120 行，跳过 3 行；编码 GB18030（简体中文）；坐标转换 GCJ-02 → WGS84');
		expect(layers.get('layer.population')).toMatch(/^合成示例数据/);
		const english = buildGapReport(input('en', rows, { dataset: { name: 'x', nameEn: 'x', sources } }));
		const layersEn = ['population', 'subdistricts', 'network'].map((kind) => REPORT_MESSAGES.en[`report.sourceKind.${kind}`]).join(', ');
		expect(english.provenanceLine).toBe(`Synthetic demo layers (not real data): ${layersEn}; the others are the planner's files`);
	});

	it('says who settled each file\'s coordinate system, as the data-sources panel does', () => {
		const chosen: SourceSummary[] = [
			{ ...sources[0], coordinateSystem: { label: 'GCJ-02', chosenBy: 'planner' } },
			{ kind: 'population', fileName: 'pop.csv', loaded: 224, skipped: 1, conversion: null, encoding: 'utf-8', fromDemo: false, coordinateSystem: { label: 'WGS84', chosenBy: 'detected' } },
			...demoSources.filter((source) => source.kind !== 'facilities' && source.kind !== 'population')
		];
		const layersOf = (language: 'zh-CN' | 'en') =>
			new Map(buildGapReport(input(language, rows, { dataset: { name: 'x', nameEn: 'x', sources: chosen } })).provenance.map((entry) => [entry.key, String(entry.value)]));
		expect(layersOf('zh-CN').get('layer.facilities')).toBe('规划者文件 \u2068机构.csv\u2069：载入 120 行，跳过 3 行；编码 GB18030（简体中文）；坐标转换 GCJ-02 → WGS84；坐标系 GCJ-02（由规划人员选择）');
		expect(layersOf('en').get('layer.population')).toMatch(/; coordinate system WGS84 \(recognised from the values\)$/);
		// A layer whose source does not say (the demo, or a dataset saved before this was recorded) claims nothing.
		expect(layersOf('zh-CN').get('layer.network')).not.toContain('坐标系');
	});

	it("every layer the planner's: no synthetic notice, and the line says so", () => {
		const own = sources.map((source) => ({ ...source, fromDemo: false }));
		const report = buildGapReport(input('en', rows, { dataset: { name: 'x', nameEn: 'x', sources: own } }));
		expect(report.synthetic).toBe(false);
		expect(report.notices).toEqual([]);
		expect(report.provenanceLine).toBe(REPORT_MESSAGES.en['report.layers.lineNone']);
	});
});

describe('export wording (issue 24 walkthrough, exports)', () => {
	const rows = [area('a')];
	const gbk: SourceSummary[] = [{ kind: 'facilities', fileName: 'f.csv', loaded: 1, skipped: 0, conversion: null, encoding: 'gb18030', fromDemo: false }];

	it('names the encoding as a planner reads it, never the decoder label "gb18030", in both languages', () => {
		const layer = (language: 'zh-CN' | 'en') => String(buildGapReport(input(language, rows, { dataset: { name: 'x', nameEn: 'x', sources: gbk } })).provenance.find((entry) => entry.key === 'layer.facilities')!.value);
		expect(layer('zh-CN')).toContain('编码 GB18030（简体中文）');
		expect(layer('en')).toContain('encoding GB18030 (Simplified Chinese)');
		for (const language of ['zh-CN', 'en'] as const) expect(layer(language)).not.toContain('gb18030');
	});

	it('calls coverage by the page’s label ("15 分钟覆盖率" / "15-min coverage") in rule names and the coverage column', () => {
		const page = { 'zh-CN': '15 分钟覆盖率', en: '15-min coverage' } as const;
		for (const language of ['zh-CN', 'en'] as const) {
			const report = buildGapReport(input(language, rows));
			const headers = report.columns.map((column) => column.header);
			expect(headers.find((header) => header.includes(page[language]) && !header.includes('%'))).toBeDefined();
			expect(headers.find((header) => header.startsWith(page[language]) && header.includes('%'))).toBeDefined();
			expect(headers.join('|')).not.toMatch(/服务圈覆盖|minute coverage/);
			expect(report.summary.map((entry) => entry.label).join('|')).not.toMatch(/服务圈覆盖|minute coverage/);
		}
	});

	it('the input files table says "Rows loaded", not "Rows loaded (rows)"', () => {
		const headers = buildGapReport(input('en', rows)).sources.columns.map((column) => column.header);
		expect(headers).toContain('Rows loaded');
		expect(headers).toContain('Rows skipped');
		expect(headers.join('|')).not.toContain('(rows)');
	});

	it('the sites table numbers a proposed site by its name’s number, never the internal id, and keeps a file’s own id', () => {
		const proposed = { id: 'proposed-k3x9', name: '拟建服务站 2', defaultNumber: 2, type: 'station' as const, subdistrict: 'a', lon: 121.45, lat: 31.27, areaM2: 150, beds: null, status: 'proposed' as const, parentId: null };
		const renamed = { id: 'proposed-m1b2', name: '大宁路新站', type: 'station' as const, subdistrict: 'a', lon: 121.46, lat: 31.28, areaM2: 150, beds: null, status: 'proposed' as const, parentId: null };
		const existing = { id: 'S001', name: '站点一', type: 'station' as const, subdistrict: 'a', lon: 121.44, lat: 31.26, areaM2: 120, beds: null, status: 'existing' as const, parentId: null };
		for (const language of ['zh-CN', 'en'] as const) {
			const report = buildGapReport(
				input(language, rows, {
					scenario: { name: 'S', baselineRows: rows, baselineDistrict: district(rows), edits: [{ kind: 'add', facility: proposed }, { kind: 'close', id: 'S001' }, { kind: 'add', facility: renamed }], baselineFacilities: [existing], facilities: [proposed, renamed] }
				})
			);
			const id = report.sites!.columns.find((column) => column.key === 'id')!;
			expect(report.sites!.rows.map((row) => id.value(row))).toEqual(['2', 'S001', null]);
			const cells = report.sites!.rows.flatMap((row) => report.sites!.columns.map((column) => String(column.value(row))));
			expect(cells.some((cell) => cell.includes('proposed-'))).toBe(false);
		}
	});
});

describe('residents reconciled (issue 24 item 3)', () => {
	it('total = within sub-districts (covered + not covered + unreachable) + outside every sub-district, each with its reason', () => {
		const rows = [area('a', { cellResidents: 1000, residents: 1000, coveredResidents: 600, uncoveredResidents: 400, unreachableResidents: 150 })];
		const report = buildGapReport(input('en', rows, { district: district(rows, { cellResidents: 1000, coveredResidents: 600, uncoveredResidents: 400, unreachableResidents: 150, unassignedCellResidents: 70 }) }));
		const value = (key: string) => report.summary.find((entry) => entry.key === `residentsCheck.${key}`)?.value;
		expect([value('total'), value('within'), value('covered'), value('notCovered'), value('unreachable'), value('outside')]).toEqual([1070, 1000, 600, 250, 150, 70]);
		const outside = report.summary.find((entry) => entry.key === 'residentsCheck.outside')!;
		expect(outside.label).toMatch(/outside every sub-district/);
		expect(outside.label).not.toMatch(/snap/);
	});
});
