import { describe, expect, it } from 'vitest';
import { shownPercent, shownPointsChange } from '$lib/engine/percent';
import { formatPercent } from '$lib/i18n/format';
import { shownCoveragePct } from '$lib/report/columns';
import { INDICATOR_COLUMNS } from '$lib/engine/standards/indicator-csv';
import type { AreaIndicators } from '$lib/engine/standards/indicators';

describe('the one rounding rule for percentages', () => {
	it('never reads 100.0 for a share under 100 %', () => {
		for (const value of [99.95, 99.96, 99.97, 99.99, 99.999, 99.99999999]) expect(shownPercent(value), String(value)).toBe(99.9);
		expect(shownPercent(99.94)).toBe(99.9);
		expect(shownPercent(99.9996, 3)).toBe(99.999);
		expect(shownPercent(99.9994, 3)).toBe(99.999);
		expect(shownPercent(100)).toBe(100);
	});

	it('never reads 0.0 for a share above 0 %', () => {
		for (const value of [0.001, 0.01, 0.04, 0.0499, 1e-12]) expect(shownPercent(value), String(value)).toBe(0.1);
		expect(shownPercent(0.0004, 3)).toBe(0.001);
		expect(shownPercent(0)).toBe(0);
		expect(shownPercent(-0)).toBe(0);
	});

	it('rounds everything else to the nearest step, halves away from zero as written', () => {
		expect(shownPercent(88.26)).toBe(88.3);
		expect(shownPercent(88.24)).toBe(88.2);
		expect(shownPercent(12.25)).toBe(12.3); // 12.25 is exact in binary: a true half
		expect(shownPercent(50)).toBe(50);
		expect(shownPercent(0.05)).toBe(0.1);
		expect(shownPercent(99.85)).toBe(99.8); // 99.85 is stored as 99.84999…: below the half
		expect(shownPercent(null)).toBeNull();
		expect(shownPercent(Number.NaN)).toBeNull();
	});

	it('leaves changes in points (outside 0–100) to plain rounding, and takes them between shown values', () => {
		expect(shownPercent(-0.04)).toBe(0);
		expect(shownPercent(-3.26)).toBe(-3.3);
		expect(shownPointsChange(99.9, 99.97)).toBe(0); // both read 99.9
		expect(shownPointsChange(99.97, 100)).toBe(0.1); // 99.9 → 100.0
		expect(shownPointsChange(80, 92.5)).toBe(12.5);
		expect(shownPointsChange(null, 50)).toBeNull();
	});

	it('is what the panel, the report and the CSV columns show', () => {
		for (const value of [99.97, 0.001, 88.26, 100, 0]) {
			const shown = shownPercent(value);
			expect(formatPercent(value, 'en')).toBe(`${shown.toFixed(1)}%`);
			expect(shownCoveragePct(value)).toBe(shown);
		}
		const column = INDICATOR_COLUMNS.find((candidate) => candidate.header === 'coverage_pct')!;
		expect(column.value({ coveragePct: 99.9996 } as AreaIndicators)).toBe(99.999);
		expect(column.value({ coveragePct: 0.0001 } as AreaIndicators)).toBe(0.001);
	});
});
