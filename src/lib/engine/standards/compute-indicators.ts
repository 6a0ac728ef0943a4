/**
 * The standards indicators in plain TypeScript, giving what src/lib/db/indicators.ts gives in SQL
 * (same fields, same NULL semantics, same order of arithmetic), fast enough to rerun on every frame of
 * a what-if drag. The two implementations are checked against each other in
 * tests/unit/engine/standards/compute.test.ts; a change to one must be made to the other.
 *
 * What the SQL reads from tables comes in here as:
 * - `subdistricts`: the subdistricts table (census population: a non-finite number counts as unknown,
 *   as the loader stores it);
 * - `facilities`: the facilities table ('' sub-district = NULL = unassigned);
 * - `coverage`: the per-sub-district sums of cell_access joined with population. The SQL tests
 *   `minutes ≤ profile.rules.coverageMinutes` itself; here `coveredResidents` is taken as given, so
 *   the coverage must have been computed with that same threshold.
 */
import type { AreaCoverage } from '../bands';
import type { Facility, FacilityStatus, Subdistrict } from '../types';
import { addFacility, compareUtf8, emptyTally, knownNumber, statusFilter, type AreaBase, type FacilityTally } from './indicator-base';
import { districtIndicatorsOf } from './indicator-district';
import { deriveAreaIndicators } from './indicator-rules';
import type { DistrictIndicators, SubdistrictIndicators } from './indicators';
import { requiredCentreAreaM2, type StandardsProfile } from './profile';

export interface IndicatorInputs {
	/** code, name, nameEn, population (census override or null). */
	subdistricts: readonly Subdistrict[];
	/** facility.subdistrict is the code used (as the SQL's facilities.subdistrict; '' = NULL). */
	facilities: readonly Facility[];
	/** Per sub-district cell sums in the same order as `subdistricts` (AreaCoverage from the coverage engine), plus the cells outside every sub-district; null = coverage not computed. */
	coverage: { bySubdistrict: readonly AreaCoverage[]; outside: AreaCoverage } | null;
	/** Residents per sub-district from the cells, same order, used when coverage is null (cellResidents); optional when coverage is given. */
	cellResidents?: Float64Array;
	/** Residents of cells outside every sub-district (for unassignedCellResidents) when coverage is null. */
	outsideCellResidents?: number;
	profile: StandardsProfile;
	/** Only facilities with these statuses count (the SQL's IndicatorOptions.statuses); default all. */
	statuses?: readonly FacilityStatus[];
}

export interface ComputedIndicators {
	/** One row per sub-district, ordered by code (UTF-8 byte order, as the SQL's ORDER BY code). */
	rows: SubdistrictIndicators[];
	district: DistrictIndicators;
}

/** The cell-based figures of one sub-district (the SQL's cell_totals row, or zeros when it has no cells). */
interface CellFigures {
	cellResidents: number;
	covered: number | null;
	uncovered: number | null;
	unreachable: number | null;
}

interface CellSummary {
	bySubdistrict: CellFigures[];
	/** Whether access rows exist at all (the SQL's access_computed: coverage given over at least one cell). */
	computed: boolean;
	outsideResidents: number;
}

