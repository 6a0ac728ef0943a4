import { FACILITY_STATUSES, FACILITY_TYPES } from '$lib/engine/types';
import type { Facility, FacilityStatus, FacilityType } from '$lib/engine/types';
import { readLonLat } from './coordinates';
import { isBlank, readOptionalQuantity, clip } from './fields';
import type { RowProblem } from './load-result';

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
	if (!id) problems.push({ row, field: 'id', reason: 'missing id' });
	const name = text('name');
	if (!name) problems.push({ row, field: 'name', reason: 'missing name' });

	const type = text('type');
	if (!TYPE_SET.has(type)) {
		problems.push({ row, field: 'type', reason: type ? `unknown type "${clip(type)}"` : 'missing type' });
	}
	const status = text('status') || 'existing';
	if (!STATUS_SET.has(status)) problems.push({ row, field: 'status', reason: `unknown status "${clip(status)}"` });

	const position = readLonLat(values.lon, values.lat);
	if (!position.ok) problems.push({ row, field: position.field, reason: position.reason });

	const area = readOptionalQuantity(values.area_m2);
	if (!area.ok) problems.push({ row, field: 'area_m2', reason: `area ${area.reason}` });
	const beds = readOptionalQuantity(values.beds);
	if (!beds.ok) problems.push({ row, field: 'beds', reason: `beds ${beds.reason}` });

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
	problems: RowProblem[];
} {
	const facilities: Facility[] = [];
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
			problems.push({ row, field: 'id', reason: `duplicate id "${clip(result.id)}" (first on row ${firstRow})` });
			continue;
		}
		seenIds.set(result.id, row);
		facilities.push(result);
	}
	return { facilities, problems };
}
