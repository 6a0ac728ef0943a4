import type { Facility } from '$lib/engine/types';
import type { SuggestedSiteMark } from './suggestion-layers';

/**
 * What the pointer is on, as the map knows it at this moment (not as deck.gl picked it at some earlier
 * frame): the tooltip is worded from this, so it follows a dragged site and every recomputation.
 */
export type MapPick =
	| {
			kind: 'facility';
			facility: Facility;
			/** Closed by the active scenario: drawn greyed and struck through, still described. */
			closed: boolean;
			/** Residents the active scenario newly covers against the baseline; null without a scenario. */
			scenarioNewlyCovered: number | null;
	  }
	| { kind: 'suggested'; site: SuggestedSiteMark }
	| { kind: 'cell'; index: number; subdistrictCode: string }
	| { kind: 'subdistrict'; code: string };

/** Residents of the cells covered now but not in the baseline. */
export function newlyCoveredResidents(pop: Float64Array, baseline: Uint8Array, covered: Uint8Array): number {
	let total = 0;
	for (let index = 0; index < pop.length; index++) if (covered[index] && !baseline[index]) total += pop[index];
	return total;
}

/** The facilities of the data set a scenario leaves out: the ones it closes (proposed ones are never in the data set). */
export function closedFacilities(datasetFacilities: readonly Facility[], shown: readonly Facility[]): Facility[] {
	if (datasetFacilities === shown) return [];
	const open = new Set(shown.map((facility) => facility.id));
	return datasetFacilities.filter((facility) => !open.has(facility.id));
}
