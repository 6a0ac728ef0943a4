import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	BUILT_IN_PROFILES,
	cloneProfile,
	customCopy,
	LEGACY_DISTRICT_NORM,
	requiredCentreAreaM2,
	SHANGHAI_2023,
	sourceText,
	type StandardsProfile
} from '$lib/engine/standards/profile';
import { overallStatus, type RuleId, type RuleOutcome } from '$lib/engine/standards/indicators';
import { nearestCentreParams } from '$lib/engine/standards/service-population';
import { parseProfileJson, validateProfile } from '$lib/engine/standards/validate';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/params';
import { localProfileStore } from '$lib/io/profile-store';

describe('built-in profiles', () => {
	it('validate, and hold the figures of the domain brief', () => {
		for (const profile of BUILT_IN_PROFILES) expect(validateProfile(profile)).toMatchObject({ ok: true });
		const { rules } = SHANGHAI_2023;
		expect([rules.centreAreaPerThousand.value, rules.centreAreaMinimum.value, rules.centreAreaMinimum.belowPopulation]).toEqual([100, 5000, 50_000]);
		expect([rules.bedsPerThousandMin.value, rules.bedsPerThousandTarget.value, rules.newCentreBeds.value, rules.stationAreaMin.value, rules.coverageMinutes.value]).toEqual([1, 1.5, 100, 200, 15]);
		expect(SHANGHAI_2023.capacityTypes).toEqual(['centre', 'branch']);
		expect(LEGACY_DISTRICT_NORM.rules.centreAreaPerThousand.value).toBe(60); // 600 m² per 10,000
		expect(LEGACY_DISTRICT_NORM.rules.stationAreaMin.value).toBe(150);
		for (const profile of BUILT_IN_PROFILES) for (const rule of Object.values(profile.rules)) for (const language of ['zh-CN', 'en'] as const) expect(sourceText(rule.source, language).length).toBeGreaterThan(10);
	});

	it('are frozen; copies are editable and marked custom', () => {
		expect(() => {
			(SHANGHAI_2023.rules.centreAreaPerThousand as { value: number }).value = 1;
		}).toThrow();
		const copy = customCopy(SHANGHAI_2023, 'custom-1', { 'zh-CN': '试验', en: 'Trial' });
		copy.rules.centreAreaPerThousand.value = 80;
		expect(copy).toMatchObject({ id: 'custom-1', builtIn: false, basedOn: 'shanghai-2023' });
		expect(SHANGHAI_2023.rules.centreAreaPerThousand.value).toBe(100);
		expect(validateProfile(copy)).toMatchObject({ ok: true });
	});
});

describe('required centre area', () => {
	it('is max(5,000, 0.1 × population) under Shanghai 2023', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: 2_000_000, noNaN: true }), (population) => {
				expect(requiredCentreAreaM2(SHANGHAI_2023.rules, population)).toBeCloseTo(Math.max(5000, 0.1 * population), 6);
			})
		);
		expect(requiredCentreAreaM2(SHANGHAI_2023.rules, 49_999)).toBe(5000);
		expect(requiredCentreAreaM2(SHANGHAI_2023.rules, 52_345)).toBe(5234.5);
	});

	it('is 0.06 × population with no minimum under the legacy norm', () => {
		expect(requiredCentreAreaM2(LEGACY_DISTRICT_NORM.rules, 30_000)).toBe(1800);
	});
});

