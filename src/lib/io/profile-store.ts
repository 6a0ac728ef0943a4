/**
 * The standards settings kept in the browser (localStorage): the planner's custom profiles, the profile in
 * use and the service-population definition. Beside persist.ts (datasets) and scenario-store.ts (scenarios),
 * so everything the app stores is stored from io/. Every stored profile is validated again on load: one that
 * no longer validates (edited by hand, older format) is left out and reported, or replaced by the default.
 */
import type { ServicePopulationDefinition } from '$lib/engine/standards/indicators';
import { cloneProfile, SHANGHAI_2023, type StandardsProfile } from '$lib/engine/standards/profile';
import { validateProfile, type ProfileProblem } from '$lib/engine/standards/validate';

const PROFILE_STORAGE_KEY = 'health-circle.standards-profiles';
const ACTIVE_PROFILE_KEY = 'health-circle.active-profile';
const SERVICE_POPULATION_KEY = 'health-circle.service-population';

/** Where custom profiles live; the default is localStorage, a page may pass its own (e.g. IndexedDB or a callback). */
export interface ProfileStore {
	load(): { profiles: StandardsProfile[]; refused: { id: string; problems: ProfileProblem[] }[] };
	save(profile: StandardsProfile): void;
	remove(id: string): void;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function localProfileStore(storage: KeyValueStorage | undefined = globalThis.localStorage): ProfileStore {
	const readAll = (): unknown[] => {
		try {
			const parsed: unknown = JSON.parse(storage?.getItem(PROFILE_STORAGE_KEY) ?? '[]');
			return Array.isArray(parsed) ? parsed : [];
		} catch {
			return [];
		}
	};
	const writeAll = (profiles: StandardsProfile[]) => storage?.setItem(PROFILE_STORAGE_KEY, JSON.stringify(profiles));
	const load = () => {
		const profiles: StandardsProfile[] = [];
		const refused: { id: string; problems: ProfileProblem[] }[] = [];
		for (const item of readAll()) {
			const result = validateProfile(item);
			if (result.ok) profiles.push(result.profile);
			else refused.push({ id: typeof item === 'object' && item !== null && 'id' in item ? String(item.id) : '?', problems: result.problems });
		}
		return { profiles, refused };
	};
	return {
		load,
		save(profile) {
			const { profiles } = load();
			writeAll([...profiles.filter((p) => p.id !== profile.id), profile]);
		},
		remove(id) {
			writeAll(load().profiles.filter((p) => p.id !== id));
		}
	};
}

/** The profile chosen last time, validated again; the Shanghai 2023 profile when there is none or it no longer validates. */
export function loadActiveProfile(): StandardsProfile {
	try {
		const stored = globalThis.localStorage?.getItem(ACTIVE_PROFILE_KEY);
		if (stored) {
			const result = validateProfile(JSON.parse(stored));
			if (result.ok) return result.profile;
		}
	} catch {
		// A corrupt entry falls back to the default profile.
	}
	return cloneProfile(SHANGHAI_2023);
}

export function saveActiveProfile(profile: StandardsProfile): void {
	globalThis.localStorage?.setItem(ACTIVE_PROFILE_KEY, JSON.stringify(profile));
}

export function loadServicePopulation(): ServicePopulationDefinition {
	return globalThis.localStorage?.getItem(SERVICE_POPULATION_KEY) === 'catchment' ? 'catchment' : 'administrative';
}

export function saveServicePopulation(definition: ServicePopulationDefinition): void {
	globalThis.localStorage?.setItem(SERVICE_POPULATION_KEY, definition);
}
