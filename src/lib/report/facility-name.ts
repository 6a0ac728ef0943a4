/**
 * A facility's name as the reader sees it, on the page and in every export: a proposed site that keeps the
 * app's default name ("拟建服务站 n" / "Proposed station n") is worded in the language in effect now; a name
 * the planner typed or imported is shown exactly as written.
 */
import type { Facility, FacilityType } from '$lib/engine/types';
import { REPORT_LANGUAGES, reportTranslator, type Translate } from './translate';

/** The start of the id the app gives a site a planner places ("proposed-…"): internal, never shown as the site's number. */
export const PROPOSED_SITE_ID_PREFIX = 'proposed';

/** The number a reader knows a site by: the number of its default name, else its id unless the app made that id up (then none). */
export function siteNumber(facility: Pick<Facility, 'id' | 'defaultNumber'>): string | null {
	if (facility.defaultNumber !== undefined) return String(facility.defaultNumber);
	return facility.id.startsWith(`${PROPOSED_SITE_ID_PREFIX}-`) ? null : facility.id;
}

/** The types a default name exists for (the ones a planner can propose). */
const DEFAULT_NAME_TYPES: ReadonlySet<FacilityType> = new Set<FacilityType>(['station', 'centre', 'branch']);

/** The app's default name of the `number`th proposed (or suggested) site of `type`, in the language of `translate`. */
export function defaultFacilityName(type: FacilityType, number: number, translate: Translate, which?: Facility['defaultName']): string {
	return translate(which === 'suggested' ? `report.suggestedName.${type}` : `report.proposedName.${type}`, { number });
}

/**
 * How a suggestion names its new sites: the default name of a suggested site ("建议站点 n"), marked with its
 * number so it is worded in the reader's language like a proposed site's.
 */
export function suggestedSiteNaming(type: FacilityType, translate: Translate): (rank: number) => Pick<Facility, 'name' | 'defaultNumber' | 'defaultName'> {
	return (rank) => ({ name: defaultFacilityName(type, rank, translate, 'suggested'), defaultNumber: rank, defaultName: 'suggested' });
}

export function facilityName(facility: Pick<Facility, 'name' | 'type' | 'defaultNumber' | 'defaultName'>, translate: Translate): string {
	return facility.defaultNumber === undefined || !DEFAULT_NAME_TYPES.has(facility.type)
		? facility.name
		: defaultFacilityName(facility.type, facility.defaultNumber, translate, facility.defaultName);
}

/**
 * Every name the facility goes by, the one shown in the language of `translate` first: a site with a default
 * name also answers to that name in each report language (a planner may search "拟建" on an English page);
 * a typed name is its only name.
 */
export function facilityNamesInEveryLanguage(facility: Pick<Facility, 'name' | 'type' | 'defaultNumber' | 'defaultName'>, translate: Translate): [string, ...string[]] {
	const shown = facilityName(facility, translate);
	if (shown === facility.name && facility.defaultNumber === undefined) return [shown];
	const others = REPORT_LANGUAGES.map((language) => facilityName(facility, reportTranslator(language)));
	return [shown, ...new Set([...others, facility.name].filter((name) => name !== shown))];
}

/**
 * The number of a default name stored as text before the marker existed (a site saved by an older version):
 * the name must be exactly the default name of the facility's type in one of the languages, else null.
 */
export function storedDefaultNumber(facility: Pick<Facility, 'name' | 'type' | 'status'>): number | null {
	if (facility.status !== 'proposed' || !DEFAULT_NAME_TYPES.has(facility.type)) return null;
	const digits = /(\d+)$/.exec(facility.name);
	const number = digits ? Number(digits[1]) : 0;
	if (!(number > 0)) return null;
	return REPORT_LANGUAGES.some((language) => defaultFacilityName(facility.type, number, reportTranslator(language)) === facility.name) ? number : null;
}
