import { reconcileCoverage, type AreaCoverage } from '$lib/engine/bands';
import type { E2sfcaByArea } from '$lib/engine/e2sfca-areas';
import { computeCentreIndicators } from '$lib/engine/standards/compute-centre-indicators';
import { computeIndicators, type ComputedIndicators } from '$lib/engine/standards/compute-indicators';
import type { CentreIndicators, DistrictIndicators, SubdistrictIndicators } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import type { Facility } from '$lib/engine/types';
import type { CoverageFigures } from '$lib/worker/coverage-messages';
import type { CoverageController } from './coverage.svelte';
import { overviewRows, type OverviewRow } from './overview';
import type { ScenarioWorkspace } from './scenario-workspace.svelte';
import type { Session } from './session.svelte';
import type { StandardsState } from './standards.svelte';

/**
 * The baseline's nearest-centre run (catchments and E2SFCA, from coverage.worker.ts's nearestCentres(); null
 * when it failed) with the coverage and the profile it was run for: its figures are shown only while both
 * are still the ones in effect.
 */
export interface BaselineNearestRun {
	coverage: CoverageFigures;
	profile: StandardsProfile;
	nearest: { minutes: Float32Array; facilityIndex: Int32Array; e2sfca: E2sfcaByArea } | null;
}

/**
 * What the page shows: the active scenario's figures when one is active (and its edits apply),
 * otherwise the data as loaded. Decided once here, so the map, the tables, the detail panel and the
 * report can never mix a scenario's figures with the baseline's. The baseline's indicators are derived
 * here, from the coverage on screen and the profile in effect, so they can never lag behind either.
 */
export class ShownFigures {
	readonly inScenario: boolean;
	readonly facilities: readonly Facility[];
	/** Per-cell and per-area coverage (the map, tooltips, the GeoJSON export). */
	readonly access: ReturnType<ShownFigures['pickAccess']>;
	/** Coverage summed over the sub-districts (residents outside every sub-district apart): the tables' and the report's total. */
	readonly within: AreaCoverage | null;
	/**
	 * The baseline's indicators: engine/standards/compute-indicators.ts's computeIndicators of the dataset, the
	 * coverage on screen (CoverageController.result) and the profile; null before coverage is computed, or when
	 * they cannot be computed (`error` says why).
	 */
	readonly baseline: ComputedIndicators | null;
	/** The baseline's per-centre check; null while the nearest-centre run of this coverage and profile is pending. */
	readonly baselineCentres: CentreIndicators[] | null;
	/** Why the baseline's indicators could not be computed, or null. */
	readonly error: string | null;
	/** The shown indicator rows: the scenario's (scenario-workspace.svelte.ts's scenarioIndicators) when one is active, else `baseline`'s. */
	readonly rows: SubdistrictIndicators[];
	/** The district row (e.g. its area gap), from the same computeIndicators call as `rows`. */
	readonly district: DistrictIndicators | null;
	/** The shown centres; null while the baseline's are pending (the detail panel and the report wait for them). */
	readonly centres: CentreIndicators[] | null;
	readonly e2sfca: E2sfcaByArea | null;
	/** The baseline beside the active scenario (the comparison table, the report's comparison sheet). */
	readonly comparison: { baseline: ComputedIndicators; scenario: ComputedIndicators } | null;
	/**
	 * The overview table's rows: each shown indicator row itself (its coveragePct is what the table prints) with
	 * its severity and facility counts (app/overview.ts); empty until the indicators are computed.
	 */
	readonly overviewRows: OverviewRow[];
	/** Bumped whenever either coverage changes, so map layers recolour. */
	readonly mapRevision: number;

