/**
 * Standards profiles: every rule the indicators are checked against, its threshold and where the
 * threshold comes from, as one typed, versioned JSON structure. Two profiles are built in; a planner
 * edits a copy and saves it as a custom profile (validated by `validateProfile` on every load).
 */
import type { FacilityStatus, FacilityType } from '../types';

export const PROFILE_FORMAT = 'health-circle.standards-profile';
export const PROFILE_VERSION = 1;

/** Units are fixed per rule; they are written into the JSON so that a hand-edited file says what it means. */
export const RULE_UNITS = {
	centreAreaPerThousand: 'm2_per_1000_residents',
	centreAreaMinimum: 'm2',
	bedsPerThousandMin: 'beds_per_1000_residents',
	bedsPerThousandTarget: 'beds_per_1000_residents',
	newCentreBeds: 'beds',
	stationAreaMin: 'm2',
	coverageMinutes: 'minutes',
	coverageTargetPct: 'percent'
} as const;
export type RuleKey = keyof typeof RULE_UNITS;
export const RULE_KEYS = Object.keys(RULE_UNITS) as RuleKey[];

export interface LocalizedText {
	'zh-CN': string;
	en: string;
}

/** A threshold with its citation; `enabled: false` switches the rule off (outcome 'off'). */
export interface ThresholdRule<Unit extends string = string> {
	enabled: boolean;
	value: number;
	unit: Unit;
	/**
	 * Where the figure comes from (document, or "tool default" when the documents are silent): in both
	 * languages for the built-in profiles; a hand-written profile may give one text for both.
	 */
	source: RuleSource;
}

export type RuleSource = string | LocalizedText;

/** A rule's source in `language` (a single text serves both languages). */
export function sourceText(source: RuleSource, language: keyof LocalizedText): string {
	return typeof source === 'string' ? source : source[language];
}

export interface StandardsRules {
	/** Centre building area required per 1,000 residents (m²). */
	centreAreaPerThousand: ThresholdRule<'m2_per_1000_residents'>;
	/**
	 * Minimum centre area (m²) when the service population is below `belowPopulation`. With the area
	 * rule above: required = max(value, perThousand × population ÷ 1,000) when population < belowPopulation.
	 */
	centreAreaMinimum: ThresholdRule<'m2'> & { belowPopulation: number };
	/** Community beds per 1,000 residents; below this fails. */
	bedsPerThousandMin: ThresholdRule<'beds_per_1000_residents'>;
	/** Upper end of the beds range: informative only (beds needed to reach it), never a failure. */
	bedsPerThousandTarget: ThresholdRule<'beds_per_1000_residents'>;
	/** Beds each new centre (a centre with one of `statuses`) must have. */
	newCentreBeds: ThresholdRule<'beds'> & { statuses: FacilityStatus[] };
	/** Stations with a known building area below this (m²) are flagged; a sub-district with one fails. */
	stationAreaMin: ThresholdRule<'m2'>;
	/** The travel-time budget of the service circle (minutes); always on. */
	coverageMinutes: ThresholdRule<'minutes'>;
	/** Share of residents (%) within `coverageMinutes` a sub-district needs to pass. */
	coverageTargetPct: ThresholdRule<'percent'>;
}

export interface StandardsProfile {
	format: typeof PROFILE_FORMAT;
	version: typeof PROFILE_VERSION;
	/** 'shanghai-2023', 'legacy-district', or a custom id. */
	id: string;
	name: LocalizedText;
	/** Built-in profiles are read-only; editing one yields a custom copy (`builtIn: false`). */
	builtIn: boolean;
	/** Id of the profile this one was copied from, if any. */
	basedOn: string | null;
	/** Facility types whose building area and beds count toward a sub-district's (and a centre's) space and beds. */
	capacityTypes: FacilityType[];
	/** Facility types that count toward 15-minute coverage. */
	coverageTypes: FacilityType[];
	rules: StandardsRules;
}

const GUIDELINE: LocalizedText = {
	'zh-CN': '《上海市社区卫生服务机构功能与建设指导标准》，静安区2023年规划引用',
	en: 'Shanghai guideline for community health service institutions (《上海市社区卫生服务机构功能与建设指导标准》), cited by the Jing\u2019an 2023 plan'
};
const NOT_STATED: LocalizedText = { 'zh-CN': '政策文件未作规定：工具默认值，可修改', en: 'not stated in the source documents: tool default, editable' };
/** Both languages of `base` with a remark appended to each. */
const withRemark = (base: LocalizedText, remark: LocalizedText): LocalizedText => ({ 'zh-CN': `${base['zh-CN']}；${remark['zh-CN']}`, en: `${base.en}; ${remark.en}` });
const NEW_CENTRE_STATUSES: FacilityStatus[] = ['under_construction', 'construction_starting', 'proposed'];

