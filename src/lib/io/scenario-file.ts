/**
 * The scenario file: one what-if scenario as versioned JSON, so a planner can export it from the
 * browser, send it to a colleague, or run it with `npm run coverage -- --scenario FILE`.
 *
 * A file names the dataset it was made for by a fingerprint of the data's content (not the dataset
 * id, which differs between the app and the CLI), so that edits are never replayed on other data.
 * Reading is all or nothing: a file with any problem is refused whole, never half applied.
 */
import { FACILITY_CHANGES_SCHEMA, FACILITY_SCHEMA, OPTIONAL_FACILITY_FIELDS, isId, isText, type FieldGuard, type Schema } from '$lib/engine/facility-schema';
import { isLatitude, isLongitude } from '$lib/engine/plausibility';
import { checkEdits, type EditProblem, type ScenarioEdit } from '$lib/engine/scenario/edits';
import type { Facility, NetworkLine, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { Dataset } from './dataset';
import { packedLineCount, packedPointCount, type PackedLines } from './network-pack';

// Exported for the tests only, which write files of this format by hand.
export const SCENARIO_FORMAT = 'health-circle-scenario';
export const SCENARIO_VERSION = 1;

export interface Scenario {
	id: string;
	name: string;
	/**
	 * n of the app's default name ("方案 n" / "Scenario n") while the planner has not renamed the scenario:
	 * the name is then worded in the reader's language (app/scenario-name.ts). `name` still holds it in the
	 * language it was created in, for readers that ignore this field (older versions, the CLI).
	 */
	defaultNumber?: number;
	/** ISO timestamps. */
	createdAt: string;
	updatedAt: string;
	edits: ScenarioEdit[];
}

export interface ScenarioFile {
	format: typeof SCENARIO_FORMAT;
	version: number;
	exportedAt: string;
	dataset: { fingerprint: string; name: string };
	scenario: Scenario;
}

/**
 * The parts of a dataset its fingerprint is computed from (a Dataset and the CLI's LoadedInputs both fit: the
 * app holds the network packed, the CLI as lines; both give the same line and vertex counts).
 */
export interface DatasetParts {
	facilities: readonly Facility[];
	cells: PopulationCells;
	subdistricts: readonly Subdistrict[];
	network: readonly NetworkLine[] | PackedLines | null;
}

// Exported for the tests only, which iterate every code to check both catalogues word it.
export const SCENARIO_FILE_PROBLEM_CODES = ['not-json', 'wrong-format', 'newer-version', 'bad-structure', 'other-dataset', 'edits-do-not-apply'] as const;
export type ScenarioFileProblemCode = (typeof SCENARIO_FILE_PROBLEM_CODES)[number];

/**
 * Why a file was refused; the message is `scenarioFile.problem.<code>` with `params`:
 * - newer-version: version, supported
 * - bad-structure: field (a path such as `facility.lon`), edit (1-based; 0 outside the edit list)
 * - other-dataset: name (the dataset the file was made for)
 * - edits-do-not-apply: edit (1-based), reason (camelCase of EditProblem's reason), detail
 */
export type ScenarioFileProblem = { code: ScenarioFileProblemCode; params: Record<string, string | number> };

export type ScenarioFileResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioFileProblem[] };

/** A damaged file can be wrong everywhere; the first ones are enough to see what happened. */
const MAX_PROBLEMS = 20;

/** Cells whose coordinates enter the fingerprint: spread over the list, enough to notice other data. */
const CELL_SAMPLE = 97;

// ---------------------------------------------------------------- fingerprint

/**
 * A stable hash (FNV-1a 64, hex) of what the scenario's edits depend on: every facility's id, type,
 * position (to 1e-7°), area, beds and status; the sub-district codes; the population cells' count,
 * total and a sample of positions; the network's line and vertex counts. Facility sub-districts and
 * names are left out: the CLI assigns blank sub-districts while the app may not, and neither changes
 * which facility an edit means.
 */
export function datasetFingerprint(parts: DatasetParts): string {
	return fnv1a64(canonicalText(parts));
}

