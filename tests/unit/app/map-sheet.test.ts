import { describe, expect, it } from 'vitest';
import { mapSheetText } from '$lib/app/map-sheet';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';
import type { SourceSummary } from '$lib/io/dataset';

const translateIn =
	(language: Language): Translate =>
	(id, values) =>
		(MESSAGES[language][id] ?? id).replace(/\{(\w+)\}/g, (_, key: string) => String(values?.[key] ?? `{${key}}`));

const source = (kind: SourceSummary['kind'], fileName: string, fromDemo: boolean): SourceSummary => ({ kind, fileName, loaded: 1, skipped: 0, conversion: null, fromDemo });
const generatedAt = new Date('2026-12-07T08:00:00Z');

describe('the map PNG’s words', () => {
	it('name the dataset, the scenario, the view, the mode and threshold, the date, each layer’s file and which layers are synthetic', () => {
		const text = mapSheetText({
			datasetName: '静安区',
			scenarioName: '彭浦新站',
			viewName: '达标状况：与标准的最大相对差距',
			mode: 'walk',
			thresholdMinutes: 15,
			generatedAt,
			sources: [source('facilities', '机构.csv', false), source('population', 'population.csv', true), source('subdistricts', 'subdistricts.geojson', true), source('network', 'network.geojson', true)],
			language: 'zh-CN',
			translate: translateIn('zh-CN')
		});
		expect(text.title).toBe('静安区·方案“彭浦新站”');
		expect(text.subtitle).toBe('达标状况：与标准的最大相对差距·步行 15 分钟');
		expect(text.footer[0]).toBe('生成时间：2026年12月7日 ' + new Intl.DateTimeFormat('zh-CN', { timeStyle: 'short' }).format(generatedAt));
		expect(text.footer[1]).toBe('数据来源：设施 机构.csv；人口 population.csv；街镇边界 subdistricts.geojson；路网 network.geojson');
		expect(text.footer[2]).toBe('合成示例数据（非真实数据）：人口；街镇边界；路网');
	});

	it('say the baseline and no synthetic data in English when every layer is the planner’s', () => {
		const text = mapSheetText({
			datasetName: 'Jing’an',
			scenarioName: null,
			viewName: 'Covered',
			mode: 'elderly',
			thresholdMinutes: 7.5,
			generatedAt,
			sources: [source('facilities', 'a.csv', false)],
			language: 'en',
			translate: translateIn('en')
		});
		expect(text.title).toBe('Jing’an · Current situation');
		expect(text.subtitle).toMatch(/^Covered · .+, 7\.5 min$/);
		expect(text.footer[2]).toBe('No synthetic demo data');
	});

	it('mark every layer synthetic for the generated demo', () => {
		const text = mapSheetText({
			datasetName: 'demo',
			scenarioName: null,
			viewName: 'v',
			mode: 'walk',
			thresholdMinutes: 15,
			generatedAt,
			sources: [source('facilities', 'f.csv', true), source('network', 'n.geojson', true)],
			language: 'en',
			translate: translateIn('en')
		});
		expect(text.footer[2]).toBe('Synthetic demo data (not real): Facilities; Street network');
	});
});
