import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures';
import { osmHeaderBlock, pbfFile, wideCsv } from '../../scripts/hostile-fixtures';

/** Hostile files through the real dialog and its worker (issue 26, items 2 and 13). */
const dir = mkdtempSync(join(tmpdir(), 'hostile-e2e-'));

function write(name: string, bytes: Uint8Array): string {
	const path = join(dir, name);
	writeFileSync(path, bytes);
	return path;
}

async function choose(page: Page, kind: string, path: string) {
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId(`import-kind-${kind}`).check();
	await dialog.getByTestId('import-file').setInputFiles(path);
	return dialog;
}

test('a fuzzed .osm.pbf ending in library text is a clear message naming the file, in English and Chinese', async ({ page }) => {
	// A PrimitiveBlock field of wire type 7: the pbf library throws "Unimplemented type: 7".
	const path = write('fuzzed.osm.pbf', pbfFile([{ type: 'OSMHeader', raw: osmHeaderBlock() }, { type: 'OSMData', raw: new Uint8Array([0x1f, 0x01, 0x02]) }]));
	for (const language of ['en', 'zh-CN'] as const) {
		await page.addInitScript((chosen) => localStorage.setItem('health-circle.language', chosen), language);
		await openApp(page);
		const dialog = await choose(page, 'network', path);
		await dialog.getByTestId('import-run').click();
		const error = dialog.getByTestId('import-error');
		await expect(error).toBeVisible();
		if (language === 'en') {
			await expect(error).toContainText(`“\u2068fuzzed.osm.pbf\u2069” is damaged or is not a valid OpenStreetMap PBF file`);
			await expect(error).not.toContainText('The import failed');
		} else {
			await expect(error).toContainText(`“\u2068fuzzed.osm.pbf\u2069”已损坏`);
			await page.screenshot({ path: 'test-results/hostile-pbf-zh.png' });
		}
		await expect(error).toContainText('Unimplemented type: 7');
		await dialog.getByTestId('import-close').click();
	}
});

test('a 20,000-column CSV is refused with its name; a 2,000-column one is offered without thousands of controls', async ({ page }) => {
	await openApp(page);
	let dialog = await choose(page, 'facilities', write('wide-20000.csv', wideCsv(20_000)));
	await expect(dialog.getByTestId('import-error')).toContainText(`“\u2068wide-20000.csv\u2069” has 20,000 columns; at most 2,000 can be loaded`);
	await dialog.getByTestId('import-close').click();

	dialog = await choose(page, 'facilities', write('wide-2000.csv', wideCsv(2000)));
	await expect(dialog.getByTestId('import-mapping')).toBeVisible();
	await expect(dialog.getByTestId('import-preview-columns')).toContainText('Showing 30 of 2,000 columns');
	// Without the bound: 2,001 options in each field's list and 2,000 cells a preview row.
	expect(await dialog.locator('option').count()).toBeLessThan(1000);
	expect(await dialog.getByTestId('import-preview').locator('tbody tr').first().locator('td').count()).toBe(31);
	await dialog.getByTestId('import-map-search').fill('c1999');
	await dialog.getByTestId('import-map-type').selectOption({ label: 'c1999' });
	await expect(dialog.getByTestId('import-preview')).toContainText('c1999');
	await page.screenshot({ path: 'test-results/hostile-wide-csv.png' });
});
