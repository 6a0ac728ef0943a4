import type { Facility, FacilityStatus, FacilityType } from '$lib/engine/types';
import { duplicateId, FACILITY_FIELDS, validateFacilityRow, type FacilityRow } from '../facility-record';
import { clip } from '../fields';
import { problemAt, type RowProblem } from '../load-result';
import { explain } from '../problem-codes';
import { assignFacilitySubdistricts, areaLookup, findArea } from './assign-subdistricts';
import type { ColumnMapping } from './column-mapping';
import { isGeographic, makeToWgs84 } from './crs';
import { readGeometry, polygonsCentroid } from './geometry';
import type { OpenedTable } from './open-source';
import { cellOf, formatPosition, labelProblem, NotesBelowTable, ProblemList, resolveCrs, resolveMapping, rowHasPosition, samplePositions, swapPositionColumns, tableImportResult } from './pipeline';
import { makePositionReader, type PositionResult } from './position';
import { readFacilityQuantity } from './quantity';
import { detectShift } from './shift-detection';
import type { RawRow, TableSource } from './table-source';
import type { FacilitiesImport, ImportContext, ImportOptions, ImportProblem, ProgressCallback } from './types';
import { detectFacilityStatus, detectFacilityType, detectValueMapping, mapValue, type ValueMapping } from './value-mapping';

/**
 * Facilities from any table: map columns, translate type and status values, convert coordinates to WGS84,
 * validate each row with the canonical validator (so the demo and planner files obey the same rules),
 * then give each facility its sub-district and check for a GCJ-02 / BD-09 shift. An area or bed count that
 * is not a number does not cost the facility its place in the coverage: it is kept with that value unknown
 * and a warning; position, type, name and id problems still reject the row. Every listed problem carries
 * the row's name and the cell as written.
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
	const resolved = resolveCrs(options.crs, opened.declaredCrs, samplePositions(source.preview, mapping), options.crsChosenByPlanner);
	if (!options.mapping && !options.crs && resolved.guess?.swapped) mapping = swapPositionColumns(mapping);
	const notes = [...resolved.notes];
	if (mapping.id === undefined) notes.push({ key: 'idsGenerated' });

	const typeValues = await distinctValues(source, mapping, 'type', detectFacilityType, options.typeValues);
	const statusValues = await distinctValues(source, mapping, 'status', detectFacilityStatus, options.statusValues);
	const readPosition = makePositionReader(resolved.crs);
	const toWgs84 = makeToWgs84(resolved.crs);
	const problems = new ProblemList();
	const notesBelow = new NotesBelowTable(problems, mapping, explain('note-below-table'), (word) => explain('total-row', { word }));
	const candidates: Candidate[] = [];
	let rowCount = 0;

	await source.forEachRow(
		(row) => {
			rowCount++;
			const hasPosition = rowHasPosition(row, mapping);
			if (hasPosition) notesBelow.sawPosition();
			const values = facilityValues(row, mapping, typeValues, statusValues);
			const quantityWarnings = unknownQuantities(values, row.row);
			const position = mapping.lon !== undefined && mapping.lat !== undefined ? readPosition(values.lon, values.lat) : geometryPosition(row, toWgs84);
			if (!position.ok) {
				// Report the coordinate problem and every other problem of the row in one go.
				const others = validateFacilityRow({ ...values, lon: 0, lat: 0 }, row.row);
				const rowProblems = [problemAt(row.row, position.field, position), ...(Array.isArray(others) ? others : []), ...quantityWarnings.map(asRejected)];
				notesBelow.reject(row, hasPosition, rowProblems.map((problem) => labelProblem(problem, row, mapping)));
				return;
			}
			candidates.push({ values: { ...values, lon: position.value[0], lat: position.value[1] }, raw: row, quantityWarnings });
		},
		(fraction) => onProgress('parse', fraction)
	);
	notesBelow.finish();

	onProgress('validate', 0);
	const validated = validateCandidates(candidates, mapping, problems);

	onProgress('assign', 0);
	const subdistricts = context.subdistricts ?? [];
	const assignment = assignFacilitySubdistricts(validated.facilities, validated.rows, subdistricts);

	if (subdistricts.length === 0) notes.push({ key: 'noBoundariesForAssignment' });

	onProgress('check', 0);
	const shift = isGeographic(resolved.crs) && resolved.crs !== 'gcj02' && resolved.crs !== 'bd09' ? checkShift(validated.facilities, context) : null;
	if (shift?.suggested) notes.push({ key: `shiftSuggested.${shift.suggested}` });

	return {
		kind: 'facilities',
		...tableImportResult(fileName, opened, resolved, { mapping, records: assignment.facilities, loaded: assignment.facilities.length, rowCount, problems }),
		warnings: [...validated.warnings, ...assignment.warnings.map((warning) => labelAssignment(warning, validated, mapping))].sort(
			(a, b) => a.row - b.row
		),
		notes,
		shift,
		typeValues,
		statusValues,
		outsideIds: assignment.outsideIds
	};
}

interface Candidate {
	values: FacilityRow;
	raw: RawRow;
	/** Area or beds that were not numbers: left unknown in values, listed as warnings if the row is kept. */
	quantityWarnings: RowProblem[];
}

