/**
 * A scenario's default name follows the reader's language; a name the planner typed never changes. The
 * state is created in Chinese, reopened from IndexedDB (fake-indexeddb, what a reload does) and named in
 * English; the expected names are written out by hand.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ScenarioState } from '$lib/app/scenarios.svelte';
import { scenarioName } from '$lib/app/scenario-name';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';
import { readScenario, type ScenarioFileProblem } from '$lib/io/scenario-file';
import { messageTranslator } from '$lib/i18n/message';

const translator = (language: Language): Translate => messageTranslator(MESSAGES[language], language, 'app');
const saved = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('scenario names', () => {
	it('a default name made in Chinese reads "Scenario 1" in English, also after a reload', async () => {
		const state = new ScenarioState();
		await state.open('fp-default-name');
		const created = state.create('方案 1', new Date(), 1);
		expect(scenarioName(created, translator('zh-CN'))).toBe('方案 1');
		expect(scenarioName(created, translator('en'))).toBe('Scenario 1');
		await saved();
		const reloaded = new ScenarioState();
		await reloaded.open('fp-default-name');
		expect(reloaded.scenarios.map((scenario) => scenarioName(scenario, translator('en')))).toEqual(['Scenario 1']);
	});

	it('a name the planner typed stays exactly as typed in every language, even one that looks like a default', async () => {
		const state = new ScenarioState();
		await state.open('fp-typed-name');
		const created = state.create('Scenario 2', new Date(), 2);
		state.rename(created.id, '方案 2');
		const renamed = state.scenarios[0];
		expect(scenarioName(renamed, translator('en'))).toBe('方案 2');
		expect(scenarioName(renamed, translator('zh-CN'))).toBe('方案 2');
		const typed = state.create('彭浦镇新增站');
		expect(scenarioName(typed, translator('en'))).toBe('彭浦镇新增站');
		await saved();
		const reloaded = new ScenarioState();
		await reloaded.open('fp-typed-name');
		expect(reloaded.scenarios.map((scenario) => scenarioName(scenario, translator('en')))).toEqual(['方案 2', '彭浦镇新增站']);
	});

	it('a scenario file keeps the default marker, and refuses a malformed one', () => {
		const base = { id: 's1', name: '方案 3', createdAt: '2026-12-07T00:00:00.000Z', updatedAt: '2026-12-07T00:00:00.000Z', edits: [] };
		const problems: ScenarioFileProblem[] = [];
		const read = readScenario({ ...base, defaultNumber: 3 }, problems);
		expect(problems).toEqual([]);
		expect(read && scenarioName(read, translator('en'))).toBe('Scenario 3');
		expect(readScenario({ ...base, defaultNumber: 'x' }, problems)).toBeNull();
		expect(problems.map((problem) => problem.params.field)).toEqual(['scenario.defaultNumber']);
	});
});