function cellSummary(inputs: IndicatorInputs): CellSummary {
	const count = inputs.subdistricts.length;
	const { coverage } = inputs;
	if (coverage === null) {
		const residents = inputs.cellResidents;
		const outside = inputs.outsideCellResidents;
		if (residents === undefined || outside === undefined) throw new Error('computeIndicators: without coverage, cellResidents and outsideCellResidents are required');
		if (residents.length !== count) throw new RangeError(`computeIndicators: ${count} sub-districts but ${residents.length} cellResidents`);
		const bySubdistrict = Array.from(residents, (cellResidents) => ({ cellResidents, covered: null, uncovered: null, unreachable: null }));
		return { bySubdistrict, computed: false, outsideResidents: outside };
	}
	if (coverage.bySubdistrict.length !== count) throw new RangeError(`computeIndicators: ${count} sub-districts but coverage for ${coverage.bySubdistrict.length}`);
	// cell_access holds one row per cell: with no cell at all there is no row, and the SQL says "not computed".
	const cells = coverage.bySubdistrict.reduce((total, area) => total + area.cells, coverage.outside.cells);
	const computed = cells > 0;
	const bySubdistrict = coverage.bySubdistrict.map((area) => ({
		cellResidents: area.residents,
		covered: computed ? area.coveredResidents : null,
		// Everyone not covered, the unreachable included (the SQL's FILTER (WHERE NOT covered)).
		uncovered: computed ? area.residents - area.coveredResidents : null,
		unreachable: computed ? area.unreachableResidents : null
	}));
	return { bySubdistrict, computed, outsideResidents: coverage.outside.residents };
}

interface FacilityTallies {
	bySubdistrict: FacilityTally[];
	/** Per sub-district: its centres' ids and statuses, to be ordered by id. */
	centres: { id: string; status: FacilityStatus }[][];
	/** Counted facilities with no code or a code that is no sub-district's. */
	unassigned: number;
}

function tallyFacilities(inputs: IndicatorInputs): FacilityTallies {
	const indexByCode = new Map(inputs.subdistricts.map((subdistrict, index) => [subdistrict.code, index]));
	const counts = statusFilter(inputs.statuses);
	const tallies: FacilityTallies = { bySubdistrict: inputs.subdistricts.map(emptyTally), centres: inputs.subdistricts.map(() => []), unassigned: 0 };
	for (const facility of inputs.facilities) {
		if (!counts(facility)) continue;
		const index = facility.subdistrict === '' ? undefined : indexByCode.get(facility.subdistrict);
		if (index === undefined) {
			tallies.unassigned += 1;
			continue;
		}
		addFacility(tallies.bySubdistrict[index], facility, inputs.profile);
		if (facility.type === 'centre') tallies.centres[index].push({ id: facility.id, status: facility.status });
	}
	return tallies;
}

function subdistrictBase(subdistrict: Subdistrict, cells: CellFigures, tally: FacilityTally, centres: { id: string; status: FacilityStatus }[], profile: StandardsProfile, computed: boolean): AreaBase {
	const census = knownNumber(subdistrict.population);
	const residents = census ?? cells.cellResidents;
	return {
		code: subdistrict.code,
		name: subdistrict.name,
		nameEn: subdistrict.nameEn,
		residents,
		residentsSource: census === null ? 'cells' : 'census',
		cellResidents: cells.cellResidents,
		censusPopulation: census,
		...tally,
		centreStatuses: [...centres].sort((a, b) => compareUtf8(a.id, b.id)).map((centre) => centre.status),
		requiredAreaM2: residents > 0 ? requiredCentreAreaM2(profile.rules, residents) : null,
		coverageComputed: computed,
		coveredResidents: cells.covered,
		uncoveredResidents: cells.uncovered,
		unreachableResidents: cells.unreachable
	};
}

/** Every sub-district's indicators and the district's, as subdistrictIndicators / districtIndicators give them. */
export function computeIndicators(inputs: IndicatorInputs): ComputedIndicators {
	const cells = cellSummary(inputs);
	const tallies = tallyFacilities(inputs);
	const bases = inputs.subdistricts.map((subdistrict, index) =>
		subdistrictBase(subdistrict, cells.bySubdistrict[index], tallies.bySubdistrict[index], tallies.centres[index], inputs.profile, cells.computed)
	);
	const inInputOrder = bases.map((base) => deriveAreaIndicators(base, inputs.profile));
	const district = districtIndicatorsOf(bases, inInputOrder, inputs.profile, {
		coverageComputed: cells.computed,
		unassignedFacilities: tallies.unassigned,
		unassignedCellResidents: cells.outsideResidents
	});
	const rows = [...inInputOrder].sort((a, b) => compareUtf8(a.code, b.code));
	return { rows, district };
}
