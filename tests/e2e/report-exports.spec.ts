/**
 * The gap report's CSV as a planner downloads it: `#` lines above the header say what it was made from (in the
 * report's language), and a built-in profile edited on the Chinese page is named in English in the English
 * CSV ("Shanghai 2023 (edited)", never "Shanghai 2023（已修改）").
 */
import Papa from 'papaparse';
import { test, expect, openApp, downloadExport } from './fixtures';

test('a profile edited on the Chinese page is named in English in the English CSV, whose # lines say what it was made from', async ({ page }) => {
	await page.addInitScript(() => {
		if (!localStorage.getItem('health-circle.language')) localStorage.setItem('health-circle.language', 'zh-CN');
	});
	await openApp(page);
	await page.getByTestId('tab-standards').click();
	await page.locator('details.profile > summary').click();
	const editor = page.getByTestId('standards-profile-editor');
	await editor.getByRole('spinbutton', { name: '中心建筑面积（每千人）', exact: true }).fill('90');
	await expect(page.locator('details.profile > summary')).toHaveText('标准：上海 2023（已修改）', { timeout: 30_000 });

	await page.getByTestId('language-en').click();
	await expect(page.locator('details.profile > summary')).toHaveText('Standards: Shanghai 2023 (edited)', { timeout: 30_000 });
	await expect(page.locator('.app')).toHaveAttribute('data-coverage-ready', 'true', { timeout: 60_000 });
	await expect(page.getByTestId('export-csv')).toBeEnabled({ timeout: 60_000 });
	const text = (await downloadExport(page, 'csv')).toString('utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).split('\r\n');
	const comments = lines.filter((line) => line.startsWith('#'));
	expect(lines.slice(0, comments.length)).toEqual(comments);
	expect(comments[0]).toBe("# Dataset: Jing'an demo (synthetic)");
	expect(comments).toContain('# Scenario: none (baseline)');
	expect(comments).toContain('# Synthetic demo data, per layer: All layers (facilities, population, sub-districts, walking network) are the synthetic demo, not real data');
	const profile = comments.find((line) => line.startsWith('# Standards profile: '));
	expect(profile).toMatch(/^# Standards profile: Shanghai 2023 \(edited\) \(custom-[a-z0-9]+\)$/);
	expect(comments.some((line) => line.startsWith('# Residents in the population layer, all (persons): '))).toBe(true);
	// The table below them, read as a reader given '#' as the comment character reads it.
	const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true, comments: '#' });
	expect(parsed.errors).toEqual([]);
	expect(parsed.data).toHaveLength(15);
	expect(parsed.data.at(-1)?.['Sub-district']).toBe('District total');
});
