import { test, expect, openApp } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { expectNoSidewaysScroll, expectWholeOptions } from './fit-helpers';

/**
 * Issue 24: nothing is cut at common widths. The import dialog's footer buttons at 390 px, the 街镇 detail
 * panel's centre table (its "Service population (administrative)" header) at 1024 px in English, and the
 * scenario editor's add-at-coordinates selects at 1440 px: each is as wide as its content needs and inside
 * its container. Screenshots go to test-results/ (looked at, not committed).
 */

async function open(page: Page, language: 'zh-CN' | 'en', width: number, height = 900): Promise<void> {
	await page.setViewportSize({ width, height });
	await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
	await openApp(page);
}


async function expectInside(element: Locator, container: Locator, what: string): Promise<void> {
	const box = (await element.boundingBox())!;
	const outer = (await container.boundingBox())!;
	expect(box.x, `${what} starts inside`).toBeGreaterThanOrEqual(outer.x - 0.5);
	expect(box.x + box.width, `${what} ends inside`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
}

for (const language of ['zh-CN', 'en'] as const) {
	test(`import dialog at 390 px (${language}): the footer's buttons are whole and inside the dialog`, async ({ page }) => {
		await open(page, language, 390, 844);
		await page.getByTestId('open-import').click();
		const dialog = page.getByTestId('import-dialog');
		await dialog.getByTestId('import-kind-facilities').check();
		await dialog.getByTestId('import-file').setInputFiles('tests/fixtures/import/facilities-gbk-gcj02.csv');
		await expect(dialog.getByTestId('import-settings')).toBeVisible();
		// The coordinate system must be set before Import works: its menu is whole on a phone too.
		await expectInside(dialog.getByTestId('import-crs-select'), dialog.getByTestId('import-settings'), 'the coordinate-system menu');
		await dialog.getByTestId('import-crs-select').selectOption('gcj02');
		await dialog.getByTestId('import-run').click();
		await expect(dialog.getByTestId('import-loaded')).toBeVisible();
		const footer = dialog.locator('footer');
		await footer.scrollIntoViewIfNeeded();
		await expectNoSidewaysScroll(footer, 'footer');
		await expectNoSidewaysScroll(dialog, 'dialog');
		const box = (await dialog.boundingBox())!;
		expect(box.x, 'the dialog starts on screen').toBeGreaterThanOrEqual(0);
		expect(box.x + box.width, 'the dialog ends on screen').toBeLessThanOrEqual(390);
		for (const id of ['import-back', 'import-load', 'import-cancel']) {
			const button = dialog.getByTestId(id);
			await expectNoSidewaysScroll(button, id);
			await expectInside(button, dialog, id);
		}
		await page.screenshot({ path: `test-results/fit-import-390-${language}.png` });
	});
}

test('街镇 detail at 1024 px in English: the centre table fits the panel, its headers whole', async ({ page }) => {
	await open(page, 'en', 1024);
	await page.getByTestId('tab-standards').click();
	const table = page.getByTestId('standards-indicator-table');
	await expect(table.locator('tbody tr')).toHaveCount(14);
	for (const row of await table.locator('tbody tr').all()) {
		await row.locator('.row-select').click();
		if ((await page.locator('table.centres').count()) > 0) break;
	}
	const detail = page.getByTestId('standards-subdistrict-detail');
	const centres = detail.locator('table.centres');
	await expect(centres).toBeVisible();
	await expect(centres.locator('thead')).toContainText('Service population (administrative)');
	await expectNoSidewaysScroll(detail.locator('.centres-scroll'), 'centre table');
	for (const header of await centres.locator('thead th').all()) {
		await expectNoSidewaysScroll(header, `header ${await header.innerText()}`);
		await expectInside(header, detail, `header ${await header.innerText()}`);
	}
	await centres.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/fit-centres-1024-en.png' });
});

for (const language of ['zh-CN', 'en'] as const) {
	test(`scenario editor at 1440 px (${language}): the add-at-coordinates selects show their whole options`, async ({ page }) => {
		await open(page, language, 1440);
		await page.getByTestId('tab-scenario').click();
		await page.getByTestId('scenario-new').click();
		await page.locator('details.coordinates summary').click();
		const form = page.getByTestId('add-at-coordinates');
		await expect(form).toBeVisible();
		for (const id of ['coordinates-type', 'coordinates-crs']) {
			const select = form.getByTestId(id);
			await expectWholeOptions(select, id);
			await expectInside(select, form, id);
		}
		await expectNoSidewaysScroll(form, 'form');
		await form.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `test-results/fit-coordinates-1440-${language}.png` });
	});
}

/**
 * Header words that a line break cut in two: each run of non-space characters of a header must sit on one
 * line (a header wraps at its spaces only: "未覆盖人/口" and "cover/age" are defects).
 */
async function wordsCutByLineBreak(headers: Locator): Promise<string[]> {
	return headers.evaluateAll((cells) => {
		const cut: string[] = [];
		for (const cell of cells) {
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				for (const match of text.matchAll(/\S+/g)) {
					const range = document.createRange();
					range.setStart(node, match.index);
					range.setEnd(node, match.index + match[0].length);
					const lineTops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
					if (lineTops.size > 1) cut.push(match[0]);
				}
			}
		}
		return cut;
	});
}

for (const language of ['zh-CN', 'en'] as const) {
	test(`standards table at 1024 px (${language}): every column in view without scrolling sideways, headers wrap only between words`, async ({ page }) => {
		await open(page, language, 1024);
		await page.getByTestId('tab-standards').click();
		const table = page.getByTestId('standards-indicator-table');
		await expect(table.locator('tbody tr')).toHaveCount(14);
		const scroll = page.getByTestId('standards-table-scroll');
		await expectNoSidewaysScroll(scroll, 'standards table');
		const headers = table.locator('thead th');
		await expect(headers).toHaveCount(10);
		for (const header of await headers.all()) await expectInside(header, scroll, `header ${await header.innerText()}`);
		// Status and coverage are the first columns after the name: in view, not scrolled away.
		await expect(table.locator('td[data-column="status"]').first()).toBeInViewport();
		await expect(table.locator('td[data-column="coveragePct"]').first()).toBeInViewport();
		expect(await wordsCutByLineBreak(headers), 'header words cut by a line break').toEqual([]);
		// The map beside the wider panel still shows the whole district.
		const map = (await page.getByTestId('map').boundingBox())!;
		expect(map.width, 'the map keeps a usable width').toBeGreaterThan(280);
		await page.screenshot({ path: `test-results/fit-standards-1024-${language}.png` });
	});

	test(`overview table at 390 px (${language}): inside the panel, headers wrap only between words`, async ({ page }) => {
		await open(page, language, 390, 844);
		const table = page.getByTestId('subdistrict-table');
		await expect(table.locator('tbody tr')).toHaveCount(14);
		await expectInside(table, page.locator('.panel'), 'overview table');
		const box = (await table.boundingBox())!;
		expect(box.x + box.width, 'the table ends on screen').toBeLessThanOrEqual(390);
		await expectNoSidewaysScroll(page.locator('.panel'), 'panel');
		expect(await wordsCutByLineBreak(table.locator('thead th')), 'header words cut by a line break').toEqual([]);
		await table.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `test-results/fit-overview-390-${language}.png` });
	});
}
