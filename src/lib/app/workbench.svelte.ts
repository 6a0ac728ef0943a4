import { getContext, setContext } from 'svelte';
import type { MapPick } from '$lib/map/pick';
import type { SqlConnection } from '$lib/db/connection';
import type { CoverageParams } from '$lib/engine/coverage';
import { nearestCentreParams } from '$lib/engine/standards/service-population';
import type { ImportResult } from '$lib/io/import/types';
import type { Language, Translate } from '$lib/i18n';
import { choropleth, type Choropleth, type ChoroplethIndicator } from '$lib/map/choropleth';
import { subdistrictLabelPoints } from '$lib/map/labels';
import type { CellView, SubdistrictLabel } from '$lib/map/layers';
import type { SuggestedSiteMark } from '$lib/map/suggestion-layers';
import { CoverageController } from './coverage.svelte';
import { describePick } from './describe-pick';
import { downloadFile, scenarioFileStem } from './download';
import { ReportExport, type MapPicture } from './report-export.svelte';
import { proposedName } from './scenario-editor.svelte';
import { ScenarioWorkspace } from './scenario-workspace.svelte';
import { Session } from './session.svelte';
import { SiteSuggestion } from './site-suggestion.svelte';
import { ShownFigures } from './shown.svelte';
import { StandardsState } from './standards.svelte';

export type PanelTab = 'overview' | 'standards' | 'scenario';

export interface WorkbenchOptions {
	openDb: () => Promise<SqlConnection>;
	language: () => Language;
	translate: () => Translate;
	map: () => MapPicture | null;
}

/**
 * The page's view model: the session and its analysis pipeline (explicit steps, in order), what the
 * panel and the map show (`shown`, baseline or scenario decided once), the report, and what the
 * planner's clicks and keys do. The page (src/routes/+page.svelte) is layout over this.
 */
export class Workbench {
	readonly session: Session;
	readonly coverage = new CoverageController();
	readonly standards = new StandardsState();
	readonly workspace: ScenarioWorkspace;
	readonly shown: ShownFigures;
	readonly exports: ReportExport;
	readonly siting: SiteSuggestion;

	panelTab = $state<PanelTab>('overview');
	mapIndicator = $state<ChoroplethIndicator>('status');
	selectedCode = $state<string | null>(null);
	cellView = $state<CellView>('density');
	importOpen = $state(false);
	mapReadyAt = $state<number | null>(null);

	/** Sub-district names on the map, in the reader's language. */
	readonly labels: SubdistrictLabel[];
	/** The sub-district fill: the standards tab's indicator, or the status while the report's map is captured. */
	readonly choropleth: Choropleth | null;
	/** The cell colouring actually drawn (the report's captures and leaving a scenario override the planner's choice). */
	readonly shownCellView: CellView;
	/** The current suggestion's sites on the map, while the scenario tab is open. */
	readonly suggestedSites: SuggestedSiteMark[];

	private indicatorRun = 0;

	constructor(private readonly options: WorkbenchOptions) {
		this.session = new Session(options.openDb);
		this.workspace = new ScenarioWorkspace(() => this.session.dataset, this.coverage, this.standards);
		this.shown = new ShownFigures(this.session, this.coverage, this.standards, this.workspace);
		this.siting = new SiteSuggestion(() => this.session.dataset, this.coverage, this.workspace.scenarios);
		this.exports = new ReportExport(this.session, this.coverage, this.standards, this.workspace, this.shown, options.language, options.map);
		const labelPoints = $derived(this.session.dataset ? subdistrictLabelPoints(this.session.dataset.subdistricts) : new Map());
		this.labels = $derived(
			(this.session.dataset?.subdistricts ?? []).map((subdistrict) => ({
				code: subdistrict.code,
				position: labelPoints.get(subdistrict.code),
				text: options.language() === 'en' ? subdistrict.nameEn : subdistrict.name
			}))
		);
		this.choropleth = $derived.by(() => {
			const { rows } = this.shown;
			const capture = this.exports.captureView;
			if (rows.length === 0 || capture === 'coverage') return null;
			if (capture === 'status') return choropleth(rows, 'status', this.standards.profile);
			return this.panelTab === 'standards' ? choropleth(rows, this.mapIndicator, this.standards.profile) : null;
		});
		this.shownCellView = $derived.by(() => {
			const capture = this.exports.captureView;
			if (capture) return capture === 'coverage' ? 'covered' : 'density';
			return this.cellView === 'change' && !this.shown.inScenario ? 'covered' : this.cellView;
		});
		this.suggestedSites = $derived(
			this.panelTab === 'scenario' ? (this.siting.current?.sites.map((site, i) => ({ lon: site.site.lon, lat: site.site.lat, rank: i + 1 })) ?? []) : []
		);
		this.followIndicators();
	}

	get scenarios() {
		return this.workspace.scenarios;
	}

	get editor() {
		return this.workspace.editor;
	}

