import { FACILITY_STATUSES, FACILITY_TYPES, type FacilityStatus, type FacilityType } from '$lib/engine/types';

/** Raw value in the file → canonical value, or null when the planner has not decided (the row is then rejected). */
export type ValueMapping<T extends string> = Record<string, T | null>;

const TYPE_SET = new Set<string>(FACILITY_TYPES);
const STATUS_SET = new Set<string>(FACILITY_STATUSES);

function normaliseValue(raw: string): string {
	return raw.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-]+/g, ' ');
}

/**
 * Recognises a facility type written the way Shanghai's lists write it. Order matters: "社区卫生服务分中心"
 * also contains "中心", and "社区卫生服务站" contains "服务", so the specific forms are tested first.
 */
export function detectFacilityType(raw: string): FacilityType | null {
	const value = normaliseValue(raw);
	if (value === '') return null;
	const canonical = value.replace(/ /g, '_');
	if (TYPE_SET.has(canonical)) return canonical as FacilityType;
	if (value === 'center') return 'centre';
	if (/分中心|branch/.test(value)) return 'branch';
	if (/村卫生室|卫生室|village/.test(value)) return 'village_clinic';
	if (/服务站|卫生站|站点|^站$|station/.test(value)) return 'station';
	if (/医院|hospital/.test(value)) return 'hospital';
	if (/社区卫生服务中心|卫生服务中心|^中心$|卫生院|community health (service )?cent(re|er)/.test(value)) return 'centre';
	return null;
}

/** Recognises the 2023 plan's status vocabulary (现有 / 在建 / 启动建设 / 调整优化 / 过渡用房 / 拟建) and English names. */
export function detectFacilityStatus(raw: string): FacilityStatus | null {
	const value = normaliseValue(raw);
	if (value === '') return 'existing';
	const canonical = value.replace(/ /g, '_');
	if (STATUS_SET.has(canonical)) return canonical as FacilityStatus;
	if (/过渡/.test(value) || value === 'transitional premises') return 'transitional';
	if (/调整|优化/.test(value) || /plan (being )?adjust/.test(value)) return 'plan_adjusting';
	if (/启动/.test(value) || /construction start/.test(value)) return 'construction_starting';
	if (/在建|施工|under construction/.test(value)) return 'under_construction';
	if (/拟建|规划新建|新建|规划|planned|proposed/.test(value)) return 'proposed';
	if (/现有|已建|建成|运行|运营|在用|existing|open|operating/.test(value)) return 'existing';
	return null;
}

/** Proposes a mapping for every distinct raw value; planner overrides (from the dialog) win. */
export function detectValueMapping<T extends string>(
	values: Iterable<string>,
	detect: (raw: string) => T | null,
	overrides: ValueMapping<T> = {}
): ValueMapping<T> {
	const mapping: ValueMapping<T> = {};
	for (const raw of values) {
		const key = raw.trim();
		if (key in mapping) continue;
		mapping[key] = Object.prototype.hasOwnProperty.call(overrides, key) ? overrides[key] : detect(key);
	}
	return mapping;
}

/** Applies a value mapping: unmapped or undecided values pass through unchanged so the validator names them. */
export function mapValue<T extends string>(raw: string, mapping: ValueMapping<T>, detect: (raw: string) => T | null): string {
	const key = raw.trim();
	if (Object.prototype.hasOwnProperty.call(mapping, key)) return mapping[key] ?? key;
	return detect(key) ?? key;
}
