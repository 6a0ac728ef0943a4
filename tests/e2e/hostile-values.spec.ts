/**
 * Hostile values in the app: a name holding a right-to-left override cannot reorder the edit list around it
 * (the name is isolated), and a deeply nested profile file gives a message in the UI's language, not a page
 * error (every e2e test fails on a console error or an uncaught exception, fixtures.ts).
 */
import { test, expect, openApp } from './fixtures';

const RLO_NAME = '\u202eevil station';

test('a right-to-left override in a facility name stays inside the name in the scenario edit list', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	await openApp(page);
	await page.getByTestId('tab-scenario').click();
	await page.getByTestId('scenario-new').click();
	await page.locator('details.coordinates summary').click();
	await page.getByTestId('coordinates-lon').fill('121.45');
	await page.getByTestId('coordinates-lat').fill('31.23');
	await page.getByTestId('coordinates-add').click();
	const edits = page.getByTestId('scenario-edits').locator('li');
	await expect(edits).toHaveCount(1);
	await page.getByTestId('editor-name').fill(RLO_NAME);
	await page.getByTestId('editor-area').fill('350');
	await page.getByTestId('editor-apply').click();
	await expect(edits).toHaveCount(2);
	const text = (await edits.last().textContent()) ?? '';
	// The override is closed by the isolate's end: the figures after the name keep their order.
	expect(text).toContain(`\u2068${RLO_NAME}\u2069`);
	expect(text).toContain('area 350 m²');
	// Rendered order: the "350" that follows the name is drawn to the right of the name's start, not mirrored before it.
	const boxes = await edits.last().evaluate((item) => {
		const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
		const node = walker.nextNode() as Text;
		const at = (needle: string) => {
			const range = document.createRange();
			const start = node.data.lastIndexOf(needle);
			range.setStart(node, start);
			range.setEnd(node, start + needle.length);
			return range.getBoundingClientRect().left;
		};
		return { area: at('350'), label: at('area') };
	});
	expect(boxes.area).toBeGreaterThan(boxes.label);
	await edits.last().screenshot({ path: 'test-results/bidi-edit-list.png' });
});

for (const [language, expected] of [
	['en', 'is nested more than 16 levels deep: not a standards profile, not imported.'],
	['zh-CN', '嵌套超过 16 层，不是标准配置文件，未导入。']
] as const) {
	test(`a deeply nested profile file is refused with a message in ${language}`, async ({ page }) => {
		await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
		await openApp(page);
		await page.getByTestId('tab-standards').click();
		await page.locator('details.profile summary').click();
		const nested = `{"format":"health-circle-profile","rules":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
		await page.locator('details.profile input[type=file]').setInputFiles({ name: 'nested.json', mimeType: 'application/json', buffer: Buffer.from(nested) });
		await expect(page.locator('details.profile .message')).toContainText(expected);
		await expect(page.locator('details.profile .message')).toContainText('nested.json');
		await page.locator('details.profile').screenshot({ path: `test-results/nested-profile-${language}.png` });
	});
}
