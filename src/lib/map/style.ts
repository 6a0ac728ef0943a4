import type { StyleSpecification } from 'maplibre-gl';
import type { ContextFeature } from '$lib/io/dataset';
import { STREET_COLOR, type StreetFeatures } from './streets';

/**
 * The longest the map's scale bar grows (px; MapLibre's ScaleControl, at the map's bottom right): the legend at the
 * bottom left keeps clear of it (it covered the bar at 390 px and beside the standards table at 1024 px).
 */
export const SCALE_BAR_MAX_WIDTH_PX = 100;

/** The GeoJSON source of the streets (MapView fills it once the first map is drawn). */
export const STREETS_SOURCE = 'streets';

/**
 * An offline base map built only from the dataset itself: no tile server, no glyphs, no sprites.
 * It has no symbol layers, so MapLibre never asks for glyph PBFs; labels are drawn by deck.gl. The streets
 * are a line layer between the water and the railways, from the selection streets.ts makes (never millions
 * of points), below every deck.gl layer.
 */
export function offlineStyle(context: ContextFeature[], streets: StreetFeatures): StyleSpecification {
	const ofKind = (kind: string) => ({ type: 'FeatureCollection' as const, features: context.filter((f) => f.properties.kind === kind) });
	return {
		version: 8,
		sources: {
			district: { type: 'geojson', data: ofKind('district') as GeoJSON.FeatureCollection },
			water: { type: 'geojson', data: ofKind('water') as GeoJSON.FeatureCollection },
			parks: { type: 'geojson', data: ofKind('park') as GeoJSON.FeatureCollection },
			rail: { type: 'geojson', data: ofKind('rail') as GeoJSON.FeatureCollection },
			railyard: { type: 'geojson', data: ofKind('railyard') as GeoJSON.FeatureCollection },
			[STREETS_SOURCE]: { type: 'geojson', data: streets }
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#e9edf1' } },
			{ id: 'district-fill', type: 'fill', source: 'district', paint: { 'fill-color': '#fbfbf8' } },
			{ id: 'railyard', type: 'fill', source: 'railyard', paint: { 'fill-color': '#d4d6da' } },
			{ id: 'parks', type: 'fill', source: 'parks', paint: { 'fill-color': '#cfe8c6' } },
			{ id: 'water-fill', type: 'fill', source: 'water', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#a9cde8' } },
			{ id: 'water-line', type: 'line', source: 'water', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#a9cde8', 'line-width': 8 } },
			{ id: 'streets', type: 'line', source: STREETS_SOURCE, layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': STREET_COLOR, 'line-width': ['get', 'width'] } },
			{ id: 'rail', type: 'line', source: 'rail', paint: { 'line-color': '#6b6f76', 'line-width': 2, 'line-dasharray': [3, 2] } }
		]
	};
}
