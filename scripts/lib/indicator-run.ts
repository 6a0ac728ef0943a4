/**
 * The indicator computation shared by `npm run indicators` and `npm run report`: the common options
 * (inputs, mode, minutes, types, snapping, profile, service population, statuses), the coverage runs
 * and the DuckDB indicator queries, the same engine and SQL as the app.
 */
import { area as turfArea, multiPolygon } from '@turf/turf';
import { computeCoverage, prepareNetwork, type CoverageParams, type CoverageResult, type PreparedNetwork } from '$lib/engine/coverage';
import { buildWalkGraph, type WalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS, TRAVEL_MODES, validateCoverageParams, type TravelMode } from '$lib/engine/params';
import { SERVICE_POPULATION_DEFINITIONS, type CentreIndicators, type DistrictIndicators, type ServicePopulationDefinition, type SubdistrictIndicators } from '$lib/engine/standards/indicators';
import { SHANGHAI_2023, cloneProfile, type StandardsProfile } from '$lib/engine/standards/profile';
import { nearestCentreParams, nearestFacilityRows } from '$lib/engine/standards/service-population';
import { parseProfileJson } from '$lib/engine/standards/validate';
import { FACILITY_STATUSES, FACILITY_TYPES, type Facility, type FacilityStatus, type FacilityType } from '$lib/engine/types';
import { centreIndicators, createIndicatorSchema, loadNearestCentres } from '$lib/db/indicator-centres';
import { districtIndicators, subdistrictIndicators } from '$lib/db/indicators';
import { loadCellAccess, loadFacilities, loadPopulation, loadSubdistricts } from '$lib/db/load';
import { openNodeDb } from '$lib/db/node';
import { createSchema } from '$lib/db/schema';
import type { ArgValues } from './cli-output';
import { readInputFile, UsageError, type LoadedInputs } from './load-inputs';

/** parseArgs options common to both scripts (each adds its own --out and extras). */
export const INDICATOR_ARG_OPTIONS = {
	network: { type: 'string' },
	facilities: { type: 'string' },
	population: { type: 'string' },
	subdistricts: { type: 'string' },
	mode: { type: 'string', default: DEFAULT_COVERAGE_PARAMS.mode },
	minutes: { type: 'string' },
	types: { type: 'string' },
	'max-snap': { type: 'string', default: String(DEFAULT_COVERAGE_PARAMS.maxSnapM) },
	profile: { type: 'string' },
	'service-population': { type: 'string', default: 'administrative' },
	statuses: { type: 'string' },
	scenario: { type: 'string' }
} as const;

export const INDICATOR_USAGE =
	'--network FILE --facilities FILE --population FILE --subdistricts FILE [--mode walk|elderly|cycle] [--minutes 15] [--types centre,branch,station] [--max-snap 300] [--profile FILE] [--service-population administrative|catchment] [--statuses existing,...] [--scenario FILE]';

export interface IndicatorRunOptions {
	network: string | null;
	facilities: string;
	population: string;
	subdistricts: string;
	profile: StandardsProfile;
	profileFile: string | null;
	params: CoverageParams;
	servicePopulation: ServicePopulationDefinition;
	statuses: FacilityStatus[] | null;
	/** A scenario file to run beside the baseline (scripts/lib/scenario-input.ts); null: baseline only. */
	scenario: string | null;
}

/** A string option's value, null when absent or empty. */
export function textOption(values: ArgValues, name: string): string | null {
	const value = values[name];
	return typeof value === 'string' && value !== '' ? value : null;
}

export function requiredOption(values: ArgValues, name: string): string {
	const value = textOption(values, name);
	if (value === null) throw new UsageError(`missing --${name} (--help for usage)`);
	return value;
}

function list<T extends string>(value: string, flag: string, allowed: readonly T[]): T[] {
	const items = value.split(',').map((item) => item.trim()).filter(Boolean);
	const unknown = items.find((item) => !(allowed as readonly string[]).includes(item));
	if (unknown !== undefined || items.length === 0) throw new UsageError(`${flag}: "${unknown ?? ''}" is not one of ${allowed.join(', ')}`);
	return items as T[];
}

/** --mode: one of the travel modes. */
export function readTravelMode(value: string): TravelMode {
	if (!(TRAVEL_MODES as readonly string[]).includes(value)) throw new UsageError(`--mode: "${value}" is not one of ${TRAVEL_MODES.join(', ')}`);
	return value as TravelMode;
}

/** --types: a comma-separated list of facility types. */
export function readFacilityTypes(value: string): FacilityType[] {
	return list<FacilityType>(value, '--types', FACILITY_TYPES);
}

export function readNumber(value: string, flag: string): number {
	const number = Number(value);
	if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new UsageError(`${flag}: "${value}" is not a non-negative number`);
	return number;
}

function readProfile(path: string): StandardsProfile {
	const validation = parseProfileJson(readInputFile(path, '--profile').toString('utf8'));
	if (validation.ok) return validation.profile;
	throw new UsageError(`--profile ${path}: refused, ${validation.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`);
}

