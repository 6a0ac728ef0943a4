/**
 * Hostile values in the app: a name holding a right-to-left override cannot reorder the edit list around it
 * (the name is isolated), and a deeply nested profile file gives a message in the UI's language, not a page
 * error (every e2e test fails on a console error or an uncaught exception, fixtures.ts).
 */
import { readFileSync } from 'node:fs';
import { test, expect, openApp, proposeAtCoordinates } from './fixtures';

const RLO_NAME = '\u202eevil station';

test('a right-to-left override in a facility name stays inside the name in the scenario edit list', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'en'));
	await openApp(page);
	await proposeAtCoordinates(page, '121.45', '31.23');
	const edits = page.getByTestId('scenario-edits').locator('li');
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

test('a file name and a facility name holding a right-to-left override stay inside themselves in the dialog, the data sources, the saved datasets and the search', async ({ page }) => {
	const fileName = '设施\u202evsc.csv';
	const facilityName = '天目西路\u202e站点甲乙';
	const [header, first, ...rest] = readFileSync('static/data/demo/facilities.csv', 'utf8').trimEnd().split('\n');
	const columns = header.split(',');
	const renamed = first.split(',').map((cell, index) => (columns[index] === 'name' ? facilityName : cell)).join(',');
	await openApp(page);
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-kind-facilities').check();
	await dialog.getByTestId('import-file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from([header, renamed, ...rest].join('\n') + '\n') });
	await expect(dialog.locator('.summary')).toContainText(`\u2068${fileName}\u2069`);
	await dialog.getByTestId('import-crs-select').selectOption('wgs84');
	await dialog.getByTestId('import-run').click();
	await dialog.getByTestId('import-load').click();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	// The data sources: the file name is a <bdi>, so the counts, encoding and conversion after it keep their order.
	await expect(page.locator('li[data-kind="facilities"] bdi.file')).toHaveText(fileName);
	await expect(page.getByTestId('saved-datasets').locator('li').first()).toContainText(`\u2068${fileName}\u2069`);
	// The search: the name is a <bdi>, so the type label after it is not pulled into it.
	await page.getByTestId('place-search').fill('天目西路');
	await expect(page.getByTestId('place-search-hit').filter({ has: page.locator('bdi', { hasText: facilityName }) })).toHaveCount(1);
	await page.screenshot({ path: 'test-results/bidi-sources-search.png' });
});
