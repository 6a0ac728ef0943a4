/**
 * The page's scenario state (src/lib/app/scenarios.svelte.ts) in Node, with IndexedDB from
 * fake-indexeddb: undo and redo step through the edit list, a new edit clears redo, a drag preview
 * shows without being saved, and a fresh state opened on the same dataset finds every edit again
 * (what a reload does).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { ScenarioState } from '$lib/app/scenarios.svelte';
import { ScenarioEditor } from '$lib/app/scenario-editor.svelte';
import { comparisonRow, comparisonRows } from '$lib/app/scenario-comparison';
import { rulesPassed, type AreaIndicators, type SubdistrictIndicators } from '$lib/engine/standards/indicators';
import type { Facility } from '$lib/engine/types';
import { MESSAGES, type Translate } from '$lib/i18n';
import { messageTranslator } from '$lib/i18n/message';

const BASELINE: Facility[] = [
	{ id: 'C1', name: '中心', type: 'centre', subdistrict: 'a', lon: 121.44, lat: 31.24, areaM2: 5000, beds: 80, status: 'existing', parentId: null },
	{ id: 'S1', name: '站', type: 'station', subdistrict: 'a', lon: 121.45, lat: 31.25, areaM2: 150, beds: null, status: 'existing', parentId: 'C1' }
];
const zh: Translate = messageTranslator(MESSAGES['zh-CN'], 'zh-CN', 'app');
const assign = (lon: number) => (lon < 121.46 ? 'a' : 'b');

/** Saves are fire-and-forget in the app; give fake-indexeddb's transactions time to finish. */
const saved = () => new Promise((resolve) => setTimeout(resolve, 50));

function ids(state: ScenarioState): string[] {
	return (state.facilities(BASELINE, assign) ?? []).map((facility) => facility.id);
}

describe('scenario state', () => {
	it('undo and redo step through the edits; a new edit clears what could be redone', async () => {
		const state = new ScenarioState();
		await state.open('fp-undo');
		expect(state.facilities(BASELINE, assign)).toBeNull();
		state.create('方案 1');
		const editor = new ScenarioEditor(state);
		const added = editor.addAt('station', 121.47, 31.26, zh);
		editor.close('S1');
		editor.update('C1', { areaM2: 7000, beds: 120 });
		flushSync();
		expect(ids(state)).toEqual(['C1', added]);
		expect(state.facilities(BASELINE, assign)?.find((f) => f.id === 'C1')?.areaM2).toBe(7000);
		expect(state.facilities(BASELINE, assign)?.find((f) => f.id === added)?.subdistrict).toBe('b');

		state.undo();
		state.undo();
		flushSync();
		expect(ids(state)).toEqual(['C1', 'S1', added]);
		expect(state.canRedo).toBe(true);
		state.redo();
		flushSync();
		expect(ids(state)).toEqual(['C1', added]);
		editor.update(added, { beds: 5 });
		flushSync();
		expect(state.canRedo).toBe(false);
		expect(state.active?.edits.map((edit) => edit.kind)).toEqual(['add', 'close', 'update']);
	});

	it('a drag shows the facility at the pointer and saves one move when it ends', async () => {
		const state = new ScenarioState();
		await state.open('fp-drag');
		state.create('拖动');
		const editor = new ScenarioEditor(state);
		const added = editor.addAt('centre', 121.44, 31.25, zh);
		flushSync();
		for (const lon of [121.45, 121.46, 121.47]) editor.dragTo(added, lon, 31.25);
		flushSync();
		const dragged = state.facilities(BASELINE, assign)?.find((f) => f.id === added);
		expect([dragged?.lon, dragged?.subdistrict]).toEqual([121.47, 'b']);
		expect(state.active?.edits).toHaveLength(1);
		editor.dragEnd();
		flushSync();
		expect(state.preview).toBeNull();
		expect(state.active?.edits.at(-1)).toEqual({ kind: 'move', id: added, lon: 121.47, lat: 31.25 });
	});

	it('a fresh state on the same dataset (a reload) finds the scenarios, their edits and the active one', async () => {
		const first = new ScenarioState();
		await first.open('fp-reload');
		first.create('甲');
		const second = first.create('乙');
		new ScenarioEditor(first).close('S1');
		flushSync();
		await saved();

		const reloaded = new ScenarioState();
		await reloaded.open('fp-reload');
		expect(reloaded.scenarios.map((scenario) => scenario.name)).toEqual(['甲', '乙']);
		expect(reloaded.activeId).toBe(second.id);
		expect(reloaded.active?.edits).toEqual([{ kind: 'close', id: 'S1' }]);

		reloaded.remove(second.id);
		flushSync();
		await saved();
		const again = new ScenarioState();
		await again.open('fp-reload');
		expect(again.scenarios.map((scenario) => scenario.name)).toEqual(['甲']);
		expect(again.activeId).toBeNull();
	});
});

describe('comparison rows', () => {
	const area = (coveragePct: number, coveredResidents: number, rules: AreaIndicators['rules']): AreaIndicators =>
		({ code: 'a', coveragePct, coveredResidents, areaPerThousand: 50, bedsPerThousand: 1, rules }) as AreaIndicators;
	const rules = (coverage: 'pass' | 'fail'): AreaIndicators['rules'] => ({ centreArea: 'fail', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'pass', coverage });

	it('gives the changes a planner weighs, by hand', () => {
		const row = comparisonRow(area(80, 8000, rules('fail')), area(92.5, 9250, rules('pass')));
		expect([row.coveragePoints, row.coveredResidents, row.areaPerThousand, row.rulesPassedBefore, row.rulesPassedAfter, row.changed]).toEqual([12.5, 1250, 0, 2, 3, true]);
		expect(rulesPassed(area(0, 0, rules('pass')))).toBe(3);
		expect(comparisonRow(area(80, 8000, rules('fail')), area(80, 8000, rules('fail'))).changed).toBe(false);
	});
});

describe('the scenario comparison’s order and wording (issue 24 walkthrough)', () => {
	const named = (code: string, name: string, nameEn: string) => ({ code, name, nameEn, coveragePct: 50, coveredResidents: 1, areaPerThousand: 1, bedsPerThousand: 1, rules: {} }) as unknown as SubdistrictIndicators;
	// Codes in pinyin order put 彭浦新村 before 彭浦镇; English alphabetical order puts "Pengpu Town" first.
	const rows = [named('pengpuxc', '彭浦新村街道', 'Pengpu Xincun Subdistrict'), named('pengpuz', '彭浦镇', 'Pengpu Town'), named('beizhan', '北站街道', 'Beizhan Subdistrict')];

	it('English rows in English alphabetical order, Chinese rows in pinyin order: the overview’s name order', () => {
		expect(comparisonRows(rows, rows, 'en').map((row) => row.code)).toEqual(['beizhan', 'pengpuz', 'pengpuxc']);
		expect(comparisonRows(rows, rows, 'zh-CN').map((row) => row.code)).toEqual(['beizhan', 'pengpuxc', 'pengpuz']);
	});

	it('the before → after column says it counts the rules met', () => {
		expect(MESSAGES.en['scenario.compare.rulesPassed']).toBe('Rules met');
		expect(MESSAGES['zh-CN']['scenario.compare.rulesPassed']).toBe('达标规则数');
	});
});
