import type { Facility, Subdistrict } from '$lib/engine/types';

/** A search hit: a sub-district or a facility, with where to zoom. */
export interface PlaceHit {
	kind: 'subdistrict' | 'facility';
	/** Sub-district code, or facility id. */
	id: string;
	name: string;
	/** The sub-district to select (the facility's own). */
	subdistrictCode: string;
	/** For a facility, its position; for a sub-district, null (zoom to its outline). */
	point: [number, number] | null;
}

/** Positions of the query's letters in a Chinese text read as pinyin (full or initials), or null: pinyin-pro's `match`. */
export type PinyinMatch = (text: string, query: string) => number[] | null;

const LATIN = /^[a-z0-9 '\-.]+$/;

/** A facility's names to search, the one the planner sees first (it becomes the hit's name). */
export type FacilityNames = (facility: Facility) => readonly [string, ...string[]];

/**
 * Sub-districts and facilities whose name matches the query: the Chinese name as typed, the English
 * name (case-insensitive), or the Chinese name's pinyin ("pengpu", "ppz"). Sub-districts first; within
 * each kind, names that start with the query before those that contain it. A facility is searched by the
 * names `facilityNames` gives (a proposed site's default name as shown now, and in the other language).
 */
export function searchPlaces(
	query: string,
	places: { subdistricts: readonly Subdistrict[]; facilities: readonly Facility[] },
	pinyin: PinyinMatch | null,
	facilityNames: FacilityNames = (facility) => [facility.name],
	limit = 8
): PlaceHit[] {
	const typed = query.trim().toLowerCase();
	if (typed === '') return [];
	const latin = LATIN.test(typed);
	const rank = (name: string, nameEn: string): number | null => {
		if (name.startsWith(typed) || nameEn.toLowerCase().startsWith(typed)) return 0;
		if (name.includes(typed) || nameEn.toLowerCase().includes(typed)) return 1;
		if (latin && pinyin) {
			const positions = pinyin(name, typed.replace(/\s+/g, ''));
			if (positions && positions.length > 0) return positions[0] === 0 ? 0 : 1;
		}
		return null;
	};
	const hits: { hit: PlaceHit; order: number }[] = [];
	for (const subdistrict of places.subdistricts) {
		const order = rank(subdistrict.name, subdistrict.nameEn);
		if (order !== null) hits.push({ hit: { kind: 'subdistrict', id: subdistrict.code, name: subdistrict.name, subdistrictCode: subdistrict.code, point: null }, order });
	}
	for (const facility of places.facilities) {
		const names = facilityNames(facility);
		const orders = names.map((name) => rank(name, '')).filter((order) => order !== null);
		if (orders.length > 0) hits.push({ hit: { kind: 'facility', id: facility.id, name: names[0], subdistrictCode: facility.subdistrict, point: [facility.lon, facility.lat] }, order: Math.min(...orders) + 2 });
	}
	return hits.sort((a, b) => a.order - b.order).slice(0, limit).map((entry) => entry.hit);
}
