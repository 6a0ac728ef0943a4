/**
 * The per-centre check in plain TypeScript, giving what `centreIndicators` (src/lib/db/indicator-centres.ts)
 * gives in SQL, so that a what-if frame can update it without DuckDB. Checked against the SQL in
 * tests/unit/engine/standards/compute-centres.test.ts; a change to one must be made to the other.
 *
 * A centre's group is itself plus the counted capacity facilities whose parent is a counted capacity
 * centre (a branch counts as part of its parent centre); any other capacity facility stands alone.
 * Its catchment is the residents of cells whose nearest counted facility (the nearest-centre run,
 * see service-population.ts) is any member.
 */
import type { Facility, FacilityStatus } from '../types';
import { compareUtf8, knownNumber, statusFilter } from './indicator-base';
import type { AreaIndicators, CentreIndicators, RuleOutcome, ServicePopulationDefinition } from './indicators';
import { requiredCentreAreaM2, type StandardsProfile } from './profile';

export interface CentreIndicatorInputs {
	facilities: readonly Facility[];
	/** Residents of each sub-district (census when given, else cells): computeIndicators' rows fit. */
	subdistrictResidents: readonly Pick<AreaIndicators, 'code' | 'residents'>[];
	/**
	 * Per cell, from the nearest-centre run over these same `facilities`: minutes (non-finite = none
	 * reached) and the facility's index (-1 = none). Null = not computed (catchment null).
	 */
	nearestCentre: { minutes: ArrayLike<number>; facilityIndex: ArrayLike<number> } | null;
	/** Residents per cell, same cell order as nearestCentre. */
	cellPop: ArrayLike<number>;
	profile: StandardsProfile;
	/** Which population the area check uses; default administrative (as the SQL). */
	servicePopulation?: ServicePopulationDefinition;
	/** Only facilities with these statuses count; default all. */
	statuses?: readonly FacilityStatus[];
}

/** One centre's group: the head facility, its members and their summed area and beds. */
interface CentreGroup {
	head: Facility;
	members: Facility[];
	areaM2: number;
	areaUnknownCount: number;
	beds: number;
	bedsUnknownCount: number;
	catchment: number;
}

/** Groups keyed by head id, and per facility index the group it belongs to (none for facilities outside every group). */
function groupCapacity(inputs: CentreIndicatorInputs): { groups: Map<string, CentreGroup>; groupOfFacility: (CentreGroup | undefined)[] } {
	const counts = statusFilter(inputs.statuses);
	const isCapacity = (facility: Facility) => counts(facility) && inputs.profile.capacityTypes.includes(facility.type);
	const centreIds = new Set(inputs.facilities.filter((facility) => isCapacity(facility) && facility.type === 'centre').map((facility) => facility.id));
	// The loader stores '' as NULL, and NULL IN (...) is never true.
	const headId = (facility: Facility) => (facility.type !== 'centre' && facility.parentId !== null && centreIds.has(facility.parentId) ? facility.parentId : facility.id);
	const groups = new Map<string, CentreGroup>();
	const byId = new Map(inputs.facilities.map((facility) => [facility.id, facility]));
	const groupOfFacility = inputs.facilities.map((facility) => {
		if (!isCapacity(facility)) return undefined;
		const id = headId(facility);
		let group = groups.get(id);
		if (group === undefined) {
			group = { head: byId.get(id)!, members: [], areaM2: 0, areaUnknownCount: 0, beds: 0, bedsUnknownCount: 0, catchment: 0 };
			groups.set(id, group);
		}
		addMember(group, facility);
		return group;
	});
	return { groups, groupOfFacility };
}

function addMember(group: CentreGroup, facility: Facility): void {
	group.members.push(facility);
	const area = knownNumber(facility.areaM2);
	const beds = knownNumber(facility.beds);
	if (area === null) group.areaUnknownCount += 1;
	else group.areaM2 += area;
	if (beds === null) group.bedsUnknownCount += 1;
	else group.beds += beds;
}

