import { fillPlaceholders } from '$lib/engine/placeholders';

// Exported for the tests only, which check each English reason against the zh-CN/en catalogue.
/**
 * Why a row was rejected (or kept with a warning), as a machine-readable code with the values to show.
 * The UI translates a code through the i18n key `import.problem.<code>` with the params; the English text
 * below is the same message (the i18n test checks that) and becomes RowProblem.reason for the CLI and logs.
 * Placeholders are ICU-style `{name}`; every param a message uses is given by its producer.
 */
export const PROBLEM_TEXT = {
	// Coordinates in degrees (lon/lat columns)
	'lon-missing': 'longitude missing',
	'lon-not-number': 'longitude not a number: "{value}"',
	'lon-not-finite': 'longitude not a finite number: "{value}"',
	'lat-missing': 'latitude missing',
	'lat-not-number': 'latitude not a number: "{value}"',
	'lat-not-finite': 'latitude not a finite number: "{value}"',
	'swapped-lon-lat': 'longitude and latitude look swapped ({lon}, {lat})',
	'lon-out-of-range': 'longitude out of range: {value}',
	'lat-out-of-range': 'latitude out of range: {value}',
	// Coordinates in a projected system (x/y in metres)
	'x-missing': 'x missing',
	'x-not-number': 'x not a number: "{value}"',
	'x-not-finite': 'x not a finite number: "{value}"',
	'y-missing': 'y missing',
	'y-not-number': 'y not a number: "{value}"',
	'y-not-finite': 'y not a finite number: "{value}"',
	'degrees-in-projected': '({x}, {y}) looks like degrees, but the file was declared as {crs} (metres)',
	'swapped-x-y': 'x and y look swapped (northing written before easting) for {crs}',
	'outside-crs-area': '({x}, {y}) is outside the area of {crs}',
	'conversion-failed': 'coordinates could not be converted',
	// Facility attributes
	'missing-id': 'missing id',
	'missing-name': 'missing name',
	'missing-type': 'missing type',
	'unknown-type': 'unknown type "{value}"',
	'unknown-status': 'unknown status "{value}"',
	'area-not-number': 'area not a number: "{value}"',
	'area-not-finite': 'area not a finite number: "{value}"',
	'area-negative': 'area negative: {value}',
	'beds-not-number': 'beds not a number: "{value}"',
	'beds-not-finite': 'beds not a finite number: "{value}"',
	'beds-negative': 'beds negative: {value}',
	'area-too-large': 'area {value} m² is above the plausible limit of {limit} m²',
	'beds-too-large': 'beds {value} is above the plausible limit of {limit}',
	'duplicate-id': 'duplicate id "{id}" (first on row {firstRow})',
	'note-below-table': 'a note below the table, not a facility',
	'total-row': 'a total row ({word}), not a facility: skipped',
	'facility-is-line': 'a facility must be a Point (or a building Polygon), not a line',
	// Population (cells, and a sub-district's census population)
	'pop-missing': 'population missing',
	'pop-not-number': 'population not a number: "{value}"',
	'pop-not-finite': 'population not a finite number: "{value}"',
	'negative-population': 'negative population: {value}',
	'pop-too-large': 'population {value} is above the plausible limit of {limit}',
	'duplicate-cell': 'the same cell as row {firstRow} ({value}): not added twice',
	'h3-missing': 'missing H3 cell',
	'h3-invalid': 'not a valid H3 cell: "{value}"',
	'h3-mixed-resolution': "H3 resolution {resolution} differs from the file's resolution {expected}",
	'cell-is-line': 'a population cell must be a Point or a Polygon',
	'note-below-table-cell': 'a note below the table, not a population cell',
	'total-row-cell': 'a total row ({word}), not a population cell: skipped',
	'pixel-negative': 'negative population in pixel column {column}: {value}',
	'pixel-not-convertible': 'the position of pixel column {column} could not be converted to WGS84',
	'pixel-outside-subdistricts': 'pixel column {column} is outside every sub-district: loaded, and counted in the totals as “outside every sub-district”',
	// Candidate parcels (site suggestion)
	'note-below-table-parcel': 'a note below the table, not a parcel',
	'total-row-parcel': 'a total row ({word}), not a parcel: skipped',
	// Sub-districts
	'missing-code': 'missing code',
	'total-row-subdistrict': 'a total row ({word}), not a sub-district: skipped',
	'duplicate-code': 'duplicate code "{code}" (first on row {firstRow})',
	'subdistrict-not-polygon': 'a sub-district must be a Polygon or MultiPolygon',
	'subdistrict-self-intersecting': '{name}: the boundary crosses itself near ({lon}, {lat})',
	'subdistrict-zero-area': '{name}: the boundary encloses no area',
	'subdistrict-overlap': '{name} overlaps {other} (row {otherRow}) by {area} m²',
	// Geometry (GeoJSON, Shapefile, GeoParquet)
	'no-geometry': 'no geometry',
	'bad-point': 'Point without valid coordinates',
	'bad-multipoint': 'MultiPoint without valid coordinates',
	'bad-polygon': 'Polygon with an invalid ring (needs ≥ 4 valid positions)',
	'empty-multipolygon': 'empty MultiPolygon',
	'bad-multipolygon': 'MultiPolygon with an invalid ring (needs ≥ 4 valid positions)',
	'bad-linestring': 'LineString with fewer than 2 valid positions',
	'empty-multilinestring': 'empty MultiLineString',
	'bad-multilinestring': 'MultiLineString with a part of fewer than 2 valid positions',
	'unsupported-geometry': 'unsupported geometry type "{type}"',
	'not-a-line': 'not a LineString with at least 2 valid positions ({type})',
	// OpenStreetMap nodes
	'osm-node-id-unsafe': 'node id {id} is not a whole number within ±2^53 (beyond it, neighbouring ids cannot be told apart)',
	// Warnings: the row is kept
	'outside-boundaries': 'position is outside every loaded sub-district',
	'cell-outside-subdistricts': 'outside every sub-district: loaded, and counted in the totals as “outside every sub-district”',
	'subdistrict-mismatch': 'declared in {declared}, but the position lies in {actual}',
	'unknown-subdistrict': 'unknown sub-district "{value}"; assigned {assigned} by position',
	'area-unknown': 'area "{value}" is not a usable number: kept with the area unknown',
	'beds-unknown': 'beds "{value}" is not a usable number: kept with the beds unknown',
	'area-negative-unknown': 'area {value} is negative: kept with the area unknown',
	'beds-negative-unknown': 'beds {value} is negative: kept with the beds unknown'
} as const satisfies Record<string, string>;

