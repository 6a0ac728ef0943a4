import gcoord from 'gcoord';
import proj4 from 'proj4';
import { FileFormatError } from '../load-result';

/**
 * A coordinate system the planner can declare. Geographic: WGS84 (GPS, OSM, WorldPop), CGCS2000
 * (China's national datum: identical to WGS84 within about 1 m, so treated as WGS84), GCJ-02 (Amap/Gaode,
 * Tencent) and BD-09 (Baidu). Projected: any EPSG code this module ships a definition for. "wkt:" carries a
 * Shapefile .prj definition that proj4 can read.
 */
export type CrsId = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09' | `epsg:${number}` | `wkt:${string}`;

/** Converts one position in the source system to WGS84 [lon, lat]. */
export type ToWgs84 = (x: number, y: number) => [number, number];

interface ProjectedDefinition {
	label: string;
	proj4: string;
	/** Central meridian, to recognise positions that fall far outside the zone (a wrong zone or swapped axes). */
	centralMeridian: number | null;
}

const WGS84_DEFINITION = '+proj=longlat +datum=WGS84 +no_defs';

/**
 * The projected systems Chinese planning data comes in, generated from their published parameters
 * (EPSG registry: CGCS2000 Gauss-Krüger, GRS80 ellipsoid, scale 1, false northing 0):
 * 4491–4501 6° zones 13–23 with zone-prefixed easting; 4502–4512 the same zones, CM 75°–135°E, easting 500 km;
 * 4513–4533 3° zones 25–45 with zone-prefixed easting; 4534–4554 the same, CM 75°–135°E, easting 500 km
 * (Shanghai: EPSG:4549, CM 120°E, or EPSG:4528, zone 40). Plus UTM 50N/51N and Web Mercator.
 */
function buildDefinitions(): Map<number, ProjectedDefinition> {
	const definitions = new Map<number, ProjectedDefinition>();
	const gaussKruger = (centralMeridian: number, falseEasting: number) =>
		`+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
	for (let step = 0; step <= 10; step++) {
		const zone = 13 + step;
		const centralMeridian = 75 + 6 * step;
		definitions.set(4491 + step, { label: `CGCS2000 / Gauss-Kruger zone ${zone}`, proj4: gaussKruger(centralMeridian, zone * 1e6 + 500000), centralMeridian });
		definitions.set(4502 + step, { label: `CGCS2000 / Gauss-Kruger CM ${centralMeridian}E`, proj4: gaussKruger(centralMeridian, 500000), centralMeridian });
	}
	for (let step = 0; step <= 20; step++) {
		const zone = 25 + step;
		const centralMeridian = 75 + 3 * step;
		definitions.set(4513 + step, { label: `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`, proj4: gaussKruger(centralMeridian, zone * 1e6 + 500000), centralMeridian });
		definitions.set(4534 + step, { label: `CGCS2000 / 3-degree Gauss-Kruger CM ${centralMeridian}E`, proj4: gaussKruger(centralMeridian, 500000), centralMeridian });
	}
	definitions.set(32650, { label: 'WGS 84 / UTM zone 50N', proj4: '+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs', centralMeridian: 117 });
	definitions.set(32651, { label: 'WGS 84 / UTM zone 51N', proj4: '+proj=utm +zone=51 +datum=WGS84 +units=m +no_defs', centralMeridian: 123 });
	definitions.set(3857, {
		label: 'WGS 84 / Pseudo-Mercator (Web Mercator)',
		proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
		centralMeridian: null
	});
	return definitions;
}

export const PROJECTED_DEFINITIONS: ReadonlyMap<number, ProjectedDefinition> = buildDefinitions();

/** The choices the dialog offers first; any other shipped EPSG code can be typed. */
export const COMMON_CRS: CrsId[] = ['wgs84', 'gcj02', 'bd09', 'cgcs2000', 'epsg:4549', 'epsg:4528', 'epsg:4550', 'epsg:32651', 'epsg:3857'];

/** Geographic EPSG codes that are one of the named systems. */
const GEOGRAPHIC_ALIASES: Record<number, CrsId> = { 4326: 'wgs84', 4490: 'cgcs2000' };

/** Reads what a planner typed or a file declared: "WGS84", "GCJ-02", "bd09", "EPSG:4549", "4549", "CGCS2000". */
export function parseCrs(input: string): CrsId {
	const text = input.trim();
	if (text.toLowerCase().startsWith('wkt:')) return text as CrsId;
	const compact = text.toLowerCase().replace(/[\s_\-]/g, '');
	if (compact === 'wgs84' || compact === 'wgs1984' || compact === 'gps') return 'wgs84';
	if (compact === 'cgcs2000' || compact === 'china2000') return 'cgcs2000';
	if (compact === 'gcj02' || compact === 'gcj' || compact === 'amap' || compact === 'gaode' || compact === '高德' || compact === '火星坐标') return 'gcj02';
	if (compact === 'bd09' || compact === 'bd09ll' || compact === 'baidu' || compact === '百度') return 'bd09';
	const code = compact.match(/^(?:epsg:?)?(\d{4,5})$/)?.[1];
	if (code) {
		const number = Number(code);
		if (GEOGRAPHIC_ALIASES[number]) return GEOGRAPHIC_ALIASES[number];
		if (PROJECTED_DEFINITIONS.has(number)) return `epsg:${number}`;
		throw new FileFormatError(unknownCodeMessage(number));
	}
	throw new FileFormatError(`unknown coordinate system "${text.slice(0, 40)}"; use WGS84, GCJ-02, BD-09, CGCS2000 or an EPSG code`);
}

function unknownCodeMessage(code: number): string {
	if ((code >= 2327 && code <= 2442) || (code >= 21413 && code <= 21483) || code === 4214 || code === 4610) {
		return `EPSG:${code} is a Beijing 1954 or Xi'an 1980 system: converting it needs datum parameters that are not published; re-export the data in CGCS2000 or WGS84`;
	}
	return `EPSG:${code} is not a coordinate system this tool knows; supported: 4326 (WGS84), 4490 (CGCS2000), 4491–4554 (CGCS2000 Gauss-Krüger), 32650, 32651, 3857`;
}

