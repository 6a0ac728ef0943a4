/**
 * The scenario file: round trip, every refusal reason, damaged input never throws and is refused
 * whole, the fingerprint is the same for the app's demo loader and the CLI's, and every problem has a
 * message in both languages with the same placeholders.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import type { ScenarioEdit } from '$lib/engine/scenario/edits';
import type { Facility } from '$lib/engine/types';
import type { Dataset } from '$lib/io/dataset';
import { loadDemoDataset } from '$lib/io/demo-dataset';
import { packLines, unpackLines } from '$lib/io/network-pack';
import {
	datasetFingerprint,
	parseScenarioFile,
	SCENARIO_FILE_PROBLEM_CODES,
	SCENARIO_FORMAT,
	serializeScenario,
	type Scenario,
	type ScenarioFileProblem
} from '$lib/io/scenario-file';
import en from '$lib/i18n/scenario-file.en.json';
import zhCN from '$lib/i18n/scenario-file.zh-CN.json';
import { loadInputs } from '../../../scripts/lib/load-inputs';

const facility = (id: string, overrides: Partial<Facility> = {}): Facility => ({
	id,
	name: `设施 ${id}`,
	type: 'station',
	subdistrict: 'a',
	lon: 121.45,
	lat: 31.25,
	areaM2: 200,
	beds: null,
	status: 'existing',
	parentId: null,
	...overrides
});

function dataset(facilities: Facility[] = [facility('C1', { type: 'centre', areaM2: 5000, beds: 80 }), facility('S1'), facility('S2', { lon: 121.46 })]): Dataset {
	return {
		id: 'planner',
		name: '测试区',
		nameEn: 'Test district',
		facilities,
		cells: { lon: new Float64Array([121.44, 121.45, 121.46]), lat: new Float64Array([31.24, 31.25, 31.26]), pop: new Float64Array([100, 200, 300]) },
		cellShape: { kind: 'grid', sizeM: 100 },
		subdistricts: [{ code: 'a', name: '甲', nameEn: 'A', population: null, polygons: [] }],
		network: packLines([{ coords: [[121.44, 31.24], [121.46, 31.26]], highway: 'residential' }]),
		context: [],
		sources: []
	};
}

const EDITS: ScenarioEdit[] = [
	{ kind: 'add', facility: facility('P1', { status: 'proposed', subdistrict: '', lon: 121.47, parentId: 'C1' }) },
	{ kind: 'move', id: 'S2', lon: 121.465, lat: 31.255 },
	{ kind: 'update', id: 'C1', changes: { areaM2: 6000, beds: null, status: 'under_construction' } },
	{ kind: 'close', id: 'S1' }
];

const scenario = (edits: ScenarioEdit[] = EDITS): Scenario => ({ id: 'sc-1', name: '新增一站', createdAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-23T02:00:00.000Z', edits });

/** A serialized file as an object, to damage before writing it back. */
function fileObject(edits: ScenarioEdit[] = EDITS): Record<string, unknown> & { scenario: Record<string, unknown> & { edits: unknown[] } } {
	return JSON.parse(serializeScenario(scenario(edits), dataset()));
}

const parse = (value: unknown, data: Dataset = dataset()) => parseScenarioFile(typeof value === 'string' ? value : JSON.stringify(value), data);

function problemsOf(value: unknown, data?: Dataset): ScenarioFileProblem[] {
	const result = parse(value, data);
	expect(result.ok).toBe(false);
	return result.ok ? [] : result.problems;
}

