import { describe, expect, it } from 'vitest';
import { editableProfile } from '$lib/app/editable-profile';
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
