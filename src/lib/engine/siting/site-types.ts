/**
 * What a suggested site is: a station or a centre, with the starting figures of a proposed facility
 * (a station at the 200 m² station standard; a centre at the 5,000 m² small-centre minimum with the
 * 100 beds required of new centres; a branch in between). The scenario editor uses the same figures.
 */
import type { FacilityType } from '../types';

export const PROPOSABLE_TYPES = ['station', 'centre', 'branch'] as const satisfies readonly FacilityType[];
export type ProposableType = (typeof PROPOSABLE_TYPES)[number];

export const PROPOSED_DEFAULTS: Record<ProposableType, { areaM2: number; beds: number | null }> = {
	station: { areaM2: 200, beds: null },
	centre: { areaM2: 5_000, beds: 100 },
	branch: { areaM2: 2_000, beds: 30 }
};
