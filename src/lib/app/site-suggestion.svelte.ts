import { everyGroup, type SitingConstraints } from '$lib/engine/siting/instance';
import type { ParcelInput } from '$lib/engine/siting/candidates';
import { suggestionEdits } from '$lib/engine/siting/edits';
import type { ProposableType } from '$lib/engine/siting/site-types';
import type { SitingQuestion } from '$lib/engine/siting/suggest';
import type { MultiPolygonCoords } from '$lib/engine/types';
import type { Language, Translate } from '$lib/i18n';
import { exportProvenance, travelOf } from '$lib/report/model';
import { suggestedSiteNaming } from '$lib/report/facility-name';
import { provenanceCsvLines } from '$lib/report/csv';
import type { Dataset } from '$lib/io/dataset';
import { FileFormatError, type FileErrorCode, type LoadResult, type RowProblem } from '$lib/io/load-result';
import type { Scenario } from '$lib/io/scenario-file';
import { scenarioName } from './scenario-name';
import { readExcludedFile, readParcelFile } from '$lib/io/siting-files';
import { crsChoiceNeeded } from '$lib/io/import/crs-guess';
import type { CrsId } from '$lib/io/import/crs';
import type { ParcelsImport } from '$lib/io/import/types';
import type { Suggestion, SuggestionPhase } from '$lib/worker/suggestion';
import type { LpProgress } from '$lib/engine/siting/milp';
import type { CoverageController } from './coverage.svelte';
import type { SitingClient } from '$lib/worker/coverage-clients';
import type { ScenarioWorkspace } from './scenario-workspace.svelte';
import type { Facility } from '$lib/engine/types';
import { siteRows, sitesCsv, sitesGeoJson } from '$lib/io/siting-export';
import { downloadFile } from './download';

export type SitingObjective = 'mclp' | 'lscp';

/** What a suggestion starts from: today's facilities, or a scenario's (its id, name, and edits at the time). */
export type SuggestionStart = { kind: 'baseline' } | { kind: 'scenario'; id: string; name: string; defaultNumber?: number; editCount: number; updatedAt: string };

/** Where "Apply" puts the sites when the suggestion started from a scenario: into it, or into a copy of it. */
export type ApplyTarget = 'scenario' | 'copy';

/** A planner's file for siting: what it gave, and every row it could not use. */
export interface SitingFile<T> {
	name: string;
	records: T;
	loaded: number;
	skipped: number;
	problems: RowProblem[];
}

/** The parcel file as the importer read it: where its header was, its columns, and its coordinate system. */
export type ParcelFile = SitingFile<ParcelInput[]> & Pick<ParcelsImport, 'crs' | 'crsGuess' | 'crsChosenBy' | 'appliedConversion' | 'headerRow' | 'mapping' | 'headers'>;

/** Why the form cannot run (an i18n key under `siting.invalid.`). */
export type SitingFormProblem = 'siteType' | 'k' | 'target' | 'grid' | 'spacing' | 'perSubdistrict' | 'noCandidates' | 'parcelCrs';

/**
 * The "选址建议 / Suggest sites" panel's state: the question as the planner sets it, the worker's
 * answer, and "apply as scenario", which turns the answer into ordinary scenario edits (a new
 * scenario), so the comparison, autosave and the gap report treat suggested sites like placed ones.
 * A suggestion answers for the coverage it was computed on; a new baseline run makes it stale.
 */
export class SiteSuggestion {
	objective = $state<SitingObjective>('mclp');
	k = $state(3);
	targetPct = $state(95);
	siteType = $state<ProposableType>('station');
	gridSpacingM = $state(150);
	includeExisting = $state(false);
	minSpacingM = $state(0);
	/** Empty = no limit. */
	maxPerSubdistrict = $state<number | null>(null);
	minPerSubdistrict = $state(0);
	parcels = $state.raw<ParcelFile | null>(null);
	/** The parcels' coordinate system as the planner chose it for the file in use; null until chosen (the importer's guess is used, and said to be one). */
	parcelCrs = $state<CrsId | null>(null);
	/** The parcel file in use, read again when the planner changes its coordinate system. */
	private parcelFile: File | null = null;
	excluded = $state.raw<SitingFile<MultiPolygonCoords[]> | null>(null);
	/** A file that could not be read at all (the previous one stays in use): a code the panel words, or the reader's message. */
	fileError = $state<{ name: string; code: FileErrorCode | null; message: string } | null>(null);

