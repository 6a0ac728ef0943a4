import { applyEdits, withAssignedSubdistrict, type AssignSubdistrict, type ScenarioEdit } from '$lib/engine/scenario/edits';
import type { Facility } from '$lib/engine/types';
import type { Scenario } from '$lib/io/scenario-file';
import { storedDefaultNumber } from '$lib/report/facility-name';
import { deleteScenario, getActiveScenarioId, listScenarios, saveScenario, setActiveScenarioId } from '$lib/io/scenario-store';

/**
 * A scenario saved before proposed sites carried their default-name marker: a proposed site whose stored
 * name is exactly the app's default name for its type (in either language) gets the marker back, so it is
 * worded in the reader's language like a new one. Any other name stays the planner's own.
 */
function withDefaultSiteNames(scenario: Scenario): Scenario {
	if (!scenario.edits.some((edit) => edit.kind === 'add' && edit.facility.defaultNumber === undefined && storedDefaultNumber(edit.facility) !== null)) return scenario;
	const edits = scenario.edits.map((edit): ScenarioEdit => {
		if (edit.kind !== 'add' || edit.facility.defaultNumber !== undefined) return edit;
		const defaultNumber = storedDefaultNumber(edit.facility);
		return defaultNumber === null ? edit : { ...edit, facility: { ...edit.facility, defaultNumber } };
	});
	return { ...scenario, edits };
}

/** A facility being dragged: shown at this position, committed as a move edit when the drag ends. */
export interface DragPreview {
	id: string;
	lon: number;
	lat: number;
}

/**
 * The planner's what-if scenarios for the dataset on screen: several named ones, one active (or
 * none: the baseline), each an edit list with undo and redo. Every change is saved to IndexedDB at
 * once, so a reload or a crashed tab finds the scenarios as they were.
 */
export class ScenarioState {
	scenarios = $state.raw<Scenario[]>([]);
	activeId = $state<string | null>(null);
	preview = $state.raw<DragPreview | null>(null);
	/** A storage problem: the scenarios are in use but would not survive a reload. */
	storageError = $state<string | null>(null);
	/** Edits undone in each scenario, the next one to redo last; a new edit clears it. */
	private redoStacks = $state.raw<Record<string, ScenarioEdit[]>>({});
	private fingerprint: string | null = null;

	/** `assign` gives the sub-district of a point (the dataset's), so a site an edit adds is stored with it. */
	constructor(private readonly assign: () => AssignSubdistrict | undefined = () => undefined) {}

	readonly active = $derived(this.scenarios.find((scenario) => scenario.id === this.activeId) ?? null);
	readonly canUndo = $derived((this.active?.edits.length ?? 0) > 0);
	readonly canRedo = $derived(this.active !== null && (this.redoStacks[this.active.id]?.length ?? 0) > 0);

	/** Loads the scenarios saved for a dataset (by its content fingerprint) and reopens the one that was active. */
	async open(fingerprint: string): Promise<void> {
		this.fingerprint = fingerprint;
		this.preview = null;
		this.redoStacks = {};
		try {
			this.scenarios = (await listScenarios(fingerprint)).map(withDefaultSiteNames);
			const activeId = await getActiveScenarioId(fingerprint);
			this.activeId = this.scenarios.some((scenario) => scenario.id === activeId) ? activeId : null;
			this.storageError = null;
		} catch (error) {
			this.scenarios = [];
			this.activeId = null;
			this.storageError = message(error);
		}
	}

	/** The active scenario's facility list (with a drag in progress unless `settled`), or null for the baseline. */
	facilities(baseline: readonly Facility[], assign: AssignSubdistrict, settled = false): Facility[] | null {
		const scenario = this.active;
		if (!scenario) return null;
		const preview = settled ? null : this.preview;
		const edits: ScenarioEdit[] = preview ? [...scenario.edits, { kind: 'move', ...preview }] : scenario.edits;
		return applyEdits(baseline, edits, assign);
	}