describe('scenario file', () => {
	it('round-trips: what is written is read back equal, as pretty JSON with format, version and dataset', () => {
		const text = serializeScenario(scenario(), dataset(), new Date('2026-11-23T03:00:00Z'));
		expect(text).toContain('\n  "format": "health-circle-scenario"');
		const object = JSON.parse(text);
		expect(object).toMatchObject({ format: SCENARIO_FORMAT, version: 1, exportedAt: '2026-11-23T03:00:00.000Z', dataset: { fingerprint: datasetFingerprint(dataset()), name: '测试区' } });
		expect(parse(text)).toEqual({ ok: true, scenario: scenario() });
		expect(parse(`\uFEFF${text}`).ok).toBe(true);
	});

	it('fingerprints content: the same data gives the same hash, any change in what edits depend on another', () => {
		const base = datasetFingerprint(dataset());
		expect(base).toMatch(/^[0-9a-f]{16}$/);
		const renamed: Dataset = { ...dataset(), id: 'other', name: 'renamed' };
		expect(datasetFingerprint(renamed)).toBe(base);
		const reversed = dataset();
		reversed.facilities.reverse();
		expect(datasetFingerprint(reversed)).toBe(base);
		expect(datasetFingerprint(dataset([facility('C1', { type: 'centre', areaM2: 5000, beds: 80, lon: 121.45 + 4e-8 }), facility('S1'), facility('S2', { lon: 121.46 })]))).toBe(base);
		const changed: Dataset[] = [
			dataset([facility('C1', { type: 'centre', areaM2: 5001, beds: 80 }), facility('S1'), facility('S2', { lon: 121.46 })]),
			dataset([facility('C1', { type: 'centre', areaM2: 5000, beds: 80 }), facility('S1', { status: 'proposed' }), facility('S2', { lon: 121.46 })]),
			dataset([facility('C1', { type: 'centre', areaM2: 5000, beds: 80 }), facility('S1'), facility('S2', { lon: 121.4601 })]),
			dataset([facility('C1', { type: 'centre', areaM2: 5000, beds: 80 }), facility('S1')]),
			{ ...dataset(), network: null },
			{ ...dataset(), subdistricts: [{ ...dataset().subdistricts[0], code: 'b' }] },
			{ ...dataset(), cells: { ...dataset().cells, pop: new Float64Array([100, 200, 301]) } }
		];
		for (const other of changed) expect(datasetFingerprint(other)).not.toBe(base);
	});

	it('gives the same fingerprint for the demo loaded by the app and by the CLI', async () => {
		const demo = 'static/data/demo';
		const app = await loadDemoDataset(demo, async (url) => readFileSync(url, 'utf8'));
		const cli = loadInputs({ network: `${demo}/network.geojson`, facilities: `${demo}/facilities.csv`, population: `${demo}/population.csv`, subdistricts: `${demo}/subdistricts.geojson` });
		expect(datasetFingerprint(cli)).toBe(datasetFingerprint(app));
		// The app holds the network packed, the CLI as lines: the same network gives the same fingerprint.
		expect(app.network).not.toBeNull();
		expect(datasetFingerprint({ ...app, network: unpackLines(app.network ?? packLines([])) })).toBe(datasetFingerprint(app));
		// The fixture the CLI tests use was exported for this demo.
		const fixture = parseScenarioFile(readFileSync('tests/fixtures/scenario/demo-scenario.json', 'utf8'), app);
		expect(fixture.ok).toBe(true);
	});

	it.each([
		['not-json', '{"format": "health-circle-scenario",'],
		['wrong-format', { ...fileObject(), format: 'health-circle-profile' }],
		['wrong-format', [1, 2, 3]],
		['wrong-format', null]
	])('refuses with %s', (code, value) => {
		expect(problemsOf(value)).toEqual([{ code, params: {} }]);
	});

	it('refuses a newer version, naming it and the version it reads', () => {
		expect(problemsOf({ ...fileObject(), version: 2 })).toEqual([{ code: 'newer-version', params: { version: 2, supported: 1 } }]);
		expect(problemsOf({ ...fileObject(), version: '1' })).toEqual([{ code: 'bad-structure', params: { field: 'version', edit: 0 } }]);
	});

	it('refuses a file made for other data, naming that data', () => {
		const other = dataset([facility('C1', { type: 'centre', areaM2: 4000, beds: 80 }), facility('S1'), facility('S2', { lon: 121.46 })]);
		expect(problemsOf(serializeScenario(scenario(), dataset()), other)).toEqual([{ code: 'other-dataset', params: { name: '测试区' } }]);
	});

	it('refuses edits that do not apply, each with its 1-based number, reason and detail', () => {
		const edits: ScenarioEdit[] = [{ kind: 'close', id: 'S1' }, { kind: 'move', id: 'S1', lon: 121.4, lat: 31.2 }, { kind: 'update', id: 'X9', changes: {} }, { kind: 'add', facility: facility('S2') }];
		expect(problemsOf(fileObject(edits))).toEqual([
			{ code: 'edits-do-not-apply', params: { edit: 2, reason: 'closedFacility', detail: 'S1' } },
			{ code: 'edits-do-not-apply', params: { edit: 3, reason: 'unknownFacility', detail: 'X9' } },
			{ code: 'edits-do-not-apply', params: { edit: 4, reason: 'duplicateId', detail: 'S2' } }
		]);
	});

	it('checks every edit field by field, naming the edit and the field', () => {
		const damaged: [unknown, string][] = [
			[{ kind: 'teleport', id: 'S1' }, 'kind'],
			['close S1', 'edit'],
			[{ kind: 'close' }, 'id'],
			[{ kind: 'close', id: '' }, 'id'],
			[{ kind: 'close', id: 7 }, 'id'],
			[{ kind: 'close', id: 'S1', reason: 'old' }, 'reason'],
			[{ kind: 'move', id: 'S2', lon: '121.4', lat: 31.2 }, 'lon'],
			[{ kind: 'move', id: 'S2', lon: 121.4 }, 'lat'],
			[{ kind: 'update', id: 'C1', changes: { area_m2: 10 } }, 'changes.area_m2'],
			[{ kind: 'update', id: 'C1', changes: { areaM2: -1 } }, 'changes.areaM2'],
			[{ kind: 'update', id: 'C1', changes: { type: 'clinic' } }, 'changes.type'],
			[{ kind: 'update', id: 'C1', changes: { lon: 121 } }, 'changes.lon'],
			[{ kind: 'update', id: 'C1', changes: [] }, 'changes'],
			[{ kind: 'add', facility: { ...facility('P2'), status: 'dreamt' } }, 'facility.status'],
			[{ kind: 'add', facility: { ...facility('P2'), beds: '12' } }, 'facility.beds'],
			[{ kind: 'add', facility: { ...facility('P2'), parentId: 3 } }, 'facility.parentId'],
			[{ kind: 'add', facility: (({ lat: _lat, ...rest }) => rest)(facility('P2')) }, 'facility.lat'],
			[{ kind: 'add', facility: null }, 'facility']
		];
		for (const [edit, field] of damaged) {
			const object = fileObject();
			object.scenario.edits.splice(2, 0, edit);
			expect(problemsOf(object), field).toEqual([{ code: 'bad-structure', params: { field, edit: 3 } }]);
		}
	});

	it('checks the file and scenario fields and lists every structure problem at once', () => {
		const object = fileObject();
		delete object.exportedAt;
		object.dataset = { fingerprint: 12 };
		object.scenario.id = '';
		object.scenario.edits.push({ kind: 'close' }, { kind: 'move', id: 'S2' });
		expect(problemsOf(object)).toEqual([
			{ code: 'bad-structure', params: { field: 'exportedAt', edit: 0 } },
			{ code: 'bad-structure', params: { field: 'dataset.fingerprint', edit: 0 } },
			{ code: 'bad-structure', params: { field: 'dataset.name', edit: 0 } },
			{ code: 'bad-structure', params: { field: 'scenario.id', edit: 0 } },
			{ code: 'bad-structure', params: { field: 'id', edit: 5 } },
			{ code: 'bad-structure', params: { field: 'lon', edit: 6 } },
			{ code: 'bad-structure', params: { field: 'lat', edit: 6 } }
		]);
		expect(problemsOf({ ...fileObject(), scenario: { ...fileObject().scenario, edits: {} } })).toEqual([{ code: 'bad-structure', params: { field: 'scenario.edits', edit: 0 } }]);
	});

	it('never throws on arbitrary or damaged input, and refuses it with problems', () => {
		const good = serializeScenario(scenario(), dataset());
		const check = (text: string) => {
			const result = parseScenarioFile(text, dataset());
			if (result.ok) expect(result.scenario.edits.length).toBeGreaterThanOrEqual(0);
			else {
				expect(result.problems.length).toBeGreaterThan(0);
				for (const problem of result.problems) expect(SCENARIO_FILE_PROBLEM_CODES).toContain(problem.code);
			}
			return result;
		};
		fc.assert(fc.property(fc.string(), (text) => {
			expect(check(text).ok).toBe(false);
		}), { numRuns: 300 });
		fc.assert(fc.property(fc.jsonValue(), (value) => {
			expect(check(JSON.stringify(value)).ok).toBe(false);
		}), { numRuns: 300 });
		// Cut or flip one character of a good file: it is read whole or refused, never half.
		fc.assert(
			fc.property(fc.nat(good.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (at, replacement) => {
				// Only cutting the trailing newline leaves a whole file.
				const cut = check(good.slice(0, at));
				if (cut.ok) expect(cut.scenario).toEqual(scenario());
				else expect(good.slice(at).trim()).not.toBe('');
				const flipped = check(good.slice(0, at) + replacement + good.slice(at + 1));
				if (flipped.ok) expect(flipped.scenario.edits).toHaveLength(EDITS.length);
			}),
			{ numRuns: 300 }
		);
		// Any value in place of an edit or of one of its fields.
		fc.assert(
			fc.property(fc.nat(EDITS.length - 1), fc.jsonValue(), fc.constantFrom('kind', 'id', 'lon', 'lat', 'facility', 'changes'), (index, value, field) => {
				const object = fileObject();
				const edit = object.scenario.edits[index] as Record<string, unknown>;
				if (field in edit) edit[field] = value;
				else object.scenario.edits[index] = value;
				const result = check(JSON.stringify(object));
				if (result.ok) expect(result.scenario.edits).toHaveLength(EDITS.length);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('scenario file messages', () => {
	const bundles = { en, 'zh-CN': zhCN } as Record<'en' | 'zh-CN', Record<string, string>>;
	const argumentNames = (message: string) => [...new Set([...message.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]))].sort();

	it('exist for every problem code in both languages, with the same placeholders', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
		for (const code of SCENARIO_FILE_PROBLEM_CODES) {
			const key = `scenarioFile.problem.${code}`;
			expect(bundles.en[key], key).toBeTruthy();
			expect(bundles['zh-CN'][key], key).toBeTruthy();
			expect(argumentNames(bundles['zh-CN'][key]), key).toEqual(argumentNames(bundles.en[key]));
		}
	});

	it('format every problem the parser gives, with nothing left unfilled', () => {
		const problems: ScenarioFileProblem[] = [
			{ code: 'not-json', params: {} },
			{ code: 'wrong-format', params: {} },
			{ code: 'newer-version', params: { version: 3, supported: 1 } },
			{ code: 'bad-structure', params: { field: 'scenario.id', edit: 0 } },
			{ code: 'bad-structure', params: { field: 'facility.lon', edit: 4 } },
			{ code: 'other-dataset', params: { name: '静安区' } },
			...(['unknownFacility', 'duplicateId', 'closedFacility', 'badPosition', 'badValue'] as const).map((reason): ScenarioFileProblem => ({ code: 'edits-do-not-apply', params: { edit: 2, reason, detail: 'S9' } }))
		];
		for (const language of ['en', 'zh-CN'] as const) {
			for (const problem of problems) {
				const message = bundles[language][`scenarioFile.problem.${problem.code}`];
				const text = String(new IntlMessageFormat(message, language).format(problem.params));
				expect(text, `${language} ${problem.code}`).not.toMatch(/[{}]/);
				for (const value of Object.values(problem.params)) if (typeof value === 'string' && !/^[a-z]+[A-Z]/.test(value)) expect(text).toContain(value);
			}
		}
		expect(String(new IntlMessageFormat(en['scenarioFile.problem.bad-structure'], 'en').format({ field: 'lon', edit: 4 }))).toContain('in edit 4');
		expect(String(new IntlMessageFormat(en['scenarioFile.problem.bad-structure'], 'en').format({ field: 'id', edit: 0 }))).not.toContain('edit');
	});
});
