import { getContext, setContext } from 'svelte';
import { closedFacilities, type MapPick } from '$lib/map/pick';
import type { SqlConnection } from '$lib/db/connection';
import type { CoverageParams } from '$lib/engine/coverage';
import { nearestCentreParams } from '$lib/engine/standards/service-population';
import type { ImportResult } from '$lib/io/import/types';
import type { Language, Translate } from '$lib/i18n';
import { choropleth, isChoroplethIndicator, type Choropleth, type ChoroplethIndicator } from '$lib/map/choropleth';
import { mapLabelText, subdistrictLabelPoints } from '$lib/map/labels';
import type { CellView, SubdistrictLabel } from '$lib/map/layers';
import type { SuggestedSiteMark } from '$lib/map/suggestion-layers';
import { CoverageClient, createCoverageRpc, NearestCentresClient, ScenarioClient, SitingClient } from '$lib/worker/coverage-clients';
import { CoverageController } from './coverage.svelte';
import { describePick } from './describe-pick';
import { downloadFile, scenarioFileStem } from './download';
import { ReportExport, type MapPicture } from './report-export.svelte';
import { ScenarioWorkspace } from './scenario-workspace.svelte';
import { scenarioName } from './scenario-name';
import { Session } from './session.svelte';
import { SiteSuggestion } from './site-suggestion.svelte';
import { ShownFigures, type BaselineNearestRun } from './shown.svelte';
import { overviewDisagreements, overviewRows } from './overview';
import type { PlaceHit } from './place-search';
import { cellLegend, choroplethLegendLines, facilityLegendLines, type LegendLine } from './legend-text';
import { mapSheetText } from './map-sheet';
import type { MapSheet } from './map-png';
import { formatNumber } from '$lib/i18n/format';
import { scaleBarText } from '$lib/report/map-furniture';
import { StandardsState } from './standards.svelte';
import { editableProfile, settledProfile } from './editable-profile';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import { circleOf, sameCircle, withCircle, type ServiceCircle } from '$lib/engine/standards/service-circle';
import { validateProfile } from '$lib/engine/standards/validate';
import { markStartup, STARTUP_MARK } from './startup-marks';

export type PanelTab = 'overview' | 'standards' | 'scenario';
/** What the map shows: the sub-districts' status (or the standards tab's indicator), or one colouring of the population grid. */
export type MapMode = 'status' | CellView;
export const MAP_MODES: readonly MapMode[] = ['status', 'density', 'minutes', 'covered', 'change'];

export interface WorkbenchOptions {
	openDb: () => Promise<SqlConnection>;
	language: () => Language;
	translate: () => Translate;
	map: () => MapHandle | null;
}

/** What the workbench asks of the map: its picture for exports, and zooming to a place. */
export interface MapHandle extends MapPicture {
	zoomTo(target: { subdistrictCode: string } | { point: [number, number] }): void;
}

/**
 * The page's view model: the session and its analysis pipeline (explicit steps, in order), what the
 * panel and the map show (`shown`, baseline or scenario decided once), the report, and what the
 * planner's clicks and keys do. The page (src/routes/+page.svelte) is layout over this.
 */
export class Workbench {
	readonly session: Session;
	/** The coverage worker, shared by its four clients: it keeps the prepared network between requests. */
	private readonly coverageRpc = createCoverageRpc();
	readonly coverage = new CoverageController(new CoverageClient(this.coverageRpc));
	private readonly nearestCentres = new NearestCentresClient(this.coverageRpc);
	readonly standards = new StandardsState();
	readonly workspace: ScenarioWorkspace;
	readonly shown: ShownFigures;
	readonly exports: ReportExport;
	readonly siting: SiteSuggestion;

	panelTab = $state<PanelTab>('overview');
	mapIndicator = $state<ChoroplethIndicator>('status');
	selectedCode = $state<string | null>(null);
	/**
	 * The map opens on the sub-districts' status graded by severity: it answers "which 街镇 fail, and how
	 * badly" without a click, where the density grid said nothing about service.
	 */
	mapMode = $state<MapMode>('status');
	importOpen = $state(false);
	mapReadyAt = $state<number | null>(null);
	/** The baseline's latest nearest-centre run (catchments, E2SFCA): `shown` uses it while its coverage and profile are in effect. */
	private baselineNearest = $state.raw<BaselineNearestRun | null>(null);

