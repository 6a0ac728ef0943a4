import type { Facility, FacilityStatus, FacilityType } from '$lib/engine/types';
import { duplicateId, FACILITY_FIELDS, validateFacilityRow, type FacilityRow } from '../facility-record';
import { problemAt } from '../load-result';
import { explain } from '../problem-codes';
import { assignFacilitySubdistricts, areaLookup, findArea } from './assign-subdistricts';
import type { ColumnMapping } from './column-mapping';
import { conversionLabel, isGeographic, makeToWgs84 } from './crs';
import { readGeometry, polygonsCentroid } from './geometry';
import type { OpenedTable } from './open-source';
import { cellOf, ProblemList, resolveCrs, resolveMapping, samplePositions, swapPositionColumns } from './pipeline';
import { makePositionReader, type PositionResult } from './position';
import { detectShift } from './shift-detection';
import type { RawRow, TableSource } from './table-source';
import type { FacilitiesImport, ImportContext, ImportOptions, ProgressCallback } from './types';
import { detectFacilityStatus, detectFacilityType, detectValueMapping, mapValue, type ValueMapping } from './value-mapping';

/**
 * Facilities from any table: map columns, translate type and status values, convert coordinates to WGS84,
 * validate each row with the canonical validator (so the demo and planner files obey the same rules),
 * then give each facility its sub-district and check for a GCJ-02 / BD-09 shift.
 */
export async function facilitiesFromTable(
	fileName: string,
	opened: OpenedTable & { format: FacilitiesImport['format'] },
	options: ImportOptions,
	context: ImportContext,
	onProgress: ProgressCallback = () => {}
): Promise<FacilitiesImport> {
	const { source } = opened;
	let mapping = resolveMapping(options.mapping, source, 'facilities');
	const resolved = resolveCrs(options.crs, opened.declaredCrs, samplePositions(source.preview, mapping));
	if (!options.mapping && !options.crs && resolved.guess?.swapped) mapping = swapPositionColumns(mapping);
	const notes = [...resolved.notes];
	if (mapping.id === undefined) notes.push({ key: 'idsGenerated' });

	const typeValues = await distinctValues(source, mapping, 'type', detectFacilityType, options.typeValues);
	const statusValues = await distinctValues(source, mapping, 'status', detectFacilityStatus, options.statusValues);
	const readPosition = makePositionReader(resolved.crs);
	const toWgs84 = makeToWgs84(resolved.crs);
	const problems = new ProblemList();
	const candidates: { values: FacilityRow; row: number }[] = [];
	let rowCount = 0;

	await source.forEachRow(
		(row) => {
			rowCount++;
			const values = facilityValues(row, mapping, typeValues, statusValues);
			const position = mapping.lon !== undefined && mapping.lat !== undefined ? readPosition(values.lon, values.lat) : geometryPosition(row, toWgs84);
			if (!position.ok) {
				// Report the coordinate problem and every other problem of the row in one go.
				const others = validateFacilityRow({ ...values, lon: 0, lat: 0 }, row.row);
				problems.add(problemAt(row.row, position.field, position));
				if (Array.isArray(others)) problems.addAll(others);
				return;
			}
			candidates.push({ values: { ...values, lon: position.value[0], lat: position.value[1] }, row: row.row });
		},
		(fraction) => onProgress('parse', fraction)
	);

	onProgress('validate', 0);
	const validated = validateCandidates(candidates, problems);

	onProgress('assign', 0);
	const subdistricts = context.subdistricts ?? [];
	const assignment = assignFacilitySubdistricts(validated.facilities, validated.rows, subdistricts);
	if (subdistricts.length === 0) notes.push({ key: 'noBoundariesForAssignment' });

	onProgress('check', 0);
	const shift = isGeographic(resolved.crs) && resolved.crs !== 'gcj02' && resolved.crs !== 'bd09' ? checkShift(validated.facilities, context) : null;
	if (shift?.suggested) notes.push({ key: `shiftSuggested.${shift.suggested}` });

	return {
		kind: 'facilities',
		fileName,
		format: opened.format,
		encoding: opened.encoding,
		crs: resolved.crs,
		crsGuess: resolved.guess,
		appliedConversion: conversionLabel(resolved.crs),
		mapping,
		headers: source.headers,
		records: assignment.facilities,
		loaded: assignment.facilities.length,
		skipped: rowCount - assignment.facilities.length,
		problems: problems.sorted(),
		omittedProblems: problems.omitted,
		warnings: assignment.warnings,
		notes,
		shift,
		typeValues,
		statusValues,
		outsideIds: assignment.outsideIds
	};
}

