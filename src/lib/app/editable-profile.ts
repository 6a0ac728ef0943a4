import { BUILT_IN_PROFILES, cloneProfile, customCopy, sameStandards, type StandardsProfile } from '$lib/engine/standards/profile';
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

/**
 * The profile to put in use for `profile`: an unsaved edited copy of a built-in profile whose standards and names
 * are back to the built-in's (a value typed back in the editor, a threshold set back in the coverage controls) is
 * that built-in again, not "(edited) · unsaved". A saved copy, or one the planner renamed, stays as it is.
 */
export function settledProfile(profile: StandardsProfile, isSaved: (id: string) => boolean): StandardsProfile {
	if (profile.builtIn) return profile;
	const original = BUILT_IN_PROFILES.find((candidate) => candidate.id === profile.basedOn);
	if (!original || !sameStandards(profile, original)) return profile;
	const copyName = editedCopyName(original.name);
	const named = (['zh-CN', 'en'] as const).every((language) => profile.name[language] === original.name[language] || profile.name[language] === copyName[language]);
	// The saved list is read from storage: asked last, only of a copy that is otherwise back to its built-in.
	return named && !isSaved(profile.id) ? cloneProfile(original) : profile;
}
