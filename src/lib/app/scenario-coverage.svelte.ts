import type { Facility } from '$lib/engine/types';
import type { CoverageFigures, ScenarioDelta } from '$lib/worker/coverage-messages';
import type { CoverageController } from './coverage.svelte';
import type { ScenarioClient } from '$lib/worker/coverage-clients';

/**
 * The active scenario's coverage, kept in step with the worker while the planner edits or drags.
 * At most one request is in flight; positions that arrive meanwhile replace each other, so a fast
 * drag never queues behind old positions. The worker answers with the changed cells only, which are
 * patched into this page's copy.
 */
export class ScenarioCoverage {
	result = $state.raw<CoverageFigures | null>(null);
	/** Bumped on every patch, so map layers recolour. */
	revision = $state(0);
	/** Worker time of the last update (ms). */
	elapsedMs = $state<number | null>(null);
	error = $state<string | null>(null);

	private following: Facility[] | null = null;
	private queued: Facility[] | null = null;
	private inFlight = false;

	constructor(
		private readonly coverage: CoverageController,
		private readonly client: ScenarioClient
	) {}

	/** Shows the coverage of `facilities` (a scenario's list); null leaves the scenario. */
	follow(facilities: Facility[] | null): void {
		this.following = facilities;
		if (facilities === null) {
			this.queued = null;
			this.result = null;
			return;
		}
		this.queued = facilities;
		if (!this.inFlight) void this.pump();
	}

	/** After a new baseline computation the worker starts over: the next request asks for every cell. */
	restart(): void {
		this.result = null;
	}

	private async pump(): Promise<void> {
		this.inFlight = true;
		while (this.queued) {
			const facilities = this.queued;
			this.queued = null;
			try {
				const answer = await this.client.follow(facilities, this.result === null);
				if (answer && this.following) this.apply(answer.delta, answer.elapsedMs);
			} catch (error) {
				this.error = error instanceof Error ? error.message : String(error);
			}
		}
		this.inFlight = false;
	}

	private apply(delta: ScenarioDelta, elapsedMs: number): void {
		const baseline = this.coverage.result;
		if (!baseline) return;
		if (!delta.full && !this.result) {
			// A partial answer with nothing to patch (a baseline run came in between): ask again for every cell.
			if (!this.queued && this.following) this.queued = this.following;
			return;
		}
		const cells = delta.full ? delta : patch(this.result!, delta);
		this.result = {
			...baseline,
			minutes: cells.minutes,
			facilityIndex: cells.facilityIndex,
			covered: cells.covered,
			unreachable: cells.unreachable,
			bySubdistrict: delta.bySubdistrict,
			outside: delta.outside,
			total: delta.total,
			unsnappedFacilities: delta.unsnappedFacilities
		};
		this.error = null;
		this.elapsedMs = elapsedMs;
		this.revision++;
	}
}

type CellArrays = Pick<CoverageFigures, 'minutes' | 'facilityIndex' | 'covered' | 'unreachable'>;

/** Writes the changed cells into the current arrays (the scenario's own copies, never the baseline's). */
function patch(current: CellArrays, delta: ScenarioDelta): CellArrays {
	for (let i = 0; i < delta.cells.length; i++) {
		const cell = delta.cells[i];
		current.minutes[cell] = delta.minutes[i];
		current.facilityIndex[cell] = delta.facilityIndex[i];
		current.covered[cell] = delta.covered[i];
		current.unreachable[cell] = delta.unreachable[i];
	}
	return current;
}
