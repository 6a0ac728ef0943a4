/**
 * The district row from the sub-districts' base figures and outcomes: the TypeScript twin of
 * `district_base`, `district_extra` and `districtOutcomeSql` in src/lib/db/indicators.ts. Sums run in the sub-districts'
 * input order (the SQL table's order); SQL SUM over no value is NULL, kept where the SQL keeps it.
 */
import { overallStatus, RULE_IDS, type DistrictIndicators, type RuleId, type RuleOutcome, type SubdistrictIndicators } from './indicators';
import { emptyTally, type AreaBase, type FacilityTally } from './indicator-base';
import { deriveAreaIndicators } from './indicator-rules';
import type { StandardsProfile } from './profile';

/** SQL SUM: NULL when there is no non-NULL value. */
function sqlSum(values: readonly (number | null)[]): number | null {
	let total: number | null = null;
	for (const value of values) if (value !== null) total = total === null ? value : total + value;
	return total;
}

function residentsSource(bases: readonly AreaBase[]): AreaBase['residentsSource'] {
	const census = bases.filter((base) => base.residentsSource === 'census').length;
	if (census === 0) return 'cells';
	return census === bases.length ? 'census' : 'mixed';
}

function summedTally(bases: readonly AreaBase[]): FacilityTally {
	const total = emptyTally();
	const keys = Object.keys(total) as (keyof FacilityTally)[];
	for (const key of keys) total[key] = sqlSum(bases.map((base) => base[key])) ?? 0;
	return total;
}

/** district_base: every figure summed; the required area is the sum of the sub-districts' own (each with its minimum). */
export function districtBase(bases: readonly AreaBase[], coverageComputed: boolean): AreaBase {
	return {
		code: '',
		name: '',
		nameEn: '',
		residents: sqlSum(bases.map((base) => base.residents)) ?? 0,
		residentsSource: residentsSource(bases),
		cellResidents: sqlSum(bases.map((base) => base.cellResidents)) ?? 0,
		censusPopulation: sqlSum(bases.map((base) => base.censusPopulation)),
		...summedTally(bases),
		centreStatuses: [],
		requiredAreaM2: sqlSum(bases.map((base) => base.requiredAreaM2)) ?? 0,
		coverageComputed,
		coveredResidents: sqlSum(bases.map((base) => base.coveredResidents)),
		uncoveredResidents: sqlSum(bases.map((base) => base.uncoveredResidents)),
		unreachableResidents: sqlSum(bases.map((base) => base.unreachableResidents))
	};
}

/** A district sum that is unknown as soon as one sub-district's figure is (NULL), else the sum (0 for none). */
function sumUnlessUnknown(values: readonly (number | null)[]): number | null {
	return values.includes(null) ? null : (sqlSum(values) ?? 0);
}

export interface DistrictExtras {
	coverageComputed: boolean;
	unassignedFacilities: number;
	unassignedCellResidents: number;
}

/**
 * A rule of the district that follows from its sub-districts' (districtOutcomeSql): the district
 * meets it only when every sub-district does, as its gap is the sum of their shortfalls.
 */
function districtOutcome(enabled: boolean, rows: readonly SubdistrictIndicators[], rule: RuleId): RuleOutcome {
	if (!enabled) return 'off';
	const outcomes = rows.map((row) => row.rules[rule]);
	for (const outcome of ['fail', 'incomplete', 'pass'] as const) if (outcomes.includes(outcome)) return outcome;
	return 'na';
}

/**
 * The district row; `rows` are the sub-districts' indicators in the same order as `bases`. The
 * district's gaps (area, beds) are the sums of the sub-districts' own shortfalls: a surplus in one
 * sub-district does not offset another's. The net figures (district totals against the district's
 * requirement, surpluses offsetting) are kept, labelled as such, in the `*Net*` fields.
 */
export function districtIndicatorsOf(
	bases: readonly AreaBase[],
	rows: readonly SubdistrictIndicators[],
	profile: StandardsProfile,
	extras: DistrictExtras
): DistrictIndicators {
	const { rules: profileRules } = profile;
	// A sub-district's area gap is null without residents (nothing needed) or when unknown areas leave
	// it open; only the second makes the sum unknown.
	const areaGapUnknown = rows.some((row) => row.rules.centreArea === 'incomplete');
	const failing = Object.fromEntries(RULE_IDS.map((rule) => [rule, rows.filter((row) => row.rules[rule] === 'fail').length])) as Record<RuleId, number>;
	const net = deriveAreaIndicators(districtBase(bases, extras.coverageComputed), profile);
	const rules: Record<RuleId, RuleOutcome> = {
		...net.rules,
		centreArea: districtOutcome(profileRules.centreAreaPerThousand.enabled, rows, 'centreArea'),
		bedsMin: districtOutcome(profileRules.bedsPerThousandMin.enabled, rows, 'bedsMin')
	};
	const outcomes = RULE_IDS.map((rule) => rules[rule]);
	return {
		...net,
		areaGapM2: !profileRules.centreAreaPerThousand.enabled || areaGapUnknown ? null : (sqlSum(rows.map((row) => row.areaGapM2)) ?? 0),
		bedsNeededMin: profileRules.bedsPerThousandMin.enabled ? sumUnlessUnknown(rows.map((row) => row.bedsNeededMin)) : null,
		bedsNeededTarget: profileRules.bedsPerThousandTarget.enabled ? sumUnlessUnknown(rows.map((row) => row.bedsNeededTarget)) : null,
		rules,
		failedRules: outcomes.filter((outcome) => outcome === 'fail').length,
		incompleteRules: outcomes.filter((outcome) => outcome === 'incomplete').length,
		status: overallStatus(rules),
		subdistricts: rows.length,
		areaNetGapM2: net.areaGapM2,
		bedsNetNeededMin: net.bedsNeededMin,
		bedsNetNeededTarget: net.bedsNeededTarget,
		failingSubdistricts: failing,
		unassignedFacilities: extras.unassignedFacilities,
		unassignedCellResidents: extras.unassignedCellResidents
	};
}
