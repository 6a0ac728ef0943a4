import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import type { Facility, Subdistrict } from '$lib/engine/types';
import { problemAt, type RowProblem } from '../load-result';
import { explain } from '../problem-codes';

export interface SubdistrictAssignment {
	facilities: Facility[];
	/** Kept rows that deserve a look: outside every sub-district, unknown or contradicting sub-district names. */
	warnings: RowProblem[];
	/** Ids of facilities outside every loaded sub-district. */
	outsideIds: string[];
}

/** "静安寺街道", "静安寺", "Jing'an Temple Sub-district" all name the same unit. */
export function normaliseAreaName(name: string): string {
	return name
		.normalize('NFKC')
		.trim()
		.toLowerCase()
		.replace(/(街道办事处|街道|镇|乡|sub-?district|subdistrict|street|town)$/u, '')
		.replace(/[\s'’\-_]/g, '');
}

/** Index from code, name and English name (normalised) to the sub-district's position in the list. */
export function areaLookup(subdistricts: readonly Subdistrict[]): Map<string, number> {
	const lookup = new Map<string, number>();
	subdistricts.forEach((area, index) => {
		for (const key of [area.code.trim().toLowerCase(), normaliseAreaName(area.name), normaliseAreaName(area.nameEn)]) {
			if (key !== '' && !lookup.has(key)) lookup.set(key, index);
		}
	});
	return lookup;
}

export function findArea(lookup: Map<string, number>, declared: string): number {
	if (declared.trim() === '') return -1;
	return lookup.get(declared.trim().toLowerCase()) ?? lookup.get(normaliseAreaName(declared)) ?? -1;
}

/**
 * Gives every facility a sub-district code. A declared name or code that matches a loaded sub-district is
 * kept (and flagged if the point lies in another one: the file may be right about administration even when
 * the point is off); a blank or unknown one is replaced by the sub-district containing the point. Facilities
 * outside all polygons keep what they declared and are listed. Without boundaries nothing changes.
 * Returns new objects: the input is not modified.
 */
export function assignFacilitySubdistricts(facilities: readonly Facility[], rows: readonly number[], subdistricts: readonly Subdistrict[]): SubdistrictAssignment {
	if (subdistricts.length === 0) return { facilities: [...facilities], warnings: [], outsideIds: [] };
	const lon = Float64Array.from(facilities, (facility) => facility.lon);
	const lat = Float64Array.from(facilities, (facility) => facility.lat);
	const containing = assignPointsToPolygons(lon, lat, [...subdistricts]);
	const lookup = areaLookup(subdistricts);
	const warnings: RowProblem[] = [];
	const outsideIds: string[] = [];
	const assigned = facilities.map((facility, index) => {
		const row = rows[index];
		const inside = containing[index];
		const declared = findArea(lookup, facility.subdistrict);
		if (inside < 0) {
			outsideIds.push(facility.id);
			// Filed under the position (both coordinates), not one of its columns: neither alone puts it outside.
			warnings.push(problemAt(row, 'position', explain('outside-boundaries')));
		}
		if (declared >= 0) {
			if (inside >= 0 && inside !== declared) {
				warnings.push(problemAt(row, 'subdistrict', explain('subdistrict-mismatch', { declared: subdistricts[declared].name, actual: subdistricts[inside].name })));
			}
			return { ...facility, subdistrict: subdistricts[declared].code };
		}
		if (facility.subdistrict.trim() !== '' && inside >= 0) {
			warnings.push(problemAt(row, 'subdistrict', explain('unknown-subdistrict', { value: facility.subdistrict.slice(0, 40), assigned: subdistricts[inside].name })));
		}
		return inside >= 0 ? { ...facility, subdistrict: subdistricts[inside].code } : { ...facility };
	});
	return { facilities: assigned, warnings, outsideIds };
}
