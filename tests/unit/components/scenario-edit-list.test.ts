/**
 * The scenario's change log, rendered on the server with the real bundles: each line names the facility as it
 * was when the edit was made (a later rename does not rewrite earlier lines), and an unknown figure reads
 * "beds unknown" / "床位数未知", never "未知 张床位".
 */
import { render } from 'svelte/server';
import { addMessages, init, locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import ScenarioEditList from '$lib/components/scenario/ScenarioEditList.svelte';
import type { ScenarioEdit } from '$lib/engine/scenario/edits';
import { MESSAGES } from '$lib/i18n';

const edits: ScenarioEdit[] = [
	{
		kind: 'add',
		facility: { id: 'p1', name: '彭浦镇新站A', type: 'station', subdistrict: '', lon: 121.45, lat: 31.3, areaM2: null, beds: null, status: 'proposed', parentId: null }
	},
	{ kind: 'update', id: 'p1', changes: { name: '=1+1 测试站' } },
	{ kind: 'update', id: 'p1', changes: { areaM2: 300 } },
	{ kind: 'update', id: 'c1', changes: { name: '新名中心', beds: null } },
	{ kind: 'close', id: 'c1' },
	// The scenario's own proposal removed: withdrawn, not a facility closed.
	{ kind: 'close', id: 'p1' }
];
const baselineNames = new Map([['c1', '旧名中心']]);

/** The lines as read: Svelte's comment markers and the names' bidi isolates (FSI … PDI, tested in hostile-values.spec) left out. */
const lines = (body: string) => [...body.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1].replace(/<!--[^>]*-->/g, '').replace(/[\u2068\u2069]/g, ''));

beforeAll(() => {
	addMessages('en', MESSAGES.en);
	addMessages('zh-CN', MESSAGES['zh-CN']);
	init({ fallbackLocale: 'zh-CN', initialLocale: 'zh-CN' });
});

describe('ScenarioEditList', () => {
	it('zh-CN: names as they were at each edit, unknown figures in words', () => {
		locale.set('zh-CN');
		const { body } = render(ScenarioEditList, { props: { edits, baselineNames } });
		expect(lines(body)).toEqual([
			'新增社区卫生服务站“彭浦镇新站A”（建筑面积未知，床位数未知）',
			'修改“彭浦镇新站A”：名称 =1+1 测试站',
			'修改“=1+1 测试站”：建筑面积 300 m²',
			'修改“旧名中心”：名称 新名中心，床位数未知',
			'关闭“新名中心”',
			'撤回拟建“=1+1 测试站”'
		]);
		expect(body).not.toContain('未知 张');
	});

	it('en: the same history in English', () => {
		locale.set('en');
		const { body } = render(ScenarioEditList, { props: { edits, baselineNames } });
		const shown = lines(body);
		expect(shown[0]).toMatch(/“彭浦镇新站A” \(area unknown, beds unknown\)$/);
		expect(shown[1]).toBe('Change “彭浦镇新站A”: name =1+1 测试站');
		expect(shown[4]).toBe('Close “新名中心”');
		expect(shown[5]).toBe('Withdraw the proposal “=1+1 测试站”');
	});
});