/** Adds every reached cell's residents to its nearest facility's group; false when there is no per-cell row at all. */
function addCatchments(inputs: CentreIndicatorInputs, groupOfFacility: readonly (CentreGroup | undefined)[]): boolean {
	const nearest = inputs.nearestCentre;
	if (nearest === null) return false;
	const cellCount = nearest.facilityIndex.length;
	if (nearest.minutes.length !== cellCount || inputs.cellPop.length !== cellCount) throw new RangeError('computeCentreIndicators: nearestCentre and cellPop must have one entry per cell');
	for (let cell = 0; cell < cellCount; cell++) {
		const index = nearest.facilityIndex[cell];
		// nearestFacilityRows stores no facility for a cell without finite minutes.
		if (index < 0 || !Number.isFinite(nearest.minutes[cell])) continue;
		const group = groupOfFacility[index];
		if (group !== undefined) group.catchment += inputs.cellPop[cell];
	}
	// The SQL's catchment_computed: the table has rows, one per cell.
	return cellCount > 0;
}

function areaOutcome(enabled: boolean, required: number | null, area: number, unknown: number): RuleOutcome {
	if (!enabled) return 'off';
	if (required === null) return 'na';
	if (area >= required) return 'pass';
	return unknown > 0 ? 'incomplete' : 'fail';
}

/** The beds check of a new centre on its own beds (not its group's). */
function newCentreBedsOutcome(profile: StandardsProfile, head: Facility): RuleOutcome {
	const rule = profile.rules.newCentreBeds;
	if (!rule.enabled) return 'off';
	if (head.type !== 'centre' || !rule.statuses.includes(head.status)) return 'na';
	const beds = knownNumber(head.beds);
	if (beds === null) return 'incomplete';
	return beds >= rule.value ? 'pass' : 'fail';
}

function centreRow(group: CentreGroup, administrativePopulation: number | null, catchmentPopulation: number | null, inputs: CentreIndicatorInputs): CentreIndicators {
	const { head, areaM2, areaUnknownCount } = group;
	const definition = inputs.servicePopulation ?? 'administrative';
	const servicePopulation = definition === 'administrative' ? administrativePopulation : catchmentPopulation;
	const areaRuleOn = inputs.profile.rules.centreAreaPerThousand.enabled;
	const requiredAreaM2 = areaRuleOn && servicePopulation !== null ? requiredCentreAreaM2(inputs.profile.rules, servicePopulation) : null;
	const others = group.members.filter((member) => member !== head).map((member) => member.id);
	return {
		id: head.id,
		name: head.name,
		...(head.defaultNumber === undefined ? {} : { defaultNumber: head.defaultNumber }),
		...(head.defaultName === undefined ? {} : { defaultName: head.defaultName }),
		type: head.type,
		subdistrict: head.subdistrict === '' ? null : head.subdistrict,
		status: head.status,
		memberIds: [head.id, ...others.sort(compareUtf8)],
		areaM2,
		areaUnknownCount,
		beds: group.beds,
		bedsUnknownCount: group.bedsUnknownCount,
		administrativePopulation,
		catchmentPopulation,
		servicePopulationDefinition: definition,
		servicePopulation,
		requiredAreaM2,
		areaGapM2: requiredAreaM2 === null ? null : areaM2 >= requiredAreaM2 ? 0 : areaUnknownCount > 0 ? null : requiredAreaM2 - areaM2,
		areaOutcome: areaOutcome(areaRuleOn, requiredAreaM2, areaM2, areaUnknownCount),
		newCentreBedsOutcome: newCentreBedsOutcome(inputs.profile, head)
	};
}

/** One row per centre (group head), ordered by id as the SQL orders them. */
export function computeCentreIndicators(inputs: CentreIndicatorInputs): CentreIndicators[] {
	const { groups, groupOfFacility } = groupCapacity(inputs);
	const catchmentComputed = addCatchments(inputs, groupOfFacility);
	const residentsByCode = new Map(inputs.subdistrictResidents.map((area) => [area.code, area.residents]));
	return [...groups.values()]
		.sort((a, b) => compareUtf8(a.head.id, b.head.id))
		.map((group) => {
			// A head with no sub-district ('' = NULL) or an unknown code has no administrative population.
			const administrative = group.head.subdistrict === '' ? null : (residentsByCode.get(group.head.subdistrict) ?? null);
			return centreRow(group, administrative, catchmentComputed ? group.catchment : null, inputs);
		});
}