	/** A new scenario; `defaultNumber` when `name` is the app's default name rather than one the planner typed. */
	create(name: string, now = new Date(), defaultNumber?: number): Scenario {
		const stamp = this.creationStamp(now);
		const scenario: Scenario = { id: newId('scenario', now), name, ...(defaultNumber === undefined ? {} : { defaultNumber }), createdAt: stamp, updatedAt: stamp, edits: [] };
		this.scenarios = [...this.scenarios, scenario];
		this.select(scenario.id);
		this.store(scenario);
		return scenario;
	}

	/** Adds a scenario read from a file (a fresh id, so importing twice keeps both). */
	adopt(scenario: Scenario, now = new Date()): Scenario {
		const named = withDefaultSiteNames(scenario);
		const assign = this.assign();
		const adopted: Scenario = { ...named, edits: named.edits.map((edit) => withAssignedSubdistrict(edit, assign)), id: newId('scenario', now), createdAt: this.creationStamp(now) };
		this.scenarios = [...this.scenarios, adopted];
		this.select(adopted.id);
		this.store(adopted);
		return adopted;
	}

	select(id: string | null): void {
		this.preview = null;
		this.activeId = id;
		if (this.fingerprint) setActiveScenarioId(this.fingerprint, id).catch((error: unknown) => (this.storageError = message(error)));
	}

	/** The planner's own name: kept exactly as typed, in every language (no longer the default name). */
	rename(id: string, name: string): void {
		this.replace(id, ({ defaultNumber: _default, ...scenario }) => ({ ...scenario, name }));
	}

	remove(id: string): void {
		this.scenarios = this.scenarios.filter((scenario) => scenario.id !== id);
		if (this.activeId === id) this.select(null);
		if (this.fingerprint) deleteScenario(this.fingerprint, id).catch((error: unknown) => (this.storageError = message(error)));
	}

	/** Records an edit in the active scenario (the caller has checked it applies). */
	edit(edit: ScenarioEdit): void {
		const scenario = this.active;
		if (!scenario) return;
		this.preview = null;
		this.redoStacks = { ...this.redoStacks, [scenario.id]: [] };
		const stored = withAssignedSubdistrict(edit, this.assign());
		this.replace(scenario.id, (current) => ({ ...current, edits: [...current.edits, stored] }));
	}

	undo(): void {
		const scenario = this.active;
		if (!scenario || scenario.edits.length === 0) return;
		const undone = scenario.edits[scenario.edits.length - 1];
		this.redoStacks = { ...this.redoStacks, [scenario.id]: [...(this.redoStacks[scenario.id] ?? []), undone] };
		this.replace(scenario.id, (current) => ({ ...current, edits: current.edits.slice(0, -1) }));
	}

	redo(): void {
		const scenario = this.active;
		const stack = scenario ? (this.redoStacks[scenario.id] ?? []) : [];
		if (!scenario || stack.length === 0) return;
		this.redoStacks = { ...this.redoStacks, [scenario.id]: stack.slice(0, -1) };
		this.replace(scenario.id, (current) => ({ ...current, edits: [...current.edits, stack[stack.length - 1]] }));
	}

	/** Creation times order the list after a reload, so each is later than the ones before (two clicks can share a millisecond). */
	private creationStamp(now: Date): string {
		const latest = Math.max(-Infinity, ...this.scenarios.map((scenario) => Date.parse(scenario.createdAt)).filter(Number.isFinite));
		return new Date(Math.max(now.getTime(), latest + 1)).toISOString();
	}

	private replace(id: string, change: (scenario: Scenario) => Scenario): void {
		let changed: Scenario | null = null;
		this.scenarios = this.scenarios.map((scenario) => {
			if (scenario.id !== id) return scenario;
			changed = { ...change(scenario), updatedAt: new Date().toISOString() };
			return changed;
		});
		if (changed) this.store(changed);
	}

	private store(scenario: Scenario): void {
		if (!this.fingerprint) return;
		saveScenario(this.fingerprint, scenario)
			.then(() => (this.storageError = null))
			.catch((error: unknown) => (this.storageError = message(error)));
	}
}

/** An id unlikely to repeat across tabs and reloads (time plus randomness); ids only need to be unique per dataset. */
export function newId(prefix: string, now = new Date()): string {
	return `${prefix}-${now.getTime().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
