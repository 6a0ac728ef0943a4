import type { CoverageParams, CoverageResult } from './coverage';
import { computeE2sfca, e2sfcaParamsFor, facilitySupply, networkTravelMatrix, residentsByArea, straightLineTravelMatrix, summarizeE2sfca, type E2sfcaParams } from './e2sfca';
import type { Facility, FacilityType, PopulationCells } from './types';

/** E2SFCA of beds and of centre m² per sub-district (population-weighted means of the cells), with the method used. */
export interface E2sfcaByArea {
	params: E2sfcaParams;
	beds: Float64Array;
	areaM2: Float64Array;
	/** Residents for whom either figure (beds or m²) is a lower bound: the union of the two runs' cells, not the larger count. */
	incompleteResidents: Float64Array;
	/** True when travel times were straight-line estimates (no network). */
	approximate: boolean;
}

/**
 * Runs E2SFCA over the capacity facilities (centres and, per profile, branches) on the nearest-centre run's
 * network state, within the coverage threshold; the same function serves the app's worker and the CLI.
 */
export function e2sfcaByArea(input: {
	nearestCentre: Pick<CoverageResult, 'network' | 'params'>;
	facilities: readonly Facility[];
	cells: PopulationCells;
	cellSubdistrict: Int32Array;
	subdistrictCount: number;
	capacityTypes: readonly FacilityType[];
	coverageParams: CoverageParams;
}): E2sfcaByArea {
	const { nearestCentre, facilities, cells, cellSubdistrict, subdistrictCount } = input;
	const params = e2sfcaParamsFor(input.coverageParams.thresholdMinutes);
	const rows = facilities.flatMap((facility, index) => (input.capacityTypes.includes(facility.type) ? [index] : []));
	const matrix = nearestCentre.network
		? networkTravelMatrix(nearestCentre, rows, params.catchmentMinutes)
		: straightLineTravelMatrix(facilities, rows, cells, input.coverageParams, params.catchmentMinutes);
	const run = (measure: 'beds' | 'areaM2') => computeE2sfca({ matrix, supply: facilitySupply(facilities, matrix, measure), population: cells.pop, params });
	const bedsRun = run('beds');
	const areaRun = run('areaM2');
	const beds = summarizeE2sfca(bedsRun, cells.pop, cellSubdistrict, subdistrictCount);
	const area = summarizeE2sfca(areaRun, cells.pop, cellSubdistrict, subdistrictCount);
	// A resident near a centre of unknown beds and another of unknown area is one resident with incomplete figures.
	const eitherIncomplete = bedsRun.incomplete.map((flag, cell) => flag | areaRun.incomplete[cell]);
	const incompleteResidents = residentsByArea(eitherIncomplete, cells.pop, cellSubdistrict, subdistrictCount);
	return { params, beds: beds.meanPerThousand, areaM2: area.meanPerThousand, incompleteResidents, approximate: nearestCentre.network === null };
}