	constructor(
		private readonly session: Session,
		private readonly coverage: CoverageController,
		private readonly standards: StandardsState,
		private readonly workspace: ScenarioWorkspace,
		/** The baseline's latest nearest-centre run (workbench.svelte.ts runs it after every new coverage or profile). */
		private readonly baselineNearest: () => BaselineNearestRun | null
	) {
		this.inScenario = $derived(workspace.facilities !== null);
		this.facilities = $derived(workspace.facilities ?? session.dataset?.facilities ?? []);
		this.access = $derived(this.pickAccess());
		this.within = $derived(this.access ? reconcileCoverage(this.access).within : null);
		this.mapRevision = $derived(coverage.revision + workspace.coverage.revision);
		const baseline = $derived(attempt(() => this.baselineIndicators()));
		const baselineCentres = $derived(attempt(() => this.centresOfBaseline()));
		this.baseline = $derived(baseline.value);
		this.baselineCentres = $derived(baselineCentres.value);
		this.error = $derived(baseline.error ?? baselineCentres.error);
		const scenario = $derived(this.inScenario ? workspace.scenarioIndicators : null);
		this.rows = $derived(scenario ? scenario.rows : (this.baseline?.rows ?? []));
		this.district = $derived(scenario ? scenario.district : (this.baseline?.district ?? null));
		this.centres = $derived(this.inScenario ? (workspace.scenarioCentres ?? []) : this.baselineCentres);
		this.e2sfca = $derived(this.inScenario ? (workspace.nearest?.e2sfca ?? null) : (this.currentNearest()?.nearest?.e2sfca ?? null));
		this.comparison = $derived(this.baseline && workspace.scenarioIndicators ? { baseline: this.baseline, scenario: workspace.scenarioIndicators } : null);
		this.overviewRows = $derived(overviewRows(this.rows, standards.profile, this.facilities));
	}

	private pickAccess() {
		return this.inScenario && this.workspace.coverage.result ? this.workspace.coverage.result : this.coverage.result;
	}

	private baselineIndicators(): ComputedIndicators | null {
		const dataset = this.session.dataset;
		const figures = this.coverage.result;
		if (!dataset || !figures) return null;
		return computeIndicators({ subdistricts: dataset.subdistricts, facilities: dataset.facilities, coverage: figures, profile: this.standards.profile });
	}

	/** The baseline's nearest-centre run when it was run for the coverage and profile in effect, else null (another run's catchments would not be true of them). */
	private currentNearest(): BaselineNearestRun | null {
		const run = this.baselineNearest();
		return run && run.coverage === this.coverage.result && run.profile === this.standards.profile ? run : null;
	}

	private centresOfBaseline(): CentreIndicators[] | null {
		const dataset = this.session.dataset;
		const rows = this.baseline?.rows;
		const run = this.currentNearest();
		if (!dataset || !rows || !run) return null;
		// Without the nearest-centre run (it failed) the check still stands, with the catchments unknown.
		return computeCentreIndicators({
			facilities: dataset.facilities,
			subdistrictResidents: rows,
			nearestCentre: run.nearest,
			cellPop: dataset.cells.pop,
			profile: this.standards.profile,
			servicePopulation: this.standards.servicePopulation
		});
	}

	/** The shown row of a sub-district, or null. */
	row(code: string | null) {
		return this.rows.find((row) => row.code === code) ?? null;
	}

	/** The shown E2SFCA figures of a sub-district (by code), or null before they are computed. */
	e2sfcaOf(code: string | null) {
		const index = this.session.dataset?.subdistricts.findIndex((subdistrict) => subdistrict.code === code) ?? -1;
		const figures = this.e2sfca;
		if (!figures || index < 0) return null;
		const finite = (value: number) => (Number.isFinite(value) ? value : null);
		return { params: figures.params, bedsPerThousand: finite(figures.beds[index]), areaM2PerThousand: finite(figures.areaM2[index]), incompleteResidents: figures.incompleteResidents[index] };
	}
}

/** A computation's value, or (when it throws) null and its message: a figure that cannot be computed says why instead of breaking the page. */
function attempt<T>(compute: () => T | null): { value: T | null; error: string | null } {
	try {
		return { value: compute(), error: null };
	} catch (error) {
		return { value: null, error: error instanceof Error ? error.message : String(error) };
	}
}