	/** Sub-district names on the map, in the reader's language. */
	readonly labels: SubdistrictLabel[];
	/** The sub-district fill: the standards tab's indicator, or the status while the report's map is captured. */
	readonly choropleth: Choropleth | null;
	/** The cell colouring actually drawn (the report's captures and leaving a scenario override the planner's choice). */
	readonly shownCellView: CellView;
	/** The map mode actually drawn: what the view switch shows as chosen (never a disabled choice). */
	readonly shownMapMode: MapMode;
	/** What the map is asked to draw: its mode and the sub-district fill's indicator (MapView reports it back once drawn). */
	readonly mapViewKey: string;
	/**
	 * What the map last drew, as MapView reports it after the frame that drew it (null before its first draw).
	 * deck.gl's layers draw in MapLibre's next frame, seconds later on a busy machine: until then the view
	 * switch and the legend say "drawing…" rather than claim a view the map does not show yet.
	 */
	drawnMapViewKey = $state<string | null>(null);
	/** The map mode the map last drew (what the view switch shows as chosen), null before its first draw. */
	readonly drawnMapMode: MapMode | null;
	/**
	 * The sub-district colouring the map last drew (the indicator of its fill), null while it draws the population
	 * grid or before its first draw: what the view switch and the standards tab's colouring menu both name.
	 */
	readonly drawnIndicator: ChoroplethIndicator | null;
	/** The sub-district colouring the view switch's first choice draws: the standards tab's indicator there, else the status. */
	readonly subdistrictIndicator: ChoroplethIndicator;
	/** The map has not drawn what it was asked to yet. */
	readonly mapDrawing: boolean;
	/** The current suggestion's sites on the map, while the scenario tab is open. */
	readonly suggestedSites: SuggestedSiteMark[];
	/** The facility lines of the map PNG's and the printed maps' legends: the symbols the map draws, no others. */
	readonly facilityLegend: LegendLine[];
	/** Sub-districts where DuckDB's overview, once loaded, disagrees with the engine's figures on screen (should be none). */
	readonly overviewMismatch: string[];

	private nearestRun = 0;