function canonicalText(parts: DatasetParts): string {
	const facilities = [...parts.facilities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const lines = [`facilities ${facilities.length}`, ...facilities.map(facilityLine)];
	lines.push(`subdistricts ${parts.subdistricts.map((subdistrict) => subdistrict.code).sort().join(',')}`);
	lines.push(...cellLines(parts.cells));
	lines.push(parts.network ? `network ${networkSize(parts.network)}` : 'network none');
	return lines.join('\n');
}

/** "<lines> <vertices>" of either form of the network. */
function networkSize(network: readonly NetworkLine[] | PackedLines): string {
	if (isLineList(network)) return `${network.length} ${network.reduce((sum, line) => sum + line.coords.length, 0)}`;
	return `${packedLineCount(network)} ${packedPointCount(network)}`;
}

function isLineList(network: readonly NetworkLine[] | PackedLines): network is readonly NetworkLine[] {
	return Array.isArray(network);
}

function facilityLine(facility: Facility): string {
	const known = (value: number | null) => (value === null ? '' : String(value));
	return [facility.id, facility.type, degrees(facility.lon), degrees(facility.lat), known(facility.areaM2), known(facility.beds), facility.status].join('|');
}

/** 1e-7° (about 1 cm): the same position read through different parsers stays the same text. */
function degrees(value: number): string {
	return Number.isFinite(value) ? value.toFixed(7) : String(value);
}

function cellLines(cells: PopulationCells): string[] {
	const count = cells.lon.length;
	let total = 0;
	for (let cell = 0; cell < count; cell++) total += cells.pop[cell];
	const sample: string[] = [];
	const taken = Math.min(count, CELL_SAMPLE);
	for (let i = 0; i < taken; i++) {
		const cell = Math.floor((i * count) / taken);
		sample.push(`${degrees(cells.lon[cell])},${degrees(cells.lat[cell])}`);
	}
	return [`cells ${count} ${total.toFixed(1)}`, `sample ${sample.join(' ')}`];
}

/** FNV-1a, 64 bits, over the UTF-8 bytes; the 64-bit product is done in two 32-bit halves. */
function fnv1a64(text: string): string {
	let high = 0xcbf29ce4;
	let low = 0x84222325;
	for (const byte of new TextEncoder().encode(text)) {
		low ^= byte;
		// × 0x100000001b3 = × 0x1b3 plus a shift left by 40 (which moves low's bits into high).
		const lowProduct = (low >>> 0) * 0x1b3;
		const carry = Math.floor(lowProduct / 0x100000000);
		high = (high * 0x1b3 + carry + ((low << 8) >>> 0)) >>> 0;
		low = lowProduct >>> 0;
	}
	return high.toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------- writing

/** The scenario as a file for `dataset`, pretty-printed (people diff and read these). */
export function serializeScenario(scenario: Scenario, dataset: DatasetParts & Pick<Dataset, 'name'>, now: Date = new Date()): string {
	const file: ScenarioFile = {
		format: SCENARIO_FORMAT,
		version: SCENARIO_VERSION,
		exportedAt: now.toISOString(),
		dataset: { fingerprint: datasetFingerprint(dataset), name: dataset.name },
		scenario
	};
	return JSON.stringify(file, null, 2) + '\n';
}

// ---------------------------------------------------------------- reading

/** Reads a scenario file for the data loaded now: the scenario, or every reason it cannot be used. */
export function parseScenarioFile(text: string, parts: DatasetParts): ScenarioFileResult {
	let value: unknown;
	try {
		value = JSON.parse(String(text).replace(/^\uFEFF/, ''));
	} catch {
		return refused([{ code: 'not-json', params: {} }]);
	}
	if (!isRecord(value) || value.format !== SCENARIO_FORMAT) return refused([{ code: 'wrong-format', params: {} }]);
	const { version } = value;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return refused([structureProblem('version')]);
	// A newer file may be shaped differently: say so rather than listing structure problems.
	if (version > SCENARIO_VERSION) return refused([{ code: 'newer-version', params: { version, supported: SCENARIO_VERSION } }]);

	const problems: ScenarioFileProblem[] = [];
	if (typeof value.exportedAt !== 'string') problems.push(structureProblem('exportedAt'));
	const dataset = readDatasetReference(value.dataset, problems);
	const scenario = readScenario(value.scenario, problems);
	if (problems.length > 0 || !dataset || !scenario) return refused(problems);
	if (dataset.fingerprint !== datasetFingerprint(parts)) return refused([{ code: 'other-dataset', params: { name: dataset.name } }]);
	const editProblems = checkEdits(parts.facilities, scenario.edits);
	if (editProblems.length > 0) return refused(editProblems.map(editProblem));
	return { ok: true, scenario };
}

/**
 * A scenario object (as stored or inside a file) checked field by field: a clean copy holding only
 * the known fields, or null with the problems added to `problems`.
 */
export function readScenario(value: unknown, problems: ScenarioFileProblem[], path = 'scenario'): Scenario | null {
	if (!isRecord(value)) {
		problems.push(structureProblem(path));
		return null;
	}
	const before = problems.length;
	const text = (field: string, nonEmpty = false): string => {
		const item = value[field];
		if (typeof item !== 'string' || (nonEmpty && item === '')) problems.push(structureProblem(`${path}.${field}`));
		return typeof item === 'string' ? item : '';
	};
	const scenario = { id: text('id', true), name: text('name'), createdAt: text('createdAt'), updatedAt: text('updatedAt') };
	if (!Array.isArray(value.edits)) {
		problems.push(structureProblem(`${path}.edits`));
		return null;
	}
	const defaultNumber = value.defaultNumber;
	const hasDefaultNumber = defaultNumber !== undefined;
	if (hasDefaultNumber && !(Number.isInteger(defaultNumber) && (defaultNumber as number) > 0)) problems.push(structureProblem(`${path}.defaultNumber`));
	const edits = value.edits.map((edit: unknown, index: number) => readEdit(edit, index + 1, problems));
	if (problems.length > before) return null;
	return { ...scenario, ...(hasDefaultNumber ? { defaultNumber: defaultNumber as number } : {}), edits: edits.filter((edit) => edit !== null) };
}

function readDatasetReference(value: unknown, problems: ScenarioFileProblem[]): ScenarioFile['dataset'] | null {
	if (!isRecord(value)) {
		problems.push(structureProblem('dataset'));
		return null;
	}
	const ok = typeof value.fingerprint === 'string' && typeof value.name === 'string';
	if (typeof value.fingerprint !== 'string') problems.push(structureProblem('dataset.fingerprint'));
	if (typeof value.name !== 'string') problems.push(structureProblem('dataset.name'));
	return ok ? { fingerprint: value.fingerprint as string, name: value.name as string } : null;
}

type EditOf<K extends ScenarioEdit['kind']> = Extract<ScenarioEdit, { kind: K }>;
type RecordValue = Record<string, unknown>;

function isKind<K extends ScenarioEdit['kind']>(kind: K): FieldGuard<K> {
	return (value): value is K => value === kind;
}

const isRecordValue: FieldGuard<RecordValue> = (value): value is RecordValue => isRecord(value);

/**
 * Each kind of edit's fields, typed against ScenarioEdit: a field added there without a check here does not
 * compile. The facility of `add` and the changes of `update` are objects read against the one facility
 * schema (engine/facility-schema.ts, the importer's and applyEdits' rules) so their problems name the field.
 */
/** An edit as first read: its nested facility or changes still an unchecked object. */
type EditShape<E> = { [F in keyof E]: F extends 'facility' | 'changes' ? RecordValue : E[F] };

const EDIT_SCHEMAS: { [K in ScenarioEdit['kind']]: Schema<EditShape<EditOf<K>>> } = {
	add: { kind: isKind('add'), facility: isRecordValue },
	move: { kind: isKind('move'), id: isId, lon: isLongitude, lat: isLatitude },
	update: { kind: isKind('update'), id: isId, changes: isRecordValue },
	close: { kind: isKind('close'), id: isId }
};

function readEdit(value: unknown, edit: number, problems: ScenarioFileProblem[]): ScenarioEdit | null {
	if (!isRecord(value)) {
		problems.push(structureProblem('edit', edit));
		return null;
	}
	const kind = value.kind;
	// Unknown keys are refused, not dropped: `update` spreads its changes into the facility, and a
	// misspelt field (area_m2 for areaM2) would otherwise silently do nothing.
	const read = <T>(schema: Schema<T>) => readFields(value, schema, true, '', edit, problems);
	if (kind === 'add') {
		const outer = read(EDIT_SCHEMAS.add);
		const facility = outer && readFields(outer.facility, FACILITY_SCHEMA, true, 'facility.', edit, problems, OPTIONAL_FACILITY_FIELDS);
		return facility ? { kind: 'add', facility } : null;
	}
	if (kind === 'update') {
		const outer = read(EDIT_SCHEMAS.update);
		const changes = outer && readFields(outer.changes, FACILITY_CHANGES_SCHEMA, false, 'changes.', edit, problems);
		return outer && changes ? { kind: 'update', id: outer.id, changes } : null;
	}
	if (kind === 'move') return read(EDIT_SCHEMAS.move);
	if (kind === 'close') return read(EDIT_SCHEMAS.close);
	problems.push(structureProblem('kind', edit));
	return null;
}

/**
 * A copy of `value` with the fields of `schema`, each checked; every field but the `optional` ones is required
 * when `required`, else those present are checked. Keys not in `schema` are problems.
 */
function readFields<T>(value: RecordValue, schema: Schema<T>, required: true, prefix: string, edit: number, problems: ScenarioFileProblem[], optional?: ReadonlySet<keyof T>): T | null;
function readFields<T>(value: RecordValue, schema: Schema<T>, required: false, prefix: string, edit: number, problems: ScenarioFileProblem[]): Partial<T> | null;
function readFields<T>(value: RecordValue, schema: Schema<T>, required: boolean, prefix: string, edit: number, problems: ScenarioFileProblem[], optional?: ReadonlySet<keyof T>): Partial<T> | null {
	const before = problems.length;
	const copy: Partial<T> = {};
	for (const field of Object.keys(schema) as (keyof T & string)[]) {
		const present = Object.hasOwn(value, field);
		if (!present && (!required || optional?.has(field))) continue;
		const item = value[field];
		if (present && schema[field](item)) copy[field] = item;
		else problems.push(structureProblem(prefix + field, edit));
	}
	for (const field of Object.keys(value)) if (!Object.hasOwn(schema, field)) problems.push(structureProblem(prefix + field, edit));
	// Every field of the schema was checked by its guard above (all of them when required).
	return problems.length > before ? null : copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function structureProblem(field: string, edit = 0): ScenarioFileProblem {
	return { code: 'bad-structure', params: { field, edit } };
}

function editProblem(problem: EditProblem): ScenarioFileProblem {
	const reason = problem.reason.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
	return { code: 'edits-do-not-apply', params: { edit: problem.index + 1, reason, detail: problem.detail } };
}

function refused(problems: ScenarioFileProblem[]): ScenarioFileResult {
	return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
}