/** The common options from parsed arguments; a bad value is a UsageError. */
export function readIndicatorOptions(values: ArgValues): IndicatorRunOptions {
	const profileFile = textOption(values, 'profile');
	const profile = profileFile ? readProfile(profileFile) : cloneProfile(SHANGHAI_2023);
	const mode = readTravelMode(String(values.mode));
	const minutesText = textOption(values, 'minutes');
	const typesText = textOption(values, 'types');
	const params: CoverageParams = {
		...DEFAULT_COVERAGE_PARAMS,
		mode,
		thresholdMinutes: minutesText === null ? profile.rules.coverageMinutes.value : readNumber(minutesText, '--minutes'),
		facilityTypes: typesText === null ? [...profile.coverageTypes] : readFacilityTypes(typesText),
		maxSnapM: readNumber(String(values['max-snap']), '--max-snap')
	};
	const problem = validateCoverageParams(params);
	if (problem) throw new UsageError(problem);
	const servicePopulation = String(values['service-population']);
	if (!(SERVICE_POPULATION_DEFINITIONS as readonly string[]).includes(servicePopulation)) {
		throw new UsageError(`--service-population: "${servicePopulation}" is not one of ${SERVICE_POPULATION_DEFINITIONS.join(', ')}`);
	}
	const statusesText = textOption(values, 'statuses');
	return {
		network: textOption(values, 'network'),
		facilities: requiredOption(values, 'facilities'),
		population: requiredOption(values, 'population'),
		subdistricts: requiredOption(values, 'subdistricts'),
		profile,
		profileFile,
		params,
		servicePopulation: servicePopulation as ServicePopulationDefinition,
		statuses: statusesText === null ? null : list<FacilityStatus>(statusesText, '--statuses', FACILITY_STATUSES),
		scenario: textOption(values, 'scenario')
	};
}

/** The facilities counted: all, or those with one of --statuses. */
export function countedFacilities(inputs: LoadedInputs, options: IndicatorRunOptions): Facility[] {
	return countedOf(inputs.facilities, options);
}

/** Of a facility list (the baseline's or a scenario's), those counted: all, or those with one of --statuses. */
export function countedOf(facilities: Facility[], options: IndicatorRunOptions): Facility[] {
	return options.statuses ? facilities.filter((facility) => options.statuses!.includes(facility.status)) : facilities;
}

export interface Runs {
	coverage: CoverageResult;
	nearestCentre: CoverageResult;
}

/** The walking graph and the cells snapped to it: built once, shared by the baseline and a scenario. */
export interface EngineNetwork {
	graph: WalkGraph | null;
	prepared: PreparedNetwork | undefined;
}

export function prepareEngineNetwork(inputs: LoadedInputs, options: IndicatorRunOptions): EngineNetwork {
	const graph = inputs.network ? buildWalkGraph(inputs.network) : null;
	return { graph, prepared: graph ? prepareNetwork(graph, inputs.cells, options.params.maxSnapM) : undefined };
}

/** The coverage run and the nearest-centre run (catchment service population). */
export function runEngine(inputs: LoadedInputs, facilities: Facility[], options: IndicatorRunOptions, network: EngineNetwork = prepareEngineNetwork(inputs, options)): Runs {
	const { graph, prepared } = network;
	const base = { graph, prepared, facilities, cells: inputs.cells, cellSubdistrict: inputs.cellSubdistrict, subdistricts: inputs.subdistricts };
	return {
		coverage: computeCoverage({ ...base, params: options.params }),
		nearestCentre: computeCoverage({ ...base, params: nearestCentreParams(options.params, options.profile) })
	};
}

export interface IndicatorRows {
	subdistricts: SubdistrictIndicators[];
	district: DistrictIndicators;
	centres: CentreIndicators[];
}

/** Everything into DuckDB, then the indicator queries. */
export async function queryIndicators(inputs: LoadedInputs, facilities: Facility[], options: IndicatorRunOptions, runs: Runs): Promise<IndicatorRows> {
	const conn = await openNodeDb();
	try {
		await createSchema(conn);
		await createIndicatorSchema(conn);
		await loadSubdistricts(conn, inputs.subdistricts, inputs.subdistricts.map((s) => turfArea(multiPolygon(s.polygons)) / 1e6));
		await loadFacilities(conn, facilities);
		await loadPopulation(conn, inputs.cells, Array.from(inputs.cellSubdistrict, (index) => (index >= 0 ? inputs.subdistricts[index].code : null)));
		const access = nearestFacilityRows(runs.coverage, facilities);
		await loadCellAccess(conn, { minutes: runs.coverage.minutes, facilityId: access.facilityId, covered: runs.coverage.covered, unreachable: runs.coverage.unreachable });
		await loadNearestCentres(conn, nearestFacilityRows(runs.nearestCentre, facilities));
		const indicatorOptions = { coverageMinutes: options.params.thresholdMinutes };
		return {
			subdistricts: await subdistrictIndicators(conn, options.profile, indicatorOptions),
			district: await districtIndicators(conn, options.profile, indicatorOptions),
			centres: await centreIndicators(conn, options.profile, { servicePopulation: options.servicePopulation })
		};
	} finally {
		await conn.close();
	}
}