/** Default profile (domain brief, "Shanghai 2023"). */
export const SHANGHAI_2023: Readonly<StandardsProfile> = deepFreeze({
	format: PROFILE_FORMAT,
	version: PROFILE_VERSION,
	id: 'shanghai-2023',
	name: { 'zh-CN': '上海 2023', en: 'Shanghai 2023' },
	builtIn: true,
	basedOn: null,
	capacityTypes: ['centre', 'branch'],
	coverageTypes: ['centre', 'branch', 'station'],
	rules: {
		centreAreaPerThousand: { enabled: true, value: 100, unit: 'm2_per_1000_residents', source: GUIDELINE },
		centreAreaMinimum: { enabled: true, value: 5000, belowPopulation: 50_000, unit: 'm2', source: GUIDELINE },
		bedsPerThousandMin: { enabled: true, value: 1.0, unit: 'beds_per_1000_residents', source: GUIDELINE },
		bedsPerThousandTarget: { enabled: true, value: 1.5, unit: 'beds_per_1000_residents', source: GUIDELINE },
		newCentreBeds: { enabled: true, value: 100, statuses: [...NEW_CENTRE_STATUSES], unit: 'beds', source: GUIDELINE },
		stationAreaMin: { enabled: true, value: 200, unit: 'm2', source: withRemark(GUIDELINE, { 'zh-CN': '静安区2023年规划（200 m²以下的站点待改建）', en: 'Jing\u2019an 2023 plan (stations under 200 m² to be rebuilt)' }) },
		coverageMinutes: { enabled: true, value: 15, unit: 'minutes', source: { 'zh-CN': '慢行15分钟社区卫生服务圈，静安区2023年规划', en: 'slow-traffic 15-minute community health service circle (慢行15分钟社区卫生服务圈), Jing\u2019an 2023 plan' } },
		coverageTargetPct: { enabled: true, value: 100, unit: 'percent', source: { 'zh-CN': `${NOT_STATED['zh-CN']}（服务圈面向全体居民）`, en: `${NOT_STATED.en} (the circle is meant for every resident)` } }
	}
});

const PUTUO_2012: LocalizedText = { 'zh-CN': '普陀区标准（约2012年）：每万人600 m²，站点不小于150 m²', en: 'Putuo district norm, about 2012: 600 m² per 10,000 residents, stations ≥ 150 m²' };
const NOT_IN_LEGACY = withRemark(NOT_STATED, { 'zh-CN': '不属于旧区级标准', en: 'not part of the legacy norm' });

// Exported for the tests only: the second built-in profile the indicator tests run every rule under.
/** The older district norm (Putuo, about 2012); rules it does not state are off. */
export const LEGACY_DISTRICT_NORM: Readonly<StandardsProfile> = deepFreeze({
	format: PROFILE_FORMAT,
	version: PROFILE_VERSION,
	id: 'legacy-district',
	name: { 'zh-CN': '旧区级标准（普陀约 2012）', en: 'Legacy district norm (Putuo, c. 2012)' },
	builtIn: true,
	basedOn: null,
	capacityTypes: ['centre', 'branch'],
	coverageTypes: ['centre', 'branch', 'station'],
	rules: {
		centreAreaPerThousand: { enabled: true, value: 60, unit: 'm2_per_1000_residents', source: PUTUO_2012 },
		centreAreaMinimum: { enabled: false, value: 5000, belowPopulation: 50_000, unit: 'm2', source: NOT_IN_LEGACY },
		bedsPerThousandMin: { enabled: false, value: 1.0, unit: 'beds_per_1000_residents', source: NOT_IN_LEGACY },
		bedsPerThousandTarget: { enabled: false, value: 1.5, unit: 'beds_per_1000_residents', source: NOT_IN_LEGACY },
		newCentreBeds: { enabled: false, value: 100, statuses: [...NEW_CENTRE_STATUSES], unit: 'beds', source: NOT_IN_LEGACY },
		stationAreaMin: { enabled: true, value: 150, unit: 'm2', source: PUTUO_2012 },
		coverageMinutes: { enabled: true, value: 15, unit: 'minutes', source: NOT_STATED },
		coverageTargetPct: { enabled: false, value: 100, unit: 'percent', source: NOT_STATED }
	}
});

export const BUILT_IN_PROFILES: readonly Readonly<StandardsProfile>[] = Object.freeze([SHANGHAI_2023, LEGACY_DISTRICT_NORM]);

/** A mutable deep copy (profiles are plain JSON). */
export function cloneProfile(profile: Readonly<StandardsProfile>): StandardsProfile {
	return JSON.parse(JSON.stringify(profile)) as StandardsProfile;
}

/**
 * Whether two profiles set the same standards: the same rules (values, switches, sources, statuses) and the
 * same counted facility types, whatever their id and name. Lists are compared as sets (a type switched off and
 * on again is appended at the end). The profile editor compares the draft with the profile it came from, so a
 * value typed back to its original is no edit.
 */
export function sameStandards(a: Readonly<StandardsProfile>, b: Readonly<StandardsProfile>): boolean {
	const content = (profile: Readonly<StandardsProfile>) =>
		JSON.stringify({ capacityTypes: [...profile.capacityTypes].sort(), coverageTypes: [...profile.coverageTypes].sort(), rules: profile.rules }, (key, value: unknown) =>
			key === 'statuses' && Array.isArray(value) ? [...(value as string[])].sort() : value
		);
	return content(a) === content(b);
}

/** A custom copy of `profile` under a new id and name, ready to edit and save. */
export function customCopy(profile: Readonly<StandardsProfile>, id: string, name: LocalizedText): StandardsProfile {
	const copy = cloneProfile(profile);
	copy.id = id;
	copy.name = { ...name };
	copy.builtIn = false;
	copy.basedOn = profile.builtIn ? profile.id : profile.basedOn;
	return copy;
}

/**
 * Centre area (m²) a service population needs: perThousand × population ÷ 1,000, raised to the
 * minimum when the population is below its limit. With Shanghai 2023 that is max(5,000, 0.1 × population).
 */
export function requiredCentreAreaM2(rules: Pick<StandardsRules, 'centreAreaPerThousand' | 'centreAreaMinimum'>, population: number): number {
	const proportional = (rules.centreAreaPerThousand.value * population) / 1000;
	const minimum = rules.centreAreaMinimum;
	return minimum.enabled && population < minimum.belowPopulation ? Math.max(minimum.value, proportional) : proportional;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}