describe('profile validation', () => {
	const broken = (edit: (profile: Record<string, unknown> & StandardsProfile) => void) => {
		const profile = cloneProfile(SHANGHAI_2023) as Record<string, unknown> & StandardsProfile;
		edit(profile);
		return validateProfile(profile);
	};

	/** A view of a typed part of the profile that lets the test write what a bad file would hold. */
	const loose = (value: object) => value as unknown as Record<string, unknown>;

	it('refuses a bad profile naming the field and the reason', () => {
		const cases: [string, (p: Record<string, unknown> & StandardsProfile) => void, string, RegExp][] = [
			['wrong version', (p) => ((p as Record<string, unknown>).version = 2), 'version', /must be 1/],
			['wrong format', (p) => ((p as Record<string, unknown>).format = 'other'), 'format', /health-circle/],
			['negative area', (p) => (p.rules.centreAreaPerThousand.value = -5), 'rules.centreAreaPerThousand.value', /greater than 0/],
			['text instead of a number', (p) => (loose(p.rules.bedsPerThousandMin).value = '1.0'), 'rules.bedsPerThousandMin.value', /finite number/],
			['percent over 100', (p) => (p.rules.coverageTargetPct.value = 120), 'rules.coverageTargetPct.value', /at most 100/],
			['wrong unit', (p) => (loose(p.rules.centreAreaPerThousand).unit = 'm2_per_10000_residents'), 'rules.centreAreaPerThousand.unit', /m2_per_1000_residents/],
			['unknown rule', (p) => (loose(p.rules).doctorsPerThousand = { enabled: true, value: 1 }), 'rules.doctorsPerThousand', /unknown rule/],
			['missing rule', (p) => delete loose(p.rules).stationAreaMin, 'rules.stationAreaMin', /missing/],
			['empty source', (p) => (p.rules.stationAreaMin.source = ' '), 'rules.stationAreaMin.source', /empty/],
			['unknown facility type', (p) => ((p as Record<string, unknown>).capacityTypes = ['centre', 'clinic']), 'capacityTypes', /"clinic"/],
			['centre left out of capacity', (p) => (p.capacityTypes = ['branch']), 'capacityTypes', /must include "centre"/],
			['unknown status', (p) => (loose(p.rules.newCentreBeds).statuses = ['planned']), 'rules.newCentreBeds.statuses', /"planned"/],
			['target below minimum', (p) => (p.rules.bedsPerThousandTarget.value = 0.5), 'rules.bedsPerThousandTarget.value', /bedsPerThousandMin/],
			['time budget switched off', (p) => (p.rules.coverageMinutes.enabled = false), 'rules.coverageMinutes.enabled', /must be true/],
			// The budget is the coverage threshold: the controls' range (1 to 60 minutes), not a looser one of its own.
			['time budget above the threshold range', (p) => (p.rules.coverageMinutes.value = 200), 'rules.coverageMinutes.value', /at most 60/],
			['time budget below the threshold range', (p) => (p.rules.coverageMinutes.value = 0.5), 'rules.coverageMinutes.value', /at least 1/],
			['name missing a language', (p) => (loose(p.name).en = undefined), 'name.en', /missing/]
		];
		for (const [label, edit, field, reason] of cases) {
			const result = broken(edit);
			expect(result.ok, label).toBe(false);
			if (result.ok) continue;
			const problem = result.problems.find((p) => p.field === field);
			expect(problem, `${label}: ${JSON.stringify(result.problems)}`).toBeDefined();
			expect(problem!.reason, label).toMatch(reason);
		}
	});

	it('reports every problem at once, and JSON syntax errors as a problem of the file', () => {
		const result = broken((p) => {
			p.rules.centreAreaPerThousand.value = -1;
			p.rules.stationAreaMin.value = Number.NaN;
		});
		expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['rules.centreAreaPerThousand.value', 'rules.stationAreaMin.value']);
		expect(parseProfileJson('{"format": ')).toMatchObject({ ok: false, problems: [{ field: '(file)' }] });
		expect(parseProfileJson(JSON.stringify(SHANGHAI_2023))).toMatchObject({ ok: true, profile: { id: 'shanghai-2023' } });
	});
});

describe('overall status and the nearest-centre run', () => {
	const rules = (outcomes: RuleOutcome[]): Record<RuleId, RuleOutcome> => ({
		centreArea: outcomes[0],
		bedsMin: outcomes[1],
		newCentreBeds: outcomes[2],
		stationArea: outcomes[3],
		coverage: outcomes[4]
	});

	it('counts failures first, then missing data', () => {
		expect(overallStatus(rules(['pass', 'pass', 'na', 'off', 'pass']))).toBe('meetsAll');
		expect(overallStatus(rules(['pass', 'incomplete', 'na', 'off', 'pass']))).toBe('incomplete');
		expect(overallStatus(rules(['fail', 'incomplete', 'na', 'off', 'pass']))).toBe('failsOne');
		expect(overallStatus(rules(['fail', 'pass', 'fail', 'off', 'pass']))).toBe('failsSeveral');
	});

	it('never calls an area with nothing decided "meets all" (no residents in the data: every rule not applicable)', () => {
		expect(overallStatus(rules(['na', 'na', 'na', 'na', 'na']))).toBe('incomplete');
		expect(overallStatus(rules(['na', 'off', 'na', 'off', 'na']))).toBe('incomplete');
	});

	it('finds the nearest centre among the capacity types with no time limit', () => {
		const params = nearestCentreParams({ ...DEFAULT_COVERAGE_PARAMS, facilityTypes: ['station'] }, SHANGHAI_2023);
		expect(params.facilityTypes).toEqual(['centre', 'branch']);
		expect(params.searchLimitMinutes).toBe(Infinity);
		expect(params.thresholdMinutes).toBe(DEFAULT_COVERAGE_PARAMS.thresholdMinutes);
	});
});

describe('saved custom profiles', () => {
	it('round-trip through storage and a stored profile that no longer validates is left out', () => {
		const memory = new Map<string, string>();
		const storage = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value) };
		const store = localProfileStore(storage);
		const custom = customCopy(SHANGHAI_2023, 'custom-a', { 'zh-CN': '甲', en: 'A' });
		custom.rules.stationAreaMin.value = 180;
		store.save(custom);
		expect(store.load().profiles.map((p) => [p.id, p.rules.stationAreaMin.value])).toEqual([['custom-a', 180]]);
		const stored = JSON.parse(memory.get('health-circle.standards-profiles')!) as unknown[];
		memory.set('health-circle.standards-profiles', JSON.stringify([...stored, { id: 'custom-b', format: 'health-circle.standards-profile', version: 1 }]));
		const loaded = store.load();
		expect(loaded.profiles.map((p) => p.id)).toEqual(['custom-a']);
		expect(loaded.refused[0].id).toBe('custom-b');
		store.remove('custom-a');
		expect(store.load().profiles).toEqual([]);
	});
});
