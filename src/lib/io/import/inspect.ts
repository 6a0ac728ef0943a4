import type { FacilityStatus, FacilityType } from '$lib/engine/types';
import { detectMapping, FIELDS_BY_KIND, missingFields, sanitiseMapping, type ColumnMapping } from './column-mapping';
import { formatFor } from './import-file';
import { openGeoTiff } from './geotiff-population';
import { openTable } from './open-source';
import { cellOf, resolveCrs, samplePositions, swapPositionColumns } from './pipeline';
import type { DatasetKind } from './formats';
import type { ImportOptions, Inspection } from './types';
import { detectFacilityStatus, detectFacilityType, detectValueMapping, type ValueMapping } from './value-mapping';

const FULL_READ_LIMIT_BYTES = 20 * 1024 * 1024;

export interface InspectRequest {
	kind: DatasetKind;
	fileName: string;
	bytes: Uint8Array;
	options?: ImportOptions;
}

/**
 * What the dialog shows before importing: format, encoding, sheets, headers, the first rows, the proposed
 * column mapping and coordinate system, and for facilities the distinct type and status values with their
 * proposed meaning. Large CSV files are only decoded far enough for the preview.
 */
export async function inspectFile(request: InspectRequest): Promise<Inspection> {
	const { kind, fileName, bytes, options = {} } = request;
	const format = formatFor(kind, fileName, bytes);
	const base = {
		kind,
		fileName,
		format,
		sizeBytes: bytes.length,
		fields: FIELDS_BY_KIND[kind],
		typeValues: null,
		statusValues: null,
		raster: null,
		notes: []
	};
	if (format === 'geotiff') {
		const raster = await openGeoTiff(bytes);
		const crs = options.crs ?? raster.declaredCrs ?? 'wgs84';
		const guess = { crs, confident: Boolean(raster.declaredCrs), reason: raster.declaredCrs ? ('declared' as const) : ('no-coordinates' as const), swapped: false };
		return { ...base, encoding: null, sheets: null, sheet: null, header: null, headers: [], preview: [], rowCount: null, mapping: {}, missing: [], crs, crsGuess: guess, raster: raster.info };
	}
	if (format === 'osm-xml' || format === 'osm-pbf') {
		return { ...base, encoding: null, sheets: null, sheet: null, header: null, headers: [], preview: [], rowCount: null, mapping: {}, missing: [], crs: 'wgs84', crsGuess: null };
	}

	const previewOnly = bytes.length > FULL_READ_LIMIT_BYTES;
	const opened = await openTable(format, bytes, { encoding: options.encoding, sheet: options.sheet, kind, headerRow: options.headerRow, previewOnly });
	const { source } = opened;
	let mapping: ColumnMapping = options.mapping ? sanitiseMapping(options.mapping, kind, source.headers.length) : detectMapping(source.headers, kind);
	const resolved = resolveCrs(options.crs, opened.declaredCrs, samplePositions(source.preview, mapping), options.crsChosenByPlanner);
	if (!options.mapping && !options.crs && resolved.guess?.swapped) mapping = swapPositionColumns(mapping);

	let typeValues: ValueMapping<FacilityType> | null = null;
	let statusValues: ValueMapping<FacilityStatus> | null = null;
	if (kind === 'facilities') {
		const types = new Set<string>();
		const statuses = new Set<string>();
		await source.forEachRow((row) => {
			if (mapping.type !== undefined && types.size < 500) types.add(cellOf(row, mapping, 'type'));
			if (mapping.status !== undefined && statuses.size < 500) statuses.add(cellOf(row, mapping, 'status'));
		});
		typeValues = detectValueMapping(types, detectFacilityType, options.typeValues ?? {});
		statusValues = detectValueMapping(statuses, detectFacilityStatus, options.statusValues ?? {});
	}
	return {
		...base,
		encoding: opened.encoding,
		sheets: opened.sheets,
		sheet: opened.sheet,
		header: source.header ?? null,
		headers: source.headers,
		preview: source.preview.slice(0, 20).map((row) => ({ row: row.row, cells: row.cells, geometryType: row.geometry?.type ?? null })),
		rowCount: previewOnly ? null : source.rowCount,
		mapping,
		missing: missingFields(mapping, kind, source.hasGeometry),
		crs: resolved.crs,
		crsGuess: resolved.guess,
		typeValues,
		statusValues,
		notes: previewOnly ? [...resolved.notes, { key: 'previewOnly' }] : resolved.notes
	};
}