/** Reads area and beds leniently (units, separators, full-width digits); what is still not a number becomes unknown. */
function unknownQuantities(values: FacilityRow, row: number): RowProblem[] {
	const warnings: RowProblem[] = [];
	for (const field of ['area_m2', 'beds'] as const) {
		if (values[field] === undefined) continue;
		const reading = readFacilityQuantity(values[field], field === 'area_m2' ? 'area' : 'beds');
		values[field] = reading.ok ? (reading.value ?? '') : '';
		if (reading.ok) continue;
		const params = { value: clip(reading.raw) };
		warnings.push(problemAt(row, field, unknownQuantityProblem(field, reading.negative, params)));
	}
	return warnings;
}

function unknownQuantityProblem(field: 'area_m2' | 'beds', negative: boolean, params: { value: string }): ReturnType<typeof explain> {
	if (field === 'area_m2') return negative ? explain('area-negative-unknown', params) : explain('area-unknown', params);
	return negative ? explain('beds-negative-unknown', params) : explain('beds-unknown', params);
}

/** The rejected-row wording of a quantity warning: a row that is not loaded cannot say "kept with the area unknown". */
const REJECTED_QUANTITY_CODE = {
	'area-unknown': 'area-not-number',
	'area-negative-unknown': 'area-negative',
	'beds-unknown': 'beds-not-number',
	'beds-negative-unknown': 'beds-negative'
} as const;

function asRejected(warning: RowProblem): RowProblem {
	const code = REJECTED_QUANTITY_CODE[warning.code as keyof typeof REJECTED_QUANTITY_CODE];
	return code ? problemAt(warning.row, warning.field, explain(code, warning.params)) : warning;
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

/** An assignment warning labelled like every other; one about the position of a facility drawn from a geometry quotes its loaded position. */
function labelAssignment(warning: RowProblem, validated: { facilities: Facility[]; rows: number[]; rawByRow: Map<number, RawRow> }, mapping: ColumnMapping): ImportProblem {
	const labelled = labelProblem(warning, validated.rawByRow.get(warning.row) ?? { row: warning.row, cells: [] }, mapping);
	const facility = validated.facilities[validated.rows.indexOf(warning.row)];
	if (labelled.field === 'position' && labelled.value === undefined && facility) labelled.value = formatPosition(facility.lon, facility.lat);
	return labelled;
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
function validateCandidates(
	candidates: Candidate[],
	mapping: ColumnMapping,
	problems: ProblemList
): { facilities: Facility[]; rows: number[]; warnings: ImportProblem[]; rawByRow: Map<number, RawRow> } {
	const facilities: Facility[] = [];
	const rows: number[] = [];
	const warnings: ImportProblem[] = [];
	const rawByRow = new Map<number, RawRow>();
	const firstRowOfId = new Map<string, number>();
	for (const { values, raw, quantityWarnings } of candidates) {
		const row = raw.row;
		const label = (problem: RowProblem) => labelProblem(problem, raw, mapping);
		const result = validateFacilityRow(values, row);
		if (Array.isArray(result)) {
			problems.addAll([...result, ...quantityWarnings.map(asRejected)].map(label));
			continue;
		}
		const firstRow = firstRowOfId.get(result.id);
		if (firstRow !== undefined) {
			problems.addAll([problemAt(row, 'id', duplicateId(result.id, firstRow)), ...quantityWarnings.map(asRejected)].map(label));
			continue;
		}
		firstRowOfId.set(result.id, row);
		facilities.push(result);
		rows.push(row);
		rawByRow.set(row, raw);
		warnings.push(...quantityWarnings.map(label));
	}
	return { facilities, rows, warnings, rawByRow };
}

function checkShift(facilities: Facility[], context: ImportContext) {
	const lon = Float64Array.from(facilities, (facility) => facility.lon);
	const lat = Float64Array.from(facilities, (facility) => facility.lat);
	const subdistricts = context.subdistricts ?? [];
	const lookup = areaLookup(subdistricts);
	const declared = Int32Array.from(facilities, (facility) => findArea(lookup, facility.subdistrict));
	return detectShift(lon, lat, declared, context);
}

