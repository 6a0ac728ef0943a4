import {
	checkFileSizeBeforeReading,
	crsChoiceNeeded,
	type ColumnMapping,
	type CrsId,
	type DatasetKind,
	type ImportContext,
	type ImportOptions,
	type ImportResult,
	type ImportStage,
	type Inspection,
	type TextEncodingName
} from '$lib/io/import';
import { ImportClient, ImportWorkerError, createImportWorker, type WorkerFactory } from '$lib/worker/import-client';

/** The steps of an import: choose a file, wait for its inspection, review the settings, wait for the import, look at the result. */
export type ImportPhase = 'choose' | 'inspecting' | 'review' | 'importing' | 'result';

/** Why an inspection or import failed, as the dialog words it (see components/import/problem-text.ts). */
export interface ImportFailure {
	message: string;
	isFormatError: boolean;
	code?: string;
	params?: Record<string, string | number>;
}

/** What the result says in numbers: rows loaded, of which kept with a warning, and rows rejected. */
export interface ImportCounts {
	loaded: number;
	keptWithWarnings: number;
	skipped: number;
}

function describeError(error: unknown): ImportFailure {
	if (error instanceof ImportWorkerError) return { message: error.message, isFormatError: error.isFormatError, code: error.code, params: error.params };
	return { message: error instanceof Error ? error.message : String(error), isFormatError: false };
}

function isCancellation(error: unknown): boolean {
	return error instanceof ImportWorkerError && error.code === 'cancelled';
}

/**
 * One import, from the file chosen to the result the planner loads: the state the dialog shows and the
 * steps it offers. The work happens in the import worker (ImportClient); nothing here touches the app's
 * data: the page gets the result through the dialog's onLoaded.
 */
export class ImportWorkflow {
	phase = $state<ImportPhase>('choose');
	kind = $state<DatasetKind>('facilities');
	file = $state.raw<File | null>(null);
	inspection = $state.raw<Inspection | null>(null);
	/** The planner's choices (encoding, sheet, header row, mapping, CRS, value mappings), sent with each request. */
	options = $state<ImportOptions>({});
	result = $state.raw<ImportResult | null>(null);
	failure = $state<ImportFailure | null>(null);
	progress = $state<{ stage: ImportStage; fraction: number } | null>(null);

	readonly hasGeometry = $derived(this.inspection !== null && this.inspection.preview.some((row) => row.geometryType !== null));
	readonly isTable = $derived(
		this.inspection !== null && this.inspection.raster === null && this.inspection.format !== 'osm-xml' && this.inspection.format !== 'osm-pbf'
	);
	/** Required fields the current mapping leaves out: the import stays disabled until they are chosen. */
	readonly missing = $derived(
		this.inspection && this.isTable
			? this.inspection.fields
					.filter((spec) => spec.required && this.options.mapping?.[spec.field] === undefined)
					.filter((spec) => !((spec.field === 'lon' || spec.field === 'lat') && (this.hasGeometry || this.options.mapping?.h3 !== undefined)))
					.map((spec) => spec.field)
			: []
	);
	/**
	 * The values alone cannot settle the coordinate system (WGS84, GCJ-02 and BD-09 look alike; a Gauss-Krüger
	 * easting without its zone): the planner must choose one before importing, and the choice is recorded as theirs.
	 */
	readonly crsChoicePending = $derived(this.inspection !== null && crsChoiceNeeded(this.inspection.crsGuess) && this.options.crsChosenByPlanner !== true);
	readonly counts: ImportCounts | null = $derived(
		this.result ? { loaded: this.result.loaded, keptWithWarnings: new Set(this.result.warnings.map((warning) => warning.row)).size, skipped: this.result.skipped } : null
	);

	private readonly client: ImportClient;

	/** context: read when an import starts (the data loaded at that moment). */
	constructor(
		private readonly context: () => ImportContext,
		createWorker: WorkerFactory = createImportWorker
	) {
		this.client = new ImportClient(createWorker);
	}

	chooseKind(kind: DatasetKind): void {
		this.kind = kind;
		this.reset();
	}

	async chooseFile(chosen: File | null): Promise<void> {
		this.reset();
		if (!chosen) return;
		try {
			// Refused from its size alone, before a byte is read: reading a file beyond memory is what would crash the tab.
			checkFileSizeBeforeReading(this.kind, chosen.name, chosen.size);
		} catch (error) {
			this.failure = describeError(error);
			return;
		}
		this.file = chosen;
		await this.inspect();
	}