	running = $state(false);
	progress = $state<{ phase: SuggestionPhase; done: number; total: number } | null>(null);
	result = $state.raw<Suggestion | null>(null);
	/** The baseline revision the result was computed on. */
	private resultRevision = -1;
	/** What the result started from. */
	resultStart = $state.raw<SuggestionStart>({ kind: 'baseline' });
	applyTarget = $state<ApplyTarget>('scenario');
	error = $state<string | null>(null);
	/** True while the shown result is the heuristic's and the exact solver is still at work. */
	certifying = $state(false);
	/** The exact solver's best value and bound so far, while certifying. */
	solverProgress = $state.raw<LpProgress | null>(null);

	/**
	 * After "Apply": the scenario the sites went into, and what the panel started from right after (the Apply's own
	 * edits are no change that makes the suggestion stale; a later edit, or another scenario, is). Null before.
	 */
	applied = $state.raw<{ scenarioId: string; after: SuggestionStart } | null>(null);

	/** The result, while the coverage and the scenario it answers for (or the one it was applied to, as applied) are still the ones on screen. */
	readonly current: Suggestion | null;
	/** The scenario the shown suggestion was applied to, while it is still on screen as applied. */
	readonly appliedTo: Scenario | null;
	/** What a suggestion run now would start from: the active scenario, or today's facilities. */
	readonly start: SuggestionStart;
	readonly formProblems: SitingFormProblem[];

	constructor(
		private readonly dataset: () => Dataset | null,
		private readonly coverage: CoverageController,
		private readonly client: SitingClient,
		private readonly workspace: ScenarioWorkspace
	) {
		this.start = $derived(startOf(this.workspace.scenarios.active));
		this.current = $derived(
			this.result && this.resultRevision === this.coverage.revision && (sameStart(this.resultStart, this.start) || (this.applied !== null && sameStart(this.applied.after, this.start))) ? this.result : null
		);
		this.appliedTo = $derived(this.current && this.applied ? (this.workspace.scenarios.scenarios.find((scenario) => scenario.id === this.applied?.scenarioId) ?? null) : null);
		this.formProblems = $derived(this.validate());
	}

	private validate(): SitingFormProblem[] {
		const problems: SitingFormProblem[] = [];
		if (!this.coverage.params.facilityTypes.includes(this.siteType)) problems.push('siteType');
		const whole = (value: number, min: number) => Number.isInteger(value) && value >= min;
		if (this.objective === 'mclp' && !(whole(this.k, 1) && this.k <= 200)) problems.push('k');
		if (this.objective === 'lscp' && !(Number.isFinite(this.targetPct) && this.targetPct > 0 && this.targetPct <= 100)) problems.push('target');
		if (!(Number.isFinite(this.gridSpacingM) && (this.gridSpacingM === 0 || this.gridSpacingM >= 25))) problems.push('grid');
		if (!(Number.isFinite(this.minSpacingM) && this.minSpacingM >= 0)) problems.push('spacing');
		const max = this.maxPerSubdistrict;
		if (!whole(this.minPerSubdistrict, 0) || (max !== null && (!whole(max, 1) || max < this.minPerSubdistrict))) problems.push('perSubdistrict');
		if (this.gridSpacingM === 0 && !this.includeExisting && (this.parcels?.loaded ?? 0) === 0) problems.push('noCandidates');
		if (this.parcelCrsPending) problems.push('parcelCrs');
		return problems;
	}

	/** Parcels are loaded whose coordinate system the values cannot settle (WGS84, GCJ-02 and BD-09 look alike) and the planner has not chosen one. */
	get parcelCrsPending(): boolean {
		return this.parcels !== null && this.parcels.crsChosenBy !== 'planner' && crsChoiceNeeded(this.parcels.crsGuess);
	}

