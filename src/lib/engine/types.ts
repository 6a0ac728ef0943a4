/**
 * Domain records shared by every layer. The engine is the lowest layer, so these live here;
 * io produces them, engine consumes them, db stores them, the UI shows them.
 * All coordinates are WGS84 longitude/latitude in degrees.
 */

export const FACILITY_TYPES = ['centre', 'branch', 'station', 'village_clinic', 'hospital'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

/** Project status of a facility, from the 2023 plan's vocabulary. */
export const FACILITY_STATUSES = [
	'existing', // 现有
	'under_construction', // 在建
	'construction_starting', // 启动建设
	'plan_adjusting', // 调整优化建设规划
	'transitional', // 过渡用房
	'proposed' // 拟建
] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

export interface Facility {
	id: string;
	/** As written; for a proposed site that still has the app's default name, that name in the language it was made in. */
	name: string;
	/**
	 * Set while a proposed site keeps the app's default name ("拟建服务站 n" / "Proposed station n"): its number,
	 * so the name is worded in the reader's language (report/facility-name.ts). Absent for every name a planner typed.
	 */
	defaultNumber?: number;
	/** Which default name `defaultNumber` numbers: absent for a proposed site's ("拟建服务站 n"), 'suggested' for a suggested site's ("建议站点 n"). */
	defaultName?: 'suggested';
	type: FacilityType;
	/** Sub-district code; empty when unknown (io assigns it by point-in-polygon). */
	subdistrict: string;
	lon: number;
	lat: number;
	/** Building area in m²; null means unknown, never zero. */
	areaM2: number | null;
	/** Community inpatient beds; null means unknown, never zero. */
	beds: number | null;
	status: FacilityStatus;
	/** For branch centres and stations: the id of the parent centre. */
	parentId: string | null;
}

/** Population cells, one entry per cell centroid, as parallel typed arrays. */
export interface PopulationCells {
	lon: Float64Array;
	lat: Float64Array;
	/** Resident population (常住人口) of the cell. */
	pop: Float64Array;
}

/** How a population cell is drawn: a square of the given side, or an H3 cell. */
export type CellShape = { kind: 'grid'; sizeM: number } | { kind: 'h3'; resolution: number };

export type Position = [number, number];
export type PolygonCoords = Position[][];
export type MultiPolygonCoords = Position[][][];

export interface Subdistrict {
	code: string;
	name: string;
	nameEn: string;
	/** Census population that overrides the sum of cells, when given. */
	population: number | null;
	/** Polygon rings as a MultiPolygon (a Polygon is a MultiPolygon of one). */
	polygons: MultiPolygonCoords;
}

/** A walking network as polylines; junctions are vertices shared between lines. */
export interface NetworkLine {
	coords: Position[];
	/** OSM-like class, e.g. 'primary', 'residential', 'footway'; informational. */
	highway: string;
}
