import type { FacilityType } from '../types';
import { cloneProfile, type StandardsProfile } from './profile';

/**
 * The service circle a standards profile defines: the travel-time budget and the facility types that count
 * toward coverage. The profile is its one source: the coverage controls and the profile editor are two views
 * of it, so they cannot disagree (a threshold of 10 in the controls while the profile said 15 did).
 */
export interface ServiceCircle {
	minutes: number;
	facilityTypes: readonly FacilityType[];
}

export function circleOf(profile: Readonly<StandardsProfile>): ServiceCircle {
	return { minutes: profile.rules.coverageMinutes.value, facilityTypes: profile.coverageTypes };
}

/** Same budget and the same set of types (their order does not matter). */
export function sameCircle(a: ServiceCircle, b: ServiceCircle): boolean {
	if (a.minutes !== b.minutes || a.facilityTypes.length !== b.facilityTypes.length) return false;
	return a.facilityTypes.every((type) => b.facilityTypes.includes(type));
}

/** A copy of `profile` with its circle changed; the caller validates it (a profile needs at least one type). */
export function withCircle(profile: Readonly<StandardsProfile>, change: Partial<ServiceCircle>): StandardsProfile {
	const next = cloneProfile(profile);
	if (change.minutes !== undefined) next.rules.coverageMinutes.value = change.minutes;
	if (change.facilityTypes !== undefined) next.coverageTypes = [...change.facilityTypes];
	return next;
}
