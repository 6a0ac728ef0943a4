import type { Candidate } from '$lib/engine/siting/candidates';
import type { Translate } from '$lib/i18n';
import { isolate } from '$lib/i18n/bidi';

/**
 * A suggested site as the planner knows it, in the table and the map's tooltip alike: a street node, an
 * existing facility to enlarge by its name, or one of the planner's parcels by its name and id as written in
 * the file (either alone when the file has only one, else its row).
 */
export function suggestedSiteLabel(site: Pick<Candidate, 'source' | 'label' | 'parcel'>, translate: Translate): string {
	if (site.source === 'grid') return translate('siting.source.grid');
	return `${translate(`siting.source.${site.source}`)} ${site.source === 'parcel' ? parcelText(site, translate) : isolate(site.label)}`;
}

function parcelText(site: Pick<Candidate, 'label' | 'parcel'>, translate: Translate): string {
	const id = site.parcel?.id ?? null;
	if (site.label !== '' && id !== null) return translate('siting.parcel.nameId', { name: isolate(site.label), id: isolate(id) });
	if (site.label !== '' || id !== null) return isolate(site.label || (id ?? ''));
	return translate('siting.parcel.row', { row: site.parcel?.row ?? 0 });
}
