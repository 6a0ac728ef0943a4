import { test, expect, openApp } from './fixtures';
import type { Page } from '@playwright/test';

/** Issue 24 item 5: the standards table and the detail panel read at 1440 and 1024 px, in both languages. */

async function openStandards(page: Page, language: 'zh-CN' | 'en', width: number): Promise<void> {
	await page.setViewportSize({ width, height: 900 });
	await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
	await openApp(page);
	await page.getByTestId('tab-standards').click();
	await expect(page.locator('[data-testid="standards-indicator-table"] tbody tr')).toHaveCount(14);
}

for (const width of [1440, 1024]) {
	for (const language of ['zh-CN', 'en'] as const) {
		test(`standards tab at ${width} px in ${language}: status and coverage in view, the panel never scrolls sideways, the detail reads`, async ({ page }) => {
			await openStandards(page, language, width);
			const panel = page.locator('.panel');
			const { scrollWidth, clientWidth } = await panel.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
			expect(scrollWidth, 'the panel does not scroll sideways').toBeLessThanOrEqual(clientWidth + 1);
			const panelBox = (await panel.boundingBox())!;
			const table = page.getByTestId('standards-indicator-table');
			for (const column of ['status', 'coveragePct']) {
				const cell = table.locator(`tbody tr`).first().locator(`td[data-column="${column}"]`);
				const box = (await cell.boundingBox())!;
				expect(box.x + box.width, `${column} ends inside the panel`).toBeLessThanOrEqual(panelBox.x + panelBox.width);
			}
			// Headers wrap between words only: none is taller than three lines.
			for (const header of await table.locator('thead th').all()) {
				expect((await header.boundingBox())!.height, `${await header.innerText()}`).toBeLessThan(62);
			}
			// The name column stays in view when the table scrolls sideways.
			const scroller = page.getByTestId('standards-table-scroll');
			await scroller.evaluate((element) => (element.scrollLeft = element.scrollWidth));
			const name = (await table.locator('tbody th.name').first().boundingBox())!;
			expect(name.x).toBeGreaterThanOrEqual(panelBox.x);
			await scroller.evaluate((element) => (element.scrollLeft = 0));

			// The detail of a failing sub-district with a centre short of area.
			await table.locator('tbody tr').first().locator('.row-select').click();
			await table.locator('thead button').nth(0).click();
			const detail = page.getByTestId('standards-subdistrict-detail');
			await expect(detail).toBeVisible();
			for (const header of await detail.locator('table.centres th').all()) {
				// Between words only, at most three lines (one line ran "Service population (administrative)" off the panel at 1024 px).
				expect((await header.boundingBox())!.height, `centre header ${await header.innerText()} in at most three lines`).toBeLessThan(62);
			}
			await page.screenshot({ path: `docs/screenshots/standards-${language === 'en' ? 'en' : 'zh'}-${width}.png` });
		});
	}
}

test('a centre short of area shows its required area and its gap apart, never run together', async ({ page }) => {
	await openStandards(page, 'zh-CN', 1440);
	const table = page.getByTestId('standards-indicator-table');
	const gaps = page.getByTestId('centre-area-gap');
	for (const row of await table.locator('tbody tr').all()) {
		await row.locator('.row-select').click();
		if ((await gaps.count()) > 0) break;
	}
	const gap = gaps.first();
	await expect(gap).toBeVisible();
	const cellText = await gap.locator('xpath=..').innerText();
	expect(cellText, 'the figure and its gap are on separate lines').toMatch(/^[\d,]+\n缺 [\d,]+ m²$/);
});

test('a refused value in the standards profile editor says what is wrong beside the field, by the rule’s name, and what the figures still use', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('health-circle.language', 'zh-CN'));
	await openApp(page);
	await page.getByTestId('tab-standards').click();
	await page.locator('details.profile > summary').click();
	const editor = page.getByTestId('standards-profile-editor');
	const field = editor.getByRole('spinbutton', { name: '中心建筑面积（每千人）', exact: true });
	await field.fill('-5');
	const row = editor.locator('tr.invalid');
	await expect(row).toHaveCount(1);
	const beside = row.locator('.problem');
	await expect(beside).toContainText('-5');
	await expect(beside).toContainText('各项数字仍按 100 m²/千人 计算');
	await expect(beside).not.toContainText('rules.');
	const summary = editor.locator('.problems li').first();
	await expect(summary).toContainText('中心建筑面积（每千人）：');
	await expect(summary).not.toContainText('rules.');
	await page.screenshot({ path: 'test-results/profile-refused-zh.png' });
});
