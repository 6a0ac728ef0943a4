/**
 * A site the planner proposes (or a suggestion adds) is stored with the 街镇 of its point: the report's row of a
 * proposed site, and of one proposed and then removed, read the stored edit, which used to carry an empty 街镇
 * (shown as "—"). The assigner is the dataset's point-in-polygon one (engine/point-in-polygon.ts).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { ScenarioState } from '$lib/app/scenarios.svelte';
import { ScenarioEditor } from '$lib/app/scenario-editor.svelte';
import { subdistrictAssigner } from '$lib/engine/point-in-polygon';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';
import type { Facility, Subdistrict } from '$lib/engine/types';
import { MESSAGES } from '$lib/i18n';
import { messageTranslator } from '$lib/i18n/message';
import { scenarioSiteColumns, scenarioSiteRows } from '$lib/report/scenario-sites';
import { reportTranslator } from '$lib/report/translate';

const square = (code: string, name: string, west: number): Subdistrict =>
	({ code, name, nameEn: name, population: 1000, polygons: [[[[west, 31.2], [west + 0.01, 31.2], [west + 0.01, 31.21], [west, 31.21], [west, 31.2]]]] }) as unknown as Subdistrict;
const AREAS = [square('west', 'West Road', 121.4), square('east', 'East Road', 121.41)];
const BASELINE: Facility[] = [{ id: 'C1', name: 'Centre', type: 'centre', subdistrict: 'west', lon: 121.405, lat: 31.205, areaM2: 5000, beds: 80, status: 'existing', parentId: null }];
const en = messageTranslator(MESSAGES.en, 'en', 'app');

describe('proposed sites carry their 街镇', () => {
	it('stores the 街镇 of the point with the add edit, and the report rows (proposed; proposed then removed) name it', async () => {
		const state = new ScenarioState(() => subdistrictAssigner(AREAS));
		await state.open('fp-site-subdistrict');
		state.create('Scenario 1');
		const editor = new ScenarioEditor(state);
		const kept = editor.addAt('station', 121.415, 31.205, en);
		const removed = editor.addAt('station', 121.405, 31.208, en);
		const outside = editor.addAt('station', 121.43, 31.205, en);
		editor.close(removed);
		flushSync();
		const edits = state.active!.edits;
		const stored = new Map(edits.flatMap((edit) => (edit.kind === 'add' ? [[edit.facility.id, edit.facility.subdistrict]] : [])));
		expect(Object.fromEntries(stored)).toEqual({ [kept]: 'east', [removed]: 'west', [outside]: '' });

		const scenario = state.facilities(BASELINE, subdistrictAssigner(AREAS))!;
		const rows = scenarioSiteRows(edits, BASELINE, scenario);
		const names = new Map(AREAS.map((area) => [area.code, area.name]));
		const column = scenarioSiteColumns({ translate: reportTranslator('en'), language: 'en', profile: SHANGHAI_2023, thresholdMinutes: 15 }, (code) => names.get(code) ?? null).find((c) => c.key === 'subdistrict')!;
		expect(rows.map((row) => [row.id, column.value(row)])).toEqual([
			[kept, 'East Road'],
			[removed, 'West Road'],
			[outside, 'outside every sub-district (area and beds in no total)']
		]);
	});

	it('fills the 街镇 of sites in a scenario it adopts (a file, or a suggestion applied as a new scenario)', async () => {
		const state = new ScenarioState(() => subdistrictAssigner(AREAS));
		await state.open('fp-site-subdistrict-adopt');
		const site: Facility = { id: 'suggested-1', name: 'Suggested station 1', type: 'station', subdistrict: '', lon: 121.415, lat: 31.205, areaM2: 200, beds: null, status: 'proposed', parentId: null };
		const adopted = state.adopt({ id: 'x', name: 'From a file', createdAt: '', updatedAt: '', edits: [{ kind: 'add', facility: site }] });
		expect(adopted.edits[0].kind === 'add' && adopted.edits[0].facility.subdistrict).toBe('east');
	});
});
