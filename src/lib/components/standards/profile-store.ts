/**
 * Custom standards profiles saved in the browser (localStorage). Every stored profile is validated
 * again on load: one that no longer validates (edited by hand, older format) is left out and reported.
 */
import { validateProfile, type ProfileProblem } from '$lib/engine/standards/validate';
import type { StandardsProfile } from '$lib/engine/standards/profile';

export const PROFILE_STORAGE_KEY = 'health-circle.standards-profiles';

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