	/**
	 * The candidate parcels of a CSV or XLSX file, through the importer; a new file starts from the importer's
	 * guess of its coordinate system (another file may be in another system). A file that cannot be read leaves the previous one.
	 */
	async loadParcels(file: File): Promise<void> {
		await this.readParcels(file, null);
	}

	/** The planner's coordinate system for the parcels: the file in use is read again in it (converted to WGS84). */
	async setParcelCrs(crs: CrsId): Promise<void> {
		this.parcelCrs = crs;
		if (this.parcelFile) await this.readParcels(this.parcelFile, crs);
	}

	private async readParcels(file: File, crs: CrsId | null): Promise<void> {
		const loaded = await this.readFile(file, (name, bytes) => readParcelFile(name, bytes, crs ? { crs, crsChosenByPlanner: true } : {}));
		if (!loaded) return;
		this.parcels = loaded;
		this.parcelFile = file;
		this.parcelCrs = crs;
	}

	async loadExcluded(file: File): Promise<void> {
		const loaded = await this.readFile(file, async (name, bytes) => readExcludedFile(name, bytes));
		if (loaded) this.excluded = loaded;
	}

	clearParcels(): void {
		this.parcels = null;
		this.parcelFile = null;
	}

	clearExcluded(): void {
		this.excluded = null;
	}

	private async readFile<R extends LoadResult<unknown>>(file: File, read: (name: string, bytes: Uint8Array) => Promise<R>): Promise<(R & { name: string }) | null> {
		this.fileError = null;
		try {
			const result = await read(file.name, new Uint8Array(await file.arrayBuffer()));
			return { ...result, name: file.name };
		} catch (error) {
			const code = error instanceof FileFormatError ? (error.code ?? null) : null;
			this.fileError = { name: file.name, code, message: error instanceof Error ? error.message : String(error) };
			return null;
		}
	}

	/** The question as the engine takes it (constraints per sub-district index). */
	question(groupCount: number): SitingQuestion {
		const constraints: SitingConstraints = {
			minSpacingM: this.minSpacingM,
			maxPerGroup: everyGroup(groupCount, this.maxPerSubdistrict ?? Infinity),
			minPerGroup: everyGroup(groupCount, this.minPerSubdistrict)
		};
		return this.objective === 'mclp' ? { objective: 'mclp', k: this.k, constraints } : { objective: 'lscp', targetPct: this.targetPct, constraints };
	}

	/** Asks the worker; the page stays live (progress arrives as it goes). */
	async run(): Promise<void> {
		const dataset = this.dataset();
		if (!dataset || this.running || this.formProblems.length > 0 || !this.coverage.result) return;
		this.running = true;
		this.error = null;
		this.progress = null;
		const revision = this.coverage.revision;
		const start = this.start;
		const countedTypes = new Set(this.coverage.params.facilityTypes);
		try {
			// The active scenario's facilities (its settled edits) are today's for the suggestion.
			const facilities = start.kind === 'scenario' ? this.startFacilities(dataset.facilities) : null;
			const today = facilities ?? dataset.facilities;
			// Answered by src/lib/worker/coverage.worker.ts's suggest(), which calls engine/siting/suggest.ts's solveSiting.
			const suggestion = await this.client.suggest(
				$state.snapshot(this.question(dataset.subdistricts.length)) as SitingQuestion,
				{
					gridSpacingM: this.gridSpacingM,
					parcels: this.parcels?.records ?? [],
					// Facilities that do not count today may be enlarged into the chosen type (as the CLI's --existing).
					existing: this.includeExisting ? today.filter((f) => f.type !== 'hospital' && !countedTypes.has(f.type)) : [],
					excluded: this.excluded?.records ?? []
				},
				facilities,
				({ phase, done, total, heuristic, solver }) => {
					this.progress = { phase, done, total };
					// The heuristic's answer is shown at once; the certified one replaces it.
					if (heuristic) {
						this.applied = null;
						this.result = heuristic;
						this.resultRevision = revision;
						this.resultStart = start;
						this.certifying = true;
					}
					if (solver) this.solverProgress = solver;
				}
			);
			this.applied = null;
			this.result = suggestion;
			this.resultRevision = revision;
			this.resultStart = start;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.running = false;
			this.progress = null;
			this.certifying = false;
			this.solverProgress = null;
		}
	}

