import { FACILITY_STATUSES, FACILITY_TYPES } from '$lib/engine/types';
import type { Facility, FacilityStatus, FacilityType } from '$lib/engine/types';
import { readLonLat } from './coordinates';
import { isBlank, numberProblem, readOptionalQuantity, clip } from './fields';
import { problemAt, type RowProblem } from './load-result';
import { explain } from './problem-codes';

/** The canonical facility columns, as documented in the README. */
export const FACILITY_FIELDS = ['id', 'name', 'type', 'subdistrict', 'lon', 'lat', 'area_m2', 'beds', 'status', 'parent_id'] as const;
export type FacilityField = (typeof FACILITY_FIELDS)[number];
export type FacilityRow = Partial<Record<FacilityField, unknown>>;

const TYPE_SET = new Set<string>(FACILITY_TYPES);
const STATUS_SET = new Set<string>(FACILITY_STATUSES);

/** Turns one row of canonical fields into a Facility, or lists every reason it cannot be one. */
export function validateFacilityRow(values: FacilityRow, row: number): Facility | RowProblem[] {
	const problems: RowProblem[] = [];
	const text = (field: FacilityField) => (isBlank(values[field]) ? '' : String(values[field]).trim());

	const id = text('id');
	if (!id) problems.push({ row, field: 'id', ...explain('missing-id') });
	const name = text('name');
	if (!name) problems.push({ row, field: 'name', ...explain('missing-name') });

	const type = text('type');
	if (!TYPE_SET.has(type)) {
		problems.push({ row, field: 'type', ...(type ? explain('unknown-type', { value: clip(type) }) : explain('missing-type')) });
	}
	const status = text('status') || 'existing';
	if (!STATUS_SET.has(status)) problems.push({ row, field: 'status', ...explain('unknown-status', { value: clip(status) }) });

	const position = readLonLat(values.lon, values.lat);
	if (!position.ok) problems.push(problemAt(row, position.field, position));

	const area = readOptionalQuantity(values.area_m2, 'areaM2');
	if (!area.ok) problems.push({ row, field: 'area_m2', ...numberProblem('area', area) });
	const beds = readOptionalQuantity(values.beds, 'beds');
	if (!beds.ok) problems.push({ row, field: 'beds', ...numberProblem('beds', beds) });

	if (problems.length > 0 || !position.ok || !area.ok || !beds.ok) return problems;
	return {
		id,
		name,
		type: type as FacilityType,
		subdistrict: text('subdistrict'),
		lon: position.value[0],
		lat: position.value[1],
		areaM2: area.value,
		beds: beds.value,
		status: status as FacilityStatus,
		parentId: text('parent_id') || null
	};
}

/** Validates rows one by one and rejects later rows that repeat an id already accepted. */
export function validateFacilityRows(rows: Iterable<{ values: FacilityRow; row: number }>): {
	facilities: Facility[];
	/** The file row of each facility kept (facilities[i] came from rows[i]). */
	rows: number[];
	problems: RowProblem[];
} {
	const facilities: Facility[] = [];
	const keptRows: number[] = [];
	const problems: RowProblem[] = [];
	const seenIds = new Map<string, number>();
	for (const { values, row } of rows) {
		const result = validateFacilityRow(values, row);
		if (Array.isArray(result)) {
			problems.push(...result);
			continue;
		}
		const firstRow = seenIds.get(result.id);
		if (firstRow !== undefined) {
			problems.push({ row, field: 'id', ...duplicateId(result.id, firstRow) });
			continue;
		}
		seenIds.set(result.id, row);
		facilities.push(result);
		keptRows.push(row);
	}
	return { facilities, rows: keptRows, problems };
}

/** The duplicate-id problem, shared with the importer (same code and wording). */
export function duplicateId(id: string, firstRow: number): ReturnType<typeof explain> {
	return explain('duplicate-id', { id: clip(id), firstRow: String(firstRow) });
}
