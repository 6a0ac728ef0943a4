/**
 * Checks a standards profile read from a file or from storage. A profile that does not validate is
 * refused as a whole, with every problem named by its field path and reason: a half-read profile
 * would silently check sub-districts against the wrong thresholds.
 */
import { fillPlaceholders } from '../placeholders';
import { SETTING_RANGES } from '../params';
import { FACILITY_STATUSES, FACILITY_TYPES, type FacilityStatus, type FacilityType } from '../types';
import { PROFILE_FORMAT, PROFILE_VERSION, RULE_KEYS, RULE_UNITS, type RuleKey, type StandardsProfile } from './profile';

/**
 * Why a profile is refused, as a code the UI words through i18n (`standards.problem.<code>` with the
 * params); the English text is the problem's `reason`, for logs and tests. `{name}` placeholders.
 */
export const PROFILE_PROBLEM_TEXT = {
	missing: 'missing',
	'not-object': 'must be an object',
	'not-string': 'must be a string',
	empty: 'must not be empty',
	'not-boolean': 'must be true or false',
	'not-number': 'must be a finite number',
	'not-above': 'must be greater than {minimum} (got {value})',
	'below-minimum': 'must be at least {minimum} (got {value})',
	'above-maximum': 'must be at most {maximum} (got {value})',
	'not-list': 'must be a list',
	'unknown-values': 'unknown value(s) {values}; allowed: {allowed}',
	repeated: 'has repeated values',
	'centre-required': 'must include "centre"',
	'wrong-format': 'must be "{expected}"',
	'wrong-version': 'must be {expected} (got {value})',
	'unknown-rule': 'unknown rule',
	'wrong-unit': 'must be "{unit}"',
	'always-enabled': 'must be true (the time budget is always needed)',
	'target-below-minimum': 'must not be below rules.bedsPerThousandMin.value ({minimum})',
	'not-json': 'not valid JSON: {detail}',
	'too-deep': 'nested more than {depth} levels deep: not a standards profile'
} as const satisfies Record<string, string>;

export type ProfileProblemCode = keyof typeof PROFILE_PROBLEM_TEXT;

export interface ProfileProblem {
	/** Dotted path of the offending field, e.g. "rules.centreAreaPerThousand.value". */
	field: string;
	code: ProfileProblemCode;
	params?: Record<string, string>;
	/** The same in English (PROFILE_PROBLEM_TEXT filled in). */
	reason: string;
}

/** A problem with its English reason filled from the code's text. */
export function profileProblem(field: string, code: ProfileProblemCode, params?: Record<string, string>): ProfileProblem {
	const reason = fillPlaceholders(PROFILE_PROBLEM_TEXT[code], params);
	return params ? { field, code, params, reason } : { field, code, reason };
}

/**
 * A profile is four levels deep (rules → rule → source → text); anything far deeper is not a profile, and
 * copying or describing it recursively would overflow the stack (a crash instead of a refusal).
 */
export const MAX_PROFILE_DEPTH = 16;

/** True when value holds objects or arrays nested more than `limit` levels (checked without recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
	const pending: [unknown, number][] = [[value, 0]];
	while (pending.length > 0) {
		const [item, depth] = pending.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		if (depth >= limit) return true;
		for (const child of Object.values(item)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
	}
	return false;
}

export type ProfileValidation = { ok: true; profile: StandardsProfile } | { ok: false; problems: ProfileProblem[] };

/** Upper bounds that catch unit mistakes (600 per 10,000 typed as per 1,000) without limiting real use. */
const MAXIMUM: Record<Exclude<RuleKey, 'coverageMinutes'>, number> = {
	centreAreaPerThousand: 10_000,
	centreAreaMinimum: 1_000_000,
	bedsPerThousandMin: 1_000,
	bedsPerThousandTarget: 1_000,
	newCentreBeds: 100_000,
	stationAreaMin: 100_000,
	coverageTargetPct: 100
};

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
	readonly problems: ProfileProblem[] = [];

	fail(field: string, code: ProfileProblemCode, params?: Record<string, string>): void {
		this.problems.push(profileProblem(field, code, params));
	}

	object(value: unknown, field: string): JsonObject | null {
		if (isObject(value)) return value;
		this.fail(field, value === undefined ? 'missing' : 'not-object');
		return null;
	}

	text(value: unknown, field: string, allowEmpty = false): void {
		if (typeof value !== 'string') this.fail(field, value === undefined ? 'missing' : 'not-string');
		else if (!allowEmpty && value.trim() === '') this.fail(field, 'empty');
	}

	boolean(value: unknown, field: string): void {
		if (typeof value !== 'boolean') this.fail(field, value === undefined ? 'missing' : 'not-boolean');
	}

	number(value: unknown, field: string, minimum: number, maximum: number, minimumExclusive = false): void {
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			this.fail(field, value === undefined ? 'missing' : 'not-number');
			return;
		}
		if (minimumExclusive ? value <= minimum : value < minimum) this.fail(field, minimumExclusive ? 'not-above' : 'below-minimum', { minimum: String(minimum), value: String(value) });
		else if (value > maximum) this.fail(field, 'above-maximum', { maximum: String(maximum), value: String(value) });
	}

	list<T extends string>(value: unknown, field: string, allowed: readonly T[], allowEmpty: boolean): T[] | null {
		if (!Array.isArray(value)) {
			this.fail(field, value === undefined ? 'missing' : 'not-list');
			return null;
		}
		const bad = value.filter((item) => typeof item !== 'string' || !(allowed as readonly string[]).includes(item));
		if (bad.length > 0) this.fail(field, 'unknown-values', { values: `${bad.slice(0, 5).map((item) => JSON.stringify(item)).join(', ')}${bad.length > 5 ? ' …' : ''}`, allowed: allowed.join(', ') });
		else if (new Set(value).size !== value.length) this.fail(field, 'repeated');
		else if (!allowEmpty && value.length === 0) this.fail(field, 'empty');
		return bad.length === 0 ? (value as T[]) : null;
	}
}

