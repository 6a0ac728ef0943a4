import { cloneProfile, customCopy, type LocalizedText, type StandardsProfile } from '$lib/engine/standards/profile';
import { MESSAGES } from '$lib/i18n';

/**
 * A copy of `profile` the planner may change. Built-in profiles are read-only: the first change makes a custom
 * copy, named in each language with that language's "(edited)" (the page's language in both names read
 * "上海 2023 (edited)" in the Chinese report).
 */
export function editableProfile(profile: Readonly<StandardsProfile>, id = `custom-${Date.now().toString(36)}`): StandardsProfile {
	if (!profile.builtIn) return cloneProfile(profile);
	const edited = (language: keyof LocalizedText) => `${profile.name[language]}${MESSAGES[language]['standards.editor.editedSuffix']}`;
	return customCopy(profile, id, { 'zh-CN': edited('zh-CN'), en: edited('en') });
}