	chooseEncoding(encoding: TextEncodingName): Promise<void> {
		// Headers can change with the encoding: the mapping is detected again.
		this.options = { encoding, sheet: this.options.sheet, headerRow: this.options.headerRow, ...this.crsOptions() };
		return this.inspect();
	}

	chooseSheet(sheet: string): Promise<void> {
		// Another sheet has its own header row.
		this.options = { encoding: this.options.encoding, sheet, ...this.crsOptions() };
		return this.inspect();
	}

	chooseHeaderRow(row: number): Promise<void> {
		this.options = { encoding: this.options.encoding, sheet: this.options.sheet, headerRow: row, ...this.crsOptions() };
		return this.inspect();
	}

	changeMapping(mapping: ColumnMapping): void {
		this.options.mapping = mapping;
		const inspected = this.inspection?.mapping;
		// Facilities: the type and status vocabularies come from the mapped columns.
		if (this.kind === 'facilities' && (mapping.type !== inspected?.type || mapping.status !== inspected?.status)) void this.inspect();
	}

	/** The planner chose the coordinate system: it is used and recorded as their choice. */
	setCrs(crs: CrsId): void {
		this.options.crs = crs;
		this.options.crsChosenByPlanner = true;
	}

	setTypeValues(values: ImportOptions['typeValues']): void {
		this.options.typeValues = values;
	}

	setStatusValues(values: ImportOptions['statusValues']): void {
		this.options.statusValues = values;
	}

	async runImport(): Promise<void> {
		if (!this.file || this.crsChoicePending) return;
		this.phase = 'importing';
		this.progress = { stage: 'decode', fraction: 0 };
		this.failure = null;
		try {
			this.result = await this.client.import(this.kind, this.file, this.snapshot(), this.context(), (stage, fraction) => (this.progress = { stage, fraction }));
			this.phase = 'result';
		} catch (error) {
			if (isCancellation(error)) return;
			this.failure = describeError(error);
			this.phase = 'review';
		} finally {
			this.progress = null;
		}
	}

	/** The shift check suggested GCJ-02 or BD-09: import again with it declared. */
	applyShift(crs: CrsId): Promise<void> {
		this.setCrs(crs);
		return this.runImport();
	}

	backToReview(): void {
		this.phase = 'review';
	}

	/** Stops the work in progress; returns false when there was none (the dialog then closes). */
	cancel(): boolean {
		if (this.phase !== 'importing' && this.phase !== 'inspecting') return false;
		this.client.cancel();
		this.phase = this.inspection ? 'review' : 'choose';
		return true;
	}

	dispose(): void {
		this.client.dispose();
	}

	/** Reads the file's head in the worker; re-run when the encoding, sheet, header row or mapping changes. */
	private async inspect(): Promise<void> {
		if (!this.file) return;
		this.phase = 'inspecting';
		this.failure = null;
		try {
			const inspected = await this.client.inspect(this.kind, this.file, this.snapshot());
			this.inspection = inspected;
			this.options.mapping = inspected.mapping;
			this.options.crs = inspected.crs;
			if (inspected.encoding) this.options.encoding = inspected.encoding.used;
			if (inspected.sheet) this.options.sheet = inspected.sheet;
			if (inspected.header) this.options.headerRow = inspected.header.row;
			if (inspected.typeValues) this.options.typeValues = inspected.typeValues;
			if (inspected.statusValues) this.options.statusValues = inspected.statusValues;
			this.phase = 'review';
		} catch (error) {
			if (isCancellation(error)) return;
			this.failure = describeError(error);
			this.phase = this.inspection ? 'review' : 'choose';
		}
	}

	private reset(): void {
		this.client.cancel();
		this.phase = 'choose';
		this.file = null;
		this.inspection = null;
		this.result = null;
		this.failure = null;
		this.options = {};
	}

	/** The coordinate system settings a new inspection keeps: the system and whether the planner chose it. */
	private crsOptions(): Pick<ImportOptions, 'crs' | 'crsChosenByPlanner'> {
		return { crs: this.options.crs, crsChosenByPlanner: this.options.crsChosenByPlanner };
	}

	/** Plain data for the worker: Svelte's proxies cannot be cloned. */
	private snapshot(): ImportOptions {
		return $state.snapshot(this.options) as ImportOptions;
	}
}
