/**
 * A table 2,000 columns wide (the most the readers accept) in the import dialog's mapping editor and
 * preview, rendered on the server with the real messages: the controls stay bounded (issue 26, item 2),
 * every column stays findable, and a narrow table is offered exactly as before.
 */
import { render } from 'svelte/server';
import { addMessages, init, locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import ImportMappingEditor from '$lib/components/import/ImportMappingEditor.svelte';
import ImportPreviewTable from '$lib/components/import/ImportPreviewTable.svelte';
import { CHOICES_SHOWN, columnChoices, PREVIEW_COLUMNS_SHOWN, previewColumns } from '$lib/components/import/column-choices';
import { FIELDS_BY_KIND } from '$lib/io/import';
import { MAX_COLUMNS } from '$lib/io/import/table-source';
import importEn from '$lib/i18n/import.en.json';
import importZh from '$lib/i18n/import.zh-CN.json';

const headers = Array.from({ length: MAX_COLUMNS }, (_, index) => (index === 1500 ? '经度' : `column ${index + 1}`));
const fields = FIELDS_BY_KIND.facilities;
const count = (html: string, tag: string) => html.split(`<${tag}`).length - 1;

beforeAll(() => {
	addMessages('en', importEn);
	addMessages('zh-CN', importZh);
	init({ fallbackLocale: 'zh-CN', initialLocale: 'en' });
	locale.set('en');
});

describe('the mapping editor with a 2,000-column table', () => {
	it('renders at most 50 columns (+ the mapped one and "none") per field, and says so', () => {
		const { body } = render(ImportMappingEditor, { props: { fields, headers, mapping: { lon: 1500 }, hasGeometry: false, onChange: () => undefined } });
		expect(count(body, 'select')).toBe(fields.length);
		// Without the bound: 2,001 options per field.
		expect(count(body, 'option')).toBeLessThanOrEqual(fields.length * (CHOICES_SHOWN + 2));
		expect(body).toContain('This file has 2,000 columns');
		expect(body).toContain('经度');
	});

	it('finds any column by its name, and keeps the mapped one listed', () => {
		expect(columnChoices(headers, '1999', undefined)).toEqual([1998]);
		expect(columnChoices(headers, '经度', undefined)).toEqual([1500]);
		expect(columnChoices(headers, '', 1500)).toEqual([1500, ...Array.from({ length: CHOICES_SHOWN }, (_, index) => index)]);
	});

	it('offers every column of a narrow table, as before', () => {
		const narrow = ['名称', '类型', '经度', '纬度'];
		const { body } = render(ImportMappingEditor, { props: { fields, headers: narrow, mapping: {}, hasGeometry: false, onChange: () => undefined } });
		expect(count(body, 'option')).toBe(fields.length * (narrow.length + 1));
		expect(body).not.toContain('import-map-search');
	});
});

describe('the preview of a 2,000-column table', () => {
	it('shows the mapped columns and the first ones, at most 30 cells a row', () => {
		const rows = Array.from({ length: 10 }, (_, row) => ({ row: row + 2, cells: headers.map((_, column) => `r${row}c${column}`), geometryType: null }));
		const { body } = render(ImportPreviewTable, { props: { headers, rows, mapping: { lon: 1500 } } });
		expect(count(body, 'td')).toBe(10 * (PREVIEW_COLUMNS_SHOWN + 1));
		expect(body).toContain('r0c1500');
		expect(body).toContain('Showing 30 of 2,000 columns');
		expect(previewColumns(5, [4])).toEqual([0, 1, 2, 3, 4]);
	});
});