	constructor(private readonly options: WorkbenchOptions) {
		this.session = new Session(options.openDb);
		this.followCircle();
		this.workspace = new ScenarioWorkspace(() => this.session.dataset, this.coverage, this.standards, {
			scenario: new ScenarioClient(this.coverageRpc),
			nearestCentres: this.nearestCentres
		});
		this.shown = new ShownFigures(this.session, this.coverage, this.standards, this.workspace, () => this.baselineNearest);
		this.siting = new SiteSuggestion(() => this.session.dataset, this.coverage, new SitingClient(this.coverageRpc), this.workspace);
		this.exports = new ReportExport(this.session, this.coverage, this.standards, this.workspace, this.shown, options.language, options.translate, options.map, () => this.mapSheet());
		const labelPoints = $derived(this.session.dataset ? subdistrictLabelPoints(this.session.dataset.subdistricts) : new Map());
		this.labels = $derived(
			(this.session.dataset?.subdistricts ?? []).map((subdistrict) => ({
				code: subdistrict.code,
				position: labelPoints.get(subdistrict.code),
				text: mapLabelText(options.language() === 'en' ? subdistrict.nameEn : subdistrict.name)
			}))
		);
		this.subdistrictIndicator = $derived(this.panelTab === 'standards' ? this.mapIndicator : 'status');
		this.choropleth = $derived.by(() => {
			const { rows } = this.shown;
			const capture = this.exports.captureView;
			if (rows.length === 0 || capture === 'coverage') return null;
			if (capture === 'status') return choropleth(rows, 'status', this.standards.profile, this.shown.facilities);
			if (this.shownMapMode !== 'status') return null;
			return choropleth(rows, this.subdistrictIndicator, this.standards.profile, this.shown.facilities);
		});
		this.shownMapMode = $derived.by(() => {
			const capture = this.exports.captureView;
			if (capture) return capture === 'coverage' ? 'covered' : 'status';
			// The scenario's change view has nothing to show on the baseline: coverage is what it falls back to.
			const chosen = this.mapMode === 'change' && !this.shown.inScenario ? 'covered' : this.mapMode;
			// Until its figures exist a view cannot be drawn and the map shows the density grid: the switch says so
			// (while the app loads it showed 达标状况 checked over a density map and legend).
			const drawable = chosen === 'density' || (chosen === 'status' ? this.shown.rows.length > 0 : this.shown.access !== null);
			return drawable ? chosen : 'density';
		});
		this.shownCellView = $derived(this.shownMapMode === 'status' ? 'density' : this.shownMapMode);
		this.mapViewKey = $derived(`${this.shownMapMode}:${this.choropleth?.indicator ?? ''}`);
		this.drawnMapMode = $derived(this.drawnMapViewKey === null ? null : (this.drawnMapViewKey.split(':')[0] as MapMode));
		this.drawnIndicator = $derived.by(() => {
			const indicator = this.drawnMapViewKey?.split(':')[1] ?? '';
			return isChoroplethIndicator(indicator) ? indicator : null;
		});
		this.mapDrawing = $derived(this.drawnMapViewKey !== this.mapViewKey);
		this.suggestedSites = $derived(
			this.panelTab === 'scenario' ? (this.siting.current?.sites.map((site, i) => ({ lon: site.site.lon, lat: site.site.lat, rank: i + 1, candidate: site.site, newResidents: site.newResidents })) ?? []) : []
		);
		this.facilityLegend = $derived(
			facilityLegendLines({ facilities: this.shown.facilities, closed: closedFacilities(this.session.dataset?.facilities ?? [], this.shown.facilities) }, options.translate())
		);
		this.overviewMismatch = $derived(
			this.session.dbReady && this.shown.baseline ? overviewDisagreements(overviewRows(this.shown.baseline.rows, this.standards.profile, this.session.dataset?.facilities ?? []), this.session.overview) : []
		);
		// Only a start-up mark (tests/e2e/app.spec.ts reads it for the load-time figures): the figures themselves are `shown`'s $derived.
		$effect(() => {
			if (this.shown.baseline) markStartup(STARTUP_MARK.indicators);
		});
		this.followNearestCentres();
	}

	/** The map PNG's title, legend and footer for the view on screen. */
	private mapSheet(): Omit<MapSheet, 'widthMetres' | 'bearing'> | null {
		const dataset = this.session.dataset;
		if (!dataset) return null;
		const t = this.options.translate();
		const language = this.options.language();
		const { params } = this.coverage;
		const view = this.choropleth
			? { title: t(this.choropleth.titleKey), lines: choroplethLegendLines(this.choropleth, t, language) }
			: cellLegend(this.shownCellView, params.thresholdMinutes, t, language);
		const text = mapSheetText({
			datasetName: language === 'en' && dataset.nameEn ? dataset.nameEn : dataset.name,
			scenarioName: this.shown.inScenario ? (this.scenarios.active ? scenarioName(this.scenarios.active, t) : null) : null,
			viewName: view.title,
			mode: params.mode,
			thresholdMinutes: params.thresholdMinutes,
			generatedAt: new Date(),
			sources: dataset.sources,
			language,
			translate: t
		});
		return {
			...text,
			legendTitle: view.title,
			legend: [...view.lines, ...this.facilityLegend],
			scaleText: (metres) => scaleBarText(metres, (value) => formatNumber(value, language, 0)),
			northLetter: t('report.map.northLetter')
		};
	}

	/** A search hit: selects its sub-district and zooms the map to it. */
	showPlace(hit: PlaceHit): void {
		this.selectedCode = hit.subdistrictCode || null;
		this.options.map()?.zoomTo(hit.point ? { point: hit.point } : { subdistrictCode: hit.id });
	}

	/** The standards tab's colouring menu: the map colours the sub-districts by `indicator` (leaving the population grid). */
	colourSubdistricts(indicator: ChoroplethIndicator): void {
		this.mapIndicator = indicator;
		this.mapMode = 'status';
	}

	/** The profile in use, from the profile editor or the coverage controls; coverage follows its circle. */
	setProfile(profile: StandardsProfile): void {
		this.standards.setProfile(settledProfile(profile, (id) => this.standards.isSaved(id)));
		// Before the network is prepared there is nothing to compute: analyse() computes with these parameters.
		if (this.followCircle() && this.coverage.cellSubdistrict) void this.coverage.compute();
	}

