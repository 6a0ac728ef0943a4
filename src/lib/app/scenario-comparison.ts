import { shownPointsChange } from '$lib/engine/percent';
import { rulesPassed, type AreaIndicators, type SubdistrictIndicators } from '$lib/engine/standards/indicators';
import type { Language } from '$lib/i18n';
import { nameCollator } from './overview';

/** One sub-district (or the district) before and after a scenario: the changes a planner weighs. */
export interface ComparisonRow {
	code: string;
	baseline: AreaIndicators;
	scenario: AreaIndicators | null;
	coverageBefore: number | null;
	coverageAfter: number | null;
	/** Change in coverage, percentage points, between the shown (rounded) percentages, so before → after and the change agree. */
	coveragePoints: number | null;
	coveredResidents: number | null;
	areaPerThousand: number | null;
	bedsPerThousand: number | null;
	rulesPassedBefore: number;
	rulesPassedAfter: number | null;
	/** Anything above differs. */
	changed: boolean;
}

export function comparisonRow(baseline: AreaIndicators, scenario: AreaIndicators | null): ComparisonRow {
	const change = (figure: (area: AreaIndicators) => number | null): number | null => {
		const before = figure(baseline);
		const after = scenario ? figure(scenario) : null;
		return before === null || after === null ? null : after - before;
	};
	const row = {
		code: baseline.code,
		baseline,
		scenario,
		coverageBefore: baseline.coveragePct,
		coverageAfter: scenario?.coveragePct ?? null,
		coveragePoints: shownPointsChange(baseline.coveragePct, scenario?.coveragePct ?? null),
		coveredResidents: change((area) => area.coveredResidents),
		areaPerThousand: change((area) => area.areaPerThousand),
		bedsPerThousand: change((area) => area.bedsPerThousand),
		rulesPassedBefore: rulesPassed(baseline),
		rulesPassedAfter: scenario ? rulesPassed(scenario) : null
	};
	const moved = [row.coveragePoints, row.coveredResidents, row.areaPerThousand, row.bedsPerThousand].some((value) => value !== null && Math.abs(value) > 1e-9);
	return { ...row, changed: moved || row.rulesPassedBefore !== row.rulesPassedAfter };
}

/** Every baseline sub-district before and after, in the reader's name order (the overview's: pinyin in Chinese, alphabetical in English). */
export function comparisonRows(baseline: readonly SubdistrictIndicators[], scenario: readonly SubdistrictIndicators[], language: Language): ComparisonRow[] {
	const after = new Map(scenario.map((row) => [row.code, row]));
	const byName = nameCollator(language);
	return [...baseline].sort(byName).map((row) => comparisonRow(row, after.get(row.code) ?? null));
}
