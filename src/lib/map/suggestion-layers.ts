import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Candidate } from '$lib/engine/siting/candidates';

/** A suggested site on the map: where, its rank in the suggestion (1 = picked first), and what the tooltip says of it. */
export interface SuggestedSiteMark {
	lon: number;
	lat: number;
	rank: number;
	candidate: Pick<Candidate, 'source' | 'label' | 'parcel'>;
	newResidents: number;
}

/** Suggested sites: a bold ring with the rank inside, above everything, so the ranked list reads on the map. */
export function suggestionLayers(sites: readonly SuggestedSiteMark[]): Layer[] {
	if (sites.length === 0) return [];
	return [
		new ScatterplotLayer<SuggestedSiteMark>({
			id: 'suggested-sites',
			data: sites,
			// Hovered for the tooltip (the site's parcel, name, residents); clicks pick facilities only.
			pickable: true,
			getPosition: (site) => [site.lon, site.lat],
			getRadius: 11,
			radiusUnits: 'pixels',
			stroked: true,
			filled: true,
			getFillColor: [255, 255, 255, 235],
			getLineColor: [176, 30, 140, 255],
			getLineWidth: 3,
			lineWidthUnits: 'pixels'
		}),
		new TextLayer<SuggestedSiteMark>({
			id: 'suggested-site-ranks',
			data: sites,
			getPosition: (site) => [site.lon, site.lat],
			getText: (site) => String(site.rank),
			getSize: 12,
			getColor: [120, 10, 95, 255],
			fontWeight: 700,
			characterSet: '0123456789',
			getTextAnchor: 'middle',
			getAlignmentBaseline: 'center'
		})
	];
}
