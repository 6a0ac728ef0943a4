/**
 * How badly an area fails its standards: the largest relative gap over its failing rules, so that a
 * sub-district missing two thirds of its coverage is told apart from one a few m² short. Pure.
 *
 * Relative gap of each rule (0 = met, 1 = nothing of what the standard asks):
 * - centreArea: shortfall ÷ required area;
 * - bedsMin: (minimum − beds per 1,000) ÷ minimum;
 * - coverage: (target − coverage %) ÷ target;
 * - stationArea / newCentreBeds: the largest shortfall of one station (area) or new centre (beds) in the area
 *   from its own minimum (a centre with 73 of 100 beds: 27 %), not the share of facilities under it (one of
 *   one under read 100 % and ranked a few beds short above 60,000 residents uncovered).
 */
import type { Facility } from '../types';
import { facilityShortfall, type FacilityShortfall } from './indicator-base';
import { RULE_IDS, type AreaIndicators, type RuleId } from './indicators';
import type { StandardsProfile } from './profile';

/** Per sub-district code, the largest shortfall of one of its facilities from its own minimum, per facility rule. */
export type FacilityRuleGaps = ReadonlyMap<string, Partial<Record<FacilityShortfall['rule'], number>>>;

export function facilityRuleGaps(facilities: readonly Facility[], profile: StandardsProfile): FacilityRuleGaps {
	const gaps = new Map<string, Partial<Record<FacilityShortfall['rule'], number>>>();
	for (const facility of facilities) {
		const own = facilityShortfall(facility, profile);
		if (!facility.subdistrict || own === null || own.gap === null) continue;
		const area = gaps.get(facility.subdistrict) ?? {};
		area[own.rule] = Math.max(area[own.rule] ?? 0, own.gap);
		gaps.set(facility.subdistrict, area);
	}
	return gaps;
}

/** Class breaks of the status map (relative gap, as a fraction): under 10 %, 10–25 %, 25–50 %, 50 % and more. */
export const SEVERITY_BREAKS = [0.1, 0.25, 0.5] as const;

/** The relative gap of one failing rule, or null when the rule does not fail (or its figure is unknown). */
export function ruleRelativeGap(row: AreaIndicators, rule: RuleId, profile: StandardsProfile, facilityGaps: FacilityRuleGaps): number | null {
	if (row.rules[rule] !== 'fail') return null;
	const { rules } = profile;
	const share = (part: number | null, whole: number | null) => (part === null || whole === null || whole <= 0 ? null : Math.min(1, Math.max(0, part / whole)));
	switch (rule) {
		case 'centreArea':
			return share(row.areaGapM2, row.requiredAreaM2);
		case 'bedsMin':
			return row.bedsPerThousand === null ? null : share(rules.bedsPerThousandMin.value - row.bedsPerThousand, rules.bedsPerThousandMin.value);
		case 'coverage':
			return row.coveragePct === null ? null : share(rules.coverageTargetPct.value - row.coveragePct, rules.coverageTargetPct.value);
		case 'stationArea':
		case 'newCentreBeds':
			return facilityGaps.get(row.code)?.[rule] ?? null;
	}
}

export interface Severity {
	/** Largest relative gap over the failing rules (0 when none fails); null when no rule fails but some are undecided. */
	gap: number | null;
	/** The rule with that gap, null when none fails. */
	rule: RuleId | null;
}

export function severity(row: AreaIndicators, profile: StandardsProfile, facilityGaps: FacilityRuleGaps): Severity {
	let worst: Severity = { gap: 0, rule: null };
	for (const rule of RULE_IDS) {
		if (row.rules[rule] !== 'fail') continue;
		// A failing rule always has its figures (an unknown one makes it 'incomplete'); 0 keeps it failing if not.
		const gap = ruleRelativeGap(row, rule, profile, facilityGaps) ?? 0;
		if (worst.rule === null || gap > (worst.gap ?? 0)) worst = { gap, rule };
	}
	if (worst.rule === null && row.status === 'incomplete') return { gap: null, rule: null };
	return worst;
}
