/**
 * The profile editor compares its draft with the profile it came from (sameStandards), not "was anything typed":
 * a value typed back to the original is no edit; ids and names do not count; lists are sets.
 */
import { describe, expect, it } from 'vitest';
import { cloneProfile, customCopy, LEGACY_DISTRICT_NORM, sameStandards, SHANGHAI_2023 } from '$lib/engine/standards/profile';

describe('sameStandards', () => {
	it('a copy under another id and name, with a value changed and typed back, sets the same standards', () => {
		const copy = customCopy(SHANGHAI_2023, 'custom-x', { 'zh-CN': '上海 2023（已修改）', en: 'Shanghai 2023 (edited)' });
		expect(sameStandards(copy, SHANGHAI_2023)).toBe(true);
		copy.rules.centreAreaPerThousand.value = 120;
		expect(sameStandards(copy, SHANGHAI_2023)).toBe(false);
		copy.rules.centreAreaPerThousand.value = 100;
		expect(sameStandards(copy, SHANGHAI_2023)).toBe(true);
	});

	it('a type or a status switched off and on again (appended at the end) is the same; a switch or a source is not', () => {
		const copy = cloneProfile(SHANGHAI_2023);
		const [first, ...rest] = copy.coverageTypes;
		copy.coverageTypes = [...rest, first];
		const [status, ...others] = copy.rules.newCentreBeds.statuses;
		copy.rules.newCentreBeds.statuses = [...others, status];
		expect(sameStandards(copy, SHANGHAI_2023)).toBe(true);
		copy.rules.stationAreaMin.enabled = !copy.rules.stationAreaMin.enabled;
		expect(sameStandards(copy, SHANGHAI_2023)).toBe(false);
		expect(sameStandards(SHANGHAI_2023, LEGACY_DISTRICT_NORM)).toBe(false);
	});
});
