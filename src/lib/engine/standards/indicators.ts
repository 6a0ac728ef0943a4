/**
 * The shape of the standards indicators (computed in SQL by src/lib/db/indicators.ts) and the few
 * pure rules about them that the UI, the CLI and the report share.
 */
import type { FacilityStatus, FacilityType } from '../types';

/** The pass/fail rules checked per sub-district (and for the district). */
export const RULE_IDS = ['centreArea', 'bedsMin', 'newCentreBeds', 'stationArea', 'coverage'] as const;
export type RuleId = (typeof RULE_IDS)[number];

// Exported for the tests only: the choropleth test checks every outcome has a message key.
/**
 * - pass / fail: decided;
 * - incomplete: facilities with unknown area or beds could change the answer ("incomplete data (n facilities)");
 * - na: nothing to check (no residents, no stations, no new centres, coverage not computed);
 * - off: the profile switches the rule off.
 */
export const RULE_OUTCOMES = ['pass', 'fail', 'incomplete', 'na', 'off'] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

/** Overall standing of an area: all rules met, one failed, several failed, or no failure but missing data. */
export const OVERALL_STATUSES = ['meetsAll', 'failsOne', 'failsSeveral', 'incomplete'] as const;
export type OverallStatus = (typeof OVERALL_STATUSES)[number];

export type ServicePopulationDefinition = 'administrative' | 'catchment';
export const SERVICE_POPULATION_DEFINITIONS: readonly ServicePopulationDefinition[] = ['administrative', 'catchment'];

/** Indicators of one sub-district, or (DistrictIndicators) of the whole district. */
export interface AreaIndicators {
	code: string;
	name: string;
	nameEn: string;
	/** Residents used for every per-1,000 figure: the census figure when given, else the cell sum. */
	residents: number;
	/** Which figure `residents` is; 'mixed' only for the district (census in some sub-districts). */
	residentsSource: 'census' | 'cells' | 'mixed';
	cellResidents: number;
	censusPopulation: number | null;

	/** Counted facilities of the profile's capacity types (centres, and branches by default). */
	capacityFacilities: number;
	centres: number;
	branches: number;
	/** Project status of each centre (type 'centre'), ordered by facility id; empty for the district. */
	centreStatuses: FacilityStatus[];

	/** Sum of the known building areas of the capacity facilities (m²). */
	centreAreaM2: number;
	/** Capacity facilities whose area is unknown (not in the sum, never counted as zero). */
	areaUnknownCount: number;
	/** m² per 1,000 residents; null when residents are 0 or an area is unknown. */
	areaPerThousand: number | null;
	/** Required centre area (m²); for a sub-district max(minimum, perThousand × residents ÷ 1,000); for the district the sum. */
	requiredAreaM2: number | null;
	/** Shortfall in m² (0 when met); null when it cannot be known (unknown areas, rule off); the district's is the sum of the sub-districts'. */
	areaGapM2: number | null;

	beds: number;
	bedsUnknownCount: number;
	bedsPerThousand: number | null;
	/** Whole beds to add to reach the minimum (e.g. 1.0 per 1,000); 0 when met; null when unknown or off. */
	bedsNeededMin: number | null;
	/** Whole beds to add to reach the upper target (e.g. 1.5 per 1,000). */
	bedsNeededTarget: number | null;

	/** New centres (type 'centre' with a status in the profile's newCentreBeds.statuses). */
	newCentres: number;
	newCentresUnderBeds: number;
	newCentresBedsUnknown: number;

	stations: number;
	/** Stations with a known area below the profile's station minimum. */
	stationsUnderArea: number;
	stationsAreaUnknown: number;

	/** Coverage figures are sums over population cells (census figures have no location). */
	coveredResidents: number | null;
	coveragePct: number | null;
	/** Cell residents not covered within the time budget (including unreachable ones). */
	uncoveredResidents: number | null;
	unreachableResidents: number | null;

