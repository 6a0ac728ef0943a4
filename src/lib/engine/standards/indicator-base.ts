/**
 * The base figures of one area before any rule is applied, computed in plain TypeScript exactly as
 * the `counted`, `facility_totals` and `subdistrict_base` parts of src/lib/db/indicators.ts compute
 * them in SQL (compute-indicators.ts builds the rest on top). Kept apart from the rules so that the
 * district row can be built from the same shape by summing.
 */
import { FACILITY_STATUSES, type Facility, type FacilityStatus } from '../types';
import type { AreaIndicators } from './indicators';
import type { StandardsProfile } from './profile';

/** Facility counts and sums of one area: the `facility_totals` columns, named as in AreaIndicators. */
export type FacilityTally = Pick<
	AreaIndicators,
	| 'capacityFacilities'
	| 'centres'
	| 'branches'
	| 'centreAreaM2'
	| 'areaUnknownCount'
	| 'beds'
	| 'bedsUnknownCount'
	| 'newCentres'
	| 'newCentresUnderBeds'
	| 'newCentresBedsUnknown'
	| 'stations'
	| 'stationsUnderArea'
	| 'stationsAreaUnknown'
>;

/** The `subdistrict_base` (or `district_base`) row: everything the rules read. */
export interface AreaBase extends FacilityTally {
	code: string;
	name: string;
	nameEn: string;
	residents: number;
	residentsSource: AreaIndicators['residentsSource'];
	cellResidents: number;
	censusPopulation: number | null;
	centreStatuses: FacilityStatus[];
	/** Required centre area whatever the rule's switch (the SQL keeps it for the district's sum); null without residents. */
	requiredAreaM2: number | null;
	coverageComputed: boolean;
	coveredResidents: number | null;
	uncoveredResidents: number | null;
	unreachableResidents: number | null;
}

export function emptyTally(): FacilityTally {
	return {
		capacityFacilities: 0,
		centres: 0,
		branches: 0,
		centreAreaM2: 0,
		areaUnknownCount: 0,
		beds: 0,
		bedsUnknownCount: 0,
		newCentres: 0,
		newCentresUnderBeds: 0,
		newCentresBedsUnknown: 0,
		stations: 0,
		stationsUnderArea: 0,
		stationsAreaUnknown: 0
	};
}

/**
 * What the loader stores: a non-finite number becomes SQL NULL (db/arrow-columns.ts float64Column),
 * so NaN here must mean "unknown" too, or the two computations would part ways.
 */
export function knownNumber(value: number | null): number | null {
	return value !== null && Number.isFinite(value) ? value : null;
}

/** Which facilities count at all (IndicatorOptions.statuses); unknown statuses are refused as the SQL refuses them. */
export function statusFilter(statuses: readonly FacilityStatus[] | undefined): (facility: Facility) => boolean {
	if (statuses === undefined) return () => true;
	const unknown = statuses.filter((status) => !(FACILITY_STATUSES as readonly string[]).includes(status));
	if (unknown.length > 0) throw new Error(`Unknown facility status: ${unknown.join(', ')}`);
	const allowed = new Set<FacilityStatus>(statuses);
	return (facility) => allowed.has(facility.status);
}

/** A facility held to a minimum of its own: a new centre's beds, a station's building area. */
export interface FacilityShortfall {
	rule: 'newCentreBeds' | 'stationArea';
	/** (minimum − value) ÷ minimum when under it, 0 when it meets it, null when its figure is unknown. */
	gap: number | null;
}

/** How far a facility falls short of its own minimum, or null when no such rule applies to it. */
export function facilityShortfall(facility: Facility, profile: StandardsProfile): FacilityShortfall | null {
	const { rules } = profile;
	// `value < minimum` is NULL for an unknown value (SQL): such a facility is "unknown", never "under".
	const shortfall = (value: number | null, minimum: number) => (value === null ? null : value < minimum ? (minimum - value) / minimum : 0);
	if (facility.type === 'centre' && rules.newCentreBeds.statuses.includes(facility.status)) return { rule: 'newCentreBeds', gap: shortfall(knownNumber(facility.beds), rules.newCentreBeds.value) };
	if (facility.type === 'station') return { rule: 'stationArea', gap: shortfall(knownNumber(facility.areaM2), rules.stationAreaMin.value) };
	return null;
}

/** Adds one counted facility to its area's tally (the FILTER clauses of facility_totals, NULL semantics included). */
export function addFacility(tally: FacilityTally, facility: Facility, profile: StandardsProfile): void {
	const area = knownNumber(facility.areaM2);
	const beds = knownNumber(facility.beds);
	if (profile.capacityTypes.includes(facility.type)) {
		tally.capacityFacilities += 1;
		if (area === null) tally.areaUnknownCount += 1;
		else tally.centreAreaM2 += area;
		if (beds === null) tally.bedsUnknownCount += 1;
		else tally.beds += beds;
	}
	if (facility.type === 'centre') tally.centres += 1;
	if (facility.type === 'branch') tally.branches += 1;
	if (facility.type === 'station') tally.stations += 1;
	const own = facilityShortfall(facility, profile);
	if (own?.rule === 'newCentreBeds') {
		tally.newCentres += 1;
		if (own.gap === null) tally.newCentresBedsUnknown += 1;
		else if (own.gap > 0) tally.newCentresUnderBeds += 1;
	}
	if (own?.rule === 'stationArea') {
		if (own.gap === null) tally.stationsAreaUnknown += 1;
		else if (own.gap > 0) tally.stationsUnderArea += 1;
	}
}

/**
 * Binary order of the UTF-8 bytes, as DuckDB sorts VARCHAR (`ORDER BY code`, `string_agg(... ORDER BY id)`).
 * That is code point order; JavaScript's `<` compares UTF-16 units, which differs only between a
 * surrogate (an astral character) and U+E000–U+FFFF, so those units are shifted into code point order.
 */
export function compareUtf8(a: string, b: string): number {
	const length = Math.min(a.length, b.length);
	for (let index = 0; index < length; index++) {
		const unitA = a.charCodeAt(index);
		const unitB = b.charCodeAt(index);
		if (unitA !== unitB) return codePointRank(unitA) - codePointRank(unitB);
	}
	return a.length - b.length;
}

function codePointRank(unit: number): number {
	if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
	if (unit >= 0xe000) return unit - 0x800;
	return unit;
}