export type RowProblemCode = keyof typeof PROBLEM_TEXT;
// Exported for the tests only, which iterate every code to check both catalogues word it.
export const ROW_PROBLEM_CODES = Object.keys(PROBLEM_TEXT) as RowProblemCode[];

export type ProblemParams = Record<string, string | number>;

/** A reason as code + params, with its English text. */
export interface Explained {
	code: RowProblemCode;
	params?: ProblemParams;
	reason: string;
}

// Exported for the tests only, which check both catalogues use the same placeholders.
/** The placeholders of a message, sorted (`{value}`, `{firstRow}` …). */
export function placeholdersOf(message: string): string[] {
	return [...new Set([...message.matchAll(/\{(\w+)/g)].map((match) => match[1]))].sort();
}

// Exported for the tests only, which compare each reason with the catalogue wording.
/** Fills `{name}` placeholders; a missing param stays visible as `{name}` rather than vanishing. */
export function formatProblem(code: RowProblemCode, params: ProblemParams = {}): string {
	return fillPlaceholders(PROBLEM_TEXT[code], params);
}

/** Builds the code, params and English reason of one problem. */
export function explain(code: RowProblemCode, params?: ProblemParams): Explained {
	return params ? { code, params, reason: formatProblem(code, params) } : { code, reason: formatProblem(code) };
}
