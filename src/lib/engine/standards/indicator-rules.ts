/**
 * Derived figures and rule outcomes of one area from its base figures: the TypeScript twin of
 * `derivedColumnsSql` in src/lib/db/indicators.ts, used for the sub-districts and the district alike.
 * Every expression keeps the SQL's order of operations so that both give the same doubles.
 */
import { overallStatus, RULE_IDS, type AreaIndicators, type RuleId, type RuleOutcome } from './indicators';
import type { AreaBase } from './indicator-base';
import type { StandardsProfile } from './profile';
import { percentOf } from '../percent';

/** A threshold on a sum with possibly unknown parts (sumOutcomeSql): unknown parts can only add. */
function sumOutcome(enabled: boolean, applicable: boolean, meets: boolean, unknownCount: number): RuleOutcome {
	if (!enabled) return 'off';
	if (!applicable) return 'na';
	if (meets) return 'pass';
	return unknownCount > 0 ? 'incomplete' : 'fail';
}

/** A per-facility minimum over a set (countOutcomeSql): one known value under it fails the set. */
function countOutcome(enabled: boolean, total: number, under: number, unknownCount: number): RuleOutcome {
	if (!enabled) return 'off';
	if (total === 0) return 'na';
	if (under > 0) return 'fail';
	return unknownCount > 0 ? 'incomplete' : 'pass';
}

// Exported for the tests only, which hold the TypeScript and SQL indicators equal through it.
/**
 * DuckDB's ROUND(double, digits) for digits ≥ 0: round(x × 10^digits) ÷ 10^digits with halves away
 * from zero (std::round). Math.round sends halves up, so negative input is mirrored.
 */
export function roundLikeDuckDb(value: number, digits: number): number {
	const modifier = 10 ** digits;
	const scaled = value * modifier;
	const roundedScaled = scaled < 0 ? -Math.round(-scaled) : Math.round(scaled);
	const rounded = roundedScaled / modifier;
	return Number.isFinite(rounded) ? rounded : value;
}

/** Whole beds to add to reach `rate` per 1,000 (bedsNeededSql): 0 when met, null when unknown beds leave it open. */
function bedsNeeded(enabled: boolean, rate: number, base: AreaBase): number | null {
	if (!enabled) return null;
	const needed = (rate * base.residents) / 1000;
	if (base.residents <= 0 || base.beds >= needed) return 0;
	if (base.bedsUnknownCount > 0) return null;
	// ROUND before CEIL: 52.300000000001 from floating point must not become 53 beds.
	return Math.ceil(roundLikeDuckDb(needed - base.beds, 6));
}

function areaGap(enabled: boolean, base: AreaBase): number | null {
	const required = base.requiredAreaM2;
	if (!enabled || required === null) return null;
	if (base.centreAreaM2 >= required) return 0;
	return base.areaUnknownCount > 0 ? null : required - base.centreAreaM2;
}

function coverageOutcome(profile: StandardsProfile, base: AreaBase): RuleOutcome {
	const target = profile.rules.coverageTargetPct;
	if (!target.enabled) return 'off';
	if (!base.coverageComputed || base.cellResidents <= 0 || base.uncoveredResidents === null) return 'na';
	// Multiplied out as in the SQL (no division), so 100 % means exactly nobody uncovered.
	return base.uncoveredResidents * 100 <= (100 - target.value) * base.cellResidents ? 'pass' : 'fail';
}

function ruleOutcomes(profile: StandardsProfile, base: AreaBase): Record<RuleId, RuleOutcome> {
	const { rules } = profile;
	const hasResidents = base.residents > 0;
	const required = base.requiredAreaM2;
	return {
		centreArea: sumOutcome(rules.centreAreaPerThousand.enabled, hasResidents, required !== null && base.centreAreaM2 >= required, base.areaUnknownCount),
		bedsMin: sumOutcome(rules.bedsPerThousandMin.enabled, hasResidents, base.beds * 1000 >= rules.bedsPerThousandMin.value * base.residents, base.bedsUnknownCount),
		newCentreBeds: countOutcome(rules.newCentreBeds.enabled, base.newCentres, base.newCentresUnderBeds, base.newCentresBedsUnknown),
		stationArea: countOutcome(rules.stationAreaMin.enabled, base.stations, base.stationsUnderArea, base.stationsAreaUnknown),
		coverage: coverageOutcome(profile, base)
	};
}

/** Per 1,000 residents; null without residents or when an unknown part leaves the sum open. */
function perThousand(sum: number, unknownCount: number, residents: number): number | null {
	return residents > 0 && unknownCount === 0 ? (sum * 1000) / residents : null;
}

/** The indicators of one area (sub-district or district) as the SQL's derived columns give them. */
export function deriveAreaIndicators(base: AreaBase, profile: StandardsProfile): AreaIndicators {
	const { rules } = profile;
	const areaOn = rules.centreAreaPerThousand.enabled;
	const outcomes = ruleOutcomes(profile, base);
	const outcomeList = RULE_IDS.map((rule) => outcomes[rule]);
	return {
		code: base.code,
		name: base.name,
		nameEn: base.nameEn,
		residents: base.residents,
		residentsSource: base.residentsSource,
		cellResidents: base.cellResidents,
		censusPopulation: base.censusPopulation,
		capacityFacilities: base.capacityFacilities,
		centres: base.centres,
		branches: base.branches,
		centreStatuses: [...base.centreStatuses],
		centreAreaM2: base.centreAreaM2,
		areaUnknownCount: base.areaUnknownCount,
		areaPerThousand: perThousand(base.centreAreaM2, base.areaUnknownCount, base.residents),
		requiredAreaM2: areaOn ? base.requiredAreaM2 : null,
		areaGapM2: areaGap(areaOn, base),
		beds: base.beds,
		bedsUnknownCount: base.bedsUnknownCount,
		bedsPerThousand: perThousand(base.beds, base.bedsUnknownCount, base.residents),
		bedsNeededMin: bedsNeeded(rules.bedsPerThousandMin.enabled, rules.bedsPerThousandMin.value, base),
		bedsNeededTarget: bedsNeeded(rules.bedsPerThousandTarget.enabled, rules.bedsPerThousandTarget.value, base),
		newCentres: base.newCentres,
		newCentresUnderBeds: base.newCentresUnderBeds,
		newCentresBedsUnknown: base.newCentresBedsUnknown,
		stations: base.stations,
		stationsUnderArea: base.stationsUnderArea,
		stationsAreaUnknown: base.stationsAreaUnknown,
		coveredResidents: base.coveredResidents,
		coveragePct: base.coveredResidents === null ? null : percentOf(base.coveredResidents, base.cellResidents),
		uncoveredResidents: base.uncoveredResidents,
		unreachableResidents: base.unreachableResidents,
		rules: outcomes,
		failedRules: outcomeList.filter((outcome) => outcome === 'fail').length,
		incompleteRules: outcomeList.filter((outcome) => outcome === 'incomplete').length,
		status: overallStatus(outcomes)
	};
}
