/**
 * District figures that centres of unknown building area or beds (暂无) leave open, as the summary and the
 * table's total row both state them: the known part and how many centres are unknown. The known part is a
 * true lower bound: the area and beds are at least the known sum, a summed shortfall at least the sum of the
 * shortfalls that are known (an unknown one is 0 or more). An open figure is never given as 0 and never
 * dropped as "—" while part of it is known; a figure the unknown values cannot change (a sub-district whose
 * known area already meets its requirement) is exact.
 */
import type { DistrictIndicators, SubdistrictIndicators } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';

export interface KnownPart {
	/** The figure when exact (unknownCount 0), else its known lower bound; null when not applicable (rule off). */
	value: number | null;
	/** Centres whose value is unknown when the figure is open; 0 when it is exact. */
	unknownCount: number;
	/** Which value is unknown: says which "centres unknown" the figure is qualified with. */
	unknown: 'area' | 'beds';
}

export interface DistrictKnownParts {
	centreArea: KnownPart;
	areaGap: KnownPart;
	beds: KnownPart;
	bedsNeededMin: KnownPart;
	bedsNeededTarget: KnownPart;
}

function sumKnown(values: readonly (number | null)[]): number {
	return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

/** `exact`: the district's own figure (null when unknown values leave it open or the rule is off). */
function summed(enabled: boolean, exact: number | null, rowValues: readonly (number | null)[], unknownCount: number, unknown: KnownPart['unknown']): KnownPart {
	if (!enabled) return { value: null, unknownCount: 0, unknown };
	if (exact !== null || unknownCount === 0) return { value: exact, unknownCount: 0, unknown };
	return { value: sumKnown(rowValues), unknownCount, unknown };
}

export function districtKnownParts(rows: readonly SubdistrictIndicators[], district: DistrictIndicators, profile: StandardsProfile): DistrictKnownParts {
	const { rules } = profile;
	return {
		centreArea: { value: district.centreAreaM2, unknownCount: district.areaUnknownCount, unknown: 'area' },
		areaGap: summed(rules.centreAreaPerThousand.enabled, district.areaGapM2, rows.map((row) => row.areaGapM2), district.areaUnknownCount, 'area'),
		beds: { value: district.beds, unknownCount: district.bedsUnknownCount, unknown: 'beds' },
		bedsNeededMin: summed(rules.bedsPerThousandMin.enabled, district.bedsNeededMin, rows.map((row) => row.bedsNeededMin), district.bedsUnknownCount, 'beds'),
		bedsNeededTarget: summed(rules.bedsPerThousandTarget.enabled, district.bedsNeededTarget, rows.map((row) => row.bedsNeededTarget), district.bedsUnknownCount, 'beds')
	};
}

/** The district row of the sub-district table with the same known parts as the summary (the count columns say how many centres are unknown). */
export function districtTotalRow(district: DistrictIndicators, parts: DistrictKnownParts): DistrictIndicators {
	return {
		...district,
		areaGapM2: parts.areaGap.value,
		bedsNeededMin: parts.bedsNeededMin.value,
		bedsNeededTarget: parts.bedsNeededTarget.value
	};
}
