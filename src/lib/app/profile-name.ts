import type { LocalizedText } from '$lib/engine/standards/profile';
import { MESSAGES } from '$lib/i18n';
import { messageTranslator } from '$lib/i18n/message';

/**
 * The name of the custom copy that the first edit of a built-in profile makes: each language's name with that
 * language's "edited" suffix ("Shanghai 2023 (edited)", "上海 2023（已修改）"), never the page's suffix on both
 * (an English report would name the profile "Shanghai 2023（已修改）"). The planner may then type over either name.
 */
export function editedCopyName(name: LocalizedText): LocalizedText {
	const suffix = (language: keyof LocalizedText) => messageTranslator(MESSAGES[language], language, 'app')('standards.editor.editedSuffix');
	return { 'zh-CN': `${name['zh-CN']}${suffix('zh-CN')}`, en: `${name.en}${suffix('en')}` };
}
