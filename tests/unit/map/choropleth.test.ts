import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OVERALL_STATUSES, RULE_IDS, RULE_OUTCOMES, type AreaIndicators } from '$lib/engine/standards/indicators';
import { RULE_KEYS, RULE_UNITS, SHANGHAI_2023 } from '$lib/engine/standards/profile';
import { CHOROPLETH_INDICATORS, choropleth, NO_DATA_COLOR, SEVERITY_COLORS } from '$lib/map/choropleth';
import { facilityRuleGaps, severity } from '$lib/engine/standards/severity';
import type { Facility, FacilityStatus, FacilityType } from '$lib/engine/types';
import firstViewEn from '$lib/i18n/first-view.en.json';
import firstViewZhCN from '$lib/i18n/first-view.zh-CN.json';
import en from '$lib/i18n/standards.en.json';
import zhCN from '$lib/i18n/standards.zh-CN.json';

function area(code: string, figures: Partial<AreaIndicators>): AreaIndicators {
	return {
		code,
		name: code,
		nameEn: code,
		residents: 1000,
		residentsSource: 'cells',
		cellResidents: 1000,
		censusPopulation: null,
		capacityFacilities: 1,
		centres: 1,
		branches: 0,
		centreStatuses: ['existing'],
		centreAreaM2: 0,
		areaUnknownCount: 0,
		areaPerThousand: null,
		requiredAreaM2: null,
		areaGapM2: null,
		beds: 0,
		bedsUnknownCount: 0,
		bedsPerThousand: null,
		bedsNeededMin: null,
		bedsNeededTarget: null,
		newCentres: 0,
		newCentresUnderBeds: 0,
		newCentresBedsUnknown: 0,
		stations: 0,
		stationsUnderArea: 0,
		stationsAreaUnknown: 0,
		coveredResidents: null,
		coveragePct: null,
		uncoveredResidents: null,
		unreachableResidents: null,
		rules: { centreArea: 'pass', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'na', coverage: 'pass' },
		failedRules: 0,
		incompleteRules: 0,
		status: 'meetsAll',
		...figures
	};
}

function facility(id: string, type: FacilityType, subdistrict: string, status: FacilityStatus, areaM2: number | null, beds: number | null): Facility {
	return { id, name: id, type, subdistrict, lon: 121.45, lat: 31.25, areaM2, beds, status, parentId: null };
}

