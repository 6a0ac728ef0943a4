/**
 * A what-if scenario is a named list of edits to the dataset's facilities: add a proposed site, move
 * one, change its figures (改扩建: area, beds) or close it. Edits are data, so a scenario can be
 * saved, exported, undone and replayed; `applyEdits` is the one place that gives them meaning.
 */
import { FACILITY_CHANGES_SCHEMA, FACILITY_SCHEMA, firstInvalidField, type FacilityChanges } from '../facility-schema';
import { positionProblem as plausiblePosition } from '../plausibility';
import type { Facility } from '../types';

export type { FacilityChanges } from '../facility-schema';

export type ScenarioEdit =
	/** A new facility (usually status 'proposed'); its id must not exist yet. */
	| { kind: 'add'; facility: Facility }
	| { kind: 'move'; id: string; lon: number; lat: number }
	| { kind: 'update'; id: string; changes: FacilityChanges }
	/** The facility no longer exists in the scenario (it neither serves nor counts for any standard). */
	| { kind: 'close'; id: string };

export type ScenarioEditKind = ScenarioEdit['kind'];

/** Why an edit cannot apply to a dataset: the edit's index in the list and a reason code with its detail. */
export interface EditProblem {
	index: number;
	reason: 'unknown-facility' | 'duplicate-id' | 'closed-facility' | 'bad-position' | 'bad-value';
	detail: string;
}

export class ScenarioEditError extends Error {
	constructor(readonly problems: EditProblem[]) {
		super(problems.map((problem) => `edit ${problem.index + 1}: ${problem.reason} (${problem.detail})`).join('; '));
		this.name = 'ScenarioEditError';
	}
}

/** Sub-district code of a position ('' when in none): moved and added facilities are assigned again. */
export type AssignSubdistrict = (lon: number, lat: number) => string;

/**
 * The scenario's facility list: the baseline with the edits applied in order. Closed facilities are
 * left out; the others keep their order and added ones follow. Every edit is checked first, so an
 * edit list that does not fit the dataset throws ScenarioEditError and nothing is half-applied.
 */
export function applyEdits(baseline: readonly Facility[], edits: readonly ScenarioEdit[], assign?: AssignSubdistrict): Facility[] {
	const problems = checkEdits(baseline, edits);
	if (problems.length > 0) throw new ScenarioEditError(problems);
	const byId = new Map<string, Facility>(baseline.map((facility) => [facility.id, facility]));
	const closed = new Set<string>();
	for (const edit of edits) {
		if (edit.kind === 'add') byId.set(edit.facility.id, withSubdistrict({ ...edit.facility }, assign));
		else if (edit.kind === 'close') closed.add(edit.id);
		else if (edit.kind === 'move') byId.set(edit.id, withSubdistrict({ ...byId.get(edit.id)!, lon: edit.lon, lat: edit.lat }, assign, true));
		else byId.set(edit.id, changed(byId.get(edit.id)!, edit.changes));
	}
	return [...byId.values()].filter((facility) => !closed.has(facility.id));
}

/** A facility with changes applied; a name given in the changes is the planner's own, so the default-name marker goes. */
function changed(facility: Facility, changes: FacilityChanges): Facility {
	if (changes.name === undefined) return { ...facility, ...changes };
	const { defaultNumber: _default, defaultName: _which, ...named } = facility;
	return { ...named, ...changes };
}

/**
 * An edit as it is stored: a site it adds carries the sub-district of its point (as applyEdits would give it), so
 * every reader of the edit list (the report's row of a site proposed and then removed, the exported file) has it.
 */
export function withAssignedSubdistrict(edit: ScenarioEdit, assign: AssignSubdistrict | undefined): ScenarioEdit {
	return edit.kind === 'add' ? { ...edit, facility: withSubdistrict(edit.facility, assign) } : edit;
}

function withSubdistrict(facility: Facility, assign: AssignSubdistrict | undefined, moved = false): Facility {
	if (!assign || (!moved && facility.subdistrict !== '')) return facility;
	return { ...facility, subdistrict: assign(facility.lon, facility.lat) };
}

/** Every problem of an edit list against a baseline, in edit order (empty when it applies cleanly). */
export function checkEdits(baseline: readonly Facility[], edits: readonly ScenarioEdit[]): EditProblem[] {
	const problems: EditProblem[] = [];
	const live = new Set(baseline.map((facility) => facility.id));
	const closed = new Set<string>();
	edits.forEach((edit, index) => {
		const problem = editProblem(edit, live, closed);
		if (problem) problems.push({ index, ...problem });
		else if (edit.kind === 'add') live.add(edit.facility.id);
		else if (edit.kind === 'close') {
			live.delete(edit.id);
			closed.add(edit.id);
		}
	});
	return problems;
}

function editProblem(edit: ScenarioEdit, live: Set<string>, closed: Set<string>): Omit<EditProblem, 'index'> | null {
	if (edit.kind === 'add') {
		const { facility } = edit;
		if (live.has(facility.id) || closed.has(facility.id)) return { reason: 'duplicate-id', detail: facility.id };
		return positionProblem(facility.lon, facility.lat) ?? facilityValueProblem(facility);
	}
	if (closed.has(edit.id)) return { reason: 'closed-facility', detail: edit.id };
	if (!live.has(edit.id)) return { reason: 'unknown-facility', detail: edit.id };
	if (edit.kind === 'move') return positionProblem(edit.lon, edit.lat);
	if (edit.kind === 'update') return changesProblem(edit.changes);
	return null;
}

function positionProblem(lon: number, lat: number): Omit<EditProblem, 'index'> | null {
	return plausiblePosition(lon, lat) === null ? null : { reason: 'bad-position', detail: `${lon}, ${lat}` };
}

/** Checked against the one facility schema (the importer's and the scenario file's). */
function facilityValueProblem(facility: Facility): Omit<EditProblem, 'index'> | null {
	const field = firstInvalidField(FACILITY_SCHEMA, facility);
	return field === null ? null : { reason: 'bad-value', detail: `${field} ${String(facility[field])}` };
}

function changesProblem(changes: FacilityChanges): Omit<EditProblem, 'index'> | null {
	const field = firstInvalidField(FACILITY_CHANGES_SCHEMA, changes);
	return field === null ? null : { reason: 'bad-value', detail: `${field} ${String(changes[field])}` };
}

/**
 * The name of the facility each edit touches as it was when the edit was made (before a rename, the old
 * name): a change log must not rewrite past edits with a later name. `baselineNames` by facility id.
 */
export function namesAtEdits(baselineNames: ReadonlyMap<string, string>, edits: readonly ScenarioEdit[], addedName: (facility: Facility) => string = (facility) => facility.name): string[] {
	const current = new Map(baselineNames);
	return edits.map((edit) => {
		const id = edit.kind === 'add' ? edit.facility.id : edit.id;
		const before = edit.kind === 'add' ? addedName(edit.facility) : (current.get(id) ?? id);
		if (edit.kind === 'add') current.set(id, addedName(edit.facility));
		else if (edit.kind === 'update' && edit.changes.name !== undefined) current.set(id, edit.changes.name);
		return before;
	});
}

/**
 * Per edit, whether it closes a site the same scenario proposed earlier: that is the proposal withdrawn, not a
 * facility closed, and the change log must say so (it read "Close “Proposed station 1”").
 */
export function withdrawsProposal(edits: readonly ScenarioEdit[]): boolean[] {
	const proposed = new Set<string>();
	return edits.map((edit) => {
		if (edit.kind === 'add') proposed.add(edit.facility.id);
		return edit.kind === 'close' && proposed.has(edit.id);
	});
}
