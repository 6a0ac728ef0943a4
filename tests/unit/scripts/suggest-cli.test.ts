/**
 * `npm run suggest` writes sites.csv with the provenance lines the app's suggested-sites CSV carries (dataset,
 * scenario, threshold, date, synthetic layers, each layer's source), made by the same functions
 * (report/model exportProvenance, report/csv provenanceCsvLines), in --lang; the sub-district names follow --lang.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { provenanceCsvLines } from '$lib/report/csv';
import { exportProvenance } from '$lib/report/model';
import { datasetInfo, readManifest } from '../../../scripts/lib/dataset-info';
import { loadInputs } from '../../../scripts/lib/load-inputs';

const DEMO = 'static/data/demo';
const FILES = { network: `${DEMO}/network.geojson`, facilities: `${DEMO}/facilities.csv`, population: `${DEMO}/population.csv`, subdistricts: `${DEMO}/subdistricts.geojson` };
const INPUTS = Object.entries(FILES).flatMap(([flag, path]) => [`--${flag}`, path]);
const dir = mkdtempSync(join(tmpdir(), 'suggest-cli-'));
const manifest = JSON.parse(readFileSync(`${DEMO}/manifest.json`, 'utf8')) as { name: string; name_en: string };

function suggest(language: 'zh-CN' | 'en'): string[] {
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/suggest.ts', ...INPUTS, '--k', '1', '--no-exact', '--lang', language, '--out', join(dir, language)], { stdio: 'pipe' });
	return readFileSync(join(dir, language, 'sites.csv'), 'utf8').replace(/^\ufeff/, '').split('\n');
}

let lines: Record<'zh-CN' | 'en', string[]>;
beforeAll(() => {
	lines = { 'zh-CN': suggest('zh-CN'), en: suggest('en') };
}, 120_000);

describe('npm run suggest: sites.csv says what the sites were computed from', () => {
	for (const language of ['zh-CN', 'en'] as const) {
		it(`${language}: the app's provenance lines above the header, then rows that still parse`, () => {
			const file = lines[language];
			const head = file.slice(0, file.findIndex((line) => line.startsWith('rank,')));
			// The same lines as the app's export for this data, but the date (the run's own minute).
			const dataset = datasetInfo(FILES.facilities, null, loadInputs(FILES), readManifest(FILES.facilities));
			const expected = provenanceCsvLines(exportProvenance({ language, dataset, scenarioName: null, thresholdMinutes: 15, travel: { mode: 'walk', speedKmh: 4.5 }, generatedAt: new Date() }), language);
			// Dataset, scenario, threshold, travel mode, speed, then the date.
			const withoutDate = (all: string[]) => all.filter((_, index) => index !== 5);
			expect(head).toHaveLength(expected.length);
			expect(withoutDate(head)).toEqual(withoutDate(expected));
			// By hand: the dataset's name from the manifest and the language's colon.
			expect(head[0]).toBe(language === 'en' ? `# Dataset: ${manifest.name_en}` : `# 数据集：${manifest.name}`);
			expect(head[5]).toMatch(language === 'en' ? /^# Generated: / : /^# 生成时间：/);
			expect(head[3]).toBe(language === 'en' ? '# Travel mode: walking' : '# 出行方式：步行');
			const rows = Papa.parse<Record<string, string>>(file.join('\n'), { header: true, comments: '#', skipEmptyLines: true }).data;
			expect(rows).toHaveLength(1);
			expect(rows[0].subdistrict_code).toBe('pengpuzhen');
			expect(rows[0].subdistrict_name).toBe(language === 'en' ? 'Pengpu Town' : '彭浦镇');
		});
	}
});
