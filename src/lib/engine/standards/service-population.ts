/**
 * The service population of a centre has two definitions, always labelled where shown:
 * - administrative: the residents of its sub-district (census when given, else the cell sum);
 * - catchment: the residents of cells whose nearest centre by network time is this one.
 *
 * Decision: the catchment needs the nearest *centre*, but the coverage run's per-cell facility is the
 * nearest of the coverage types (usually a station). So the catchment comes from a second run of the
 * same engine with only the profile's capacity types (centres and branches) and no search limit, so
 * that every reachable cell gets a centre however far it is. A branch's cells count for its parent
 * centre (see db/indicator-centres.ts). Cells off the network belong to no catchment.
 */
import type { CoverageParams, CoverageResult } from '../coverage';
import type { Facility } from '../types';
import type { StandardsProfile } from './profile';

/** Parameters of the nearest-centre run: the coverage parameters with capacity types and no search limit. */
export function nearestCentreParams(params: CoverageParams, profile: Pick<StandardsProfile, 'capacityTypes'>): CoverageParams {
	return { ...params, facilityTypes: [...profile.capacityTypes], searchLimitMinutes: Infinity };
}

/** Per cell: minutes and facility id of the nearest counted facility of a run (null when none), for loading. */
export function nearestFacilityRows(result: Pick<CoverageResult, 'minutes' | 'facilityIndex'>, facilities: readonly Facility[]): { minutes: Float32Array; facilityId: (string | null)[] } {
	const facilityId = Array.from(result.facilityIndex, (index, cell) => (index >= 0 && Number.isFinite(result.minutes[cell]) ? facilities[index].id : null));
	return { minutes: result.minutes, facilityId };
}