	/**
	 * A change to the service circle from the coverage controls: it changes the profile in use (a built-in one
	 * becomes its edited copy), as the same change in the profile editor does. False when the profile would not
	 * be valid (no facility type left), and nothing changes.
	 */
	setCircle(change: Partial<ServiceCircle>): boolean {
		const checked = validateProfile(withCircle(editableProfile(this.standards.profile), change));
		if (checked.ok) this.setProfile(checked.profile);
		return checked.ok;
	}

	/** Copies the profile's circle into the coverage parameters; true when they changed. */
	private followCircle(): boolean {
		const circle = circleOf(this.standards.profile);
		const { params } = this.coverage;
		if (sameCircle(circle, { minutes: params.thresholdMinutes, facilityTypes: params.facilityTypes })) return false;
		params.thresholdMinutes = circle.minutes;
		params.facilityTypes = [...circle.facilityTypes];
		return true;
	}

	/** Opens a panel tab; the standards tab shows its indicator on the map (its legend replaces the grid's). */
	openTab(tab: PanelTab): void {
		this.panelTab = tab;
		if (tab === 'standards') this.mapMode = 'status';
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
		this.baselineNearest = null;
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

	/** Opens one of the planner's saved datasets in place of the one shown. */
	async openSaved(id: string): Promise<void> {
		if (this.session.dataset?.id === id) return;
		this.forgetResults();
		// When the record cannot be read the dataset on screen stays, analysed again (its results were just forgotten).
		await this.session.openSaved(id);
		await this.analyse();
	}

	/** Deletes a saved dataset (after the planner confirmed); when it is on screen, the demo takes its place. */
	async deleteSaved(id: string): Promise<void> {
		if (await this.session.deleteSaved(id)) await this.backToDemo();
	}

	/** Before the dataset is replaced: every figure computed from the old one goes, in the same tick. */
	private forgetResults(): void {
		this.selectedCode = null;
		this.coverage.forget();
		this.workspace.coverage.restart();
		this.baselineNearest = null;
	}

	/** Whenever coverage or the profile change, the baseline's nearest-centre run follows (the indicators themselves are derived in `shown`). */
	private followNearestCentres(): void {
		$effect(() => {
			const ready = this.session.dataset !== null && this.coverage.result !== null;
			void [this.coverage.revision, this.standards.profile];
			if (ready) void this.refreshNearestCentres();
		});
	}

	/** The nearest-centre search (for catchment populations and E2SFCA) of the coverage and profile in effect. Only the newest run lands. */
	private async refreshNearestCentres(): Promise<void> {
		const run = ++this.nearestRun;
		const { session, coverage, standards } = this;
		const figures = coverage.result;
		const dataset = session.dataset;
		if (!figures || !dataset) return;
		// The nearest-centre search would share the two cores with MapLibre's first draw; the first view does not need it.
		await session.afterFirstView();
		if (run !== this.nearestRun) return;
		const profile = standards.profile;
		const coverageParams = $state.snapshot(coverage.params) as CoverageParams;
		// Without the nearest-centre run the indicators still stand; the centres' catchments stay unknown.
		const nearest = await this.nearestCentres.run(nearestCentreParams(coverageParams, profile), coverageParams, [...profile.capacityTypes]).catch((error: unknown) => {
			coverage.error = error instanceof Error ? error.message : String(error);
			return null;
		});
		if (run !== this.nearestRun || session.dataset !== dataset) return;
		this.baselineNearest = { coverage: figures, profile, nearest: nearest && { minutes: nearest.minutes, facilityIndex: nearest.facilityIndex, e2sfca: nearest.e2sfca } };
	}

	/** A click on the map while placing: a proposed facility of the chosen type there. */
	placeAt(lon: number, lat: number): void {
		const type = this.editor.placing;
		const active = this.scenarios.active;
		if (this.panelTab === 'scenario' && type && active) this.editor.addAt(type, lon, lat, this.options.translate());
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
		if (text && this.scenarios.active) downloadFile(`${scenarioFileStem(scenarioName(this.scenarios.active, this.options.translate()), this.options.language(), new Date())}.json`, text, 'application/json');
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
