/**
 * A suggestion as ordinary scenario edits, so comparison, autosave, the gap report and the CLI's
 * `--scenario` treat it like sites a planner placed by hand: a new site is an `add` of a proposed
 * facility with the type's starting figures; an existing facility chosen for enlargement is an
 * `update` to the site type, its area and beds raised to at least those figures (never lowered).
 * A site on one of the planner's parcels keeps the parcel's name and, when free, its id.
 */
import type { ScenarioEdit } from '../scenario/edits';
import type { Facility } from '../types';
import type { Candidate } from './candidates';
import { PROPOSED_DEFAULTS, type ProposableType } from './site-types';

/** A new site's name: as given, or the app's default name for suggested sites (numbered, worded in the reader's language). */
export type SiteNaming = Pick<Facility, 'name' | 'defaultNumber' | 'defaultName'>;

export interface SuggestedSite {
	candidate: Candidate;
	rank: number;
}

export function suggestionEdits(
	sites: readonly SuggestedSite[],
	siteType: ProposableType,
	baseline: readonly Facility[],
	naming: (rank: number) => SiteNaming,
	idPrefix = 'suggested'
): ScenarioEdit[] {
	const defaults = PROPOSED_DEFAULTS[siteType];
	const taken = new Set(baseline.map((facility) => facility.id));
	const byId = new Map(baseline.map((facility) => [facility.id, facility]));
	return sites.map(({ candidate, rank }) => {
		const existing = candidate.facilityId === null ? undefined : byId.get(candidate.facilityId);
		if (existing) {
			const atLeast = (value: number | null, floor: number | null) => (floor === null ? value : Math.max(value ?? 0, floor));
			return { kind: 'update', id: existing.id, changes: { type: siteType, areaM2: atLeast(existing.areaM2, defaults.areaM2), beds: atLeast(existing.beds, defaults.beds) } };
		}
		const parcelId = candidate.parcel?.id ?? null;
		let id = parcelId !== null && !taken.has(parcelId) ? parcelId : `${idPrefix}-${rank}`;
		for (let n = 2; taken.has(id); n++) id = `${idPrefix}-${rank}-${n}`;
		taken.add(id);
		const facility: Facility = {
			id,
			...(candidate.source === 'parcel' && candidate.label !== '' ? { name: candidate.label } : naming(rank)),
			type: siteType,
			subdistrict: '',
			lon: candidate.lon,
			lat: candidate.lat,
			areaM2: defaults.areaM2,
			beds: defaults.beds,
			status: 'proposed',
			parentId: null
		};
		return { kind: 'add', facility };
	});
}
