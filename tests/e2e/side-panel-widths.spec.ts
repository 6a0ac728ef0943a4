import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp, proposeAtCoordinates } from './fixtures';
import { expectNoSidewaysScroll, expectWholeOptions } from './fit-helpers';

/**
 * The scenario comparison and the suggested-sites table fit their panel at 1024 × 768 and 1440 × 900 in both
 * languages: every column in view, no sideways scrolling (at 1024 px in Chinese the comparison was 459 px in a
 * 420 px panel, its 达标规则数 column hidden; at 1440 px in English the sites table cut "Coverage after"), and the
 * suggestion's site-type menu shows its whole options. Screenshots go to test-results/ (looked at).
 */

async function expectColumnsInside(table: Locator, container: Locator, what: string): Promise<void> {
	const outer = (await container.boundingBox())!;
	for (const header of await table.locator('thead th').all()) {
		const box = (await header.boundingBox())!;
		expect(box.x + box.width, `${what}: header “${await header.innerText()}” ends inside`).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
	}
}

async function open(page: Page, language: 'zh-CN' | 'en', width: number, height: number): Promise<void> {
	await page.setViewportSize({ width, height });
	await page.addInitScript((lang) => localStorage.setItem('health-circle.language', lang), language);
	await openApp(page);
}

for (const [width, height] of [
	[1024, 768],
	[1440, 900]
] as const) {
	for (const language of ['zh-CN', 'en'] as const) {
		test(`scenario comparison and suggested sites at ${width} px (${language}): every column inside the panel`, async ({ page }) => {
			await open(page, language, width, height);
			await proposeAtCoordinates(page, '121.447', '31.288');
			const comparison = page.getByTestId('scenario-comparison');
			await expect(comparison.locator('tbody tr')).toHaveCount(14);
			const comparisonScroll = page.getByTestId('scenario-comparison-scroll');
			await expectNoSidewaysScroll(comparisonScroll, 'scenario comparison');
			await expectColumnsInside(comparison, comparisonScroll, 'scenario comparison');
			await comparison.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `test-results/widths-comparison-${width}-${language}.png` });

			const panel = page.getByTestId('suggest-sites');
			await expectWholeOptions(panel.getByTestId('siting-type'), 'site-type menu');
			await panel.getByTestId('siting-k').fill('1');
			await panel.getByTestId('siting-run').click();
			await expect(panel.getByTestId('siting-site')).toHaveCount(1, { timeout: 120_000 });
			await expect(panel.getByTestId('siting-progress')).toHaveCount(0, { timeout: 120_000 });
			const sitesScroll = panel.getByTestId('siting-sites-scroll');
			await expectNoSidewaysScroll(sitesScroll, 'suggested sites');
			await expectColumnsInside(panel.getByTestId('siting-sites'), sitesScroll, 'suggested sites');
			await panel.getByTestId('siting-gcj02').check();
			await expectNoSidewaysScroll(sitesScroll, 'suggested sites in GCJ-02');
			await panel.getByTestId('siting-sites').scrollIntoViewIfNeeded();
			await page.screenshot({ path: `test-results/widths-sites-${width}-${language}.png` });
		});
	}
}