	/** Opens the saved dataset (or the demo) and analyses it. */
	async start(): Promise<void> {
		await this.session.start();
		await this.analyse();
	}

	/** Runs everything the dataset feeds: sub-district assignment and the graph (worker), DuckDB, coverage. */
	async analyse(): Promise<void> {
		const dataset = this.session.dataset;
		if (!dataset) return;
		this.selectedCode = null;
		this.standards.clear();
		const scenariosOpened = this.workspace.open(dataset);
		const prepared = await this.coverage.prepare(dataset);
		if (prepared) await Promise.all([this.session.syncDatabase(prepared.cellSubdistrict), this.coverage.compute(), scenariosOpened]);
	}

	async imported(result: ImportResult): Promise<void> {
		this.importOpen = false;
		this.forgetResults();
		await this.session.applyImport(result);
		await this.analyse();
	}

	async backToDemo(): Promise<void> {
		this.forgetResults();
		await this.session.backToDemo();
		await this.analyse();
	}

	/** Before the dataset is replaced: every figure computed from the old one goes, in the same tick. */
	private forgetResults(): void {
		this.selectedCode = null;
		this.coverage.forget();
		this.workspace.coverage.restart();
		this.standards.clear();
	}

	/** Whenever coverage, the profile or the service-population definition change, the indicators follow. */
	private followIndicators(): void {
		$effect(() => {
			const ready = this.session.dataset !== null && this.coverage.result !== null;
			void [this.coverage.revision, this.standards.profile, this.standards.servicePopulation];
			if (ready) void this.refreshIndicators();
		});
	}

	/** Runs the nearest-centre search (for catchment populations and E2SFCA), then computes the indicators. Only the newest run lands. */
	private async refreshIndicators(): Promise<void> {
		const run = ++this.indicatorRun;
		const { session, coverage, standards } = this;
		const figures = coverage.result;
		const dataset = session.dataset;
		if (!figures || !dataset) return;
		// The nearest-centre search would share the two cores with MapLibre's first draw; the first view does not need it.
		await session.afterFirstView();
		if (run !== this.indicatorRun) return;
		const profile = standards.profile;
		const nearest = await coverage.nearestCentres(nearestCentreParams($state.snapshot(coverage.params) as CoverageParams, profile), [...profile.capacityTypes]);
		if (run !== this.indicatorRun || session.dataset !== dataset) return;
		standards.e2sfca = nearest?.e2sfca ?? null;
		standards.computeBaseline({ subdistricts: dataset.subdistricts, facilities: dataset.facilities, cellPop: dataset.cells.pop, coverage: figures, nearestCentre: nearest });
	}

	/** A click on the map while placing: a proposed facility of the chosen type there. */
	placeAt(lon: number, lat: number): void {
		const type = this.editor.placing;
		const active = this.scenarios.active;
		if (this.panelTab === 'scenario' && type && active) this.editor.addAt(type, lon, lat, proposedName(active.edits, type, this.options.translate()));
	}

	selectFacility(id: string): void {
		if (this.panelTab === 'scenario' && this.scenarios.active) this.editor.selectedId = id;
	}

	/** The current suggestion as a new, active scenario. */
	applySuggestion(): void {
		this.siting.apply(this.options.translate());
	}

	exportScenario(): void {
		const text = this.workspace.exportActive();
		if (text && this.scenarios.active) downloadFile(`${scenarioFileStem(this.scenarios.active.name, this.options.language(), new Date())}.json`, text, 'application/json');
	}

	/** Adds the scenario of a file; the problems, translated, when it cannot. */
	importScenario(text: string): string[] {
		const t = this.options.translate();
		return this.workspace.importText(text).map((problem) => t(`scenarioFile.problem.${problem.code}`, problem.params));
	}

	/** Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) undo and redo scenario edits, except while typing in a field. */
	shortcut(event: KeyboardEvent): void {
		if (!this.scenarios.active || !(event.ctrlKey || event.metaKey)) return;
		const target = event.target as HTMLElement | null;
		if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
		const key = event.key.toLowerCase();
		if (key === 'z' && !event.shiftKey) this.scenarios.undo();
		else if (key === 'y' || (key === 'z' && event.shiftKey)) this.scenarios.redo();
		else return;
		event.preventDefault();
	}

	/** The hover text of a map object. */
	describe(pick: MapPick): string | null {
		const dataset = this.session.dataset;
		if (!dataset) return null;
		return describePick(pick, { dataset, access: this.shown.access, language: this.options.language(), translate: this.options.translate() });
	}
}

const CONTEXT_KEY = Symbol('workbench');

/** Makes the page's workbench available to the components below it. */
export function setWorkbench(workbench: Workbench): Workbench {
	return setContext(CONTEXT_KEY, workbench);
}

export function getWorkbench(): Workbench {
	const workbench = getContext<Workbench | undefined>(CONTEXT_KEY);
	if (!workbench) throw new Error('getWorkbench: no workbench on this page');
	return workbench;
}
