import { describe, expect, it } from 'vitest';
import { LEGACY_DISTRICT_NORM, SHANGHAI_2023 } from '$lib/engine/standards/profile';
import { circleOf, sameCircle, withCircle } from '$lib/engine/standards/service-circle';

describe('the service circle of a profile', () => {
	it('is the profile’s time budget and coverage types', () => {
		expect(circleOf(SHANGHAI_2023)).toEqual({ minutes: 15, facilityTypes: ['centre', 'branch', 'station'] });
	});

	it('compares types as a set, minutes exactly', () => {
		expect(sameCircle({ minutes: 15, facilityTypes: ['station', 'centre'] }, { minutes: 15, facilityTypes: ['centre', 'station'] })).toBe(true);
		expect(sameCircle({ minutes: 15, facilityTypes: ['centre'] }, { minutes: 15, facilityTypes: ['centre', 'station'] })).toBe(false);
		expect(sameCircle({ minutes: 15, facilityTypes: ['centre', 'branch'] }, { minutes: 15, facilityTypes: ['centre', 'station'] })).toBe(false);
		expect(sameCircle({ minutes: 7.5, facilityTypes: ['centre'] }, { minutes: 8, facilityTypes: ['centre'] })).toBe(false);
	});

	it('changes only what is asked, in a copy (the frozen built-in stays as it was)', () => {
		const shorter = withCircle(SHANGHAI_2023, { minutes: 10 });
		expect(circleOf(shorter)).toEqual({ minutes: 10, facilityTypes: ['centre', 'branch', 'station'] });
		expect(shorter.rules.stationAreaMin).toEqual(SHANGHAI_2023.rules.stationAreaMin);
		const centresOnly = withCircle(LEGACY_DISTRICT_NORM, { facilityTypes: ['centre'] });
		expect(circleOf(centresOnly)).toEqual({ minutes: LEGACY_DISTRICT_NORM.rules.coverageMinutes.value, facilityTypes: ['centre'] });
		expect(SHANGHAI_2023.rules.coverageMinutes.value).toBe(15);
		expect(LEGACY_DISTRICT_NORM.coverageTypes).toEqual(['centre', 'branch', 'station']);
	});
});
