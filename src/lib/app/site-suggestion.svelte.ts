import { everyGroup, type SitingConstraints } from '$lib/engine/siting/instance';
import type { ParcelInput } from '$lib/engine/siting/candidates';
import { suggestionEdits } from '$lib/engine/siting/edits';
import type { ProposableType } from '$lib/engine/siting/site-types';
import type { SitingQuestion } from '$lib/engine/siting/suggest';
import type { MultiPolygonCoords } from '$lib/engine/types';
import type { Translate } from '$lib/i18n';
import type { Dataset } from '$lib/io/dataset';
import { FileFormatError, type FileErrorCode, type LoadResult, type RowProblem } from '$lib/io/load-result';
import type { Scenario } from '$lib/io/scenario-file';
import { readExcludedFile, readParcelFile } from '$lib/io/siting-files';
import type { Suggestion, SuggestionPhase } from '$lib/worker/siting-run';
import type { CoverageController } from './coverage.svelte';
import type { ScenarioState } from './scenarios.svelte';

export type SitingObjective = 'mclp' | 'lscp';

/** A planner's file for siting: what it gave, and every row it could not use. */
export interface SitingFile<T> {
	name: string;
	records: T;
	loaded: number;
	skipped: number;
	problems: RowProblem[];
}

/** Why the form cannot run (an i18n key under `siting.invalid.`). */
export type SitingFormProblem = 'siteType' | 'k' | 'target' | 'grid' | 'spacing' | 'perSubdistrict' | 'noCandidates';

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
	parcels = $state.raw<SitingFile<ParcelInput[]> | null>(null);
	excluded = $state.raw<SitingFile<MultiPolygonCoords[]> | null>(null);
	/** A file that could not be read at all (the previous one stays in use): a code the panel words, or the reader's message. */
	fileError = $state<{ name: string; code: FileErrorCode | null; message: string } | null>(null);

	running = $state(false);
	progress = $state<{ phase: SuggestionPhase; done: number; total: number } | null>(null);
	result = $state.raw<Suggestion | null>(null);
	/** The baseline revision the result was computed on. */
	private resultRevision = -1;
	error = $state<string | null>(null);

	/** The result, while the coverage it answers for is still the one on screen. */
	readonly current: Suggestion | null;
	readonly formProblems: SitingFormProblem[];

	constructor(
		private readonly dataset: () => Dataset | null,
		private readonly coverage: CoverageController,
		private readonly scenarios: ScenarioState
	) {
		this.current = $derived(this.result && this.resultRevision === this.coverage.revision ? this.result : null);
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
		return problems;
	}

	/** The candidate parcels of a CSV or XLSX file; a file that cannot be read leaves the previous one. */
	async loadParcels(file: File): Promise<void> {
		const loaded = await this.readFile(file, (name, bytes) => readParcelFile(name, bytes));
		if (loaded) this.parcels = loaded;
	}

	async loadExcluded(file: File): Promise<void> {
		const loaded = await this.readFile(file, async (name, bytes) => readExcludedFile(name, bytes));
		if (loaded) this.excluded = loaded;
	}

	clearParcels(): void {
		this.parcels = null;
	}

	clearExcluded(): void {
		this.excluded = null;
	}

	private async readFile<T>(file: File, read: (name: string, bytes: Uint8Array) => Promise<LoadResult<T>>): Promise<SitingFile<T> | null> {
		this.fileError = null;
		try {
			const result = await read(file.name, new Uint8Array(await file.arrayBuffer()));
			return { name: file.name, ...result };
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
		const countedTypes = new Set(this.coverage.params.facilityTypes);
		try {
			const suggestion = await this.coverage.suggest(
				$state.snapshot(this.question(dataset.subdistricts.length)) as SitingQuestion,
				{
					gridSpacingM: this.gridSpacingM,
					parcels: this.parcels?.records ?? [],
					// Facilities that do not count today may be enlarged into the chosen type (as the CLI's --existing).
					existing: this.includeExisting ? dataset.facilities.filter((f) => f.type !== 'hospital' && !countedTypes.has(f.type)) : [],
					excluded: this.excluded?.records ?? []
				},
				(phase, done, total) => (this.progress = { phase, done, total })
			);
			this.result = suggestion;
			this.resultRevision = revision;
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.running = false;
			this.progress = null;
		}
	}

	/** The suggestion as a new scenario, made active: one edit per site, named in the page's language. */
	apply(translate: Translate, now = new Date()): Scenario | null {
		const dataset = this.dataset();
		const suggestion = this.current;
		if (!dataset || !suggestion || suggestion.sites.length === 0) return null;
		const type = this.siteType;
		const edits = suggestionEdits(
			suggestion.sites.map((site, i) => ({ candidate: site.site, rank: i + 1 })),
			type,
			dataset.facilities,
			(rank) => translate(`siting.siteName.${type}`, { rank })
		);
		const name = suggestion.objective === 'mclp' ? translate('siting.scenarioName.mclp', { k: suggestion.sites.length }) : translate('siting.scenarioName.lscp', { pct: this.targetPct });
		const stamp = now.toISOString();
		return this.scenarios.adopt({ id: 'suggestion', name, createdAt: stamp, updatedAt: stamp, edits }, now);
	}
}
