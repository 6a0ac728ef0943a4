import { IconLayer, PathLayer, ScatterplotLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Facility, Position, Subdistrict } from '$lib/engine/types';
import type { Dataset } from '$lib/io/dataset';
import { cellAreaKm2, cellPolygon } from './cell-geometry';
import { changeColor, COVERED_COLOR, densityColor, FACILITY_COLORS, minutesColor, UNCOVERED_COLOR, type RGBA } from './colors';
import { iconKey, type IconAtlas } from './facility-icons';

export type CellView = 'density' | 'minutes' | 'covered' | 'change';

export interface CellAccessView {
	minutes: Float32Array;
	covered: Uint8Array;
	unreachable: Uint8Array;
}

export interface SubdistrictLabel {
	code: string;
	position: Position;
	text: string;
}

export interface MapLayerInput {
	dataset: Dataset;
	labels: SubdistrictLabel[];
	cellView: CellView;
	access: CellAccessView | null;
	selectedCode: string | null;
	/** The facilities to draw: the dataset's, or the active scenario's. */
	facilities: readonly Facility[];
	/** The baseline's covered flags, for the 'change' view (newly covered / no longer covered); null without a scenario. */
	baselineCovered: Uint8Array | null;
	/** Facilities the active scenario closes: drawn greyed and struck through, not hidden. */
	closedFacilities: readonly Facility[];
	/** The facility being edited, drawn with a ring. */
	selectedFacilityId: string | null;
	/** Choropleth fill per sub-district code; null draws none. */
	subdistrictFill: ((code: string) => RGBA | null) | null;
	icons: IconAtlas;
	/** Each label's pixel offset that keeps it clear of the others (labels.ts separateLabels), by sub-district code. */
	labelOffsets?: ReadonlyMap<string, [number, number]>;
	/** The names' size (px) at this view (MapView.placeLabels): LABEL_SIZE, or smaller where names would otherwise collide. */
	labelSize?: number;
	/** Changes whenever anything the accessors read changes, so deck.gl recomputes colours. */
	revision: number;
}

/** The sub-district names' size (px), weight and wrapping width (in multiples of the size), also for measuring them (MapView). */
export const LABEL_SIZE = 13;
/** Smaller sizes a name may take on a small map (the narrow map beside the standards table), largest first, before names are let touch. */
export const LABEL_SMALLER_SIZES = [11.5, 10] as const;
export const LABEL_WEIGHT = 600;
export const LABEL_MAX_WIDTH_EM = 6.5;
export const LABEL_FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/** Invisible but pickable: population cells over a choropleth, so the sub-district's colour is the legend's. */
const TRANSPARENT: RGBA = [0, 0, 0, 0];

interface StaticData {
	cellIndexes: number[];
	rings: { code: string; ring: Position[] }[];
}

/**
 * deck.gl compares `data` by identity: a new array on every rebuild of the layers (each frame of a drag,
 * each recomputation) made it tessellate every population cell and sub-district ring again. One copy per
 * data set keeps the geometry on the GPU; only the colours follow their update triggers.
 */
const staticData = new WeakMap<Dataset, StaticData>();

function staticDataOf(dataset: Dataset): StaticData {
	let data = staticData.get(dataset);
	if (!data) {
		data = { cellIndexes: Array.from({ length: dataset.cells.pop.length }, (_, index) => index), rings: subdistrictRings(dataset.subdistricts) };
		staticData.set(dataset, data);
	}
	return data;
}

