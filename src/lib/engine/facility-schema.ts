/**
 * The one facility schema: what a valid Facility, a facility change and a move are, field by field.
 * The importer (io/facility-record.ts), the scenario file (io/scenario-file.ts) and the scenario edits
 * (scenario/edits.ts) all check against it, so a facility accepted by one is accepted by the others.
 * Each table is typed against the type it describes: adding a field to Facility or to FacilityChanges
 * without a check here does not compile.
 */
import { isLatitude, isLongitude, isPlausibleQuantity } from './plausibility';
import { FACILITY_STATUSES, FACILITY_TYPES, type Facility, type FacilityStatus, type FacilityType } from './types';

export type FieldGuard<T> = (value: unknown) => value is T;
/** A check for every field of T (optional fields too: a present value is always checked). */
export type Schema<T> = { readonly [K in keyof T]-?: FieldGuard<Exclude<T[K], undefined>> };

/** The facility fields an `update` edit may change. Position changes are `move` edits. */
export interface FacilityChanges {
	name?: string;
	type?: FacilityType;
	status?: FacilityStatus;
	/** null = unknown (never read as zero). */
	areaM2?: number | null;
	beds?: number | null;
}

export const isText: FieldGuard<string> = (value): value is string => typeof value === 'string';
export const isId: FieldGuard<string> = (value): value is string => typeof value === 'string' && value !== '';

function isOneOf<T extends string>(allowed: readonly T[]): FieldGuard<T> {
	return (value): value is T => typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** Area: null is unknown (never zero); otherwise within the plausible limits. */
const isArea: FieldGuard<number | null> = (value): value is number | null => value === null || isPlausibleQuantity('areaM2', value);
const isBeds: FieldGuard<number | null> = (value): value is number | null => value === null || isPlausibleQuantity('beds', value);

export const FACILITY_SCHEMA: Schema<Facility> = {
	id: isId,
	name: isText,
	type: isOneOf(FACILITY_TYPES),
	subdistrict: isText,
	lon: isLongitude,
	lat: isLatitude,
	areaM2: isArea,
	beds: isBeds,
	status: isOneOf(FACILITY_STATUSES),
	parentId: (value): value is string | null => value === null || typeof value === 'string',
	defaultNumber: (value): value is number => Number.isInteger(value) && (value as number) > 0,
	defaultName: (value): value is 'suggested' => value === 'suggested'
};

/** Facility fields that may be absent (a facility without them is complete). */
export const OPTIONAL_FACILITY_FIELDS: ReadonlySet<keyof Facility> = new Set<keyof Facility>(['defaultNumber', 'defaultName']);

export const FACILITY_CHANGES_SCHEMA: Schema<FacilityChanges> = {
	name: FACILITY_SCHEMA.name,
	type: FACILITY_SCHEMA.type,
	status: FACILITY_SCHEMA.status,
	areaM2: FACILITY_SCHEMA.areaM2,
	beds: FACILITY_SCHEMA.beds
};

/** The first field of `value` that `schema` refuses (fields absent from value are skipped), or null. */
export function firstInvalidField<T>(schema: Schema<T>, value: Partial<Record<keyof T, unknown>>): keyof T | null {
	for (const field of Object.keys(schema) as (keyof T)[]) {
		if (value[field] !== undefined && !schema[field](value[field])) return field;
	}
	return null;
}
