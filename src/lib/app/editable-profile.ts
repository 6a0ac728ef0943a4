import { cloneProfile, customCopy, type StandardsProfile } from '$lib/engine/standards/profile';
import { editedCopyName } from './profile-name';

/**
 * A copy of `profile` the planner may change. Built-in profiles are read-only: the first change makes a custom
 * copy, named in each language with that language's "(edited)" (the page's language in both names read
 * "上海 2023 (edited)" in the Chinese report).
 */
export function editableProfile(profile: Readonly<StandardsProfile>, id = `custom-${Date.now().toString(36)}`): StandardsProfile {
	if (!profile.builtIn) return cloneProfile(profile);
	return customCopy(profile, id, editedCopyName(profile.name));
}
