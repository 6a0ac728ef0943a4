/**
 * English counts read right for one and for many: the messages that put a count before a noun, rendered
 * through svelte-i18n with the app's own bundles (MESSAGES), the same layer the page uses. The expected
 * sentences are written out by hand, not derived from the bundles.
 */
import { addMessages, format, init, locale } from 'svelte-i18n';
import { get } from 'svelte/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, MESSAGES } from '$lib/i18n';

beforeAll(async () => {
	for (const language of LANGUAGES) addMessages(language, MESSAGES[language]);
	await init({ fallbackLocale: 'zh-CN', initialLocale: 'en' });
});

function say(language: 'en' | 'zh-CN', key: string, values: Record<string, string | number>): string {
	locale.set(language);
	return get(format)(key, { values });
}

const network = { nodes: '10', edges: '12', km: '3.4' };

describe('English counts before a noun', () => {
	it('the import dialog: 1 row, 1 facility lies, 1 population cell lies, 1 resident; grouped in both languages', () => {
		expect(say('en', 'import.result.skipped', { count: 1 })).toBe('1 row rejected');
		expect(say('en', 'import.result.skipped', { count: 1234 })).toBe('1,234 rows rejected');
		expect(say('en', 'import.result.loaded', { count: 1 })).toBe('1 row can be loaded');
		expect(say('en', 'import.loadValid', { count: 1 })).toBe('Load 1 valid row');
		expect(say('en', 'import.preview.rows', { count: 2 })).toBe('2 rows');
		expect(say('en', 'import.result.outside', { count: 1 })).toBe('1 facility lies outside every loaded sub-district (listed below)');
		expect(say('en', 'import.result.cellsOutside', { count: 1 })).toBe('1 population cell lies outside the loaded sub-districts');
		expect(say('en', 'import.result.cellsOutside', { count: 3 })).toBe('3 population cells lie outside the loaded sub-districts');
		expect(say('en', 'import.result.total', { count: 975707 })).toBe('975,707 residents in total');
		expect(say('zh-CN', 'import.result.total', { count: 975707 })).toBe('人口合计 975,707');
		expect(say('zh-CN', 'import.result.skipped', { count: 1234 })).toBe('1,234 行未通过校验');
	});

	it('the network line: 1 connected component, 2 connected components', () => {
		expect(say('en', 'coverage.network', { ...network, components: 1 })).toBe('Network: 10 nodes, 12 street segments, 3.4 km, 1 connected component');
		expect(say('en', 'coverage.network', { ...network, components: 2 })).toBe('Network: 10 nodes, 12 street segments, 3.4 km, 2 connected components');
	});

	it('edits of a scenario: 1 edit, 2 edits', () => {
		expect(say('en', 'scenarioDelete.confirm', { name: 'A', count: 1 })).toBe('Delete scenario “A” and its 1 edit? This cannot be undone.');
		expect(say('en', 'scenarioDelete.confirm', { name: 'A', count: 2 })).toBe('Delete scenario “A” and its 2 edits? This cannot be undone.');
		expect(say('en', 'scenario.imported', { name: 'A', count: 1 })).toBe('Scenario “A” imported with 1 edit');
		expect(say('en', 'scenario.imported', { name: 'A', count: 2 })).toBe('Scenario “A” imported with 2 edits');
		expect(say('en', 'scenario.banner', { name: 'A', count: 1 })).toContain('with 1 proposed edit, not');
		expect(say('en', 'scenario.banner', { name: 'A', count: 2 })).toContain('with 2 proposed edits, not');
		expect(say('en', 'siting.start.scenario', { name: 'A', count: 1 })).toContain('(1 edit)');
		expect(say('en', 'siting.start.scenario', { name: 'A', count: 2 })).toContain('(2 edits)');
	});

	it('rows loaded: 1 row, 1,234 rows (grouped as the other figures are), and grouped in Chinese too', () => {
		expect(say('en', 'data.counts', { loaded: 1, skipped: '0' })).toBe('1 row loaded, 0 skipped');
		expect(say('en', 'data.counts', { loaded: 1234, skipped: '0' })).toBe('1,234 rows loaded, 0 skipped');
		expect(say('zh-CN', 'data.counts', { loaded: 1234, skipped: '0' })).toBe('已加载 1,234 行，跳过 0 行');
	});

	it('site suggestions: 1 candidate, 1 site, at least 1 is needed', () => {
		const left = { outside: 0, excluded: 0, unsnapped: 0 };
		expect(say('en', 'siting.summary.candidates', { count: 1, ...left })).toMatch(/^1 candidate \(/);
		expect(say('en', 'siting.summary.candidates', { count: 2345, ...left })).toMatch(/^2,345 candidates \(/);
		expect(say('zh-CN', 'siting.summary.candidates', { count: 2345, ...left })).toMatch(/^候选点 2,345 个/);
		expect(say('en', 'siting.gap.lscp.exact', { sites: 1, bound: 1 })).toBe('1 site; the exact MILP (HiGHS) needs 1.');
		expect(say('en', 'siting.gap.lscp.online', { sites: 1, bound: 1, why: 'x' })).toMatch(/^1 site; at least 1 is needed,/);
		expect(say('en', 'siting.gap.lscp.solver', { sites: 2, bound: 2, why: 'x' })).toMatch(/^2 sites; at least 2 are needed,/);
	});

	it('residents: 1 resident is, 2 residents are (and grouped in both languages)', () => {
		expect(say('en', 'coverage.unreachable', { residents: 1 })).toMatch(/^1 resident unreachable \(/);
		expect(say('en', 'coverage.unreachable', { residents: 1234 })).toMatch(/^1,234 residents unreachable \(/);
		expect(say('en', 'coverage.isolated', { residents: 1 })).toBe('1 resident lives in parts of the network with no counted facility');
		expect(say('en', 'coverage.isolated', { residents: 2 })).toBe('2 residents live in parts of the network with no counted facility');
		expect(say('en', 'residentsCheck.outside', { residents: 1 })).toMatch(/^1 resident is located outside every sub-district/);
		expect(say('en', 'residentsCheck.outside', { residents: 70 })).toMatch(/^70 residents are located outside every sub-district/);
		expect(say('zh-CN', 'coverage.unreachable', { residents: 1234 })).toMatch(/^1,234 人无法到达/);
	});

	it('Chinese, which has no plural, is unchanged', () => {
		expect(say('zh-CN', 'coverage.network', { ...network, components: 1 })).toBe('路网：10 个节点、12 条路段、3.4 km，1 个连通分量');
	});
});