describe('choropleth', () => {
	it('colours the status map by how badly an area fails (largest relative gap), not by how many rules fail', () => {
		// Hand-computed gaps against SHANGHAI_2023 (coverage target 100 %, beds minimum 1.0 per 1,000):
		const rows = [
			area('MEETS', {}),
			// Two small failures: area 100 m² short of 5,000 (2 %), beds 0.95 of 1.0 (5 %) → worst 5 %, class 1.
			area('SMALL', { areaGapM2: 100, requiredAreaM2: 5000, bedsPerThousand: 0.95, rules: { centreArea: 'fail', bedsMin: 'fail', newCentreBeds: 'na', stationArea: 'na', coverage: 'pass' }, failedRules: 2, status: 'failsSeveral' }),
			// One failure, coverage 34 % of a 100 % target → gap 66 %, class 4 (≥ 50 %): like 大宁路 with 60,091 residents uncovered.
			area('LARGE', { coveragePct: 34, rules: { centreArea: 'pass', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'na', coverage: 'fail' }, failedRules: 1, status: 'failsOne' }),
			// A station of 160 m² where 200 are the minimum → 20 %, class 2 (the other stations meet it).
			area('STATIONS', { stations: 2, stationsUnderArea: 1, rules: { centreArea: 'pass', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'fail', coverage: 'pass' }, failedRules: 1, status: 'failsOne' }),
			// Its one new centre has 73 of 100 beds → 27 %, class 3: not "1 of 1 new centres under" = 100 %, which ranked it
			// above 60,000 residents uncovered.
			area('NEWCENTRE', { newCentres: 1, newCentresUnderBeds: 1, rules: { centreArea: 'pass', bedsMin: 'pass', newCentreBeds: 'fail', stationArea: 'na', coverage: 'pass' }, failedRules: 1, status: 'failsOne' }),
			// Area gap 1,500 of 5,000 m² → 30 %, class 3.
			area('AREA', { areaGapM2: 1500, requiredAreaM2: 5000, rules: { centreArea: 'fail', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'na', coverage: 'pass' }, failedRules: 1, status: 'failsOne' }),
			area('UNKNOWN', { rules: { centreArea: 'incomplete', bedsMin: 'pass', newCentreBeds: 'na', stationArea: 'na', coverage: 'pass' }, incompleteRules: 1, status: 'incomplete' })
		];
		const facilities = [
			facility('st-small', 'station', 'STATIONS', 'existing', 160, null),
			facility('st-ok', 'station', 'STATIONS', 'existing', 250, null),
			facility('new', 'centre', 'NEWCENTRE', 'under_construction', 6000, 73),
			// An existing centre is not held to the new-centre minimum.
			facility('old', 'centre', 'NEWCENTRE', 'existing', 6000, 10)
		];
		const map = choropleth(rows, 'status', SHANGHAI_2023, facilities);
		expect(map.titleKey).toBe('severity.title');
		const classOf = (code: string) => SEVERITY_COLORS.indexOf(map.fill(code) as (typeof SEVERITY_COLORS)[number]);
		expect(['MEETS', 'SMALL', 'STATIONS', 'AREA', 'NEWCENTRE', 'LARGE'].map(classOf)).toEqual([0, 1, 2, 3, 3, 4]);
		const gaps = facilityRuleGaps(facilities, SHANGHAI_2023);
		expect(severity(rows.find((row) => row.code === 'NEWCENTRE')!, SHANGHAI_2023, gaps)).toEqual({ gap: expect.closeTo(0.27, 9), rule: 'newCentreBeds' });
		expect(map.fill('UNKNOWN')).toEqual(NO_DATA_COLOR);
		expect(map.fill('missing')).toBeNull();
		// Fails several (two small gaps) is lighter than fails one (a large gap): the old count-of-rules map had it the other way.
		expect(classOf('SMALL')).toBeLessThan(classOf('LARGE'));
		expect(severity(rows[2], SHANGHAI_2023, gaps)).toEqual({ gap: expect.closeTo(0.66, 9), rule: 'coverage' });
		expect(map.legend.map(({ labelKey, from, to }) => [labelKey, from, to])).toEqual([
			['severity.legend.meetsAll', undefined, undefined],
			['severity.legend.below', undefined, 10],
			['severity.legend.range', 10, 25],
			['severity.legend.range', 25, 50],
			['severity.legend.atLeast', 50, undefined],
			['severity.legend.incomplete', undefined, undefined]
		]);
		for (const entry of map.legend) expect(firstViewEn).toHaveProperty([entry.labelKey]);
		for (const entry of map.legend) expect(firstViewZhCN).toHaveProperty([entry.labelKey]);
	});

	it('classes m² per 1,000 against the profile: < 50, 50–80, 80–100, ≥ 100 (the standard), null = no data', () => {
		const values = [10, 49.99, 50, 79, 80, 99.9, 100, 250, null];
		const map = choropleth(values.map((areaPerThousand, i) => area(`S${i}`, { areaPerThousand })), 'areaPerThousand', SHANGHAI_2023, []);
		const classOf = (i: number) => map.legend.findIndex((entry) => entry.color === map.fill(`S${i}`));
		expect(values.map((_, i) => classOf(i))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4]);
		expect(map.fill('S8')).toEqual(NO_DATA_COLOR);
		expect(map.legend.slice(0, 4).map(({ labelKey, from, to }) => [labelKey, from, to])).toEqual([
			['standards.legend.below', undefined, 50],
			['standards.legend.range', 50, 80],
			['standards.legend.range', 80, 100],
			['standards.legend.atLeast', 100, undefined]
		]);
	});

	it('splits beds at the minimum and the target (1.0 and 1.5 per 1,000)', () => {
		const values = [0.2, 0.6, 0.9, 1.0, 1.49, 1.5];
		const map = choropleth(values.map((bedsPerThousand, i) => area(`S${i}`, { bedsPerThousand })), 'bedsPerThousand', SHANGHAI_2023, []);
		const classOf = (i: number) => map.legend.findIndex((entry) => entry.color === map.fill(`S${i}`));
		expect(values.map((_, i) => classOf(i))).toEqual([0, 1, 2, 3, 3, 4]);
	});

	it('gives a zero gap its own class and grows from there', () => {
		const values = [0, 1, 1000, 1001, 3000, 3001, null];
		const map = choropleth(values.map((areaGapM2, i) => area(`S${i}`, { areaGapM2 })), 'areaGapM2', SHANGHAI_2023, []);
		const classOf = (i: number) => map.legend.findIndex((entry) => entry.color === map.fill(`S${i}`));
		expect(values.map((_, i) => classOf(i))).toEqual([0, 1, 1, 2, 2, 3, 4]);
		expect(map.legend[0].labelKey).toBe('standards.legend.none');
	});
});

describe('standards message bundles', () => {
	const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();

	it('have the same keys and placeholders in both languages, all prefixed standards.', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			expect(key.startsWith('standards.'), key).toBe(true);
			expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
		}
	});

	it('hold every key the standards components, the choropleth and the dynamic key families use', () => {
		const used = new Set<string>();
		const dir = 'src/lib/components/standards';
		for (const file of readdirSync(dir).filter((name) => name.endsWith('.svelte'))) {
			for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/\$_\('(standards\.[\w.-]+)'/g)) used.add(match[1]);
		}
		for (const match of readFileSync('src/lib/map/choropleth.ts', 'utf8').matchAll(/'(standards\.[\w.-]+)'/g)) used.add(match[1]);
		const families = [
			...RULE_IDS.map((rule) => `standards.rule.${rule}`),
			...RULE_OUTCOMES.map((outcome) => `standards.outcome.${outcome}`),
			...OVERALL_STATUSES.map((status) => `standards.status.${status}`),
			...RULE_KEYS.map((key) => `standards.ruleKey.${key}`),
			...Object.values(RULE_UNITS).map((unit) => `standards.unit.${unit}`),
			...CHOROPLETH_INDICATORS.map((indicator) => `standards.map.${indicator}`),
			...['census', 'cells', 'mixed'].map((source) => `standards.residentsSource.${source}`),
			...['administrative', 'catchment'].flatMap((d) => [`standards.servicePopulation.${d}`, `standards.servicePopulationHint.${d}`]),
			...['name', 'residents', 'areaPerThousand', 'areaGapM2', 'bedsPerThousand', 'bedsNeededMin', 'stationsUnderArea', 'coveragePct', 'uncoveredResidents', 'status'].map((c) => `standards.column.${c}`)
		];
		const missing = [...used, ...families].filter((key) => !(key in en));
		expect(missing).toEqual([]);
	});
});