export function isGeographic(crs: CrsId): boolean {
	return crs === 'wgs84' || crs === 'cgcs2000' || crs === 'gcj02' || crs === 'bd09';
}

/** Human label used in reports: "GCJ-02", "EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E". */
export function crsLabel(crs: CrsId): string {
	switch (crs) {
		case 'wgs84':
			return 'WGS84';
		case 'cgcs2000':
			return 'CGCS2000';
		case 'gcj02':
			return 'GCJ-02';
		case 'bd09':
			return 'BD-09';
	}
	if (crs.startsWith('wkt:')) return wktName(crs.slice(4)) ?? 'custom projection (.prj)';
	const code = Number(crs.slice(5));
	return `EPSG:${code} ${PROJECTED_DEFINITIONS.get(code)?.label ?? ''}`.trim();
}

/** What the importer records for the report: null when nothing was done to the coordinates. */
export function conversionLabel(crs: CrsId): string | null {
	if (crs === 'wgs84') return null;
	if (crs === 'cgcs2000') return 'CGCS2000 → WGS84 (treated as identical: the datums differ by under 1 m)';
	return `${crsLabel(crs)} → WGS84`;
}

/** Builds the converter for a system; throws FileFormatError for an unusable definition. */
export function makeToWgs84(crs: CrsId): ToWgs84 {
	if (crs === 'wgs84' || crs === 'cgcs2000') return (x, y) => [x, y];
	if (crs === 'gcj02') return (x, y) => gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
	if (crs === 'bd09') return (x, y) => gcoord.transform([x, y], gcoord.BD09, gcoord.WGS84) as [number, number];
	const definition = crs.startsWith('wkt:') ? crs.slice(4) : PROJECTED_DEFINITIONS.get(Number(crs.slice(5)))?.proj4;
	if (!definition) throw new FileFormatError(unknownCodeMessage(Number(crs.slice(5))));
	let converter: proj4.Converter;
	try {
		converter = proj4(definition, WGS84_DEFINITION);
	} catch (error) {
		throw new FileFormatError(`cannot use the coordinate system definition (${(error as Error).message})`);
	}
	return (x, y) => {
		const [lon, lat] = converter.forward([x, y]);
		return [lon, lat];
	};
}

/** The central meridian of a projected system, when it has one (for plausibility checks). */
export function centralMeridian(crs: CrsId): number | null {
	if (!crs.startsWith('epsg:')) return null;
	return PROJECTED_DEFINITIONS.get(Number(crs.slice(5)))?.centralMeridian ?? null;
}

/**
 * Recognises a Shapefile .prj (ESRI WKT): common Chinese systems by name, anything else handed to proj4
 * as WKT. Returns null for an empty .prj.
 */
export function crsFromPrj(prj: string): CrsId | null {
	const text = prj.trim();
	if (text === '') return null;
	const name = (wktName(text) ?? '').toLowerCase().replace(/[\s\-]/g, '_');
	const isGeographicOnly = /^geogcs/i.test(text);
	if (isGeographicOnly) {
		if (/wgs_?(19)?84/.test(name)) return 'wgs84';
		if (/2000|cgcs/.test(name)) return 'cgcs2000';
	}
	const known = (code: number): CrsId | null => (PROJECTED_DEFINITIONS.has(code) ? `epsg:${code}` : null);
	const threeDegreeCm = name.match(/cgcs2000_3_degree_gk_cm_(\d+)e/);
	const threeDegreeZone = name.match(/cgcs2000_3_degree_gk_zone_(\d+)/);
	const sixDegreeCm = name.match(/cgcs2000_gk_cm_(\d+)e/);
	const sixDegreeZone = name.match(/cgcs2000_gk_zone_(\d+)/);
	const utm = name.match(/wgs_?(19)?84_utm_zone_(\d+)n/);
	const byName =
		(threeDegreeCm && known(4534 + (Number(threeDegreeCm[1]) - 75) / 3)) ||
		(threeDegreeZone && known(4513 + Number(threeDegreeZone[1]) - 25)) ||
		(sixDegreeCm && known(4502 + (Number(sixDegreeCm[1]) - 75) / 6)) ||
		(sixDegreeZone && known(4491 + Number(sixDegreeZone[1]) - 13)) ||
		(utm && known(32600 + Number(utm[2]))) ||
		(/web_mercator|pseudo_mercator|popular_visualisation/.test(name) ? known(3857) : null);
	if (byName) return byName;
	if (/beijing|xian|xi_an|1954|1980/.test(name)) throw new FileFormatError(unknownCodeMessage(2327));
	try {
		proj4(text, WGS84_DEFINITION);
	} catch {
		throw new FileFormatError(`the Shapefile's .prj describes a coordinate system this tool cannot read ("${(wktName(text) ?? text).slice(0, 60)}")`);
	}
	return `wkt:${text}`;
}

function wktName(wkt: string): string | null {
	return wkt.match(/^\s*\w+\s*\[\s*"([^"]*)"/)?.[1] ?? null;
}
