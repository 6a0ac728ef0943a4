import { untrack } from 'svelte';
import { ScenarioEditError, type AssignSubdistrict } from '$lib/engine/scenario/edits';
import { subdistrictAssigner } from '$lib/engine/point-in-polygon';
import { computeIndicators, type ComputedIndicators } from '$lib/engine/standards/compute-indicators';
import { computeCentreIndicators } from '$lib/engine/standards/compute-centre-indicators';
import type { CentreIndicators } from '$lib/engine/standards/indicators';
import { nearestCentreParams } from '$lib/engine/standards/service-population';
import type { E2sfcaByArea } from '$lib/engine/e2sfca-areas';
import type { CoverageParams } from '$lib/engine/coverage';
import type { Facility } from '$lib/engine/types';
import type { Dataset } from '$lib/io/dataset';
import { datasetFingerprint, parseScenarioFile, serializeScenario, type ScenarioFileProblem } from '$lib/io/scenario-file';
import type { CoverageController } from './coverage.svelte';
import type { NearestCentresClient, ScenarioClient } from '$lib/worker/coverage-clients';
import { ScenarioCoverage } from './scenario-coverage.svelte';
import { ScenarioEditor } from './scenario-editor.svelte';
import { ScenarioState } from './scenarios.svelte';
import type { StandardsState } from './standards.svelte';

/**
 * Everything a what-if scenario adds to the page: the scenarios and their edits, the editing tools,
 * the scenario's coverage (followed incrementally in the worker) and its indicators (the baseline's
 * beside them are shown.svelte.ts's). Indicators here come from the TypeScript computation (engine/standards), which a test
 * holds equal to the SQL, because the SQL round trip is too slow for every frame of a drag.
 */
export class ScenarioWorkspace {
	readonly scenarios = new ScenarioState(() => this.assign);
	readonly editor = new ScenarioEditor(this.scenarios);
	readonly coverage: ScenarioCoverage;

	/** Sub-district code of a position, for added and moved facilities. */
	readonly assign: AssignSubdistrict;
	/** The active scenario's facilities; null for the baseline, or when its edits no longer apply. */
	readonly facilities: Facility[] | null;
	/** The scenario's indicators (the baseline's are shown.svelte.ts's), from the same computeIndicators on its own coverage. */
	readonly scenarioIndicators: ComputedIndicators | null;
	/** The scenario's per-centre area check (service populations from its own nearest-centre run). */
	readonly scenarioCentres: CentreIndicators[] | null;

	/**
	 * The nearest-centre run (catchments, E2SFCA) of the scenario's settled edits: a full run, so it
	 * waits for a drag to end rather than following every frame.
	 */
	nearest = $state.raw<{ facilities: Facility[]; minutes: Float32Array; facilityIndex: Int32Array; e2sfca: E2sfcaByArea } | null>(null);
	private nearestRun = 0;
	private readonly nearestCentresClient: NearestCentresClient;

	constructor(
		private readonly dataset: () => Dataset | null,
		private readonly baseline: CoverageController,
		private readonly standards: StandardsState,
		clients: { scenario: ScenarioClient; nearestCentres: NearestCentresClient }
	) {
		this.nearestCentresClient = clients.nearestCentres;
		this.coverage = new ScenarioCoverage(baseline, clients.scenario);
		this.assign = $derived(subdistrictAssigner(this.dataset()?.subdistricts ?? []));
		this.facilities = $derived.by(() => this.scenarioFacilities());
		this.scenarioIndicators = $derived(this.indicators());
		this.scenarioCentres = $derived(this.centres());
		this.followInWorker();
		this.runNearestCentres();
	}

	/** The active scenario's facilities (see `facilities`); `settled` leaves out a drag in progress. */
	private scenarioFacilities(settled = false): Facility[] | null {
		const dataset = this.dataset();
		if (!dataset) return null;
		try {
			return this.scenarios.facilities(dataset.facilities, this.assign, settled);
		} catch (error) {
			if (error instanceof ScenarioEditError) return null;
			throw error;
		}
	}

	/** Loads the scenarios saved for this dataset. */
	async open(dataset: Dataset): Promise<void> {
		this.editor.selectedId = null;
		this.editor.placing = null;
		await this.scenarios.open(datasetFingerprint(dataset));
	}

	/** The active scenario as a versioned JSON file; null without one. */
	exportActive(now = new Date()): string | null {
		const dataset = this.dataset();
		const scenario = this.scenarios.active;
		return dataset && scenario ? serializeScenario(scenario, dataset, now) : null;
	}

	/** Adds the scenario of a file and makes it active, or returns why not (nothing is changed then). */
	importText(text: string): ScenarioFileProblem[] {
		const dataset = this.dataset();
		if (!dataset) return [];
		const parsed = parseScenarioFile(text, dataset);
		if (!parsed.ok) return parsed.problems;
		this.scenarios.adopt(parsed.scenario);
		return [];
	}

	/**
	 * Keeps the worker on the active scenario's facility list, and starts over after every new
	 * baseline run (another mode, threshold or set of counted types).
	 */
	private followInWorker(): void {
		let followedRevision = -1;
		$effect(() => {
			const facilities = this.facilities;
			const revision = this.baseline.revision;
			if (!this.baseline.result) return;
			untrack(() => {
				if (revision !== followedRevision) {
					followedRevision = revision;
					this.coverage.restart();
				}
				this.coverage.follow(facilities);
			});
		});
	}

	/** Reruns the scenario's nearest-centre run whenever its edits (not a drag in progress), the baseline run or the profile change. */
	private runNearestCentres(): void {
		$effect(() => {
			const facilities = this.scenarioFacilities(true);
			const profile = this.standards.profile;
			void this.baseline.revision;
			const run = ++this.nearestRun;
			if (!facilities || !this.baseline.result) {
				this.nearest = null;
				return;
			}
			untrack(() => {
				const params = nearestCentreParams($state.snapshot(this.baseline.params) as CoverageParams, profile);
				const coverageParams = $state.snapshot(this.baseline.params) as CoverageParams;
				this.nearestCentresClient.run(params, coverageParams, [...profile.capacityTypes], facilities).then(
					(response) => {
						if (run === this.nearestRun) this.nearest = { facilities, minutes: response.minutes, facilityIndex: response.facilityIndex, e2sfca: response.e2sfca };
					},
					(error: unknown) => (this.baseline.error = error instanceof Error ? error.message : String(error))
				);
			});
		});
	}

	private centres(): CentreIndicators[] | null {
		const dataset = this.dataset();
		const rows = this.scenarioIndicators?.rows;
		if (!dataset || !rows || !this.nearest) return null;
		return computeCentreIndicators({
			facilities: this.nearest.facilities,
			subdistrictResidents: rows,
			nearestCentre: this.nearest,
			cellPop: dataset.cells.pop,
			profile: this.standards.profile,
			servicePopulation: this.standards.servicePopulation
		});
	}

	private indicators(): ComputedIndicators | null {
		const dataset = this.dataset();
		const facilities = this.facilities;
		const figures = this.coverage.result;
		if (!dataset || !facilities || !figures) return null;
		return computeIndicators({
			subdistricts: dataset.subdistricts,
			facilities,
			coverage: { bySubdistrict: figures.bySubdistrict, outside: figures.outside },
			profile: this.standards.profile
		});
	}
}
