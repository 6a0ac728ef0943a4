import { test, expect, openApp } from './fixtures';
import type { Page } from '@playwright/test';

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
	return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

async function openIn(page: Page, language: 'zh-CN' | 'en', width: number, height = 900): Promise<void> {
	await page.setViewportSize({ width, height });
	await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
	await openApp(page);
}

/** Boxes of the header's own controls: none may overlap another (English labels are long). */
async function headerBoxes(page: Page): Promise<Box[]> {
	return page.locator('header > *').evaluateAll((elements) =>
		elements.map((element) => {
			const rect = element.getBoundingClientRect();
			return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
		})
	);
}

for (const width of [390, 1024, 1440]) {
	for (const language of ['zh-CN', 'en'] as const) {
		test(`layout at ${width} px in ${language}: map has size, header and panel do not collide`, async ({ page }) => {
			await openIn(page, language, width);
			const map = await page.locator('.map-area').boundingBox();
			expect(map, 'map area').not.toBeNull();
			expect(map!.width).toBeGreaterThan(200);
			expect(map!.height).toBeGreaterThan(200);
			const boxes = await headerBoxes(page);
			for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `header items ${i} and ${j}`).toBe(false);
			const panel = await page.locator('.panel').boundingBox();
			expect(panel!.width).toBeGreaterThan(200);
			expect(overlaps(panel!, map!), 'panel and map').toBe(false);
			// Nothing in the panel is wider than the page.
			const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(scrollWidth).toBeLessThanOrEqual(width);
		});
	}
}

for (const width of [1440, 1024]) {
	for (const language of ['zh', 'en'] as const) {
		test(`screenshot app-${language}-${width}`, async ({ page }) => {
			await openIn(page, language === 'zh' ? 'zh-CN' : 'en', width);
			// Taken once the indicators are in, as a planner sees the first view settle (exports enabled).
			await expect(page.getByTestId('export-xlsx')).toBeEnabled({ timeout: 60_000 });
			await page.screenshot({ path: `docs/screenshots/app-${language}-${width}.png` });
		});
	}
}

test('at 1024 px in English every column of the sub-district table is inside the panel', async ({ page }) => {
	await openIn(page, 'en', 1024);
	const panel = (await page.locator('.panel').boundingBox())!;
	const headers = page.locator('[data-testid="subdistrict-table"] thead th');
	await expect(headers.last()).toContainText('coverage');
	for (const header of await headers.all()) {
		const box = (await header.boundingBox())!;
		expect(box.x + box.width, `${await header.innerText()} ends inside the panel`).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
	}
});

test('table rows are reached and selected by keyboard, in the overview and the standards table', async ({ page }) => {
	await openIn(page, 'en', 1440);
	const overview = page.getByTestId('subdistrict-table');
	const first = overview.locator('tbody tr').first();
	const second = overview.locator('tbody tr').nth(1);
	await first.getByRole('button').focus();
	await page.keyboard.press('Tab');
	await expect(second.getByRole('button')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(second).toHaveClass(/selected/);
	await expect(first).not.toHaveClass(/selected/);

	await page.getByTestId('tab-standards').click();
	const standards = page.getByTestId('standards-indicator-table');
	const row = standards.locator('tbody tr').nth(2);
	await row.getByRole('button').focus();
	await page.keyboard.press('Space');
	await expect(row).toHaveClass(/selected/);
	await expect(row.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
});
