/**
 * The standards components rendered on the server (svelte/server) with the real message bundles:
 * every string resolves (no raw "standards." key on the page), failing figures carry the red class,
 * unknown areas read "incomplete data (n facilities)", and the method of E2SFCA is stated.
 */
import { render } from 'svelte/server';
import { addMessages, init, locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';

/** Rendered markup as a reader sees it: tags and Svelte's hydration comments removed. */
const textOf = (html: string): string => html.replace(/<!--[^]*?-->/g, '').replace(/<[^>]+>/g, '');
import IndicatorTable from '$lib/components/standards/IndicatorTable.svelte';
import SubdistrictDetail from '$lib/components/standards/SubdistrictDetail.svelte';
import ProfileEditor from '$lib/components/standards/ProfileEditor.svelte';
import { DEFAULT_E2SFCA_PARAMS, e2sfcaParamsFor } from '$lib/engine/e2sfca';
import type { AreaIndicators, CentreIndicators, DistrictIndicators } from '$lib/engine/standards/indicators';
import { cloneProfile, SHANGHAI_2023 } from '$lib/engine/standards/profile';
import mainEn from '$lib/i18n/en.json';
import mainZh from '$lib/i18n/zh-CN.json';
import standardsEn from '$lib/i18n/standards.en.json';
import standardsZh from '$lib/i18n/standards.zh-CN.json';

const profile = cloneProfile(SHANGHAI_2023);

function area(code: string, figures: Partial<AreaIndicators>): AreaIndicators {
	return {
		code,
		name: `${code}街道`,
		nameEn: `${code} Road`,
		residents: 40_000,
		residentsSource: 'cells',
		cellResidents: 40_000,
		censusPopulation: null,
		capacityFacilities: 2,
		centres: 1,
		branches: 1,
		centreStatuses: ['existing'],
		centreAreaM2: 6000,
		areaUnknownCount: 0,
		areaPerThousand: 150,
		requiredAreaM2: 5000,
		areaGapM2: 0,
		beds: 50,
		bedsUnknownCount: 0,
		bedsPerThousand: 1.25,
		bedsNeededMin: 0,
		bedsNeededTarget: 10,
		newCentres: 0,
		newCentresUnderBeds: 0,
		newCentresBedsUnknown: 0,
		stations: 2,
		stationsUnderArea: 0,
		stationsAreaUnknown: 0,
		coveredResidents: 40_000,
		coveragePct: 100,
		uncoveredResidents: 0,
		unreachableResidents: 0,
		rules: { centreArea: 'pass', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'pass', coverage: 'pass' },
		failedRules: 0,
		incompleteRules: 0,
		status: 'meetsAll',
		...figures
	};
}

const failing = area('F', {
	centreAreaM2: 3000,
	areaPerThousand: 75,
	areaGapM2: 2000,
	bedsPerThousand: 0.5,
	beds: 20,
	bedsNeededMin: 20,
	rules: { centreArea: 'fail', bedsMin: 'fail', newCentreBeds: 'na', stationArea: 'pass', coverage: 'pass' },
	failedRules: 2,
	status: 'failsSeveral'
});
const incomplete = area('I', {
	areaUnknownCount: 1,
	areaPerThousand: null,
	areaGapM2: null,
	rules: { centreArea: 'incomplete', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'pass', coverage: 'pass' },
	incompleteRules: 1,
	status: 'incomplete'
});
const district: DistrictIndicators = {
	...area('', { name: '', nameEn: '', residents: 120_000 }),
	subdistricts: 3,
	areaNetGapM2: null,
	bedsNetNeededMin: 20,
	bedsNetNeededTarget: 40,
	failingSubdistricts: { centreArea: 1, bedsMin: 1, newCentreBeds: 0, stationArea: 0, coverage: 0 },
	unassignedFacilities: 0,
	unassignedCellResidents: 0
};
const centre: CentreIndicators = {
	id: 'c-F',
	name: 'F中心',
	type: 'centre',
	subdistrict: 'F',
	status: 'plan_adjusting',
	memberIds: ['c-F', 'b-F'],
	areaM2: 3000,
	areaUnknownCount: 0,
	beds: 20,
	bedsUnknownCount: 0,
	administrativePopulation: 40_000,
	catchmentPopulation: 38_000,
	servicePopulationDefinition: 'administrative',
	servicePopulation: 40_000,
	requiredAreaM2: 5000,
	areaGapM2: 2000,
	areaOutcome: 'fail',
	newCentreBedsOutcome: 'na'
};

beforeAll(() => {
	addMessages('en', { ...mainEn, ...standardsEn });
	addMessages('zh-CN', { ...mainZh, ...standardsZh });
	init({ fallbackLocale: 'zh-CN', initialLocale: 'en' });
});

for (const language of ['en', 'zh-CN'] as const) {
	describe(`standards components (${language})`, () => {
		beforeAll(() => locale.set(language));

		it('IndicatorTable: rows, a district total, failing cells red, unknown area as incomplete data', () => {
			const { body } = render(IndicatorTable, { props: { rows: [area('A', {}), failing, incomplete], district, profile, selectedCode: 'F', onSelect: () => undefined, coverageMinutes: 10 } });
			// The header as read: its words are separate spans (WrapAtSpaces), so the markup is read as text.
			expect(textOf(body)).toContain(language === 'en' ? '10-min coverage' : '10 分钟覆盖率');
			expect(body).not.toMatch(/standards\./);
			expect(body.match(/<tr[^>]*data-code="[AFI]"/g)?.length).toBe(3);
			expect(body).toMatch(/<tfoot[ >][\s\S]*<tr data-code="">/);
			expect(body.match(/<td class="number[^"]*\bfail\b/g)?.length).toBe(4); // m²/1,000, gap, beds/1,000, beds needed of F
			expect(body).toContain(language === 'en' ? 'incomplete data (1 facility)' : '数据不全（1 个设施）');
		});

		it('SubdistrictDetail: every rule with its threshold, gaps of failing rules, centres labelled by service population, the E2SFCA method', () => {
			const { body } = render(SubdistrictDetail, {
				props: {
					row: failing,
					centres: [centre],
					profile,
					servicePopulation: 'administrative',
					e2sfca: { params: DEFAULT_E2SFCA_PARAMS, bedsPerThousand: 0.8, areaM2PerThousand: 90, incompleteResidents: 0 }
				}
			});
			expect(body).not.toMatch(/standards\./);
			expect(body).toContain(language === 'en' ? 'short by 2,000 m²' : '缺 2,000 m²');
			expect(body).toContain(language === 'en' ? '20 more beds to reach 1.0 per 1,000' : '需增加 20 床');
			expect(body).toContain('E2SFCA');
			expect(body).toContain('0.68');
			expect(body).toContain('0–5: 1, 5–10: 0.68, 10–15: 0.22');
			expect(body).toContain(language === 'en' ? 'Service population (administrative)' : '服务人口（辖区）');
			expect(body).toContain('F中心');
		});

		it('SubdistrictDetail and IndicatorTable: a threshold of 7.5 minutes reads 7.5, never rounded to 8', () => {
			const detail = render(SubdistrictDetail, {
				props: {
					row: failing,
					centres: [centre],
					profile,
					servicePopulation: 'administrative',
					coverageMinutes: 7.5,
					e2sfca: { params: e2sfcaParamsFor(12.5), bedsPerThousand: 0.8, areaM2PerThousand: 90, incompleteResidents: 0 }
				}
			}).body;
			const expected =
				language === 'en'
					? ['within 7.5 min', '7.5-min coverage', '12.5-minute']
					: ['7.5 分钟内覆盖', '7.5 分钟覆盖率', '12.5 分钟'];
			for (const text of expected) expect(detail).toContain(text);
			// The coverage rule goes by the page's one coverage label (the report's too), not a second name beside it.
			expect(detail).not.toMatch(/服务圈覆盖|circle coverage/);
			expect(detail).not.toMatch(/\b8 ?(分钟|min)|\b13 ?(分钟|min)|8-minute|13-minute/);
			const table = render(IndicatorTable, { props: { rows: [failing], district, profile, selectedCode: null, onSelect: () => undefined, coverageMinutes: 7.5 } }).body;
			expect(textOf(table)).toContain(language === 'en' ? '7.5-min coverage' : '7.5 分钟覆盖率');
			// The E2SFCA bands of a 12.5-minute catchment, worded like every other figure: 4.167, not 4.2 nor 4.17; 0 and whole minutes without ".0".
			expect(detail).toContain('0–4.167: 1, 4.167–8.333: 0.68, 8.333–12.5: 0.22');
		});

		it('SubdistrictDetail: a centre-area minimum switched off is not stated as a requirement (the Legacy profile)', () => {
			const withoutMinimum = cloneProfile(profile);
			withoutMinimum.rules.centreAreaMinimum.enabled = false;
			const detail = textOf(
				render(SubdistrictDetail, { props: { row: failing, centres: [centre], profile: withoutMinimum, servicePopulation: 'administrative', coverageMinutes: 15, e2sfca: null } }).body
			);
			expect(detail).toContain(language === 'en' ? '100 m² per 1,000 residents (no minimum)' : '每千人 100 m²（无最低面积）');
			expect(detail).not.toMatch(/m² below [\d,]+ residents|服务人口不足/);
		});

		it('ProfileEditor: the built-in profiles and every rule', () => {
			const { body } = render(ProfileEditor, { props: { profile, onChange: () => undefined, store: { load: () => ({ profiles: [], refused: [] }), save: () => undefined, remove: () => undefined } } });
			expect(body).not.toMatch(/standards\./);
			expect(body).toContain(language === 'en' ? 'Shanghai 2023' : '上海 2023');
			expect(body.match(/type="number"/g)?.length).toBe(9); // 8 rules + the population limit of the minimum area
		});
	});
}