	/**
	 * "Export suggestion": the ranked sites with the CLI's columns (sites.csv / sites.geojson of `npm run suggest`).
	 * The CSV says above its header what the sites were computed from (the report's provenance: dataset, scenario,
	 * threshold, date, synthetic layers, each layer's source), in the reader's language.
	 */
	export(format: 'csv' | 'geojson', translate: Translate, language: Language): void {
		const dataset = this.dataset();
		const suggestion = this.current;
		if (!dataset || !suggestion) return;
		const rows = siteRows(suggestion.sites, dataset.subdistricts, language);
		const start = this.resultStart;
		const provenance = exportProvenance(
			{ language, dataset, scenarioName: start.kind === 'scenario' ? scenarioName(start, translate) : null, thresholdMinutes: this.coverage.params.thresholdMinutes, travel: travelOf(this.coverage.params), generatedAt: new Date() },
			translate
		);
		if (format === 'csv') downloadFile('suggested-sites.csv', sitesCsv(rows, provenanceCsvLines(provenance, language)), 'text/csv;charset=utf-8');
		else downloadFile('suggested-sites.geojson', sitesGeoJson(rows), 'application/geo+json');
	}

	/** The active scenario's settled facilities; its edits no longer applying is an error the planner sees. */
	private startFacilities(baseline: Facility[]): Facility[] {
		const facilities = this.workspace.scenarios.facilities(baseline, this.workspace.assign, true);
		if (!facilities) throw new Error('no active scenario');
		return facilities;
	}

	/**
	 * Applies the suggestion: from today's facilities, as a new scenario; from a scenario, its sites
	 * added to that scenario (undoable edit by edit) or to a copy of it, as `applyTarget` says. The
	 * planner's own edits are kept either way.
	 */
	apply(translate: Translate, now = new Date()): Scenario | null {
		const dataset = this.dataset();
		const suggestion = this.current;
		const start = this.resultStart;
		if (!dataset || !suggestion || suggestion.sites.length === 0 || this.appliedTo) return null;
		const scenarios = this.workspace.scenarios;
		const scenario = start.kind === 'scenario' ? scenarios.active : null;
		const type = this.siteType;
		const edits = suggestionEdits(
			suggestion.sites.map((site, i) => ({ candidate: site.site, rank: i + 1 })),
			type,
			// Ids and enlargements against the scenario's facilities, so a suggested id never repeats one the planner added.
			scenario ? this.startFacilities(dataset.facilities) : dataset.facilities,
			suggestedSiteNaming(type, translate)
		);
		if (scenario && this.applyTarget === 'scenario') {
			for (const edit of edits) scenarios.edit(edit);
			return this.markApplied(scenarios.active);
		}
		const stamp = now.toISOString();
		const suggested = suggestion.objective === 'mclp' ? translate('siting.scenarioName.mclp', { k: suggestion.sites.length }) : translate('siting.scenarioName.lscp', { pct: this.targetPct });
		const name = scenario ? translate('siting.scenarioName.copy', { scenario: scenarioName(scenario, translate), suggestion: suggested }) : suggested;
		return this.markApplied(scenarios.adopt({ id: 'suggestion', name, createdAt: stamp, updatedAt: stamp, edits: [...(scenario?.edits ?? []), ...edits] }, now));
	}

	private markApplied(target: Scenario | null): Scenario | null {
		this.applied = target ? { scenarioId: target.id, after: startOf(target) } : null;
		return target;
	}
}

function startOf(scenario: Scenario | null): SuggestionStart {
	return scenario ? { kind: 'scenario', id: scenario.id, name: scenario.name, defaultNumber: scenario.defaultNumber, editCount: scenario.edits.length, updatedAt: scenario.updatedAt } : { kind: 'baseline' };
}

function sameStart(a: SuggestionStart, b: SuggestionStart): boolean {
	if (a.kind === 'baseline' || b.kind === 'baseline') return a.kind === b.kind;
	return a.id === b.id && a.editCount === b.editCount && a.updatedAt === b.updatedAt;
}
