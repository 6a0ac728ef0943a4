/**
 * Issue 23, item 1 (first step): the service circle has one source, the standards profile. The coverage
 * controls' threshold and facility types and the profile editor's "time budget of the circle" and "facilities
 * counted" are two views of it: a change in either shows in the other and in every figure, and survives a
 * reload. (Before, the profile editor said 15 minutes while every table said "10-min coverage".)
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';

const coverageTitle = (page: Page) => page.getByTestId('coverage-controls').locator('h2');
const profileEditor = (page: Page) => page.locator('details.profile');

async function openProfileEditor(page: Page): Promise<void> {
	await page.getByTestId('tab-standards').click();
	const editor = profileEditor(page);
	if ((await editor.getAttribute('open')) === null) await editor.locator('summary').click();
}

test('the threshold typed in the controls is the profile’s time budget, and the profile’s is the threshold', async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	const totalBefore = await page.getByTestId('total-coverage').textContent();

	const threshold = page.getByTestId('threshold');
	await threshold.fill('10');
	await threshold.blur();
	await expect(coverageTitle(page)).toContainText('10 分钟');
	await expect(page.getByTestId('total-coverage')).not.toHaveText(totalBefore ?? '');
	// The built-in profile is read-only: the change made its edited copy, and the controls say whose circle it is.
	await expect(page.getByTestId('circle-profile')).toContainText('上海 2023（已修改）');

	await openProfileEditor(page);
	await expect(profileEditor(page).locator('summary')).toContainText('上海 2023（已修改）');
	const budget = profileEditor(page).getByRole('spinbutton', { name: '服务圈时间' });
	await expect(budget).toHaveValue('10');

	// And the other way: the profile's budget is the threshold every figure uses.
	await budget.fill('12');
	await expect(threshold).toHaveValue('12');
	await expect(coverageTitle(page)).toContainText('12 分钟');
	await expect(page.getByTestId('standards-indicator-table').locator('thead')).toContainText('12 分钟');

	// A budget the controls would refuse is refused in the editor too, the one in effect kept and stated.
	await budget.fill('200');
	await expect(profileEditor(page).getByRole('alert').first()).toBeVisible();
	await expect(threshold).toHaveValue('12');

	await page.reload();
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('threshold')).toHaveValue('12');
	await expect(coverageTitle(page)).toContainText('12 分钟');
});

test('the facility types counted are the profile’s; the last one cannot be unticked', async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'en');
	});
	await openApp(page);
	const controls = page.getByTestId('coverage-controls');
	const stationsCounted = controls.getByRole('checkbox', { name: 'Stations' });
	await expect(stationsCounted).toBeChecked();

	await openProfileEditor(page);
	const counted = profileEditor(page).locator('fieldset', { hasText: 'Facilities counted toward service-circle coverage' });
	const totalBefore = await page.getByTestId('total-coverage').textContent();
	await counted.getByRole('checkbox', { name: /station/i }).uncheck();
	await expect(stationsCounted).not.toBeChecked();
	await expect(page.getByTestId('total-coverage')).not.toHaveText(totalBefore ?? '');
	// The edited copy is named in each language with that language's word (not "Shanghai 2023（已修改）").
	await expect(page.getByTestId('circle-profile')).toContainText('Shanghai 2023 (edited)');

	// Untick the rest in the controls: the last one is refused, stays ticked, and the page says why.
	await controls.getByRole('checkbox', { name: 'Centres' }).uncheck();
	const branches = controls.getByRole('checkbox', { name: 'Branches' });
	await branches.click();
	await expect(page.getByTestId('types-refused')).toBeVisible();
	await expect(branches).toBeChecked();
	await expect(controls.locator('.types input:checked')).toHaveCount(1);
	await expect(counted.getByRole('checkbox', { name: /branch/i })).toBeChecked();
});
