/**
 * The indicators as CSV: one row per area, snake_case headers, '' for "not known / not applicable".
 * Shared by the CLI (indicators.csv) and any export, so both write the same columns.
 */
import { csvField } from '../spreadsheet-text';
import { shownPercent } from '../percent';
import { type AreaIndicators, type CentreIndicators } from './indicators';

export interface CsvColumn<Row> {
	header: string;
	value: (row: Row) => string | number | null;
}

/** Rounded to `decimals` places, kept a number (so that only text cells are neutralised); null when unknown. */
function fixed(value: number | null, decimals: number): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	return Number(value.toFixed(decimals));
}

/** The indicator columns, in order (README: "indicators.csv"). */
export const INDICATOR_COLUMNS: readonly CsvColumn<AreaIndicators>[] = [
	{ header: 'code', value: (r) => r.code },
	{ header: 'name', value: (r) => r.name },
	{ header: 'name_en', value: (r) => r.nameEn },
	{ header: 'residents', value: (r) => fixed(r.residents, 3) },
	{ header: 'residents_source', value: (r) => r.residentsSource },
	{ header: 'cell_residents', value: (r) => fixed(r.cellResidents, 3) },
	{ header: 'census_population', value: (r) => fixed(r.censusPopulation, 3) },
	{ header: 'centres', value: (r) => r.centres },
	{ header: 'branches', value: (r) => r.branches },
	{ header: 'capacity_facilities', value: (r) => r.capacityFacilities },
	{ header: 'centre_statuses', value: (r) => r.centreStatuses.join(';') },
	{ header: 'centre_area_m2', value: (r) => fixed(r.centreAreaM2, 2) },
	{ header: 'area_unknown_facilities', value: (r) => r.areaUnknownCount },
	{ header: 'area_m2_per_1000', value: (r) => fixed(r.areaPerThousand, 4) },
	{ header: 'required_area_m2', value: (r) => fixed(r.requiredAreaM2, 2) },
	{ header: 'area_gap_m2', value: (r) => fixed(r.areaGapM2, 2) },
	{ header: 'beds', value: (r) => fixed(r.beds, 2) },
	{ header: 'beds_unknown_facilities', value: (r) => r.bedsUnknownCount },
	{ header: 'beds_per_1000', value: (r) => fixed(r.bedsPerThousand, 4) },
	{ header: 'beds_needed_min', value: (r) => fixed(r.bedsNeededMin, 0) },
	{ header: 'beds_needed_target', value: (r) => fixed(r.bedsNeededTarget, 0) },
	{ header: 'new_centres', value: (r) => r.newCentres },
	{ header: 'new_centres_under_beds', value: (r) => r.newCentresUnderBeds },
	{ header: 'new_centres_beds_unknown', value: (r) => r.newCentresBedsUnknown },
	{ header: 'stations', value: (r) => r.stations },
	{ header: 'stations_under_area', value: (r) => r.stationsUnderArea },
	{ header: 'stations_area_unknown', value: (r) => r.stationsAreaUnknown },
	{ header: 'covered_residents', value: (r) => fixed(r.coveredResidents, 3) },
	{ header: 'coverage_pct', value: (r) => fixed(shownPercent(r.coveragePct, 3), 3) },
	{ header: 'uncovered_residents', value: (r) => fixed(r.uncoveredResidents, 3) },
	{ header: 'unreachable_residents', value: (r) => fixed(r.unreachableResidents, 3) },
	{ header: 'rule_centre_area', value: (r) => r.rules.centreArea },
	{ header: 'rule_beds_min', value: (r) => r.rules.bedsMin },
	{ header: 'rule_new_centre_beds', value: (r) => r.rules.newCentreBeds },
	{ header: 'rule_station_area', value: (r) => r.rules.stationArea },
	{ header: 'rule_coverage', value: (r) => r.rules.coverage },
	{ header: 'failed_rules', value: (r) => r.failedRules },
	{ header: 'status', value: (r) => r.status }
];

export const CENTRE_COLUMNS: readonly CsvColumn<CentreIndicators>[] = [
	{ header: 'id', value: (r) => r.id },
	{ header: 'name', value: (r) => r.name },
	{ header: 'type', value: (r) => r.type },
	{ header: 'subdistrict', value: (r) => r.subdistrict },
	{ header: 'status', value: (r) => r.status },
	{ header: 'member_ids', value: (r) => r.memberIds.join(';') },
	{ header: 'area_m2', value: (r) => fixed(r.areaM2, 2) },
	{ header: 'area_unknown_facilities', value: (r) => r.areaUnknownCount },
	{ header: 'beds', value: (r) => fixed(r.beds, 2) },
	{ header: 'beds_unknown_facilities', value: (r) => r.bedsUnknownCount },
	{ header: 'administrative_population', value: (r) => fixed(r.administrativePopulation, 3) },
	{ header: 'catchment_population', value: (r) => fixed(r.catchmentPopulation, 3) },
	{ header: 'service_population_definition', value: (r) => r.servicePopulationDefinition },
	{ header: 'service_population', value: (r) => fixed(r.servicePopulation, 3) },
	{ header: 'required_area_m2', value: (r) => fixed(r.requiredAreaM2, 2) },
	{ header: 'area_gap_m2', value: (r) => fixed(r.areaGapM2, 2) },
	{ header: 'rule_centre_area', value: (r) => r.areaOutcome },
	{ header: 'rule_new_centre_beds', value: (r) => r.newCentreBedsOutcome }
];

/** A whole CSV file (LF line ends, trailing newline); extra columns are appended per row. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
	const lines = [columns.map((column) => csvField(column.header)).join(',')];
	for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))).join(','));
	return lines.join('\n') + '\n';
}
