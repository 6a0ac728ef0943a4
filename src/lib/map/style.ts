import type { StyleSpecification } from 'maplibre-gl';
import type { ContextFeature } from '$lib/io/dataset';

/** The style layer the streets are drawn under (deck.gl's streets layer is inserted before it). */
export const STREETS_BEFORE_LAYER = 'rail';

/**
 * An offline base map built only from the dataset itself: no tile server, no glyphs, no sprites.
 * It has no symbol layers, so MapLibre never asks for glyph PBFs; labels are drawn by deck.gl. The streets
 * are not in it: a GeoJSON source of millions of points would be copied on the main thread to MapLibre's
 * worker; deck.gl draws them from the packed arrays (streets-layer.ts), between the water and the railways.
 */
export function offlineStyle(context: ContextFeature[]): StyleSpecification {
	const ofKind = (kind: string) => ({ type: 'FeatureCollection' as const, features: context.filter((f) => f.properties.kind === kind) });
	return {
		version: 8,
		sources: {
			district: { type: 'geojson', data: ofKind('district') as GeoJSON.FeatureCollection },
			water: { type: 'geojson', data: ofKind('water') as GeoJSON.FeatureCollection },
			parks: { type: 'geojson', data: ofKind('park') as GeoJSON.FeatureCollection },
			rail: { type: 'geojson', data: ofKind('rail') as GeoJSON.FeatureCollection },
			railyard: { type: 'geojson', data: ofKind('railyard') as GeoJSON.FeatureCollection }
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#e9edf1' } },
			{ id: 'district-fill', type: 'fill', source: 'district', paint: { 'fill-color': '#fbfbf8' } },
			{ id: 'railyard', type: 'fill', source: 'railyard', paint: { 'fill-color': '#d4d6da' } },
			{ id: 'parks', type: 'fill', source: 'parks', paint: { 'fill-color': '#cfe8c6' } },
			{ id: 'water-fill', type: 'fill', source: 'water', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#a9cde8' } },
			{ id: 'water-line', type: 'line', source: 'water', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#a9cde8', 'line-width': 8 } },
			{ id: STREETS_BEFORE_LAYER, type: 'line', source: 'rail', paint: { 'line-color': '#6b6f76', 'line-width': 2, 'line-dasharray': [3, 2] } }
		]
	};
}