/** The canonical field values of one row, with type and status translated to the canonical vocabulary. */
function facilityValues(
	row: RawRow,
	mapping: ColumnMapping,
	typeValues: ValueMapping<FacilityType>,
	statusValues: ValueMapping<FacilityStatus>
): FacilityRow {
	const values: FacilityRow = {};
	for (const field of FACILITY_FIELDS) {
		if (mapping[field] !== undefined) values[field] = cellOf(row, mapping, field);
	}
	if (mapping.id === undefined) values.id = `row-${row.row}`;
	values.type = mapValue(String(values.type ?? ''), typeValues, detectFacilityType);
	if (mapping.status !== undefined) values.status = mapValue(String(values.status ?? ''), statusValues, detectFacilityStatus);
	if (mapping.lon !== undefined) values.lon = row.cells[mapping.lon] ?? '';
	if (mapping.lat !== undefined) values.lat = row.cells[mapping.lat] ?? '';
	return values;
}

function geometryPosition(row: RawRow, toWgs84: (x: number, y: number) => [number, number]): PositionResult {
	const read = readGeometry(row.geometry, toWgs84);
	if ('reason' in read) return { ok: false, field: 'geometry', ...read };
	const geometry = read.geometry;
	if (geometry.type === 'Point') return { ok: true, value: geometry.position };
	if (geometry.type === 'Polygons') return { ok: true, value: polygonsCentroid(geometry.polygons) };
	return { ok: false, field: 'geometry', ...explain('facility-is-line') };
}

/** Distinct raw values of a column with their proposed canonical value (planner overrides applied). */
async function distinctValues<T extends string>(
	source: TableSource,
	mapping: ColumnMapping,
	field: 'type' | 'status',
	detect: (raw: string) => T | null,
	overrides: ValueMapping<T> | undefined
): Promise<ValueMapping<T>> {
	if (mapping[field] === undefined) return {};
	const seen = new Set<string>();
	await source.forEachRow((row) => {
		if (seen.size < 500) seen.add(cellOf(row, mapping, field));
	});
	return detectValueMapping(seen, detect, overrides ?? {});
}

/**
 * The canonical row validator, row by row, plus the duplicate-id rule of validateFacilityRows (same
 * wording); done here because the importer must know which row each accepted facility came from.
 */
function validateCandidates(candidates: { values: FacilityRow; row: number }[], problems: ProblemList): { facilities: Facility[]; rows: number[] } {
	const facilities: Facility[] = [];
	const rows: number[] = [];
	const firstRowOfId = new Map<string, number>();
	for (const { values, row } of candidates) {
		const result = validateFacilityRow(values, row);
		if (Array.isArray(result)) {
			problems.addAll(result);
			continue;
		}
		const firstRow = firstRowOfId.get(result.id);
		if (firstRow !== undefined) {
			problems.add(problemAt(row, 'id', duplicateId(result.id, firstRow)));
			continue;
		}
		firstRowOfId.set(result.id, row);
		facilities.push(result);
		rows.push(row);
	}
	return { facilities, rows };
}

function checkShift(facilities: Facility[], context: ImportContext) {
	const lon = Float64Array.from(facilities, (facility) => facility.lon);
	const lat = Float64Array.from(facilities, (facility) => facility.lat);
	const subdistricts = context.subdistricts ?? [];
	const lookup = areaLookup(subdistricts);
	const declared = Int32Array.from(facilities, (facility) => findArea(lookup, facility.subdistrict));
	return detectShift(lon, lat, declared, context);
}