/** Validates parsed JSON as a StandardsProfile; returns a deep copy on success. */
export function validateProfile(input: unknown): ProfileValidation {
	if (nestedDeeperThan(input, MAX_PROFILE_DEPTH)) {
		return { ok: false, problems: [profileProblem('(profile)', 'too-deep', { depth: String(MAX_PROFILE_DEPTH) })] };
	}
	const check = new Checker();
	const root = check.object(input, '(profile)');
	if (!root) return { ok: false, problems: check.problems };
	if (root.format !== PROFILE_FORMAT) check.fail('format', 'wrong-format', { expected: PROFILE_FORMAT });
	if (root.version !== PROFILE_VERSION) check.fail('version', 'wrong-version', { expected: String(PROFILE_VERSION), value: String(JSON.stringify(root.version)) });
	check.text(root.id, 'id');
	const name = check.object(root.name, 'name');
	if (name) {
		check.text(name['zh-CN'], 'name.zh-CN');
		check.text(name.en, 'name.en');
	}
	check.boolean(root.builtIn, 'builtIn');
	if (root.basedOn !== null) check.text(root.basedOn, 'basedOn');
	const capacityTypes = check.list<FacilityType>(root.capacityTypes, 'capacityTypes', FACILITY_TYPES, false);
	if (capacityTypes && !capacityTypes.includes('centre')) check.fail('capacityTypes', 'centre-required');
	check.list<FacilityType>(root.coverageTypes, 'coverageTypes', FACILITY_TYPES, false);
	checkRules(check, root.rules);
	if (check.problems.length > 0) return { ok: false, problems: check.problems };
	return { ok: true, profile: JSON.parse(JSON.stringify(root)) as StandardsProfile };
}

function checkRules(check: Checker, value: unknown): void {
	const rules = check.object(value, 'rules');
	if (!rules) return;
	for (const key of Object.keys(rules)) if (!(RULE_KEYS as string[]).includes(key)) check.fail(`rules.${key}`, 'unknown-rule');
	for (const key of RULE_KEYS) {
		const field = `rules.${key}`;
		const rule = check.object(rules[key], field);
		if (!rule) continue;
		check.boolean(rule.enabled, `${field}.enabled`);
		if (key === 'coverageMinutes') {
			// The circle's budget is the coverage threshold (service-circle.ts): the range the coverage controls accept.
			check.number(rule.value, `${field}.value`, SETTING_RANGES.thresholdMinutes.min, SETTING_RANGES.thresholdMinutes.max);
		} else check.number(rule.value, `${field}.value`, 0, MAXIMUM[key], key !== 'coverageTargetPct');
		if (rule.unit !== RULE_UNITS[key]) check.fail(`${field}.unit`, 'wrong-unit', { unit: RULE_UNITS[key] });
		if (isObject(rule.source)) {
			check.text(rule.source['zh-CN'], `${field}.source.zh-CN`);
			check.text(rule.source.en, `${field}.source.en`);
		} else check.text(rule.source, `${field}.source`);
		if (key === 'coverageMinutes' && rule.enabled !== true) check.fail(`${field}.enabled`, 'always-enabled');
		if (key === 'centreAreaMinimum') check.number(rule.belowPopulation, `${field}.belowPopulation`, 0, 100_000_000);
		if (key === 'newCentreBeds') check.list<FacilityStatus>(rule.statuses, `${field}.statuses`, FACILITY_STATUSES, true);
	}
	checkBedRange(check, rules);
}

function checkBedRange(check: Checker, rules: JsonObject): void {
	const min = isObject(rules.bedsPerThousandMin) ? rules.bedsPerThousandMin.value : undefined;
	const target = isObject(rules.bedsPerThousandTarget) ? rules.bedsPerThousandTarget.value : undefined;
	if (typeof min === 'number' && typeof target === 'number' && target < min) {
		check.fail('rules.bedsPerThousandTarget.value', 'target-below-minimum', { minimum: String(min) });
	}
}

/** Parses and validates a profile file's text; a JSON syntax error is reported as a problem too. */
export function parseProfileJson(text: string): ProfileValidation {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return { ok: false, problems: [profileProblem('(file)', 'not-json', { detail: error instanceof Error ? error.message : String(error) })] };
	}
	return validateProfile(parsed);
}
