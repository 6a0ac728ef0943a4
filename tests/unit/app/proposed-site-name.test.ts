/**
 * A proposed site's default name follows the reader's language, like a scenario's: a station placed on the
 * Chinese page reads "Proposed station 1" in English (change log, editor, tooltip and the report's site
 * table, the same column the PDF, XLSX and GeoJSON print), also after a reload; a name the planner typed
 * never changes; a site saved before the marker existed with a default-looking name is recognised. The
 * expected names are written out by hand.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { ScenarioState } from '$lib/app/scenarios.svelte';
import { ScenarioEditor } from '$lib/app/scenario-editor.svelte';
import { namesAtEdits } from '$lib/engine/scenario/edits';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';
import type { Facility } from '$lib/engine/types';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';
import { saveScenario } from '$lib/io/scenario-store';
import { readScenario, type ScenarioFileProblem } from '$lib/io/scenario-file';
import { facilityName } from '$lib/report/facility-name';
import { scenarioSiteColumns, scenarioSiteRows } from '$lib/report/scenario-sites';
import { centreColumns } from '$lib/report/columns';
import { computeCentreIndicators } from '$lib/engine/standards/compute-centre-indicators';
import { reportTranslator } from '$lib/report/translate';
import { messageTranslator } from '$lib/i18n/message';

const translator = (language: Language): Translate => messageTranslator(MESSAGES[language], language, 'app');
const saved = () => new Promise((resolve) => setTimeout(resolve, 50));
const BASELINE: Facility[] = [{ id: 'C1', name: '中心', type: 'centre', subdistrict: 'a', lon: 121.44, lat: 31.24, areaM2: 5000, beds: 80, status: 'existing', parentId: null }];
const assign = () => 'a';

describe('proposed site names', () => {
	it('a station placed in Chinese reads "Proposed station 1" in English, on the page, in the report and after a reload', async () => {
		const state = new ScenarioState();
		await state.open('fp-site-default');
		state.create('方案 1', new Date(), 1);
		const editor = new ScenarioEditor(state);
		const id = editor.addAt('station', 121.47, 31.26, translator('zh-CN'));
		flushSync();
		const site = state.facilities(BASELINE, assign)!.find((facility) => facility.id === id)!;
		expect(facilityName(site, translator('zh-CN'))).toBe('拟建服务站 1');
		expect(facilityName(site, translator('en'))).toBe('Proposed station 1');
		expect(namesAtEdits(new Map(), state.active!.edits, (facility) => facilityName(facility, translator('en')))).toEqual(['Proposed station 1']);

		const rows = scenarioSiteRows(state.active!.edits, BASELINE, state.facilities(BASELINE, assign)!);
		const nameColumn = scenarioSiteColumns({ translate: reportTranslator('en'), language: 'en', profile: SHANGHAI_2023, thresholdMinutes: 15 }, () => null).find((column) => column.key === 'name')!;
		expect(nameColumn.value(rows[0])).toBe('Proposed station 1');

		await saved();
		const reloaded = new ScenarioState();
		await reloaded.open('fp-site-default');
		reloaded.select(reloaded.scenarios[0].id);
		flushSync();
		const again = reloaded.facilities(BASELINE, assign)!.find((facility) => facility.id === id)!;
		expect(facilityName(again, translator('en'))).toBe('Proposed station 1');
	});

	it('a name the planner typed stays as typed in every language, even one that looks like a default', async () => {
		const state = new ScenarioState();
		await state.open('fp-site-typed');
		state.create('方案 1', new Date(), 1);
		const editor = new ScenarioEditor(state);
		const id = editor.addAt('station', 121.47, 31.26, translator('en'));
		editor.update(id, { name: 'Proposed station 1' });
		flushSync();
		const site = state.facilities(BASELINE, assign)!.find((facility) => facility.id === id)!;
		expect(facilityName(site, translator('zh-CN'))).toBe('Proposed station 1');
		editor.update(id, { name: '彭浦新村站' });
		flushSync();
		expect(facilityName(state.facilities(BASELINE, assign)!.find((facility) => facility.id === id)!, translator('en'))).toBe('彭浦新村站');
	});

	it('a site saved before the marker existed: a default name is recognised, a typed one kept', async () => {
		const site = (id: string, name: string, type: Facility['type'] = 'station'): Facility => ({ id, name, type, subdistrict: '', lon: 121.47, lat: 31.26, areaM2: 150, beds: null, status: 'proposed', parentId: null });
		const stamp = '2026-12-01T00:00:00.000Z';
		await saveScenario('fp-site-old', {
			id: 'old',
			name: '旧方案',
			createdAt: stamp,
			updatedAt: stamp,
			edits: [
				{ kind: 'add', facility: site('p1', '拟建服务站 2') },
				{ kind: 'add', facility: site('p2', 'Proposed branch centre 1', 'branch') },
				{ kind: 'add', facility: site('p3', '拟建服务站 2号楼') },
				{ kind: 'add', facility: site('p4', '拟建服务站 3', 'centre') }
			]
		});
		const state = new ScenarioState();
		await state.open('fp-site-old');
		state.select('old');
		flushSync();
		const names = (language: Language) => state.facilities(BASELINE, assign)!.filter((facility) => facility.id !== 'C1').map((facility) => facilityName(facility, translator(language)));
		expect(names('en')).toEqual(['Proposed station 2', 'Proposed branch centre 1', '拟建服务站 2号楼', '拟建服务站 3']);
		expect(names('zh-CN')).toEqual(['拟建服务站 2', '拟建分中心 1', '拟建服务站 2号楼', '拟建服务站 3']);
	});

	it('a scenario file keeps the marker of an added site and refuses a malformed one', () => {
		const facility = { id: 'p1', name: '拟建服务站 1', type: 'station', subdistrict: '', lon: 121.47, lat: 31.26, areaM2: 150, beds: null, status: 'proposed', parentId: null };
		const scenario = (extra: object) => ({ id: 's1', name: 'x', createdAt: '', updatedAt: '', edits: [{ kind: 'add', facility: { ...facility, ...extra } }] });
		const problems: ScenarioFileProblem[] = [];
		const read = readScenario(scenario({ defaultNumber: 1 }), problems);
		expect(problems).toEqual([]);
		const added = read?.edits[0];
		expect(added?.kind === 'add' && facilityName(added.facility, translator('en'))).toBe('Proposed station 1');
		expect(readScenario(scenario({}), problems)).not.toBeNull();
		expect(readScenario(scenario({ defaultNumber: 0 }), problems)).toBeNull();
		expect(problems.map((problem) => problem.params.field)).toEqual(['facility.defaultNumber']);
	});

	it('a proposed centre keeps its marker in the centre check: the 街镇 panel and the report name it in the reader\'s language', async () => {
		const state = new ScenarioState();
		await state.open('fp-centre-default');
		state.create('方案 1', new Date(), 1);
		const editor = new ScenarioEditor(state);
		const id = editor.addAt('centre', 121.47, 31.26, translator('zh-CN'));
		flushSync();
		const centres = computeCentreIndicators({ facilities: state.facilities(BASELINE, assign)!, subdistrictResidents: [{ code: 'a', residents: 50_000 }], nearestCentre: null, cellPop: [], profile: SHANGHAI_2023 });
		const proposed = centres.find((centre) => centre.id === id)!;
		expect(facilityName(proposed, translator('en'))).toBe('Proposed centre 1');
		const nameColumn = centreColumns({ translate: reportTranslator('en'), language: 'en', profile: SHANGHAI_2023, thresholdMinutes: 15 }, () => null).find((column) => column.key === 'name')!;
		expect(centres.map((centre) => nameColumn.value(centre))).toEqual(['中心', 'Proposed centre 1']);
	});
});
