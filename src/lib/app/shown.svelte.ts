import { reconcileCoverage, type AreaCoverage } from '$lib/engine/bands';
import type { Facility } from '$lib/engine/types';
import type { CoverageController } from './coverage.svelte';
import { overviewRows, type OverviewRow } from './overview';
import type { ScenarioWorkspace } from './scenario-workspace.svelte';
import type { Session } from './session.svelte';
import type { StandardsState } from './standards.svelte';

/**
 * What the page shows: the active scenario's figures when one is active (and its edits apply),
 * otherwise the data as loaded. Decided once here, so the map, the tables, the detail panel and the
 * report can never mix a scenario's figures with the baseline's.
 */
export class ShownFigures {
	readonly inScenario: boolean;
	readonly facilities: readonly Facility[];
	/** Per-cell and per-area coverage (the map, tooltips, the GeoJSON export). */
	readonly access: ReturnType<ShownFigures['pickAccess']>;
	/** Coverage summed over the sub-districts (residents outside every sub-district apart): the tables' and the report's total. */
	readonly within: AreaCoverage | null;
	readonly rows: StandardsState['rows'];
	/** The district row (e.g. its area gap): StandardsState.computeBaseline's, or the scenario's, both from engine/standards/compute-indicators.ts. */
	readonly district: StandardsState['district'];
	readonly centres: StandardsState['centres'];
	readonly e2sfca: StandardsState['e2sfca'];
	/**
	 * The overview table's rows: the shown indicators (no DuckDB wait), empty until they are computed. A row's
	 * coverage % is its indicator row's coveragePct (engine/standards/indicator-rules.ts, from the worker's
	 * coverage: StandardsState.computeBaseline's, or the scenario's), passed through app/overview.ts's overviewRows.
	 */
	readonly overviewRows: OverviewRow[];
	/** Bumped whenever either coverage changes, so map layers recolour. */
	readonly mapRevision: number;

	constructor(
		private readonly session: Session,
		private readonly coverage: CoverageController,
		private readonly standards: StandardsState,
		private readonly workspace: ScenarioWorkspace
	) {
		this.inScenario = $derived(workspace.facilities !== null);
		this.facilities = $derived(workspace.facilities ?? session.dataset?.facilities ?? []);
		this.access = $derived(this.pickAccess());
		this.within = $derived(this.access ? reconcileCoverage(this.access).within : null);
		this.mapRevision = $derived(coverage.revision + workspace.coverage.revision);
		this.rows = $derived(this.inScenario && workspace.scenarioIndicators ? workspace.scenarioIndicators.rows : standards.rows);
		this.district = $derived(this.inScenario && workspace.scenarioIndicators ? workspace.scenarioIndicators.district : standards.district);
		this.centres = $derived(this.inScenario ? (workspace.scenarioCentres ?? []) : standards.centres);
		this.e2sfca = $derived(this.inScenario ? (workspace.nearest?.e2sfca ?? null) : standards.e2sfca);
		this.overviewRows = $derived(overviewRows(this.rows, standards.profile, this.facilities));
	}

	private pickAccess() {
		return this.inScenario && this.workspace.coverage.result ? this.workspace.coverage.result : this.coverage.result;
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
