import { describe, expect, it } from 'vitest';
import { editableProfile, settledProfile } from '$lib/app/editable-profile';
import { customCopy, SHANGHAI_2023 } from '$lib/engine/standards/profile';

describe('the editable copy of a profile', () => {
	it('of a built-in one is custom, named in each language with that language’s "edited"', () => {
		const copy = editableProfile(SHANGHAI_2023, 'custom-1');
		expect(copy).toMatchObject({ id: 'custom-1', builtIn: false, basedOn: 'shanghai-2023' });
		expect(copy.name).toEqual({ 'zh-CN': '上海 2023（已修改）', en: 'Shanghai 2023 (edited)' });
	});

	it('of a custom one keeps its id and name (a second edit is not a second copy)', () => {
		const mine = customCopy(SHANGHAI_2023, 'custom-mine', { 'zh-CN': '我的标准', en: 'Mine' });
		const copy = editableProfile(mine, 'custom-2');
		expect(copy).toEqual(mine);
		expect(copy).not.toBe(mine);
	});
});

describe('the profile put in use', () => {
	const notSaved = () => false;

	it('is the built-in again when an unsaved edited copy is back to its values', () => {
		const copy = editableProfile(SHANGHAI_2023, 'custom-3');
		copy.rules.coverageMinutes.value = 10;
		expect(settledProfile(copy, notSaved)).toBe(copy);
		copy.rules.coverageMinutes.value = 15;
		copy.coverageTypes = ['station', 'centre', 'branch'];
		const settled = settledProfile(copy, notSaved);
		expect(settled).toMatchObject({ id: 'shanghai-2023', builtIn: true, name: SHANGHAI_2023.name });
	});

	it('stays the copy when it is saved or renamed', () => {
		const copy = editableProfile(SHANGHAI_2023, 'custom-4');
		expect(settledProfile(copy, (id) => id === 'custom-4')).toBe(copy);
		copy.name.en = 'Our district 2026';
		expect(settledProfile(copy, notSaved)).toBe(copy);
	});
});
