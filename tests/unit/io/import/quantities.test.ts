import { describe, expect, test } from 'vitest';
import { readFacilityQuantity } from '$lib/io/import/quantity';
import { neutraliseFormula } from '$lib/engine/spreadsheet-text';

describe('area and bed counts as district lists write them', () => {
	test.each([
		['20张', 'beds', 20],
		['20 张', 'beds', 20],
		['1,200 m²', 'area', 1200],
		['1,200㎡', 'area', 1200],
		['1200平方米', 'area', 1200],
		['1200 平米', 'area', 1200],
		['５００', 'area', 500],
		['１，２００', 'beds', 1200],
		['350.5 m2', 'area', 350.5],
		[' 80床 ', 'beds', 80],
		['0', 'beds', 0],
		[42, 'area', 42]
	] as const)('%s reads as %s %d', (raw, quantity, value) => {
		expect(readFacilityQuantity(raw, quantity)).toEqual({ ok: true, value });
	});

	test.each(['', '  ', '—', '-', '无', 'N/A', null, undefined])('blank %s is unknown without a problem', (raw) => {
		expect(readFacilityQuantity(raw, 'area')).toEqual({ ok: true, value: null });
		expect(readFacilityQuantity(raw, 'beds')).toEqual({ ok: true, value: null });
	});

	test.each(['暂无', '待核实', '约300', '300左右', '200-300', '>100', '-5', '1,20', '20张床位', 'NaN'])('%s is not a count: refused (the importer keeps it as unknown)', (raw) => {
		// "-5" is a number below zero, said as such; the rest are no number at all.
		expect(readFacilityQuantity(raw, 'beds')).toEqual({ ok: false, raw, negative: raw === '-5' });
	});

	// A unit belongs to its quantity: beds in the area column (or square metres in the beds column) are misplaced.
	test.each([
		['300张', 'area'],
		['80床', 'area'],
		['300㎡', 'beds'],
		['300平方米', 'beds']
	] as const)('%s is not a figure of %s: refused', (raw, quantity) => {
		expect(readFacilityQuantity(raw, quantity)).toEqual({ ok: false, raw, negative: false });
	});

	test('negative and non-finite numbers are refused too', () => {
		expect(readFacilityQuantity(-5, 'beds')).toEqual({ ok: false, raw: '-5', negative: true });
		expect(readFacilityQuantity(Number.POSITIVE_INFINITY, 'area')).toEqual({ ok: false, raw: 'Infinity', negative: false });
	});
});

describe('spreadsheet text neutraliser', () => {
	test.each([
		['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
		['+86 21', `'+86 21`],
		['-5', `'-5`],
		['@SUM(A1)', `'@SUM(A1)`],
		['\tx', `'\tx`],
		['\rx', `'\rx`],
		['静安寺街道', '静安寺街道'],
		['a=b', 'a=b'],
		['', '']
	])('%j → %j', (text, neutral) => {
		expect(neutraliseFormula(text)).toBe(neutral);
	});
});
