import { describe, expect, test } from 'vitest';
import { readFacilityQuantity } from '$lib/io/import/quantity';
import { neutraliseFormula } from '$lib/engine/spreadsheet-text';

describe('area and bed counts as district lists write them', () => {
	test.each([
		['20张', 20],
		['20 张', 20],
		['1,200 m²', 1200],
		['1,200㎡', 1200],
		['1200平方米', 1200],
		['1200 平米', 1200],
		['５００', 500],
		['１，２００', 1200],
		['350.5 m2', 350.5],
		[' 80床 ', 80],
		['0', 0],
		[42, 42]
	])('%s reads as %d', (raw, value) => {
		expect(readFacilityQuantity(raw)).toEqual({ ok: true, value });
	});

	test.each(['', '  ', '—', '-', '无', 'N/A', null, undefined])('blank %s is unknown without a problem', (raw) => {
		expect(readFacilityQuantity(raw)).toEqual({ ok: true, value: null });
	});

	test.each(['暂无', '待核实', '约300', '300左右', '200-300', '>100', '-5', '1,20', '20张床位', 'NaN'])('%s is not a count: refused (the importer keeps it as unknown)', (raw) => {
		// "-5" is a number below zero, said as such; the rest are no number at all.
		expect(readFacilityQuantity(raw)).toEqual({ ok: false, raw, negative: raw === '-5' });
	});

	test('negative and non-finite numbers are refused too', () => {
		expect(readFacilityQuantity(-5)).toEqual({ ok: false, raw: '-5', negative: true });
		expect(readFacilityQuantity(Number.POSITIVE_INFINITY)).toEqual({ ok: false, raw: 'Infinity', negative: false });
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