	rules: Record<RuleId, RuleOutcome>;
	failedRules: number;
	incompleteRules: number;
	status: OverallStatus;
}

export type SubdistrictIndicators = AreaIndicators;

export interface DistrictIndicators extends AreaIndicators {
	subdistricts: number;
	/**
	 * The district's own `areaGapM2`, `bedsNeededMin` and `bedsNeededTarget` are sums over the
	 * sub-districts of their own shortfalls (a surplus in one does not offset another's), and its
	 * centre-area and beds rules fail when any sub-district fails. These are the net figures instead:
	 * the district's totals against its total requirement, surpluses offsetting (for context only).
	 */
	areaNetGapM2: number | null;
	bedsNetNeededMin: number | null;
	bedsNetNeededTarget: number | null;
	/** How many sub-districts fail each rule. */
	failingSubdistricts: Record<RuleId, number>;
	/** Counted facilities with no (or an unknown) sub-district code. */
	unassignedFacilities: number;
	/** Residents of cells outside every sub-district (not in any figure above). */
	unassignedCellResidents: number;
}

/** The per-centre check, for the selected service-population definition. */
export interface CentreIndicators {
	/** Id of the centre (or of a branch with no counted parent centre). */
	id: string;
	name: string;
	/** The head facility's default-name marker (a proposed centre still named "拟建社区卫生服务中心 n"): see Facility. */
	defaultNumber?: number;
	/** Which default name the number is of (a suggested centre's): see Facility. */
	defaultName?: 'suggested';
	type: FacilityType;
	subdistrict: string | null;
	status: FacilityStatus;
	/** Ids of the counted facilities folded into this centre (itself first, then branches by id). */
	memberIds: string[];
	areaM2: number;
	areaUnknownCount: number;
	beds: number;
	bedsUnknownCount: number;
	/** Residents of its sub-district (census when given). */
	administrativePopulation: number | null;
	/** Residents of cells whose nearest centre (by network time) is this one; null when not computed. */
	catchmentPopulation: number | null;
	servicePopulationDefinition: ServicePopulationDefinition;
	servicePopulation: number | null;
	requiredAreaM2: number | null;
	areaGapM2: number | null;
	areaOutcome: RuleOutcome;
	/** Only for new centres (status in newCentreBeds.statuses); 'na' otherwise. */
	newCentreBedsOutcome: RuleOutcome;
}

/**
 * Overall status from rule outcomes: failures first, then missing data. An area where no rule could be
 * decided at all (every one not applicable: no residents in the data, nothing to hold to a standard) is
 * 'incomplete', never "meets all": a data gap must not read as compliance on a map.
 */
export function overallStatus(rules: Record<RuleId, RuleOutcome>): OverallStatus {
	const outcomes = Object.values(rules);
	const failed = outcomes.filter((outcome) => outcome === 'fail').length;
	if (failed >= 2) return 'failsSeveral';
	if (failed === 1) return 'failsOne';
	return outcomes.includes('incomplete') || (outcomes.includes('na') && !outcomes.includes('pass')) ? 'incomplete' : 'meetsAll';
}

/** How many of an area's rules pass (what a scenario comparison shows before → after). */
export function rulesPassed(area: Pick<AreaIndicators, 'rules'>): number {
	return RULE_IDS.filter((rule) => area.rules[rule] === 'pass').length;
}

/** Facilities whose unknown figure leaves a rule undecided: shown as "incomplete data (n facilities)". */
export function incompleteFacilityCount(area: AreaIndicators, rule: RuleId): number {
	switch (rule) {
		case 'centreArea':
			return area.areaUnknownCount;
		case 'bedsMin':
			return area.bedsUnknownCount;
		case 'newCentreBeds':
			return area.newCentresBedsUnknown;
		case 'stationArea':
			return area.stationsAreaUnknown;
		case 'coverage':
			return 0;
	}
}