export function buildMapLayers(input: MapLayerInput): Layer[] {
	const { dataset } = input;
	const { cellIndexes, rings } = staticDataOf(dataset);
	const areaKm2 = cellAreaKm2(dataset.cellShape);
	const fill = input.subdistrictFill;

	return [
		// The choropleth under the cells, which turn transparent while it is shown: its colours are the legend's.
		...(fill
			? [
					new SolidPolygonLayer<{ code: string; ring: Position[] }>({
						id: 'subdistrict-fill',
						data: rings,
						getPolygon: (item) => item.ring,
						getFillColor: (item) => fill(item.code) ?? TRANSPARENT,
						updateTriggers: { getFillColor: [input.revision, fill] }
					})
				]
			: []),
		// Pickable above the sub-districts, so hovering a cell describes the cell (and names its sub-district).
		new SolidPolygonLayer<number>({
			id: 'population',
			data: cellIndexes,
			getPolygon: (index) => cellPolygon(dataset.cells, index, dataset.cellShape),
			getFillColor: (index) => (fill ? TRANSPARENT : cellColor(input, index, areaKm2)),
			pickable: true,
			updateTriggers: { getFillColor: [input.cellView, input.revision, fill === null] }
		}),
		new PathLayer<{ code: string; ring: Position[] }>({
			id: 'subdistrict-outline',
			data: rings,
			getPath: (item) => item.ring,
			getColor: (item) => (item.code === input.selectedCode ? [20, 20, 20, 255] : [70, 80, 95, 220]),
			getWidth: (item) => (item.code === input.selectedCode ? 4 : 1.6),
			widthUnits: 'pixels',
			updateTriggers: { getColor: [input.selectedCode], getWidth: [input.selectedCode] }
		}),
		new ScatterplotLayer<Facility>({
			id: 'facility-rings',
			data: input.facilities.filter((facility) => facility.status === 'proposed' || facility.id === input.selectedFacilityId),
			getPosition: (facility) => [facility.lon, facility.lat],
			getRadius: (facility) => facilityIconSize(facility) * 0.75,
			radiusUnits: 'pixels',
			stroked: true,
			filled: true,
			getFillColor: [255, 255, 255, 150],
			getLineColor: (facility) => (facility.id === input.selectedFacilityId ? [20, 20, 20, 255] : FACILITY_COLORS[facility.type]),
			getLineWidth: (facility) => (facility.id === input.selectedFacilityId ? 3 : 2),
			lineWidthUnits: 'pixels',
			updateTriggers: { getLineColor: [input.selectedFacilityId], getLineWidth: [input.selectedFacilityId] }
		}),
		new IconLayer<Facility>({
			id: 'facilities',
			data: input.facilities,
			iconAtlas: input.icons.url,
			iconMapping: input.icons.mapping,
			getIcon: (facility) => iconKey(facility.type, false),
			getPosition: (facility) => [facility.lon, facility.lat],
			getSize: facilityIconSize,
			sizeUnits: 'pixels',
			pickable: true
		}),
		new TextLayer<SubdistrictLabel>({
			id: 'subdistrict-labels',
			data: input.labels,
			getPosition: (label) => label.position,
			getText: (label) => label.text,
			getSize: input.labelSize ?? LABEL_SIZE,
			getColor: [30, 35, 45, 255],
			getPixelOffset: (label) => input.labelOffsets?.get(label.code) ?? [0, 0],
			fontFamily: LABEL_FONT_FAMILY,
			fontWeight: LABEL_WEIGHT,
			characterSet: 'auto',
			fontSettings: { sdf: true },
			// Long (English) names break between words onto a second line: one-line "Pengpu Xincun" ran into
			// "Linfen Road" at 1024 px. Chinese names (up to 6 characters) fit the width as they are.
			wordBreak: 'break-word',
			maxWidth: LABEL_MAX_WIDTH_EM,
			outlineWidth: 3,
			outlineColor: [255, 255, 255, 230],
			updateTriggers: { getText: [input.revision], getPixelOffset: [input.labelOffsets] }
		}),
		// Above the labels: a closure is the planner's own edit and must never hide under a name.
		new IconLayer<Facility>({
			id: 'closed-facilities',
			data: input.closedFacilities,
			iconAtlas: input.icons.url,
			iconMapping: input.icons.mapping,
			getIcon: (facility) => iconKey(facility.type, true),
			getPosition: (facility) => [facility.lon, facility.lat],
			getSize: closedIconSize,
			sizeUnits: 'pixels',
			pickable: true
		})
	];
}

function cellColor(input: MapLayerInput, index: number, areaKm2: number): RGBA {
	if (input.cellView === 'density' || !input.access) return densityColor(input.dataset.cells.pop[index] / areaKm2);
	if (input.cellView === 'minutes') return minutesColor(input.access.minutes[index]);
	if (input.cellView === 'change') return changeColor(input.baselineCovered?.[index] ?? input.access.covered[index], input.access.covered[index]);
	return input.access.covered[index] ? COVERED_COLOR : UNCOVERED_COLOR;
}

/** Bigger symbols for bigger buildings, so a planner sees capacity at a glance; unknown area gets the type's base size. */
export function facilityIconSize(facility: Facility): number {
	const base = facility.type === 'centre' ? 20 : facility.type === 'hospital' || facility.type === 'branch' ? 16 : 10;
	if (facility.areaM2 === null) return base;
	const reference = facility.type === 'station' ? 300 : 6_000;
	return Math.max(base * 0.7, Math.min(base * 1.6, base * Math.sqrt(facility.areaM2 / reference)));
}

/**
 * A closed facility is the planner's own edit, so its grey struck-through symbol is never smaller
 * than a branch's: at a station's 10 px the strike and a nearby label left about 3 grey pixels.
 */
const CLOSED_MIN_ICON_PX = 16;
function closedIconSize(facility: Facility): number {
	return Math.max(CLOSED_MIN_ICON_PX, facilityIconSize(facility));
}

function subdistrictRings(subdistricts: Subdistrict[]): { code: string; ring: Position[] }[] {
	return subdistricts.flatMap((subdistrict) =>
		subdistrict.polygons.map((polygon) => ({ code: subdistrict.code, ring: polygon[0] }))
	);
}
