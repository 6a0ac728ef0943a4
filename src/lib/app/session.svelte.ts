import { base } from '$app/paths';
import type { SqlConnection } from '$lib/db/connection';
import type { SubdistrictOverviewRow } from '$lib/db/queries';
import type { Dataset } from '$lib/io/dataset';
import { loadDemoDataset } from '$lib/io/demo-dataset';
import { fetchText } from './fetch-text';
import { deleteSavedDataset, listSavedDatasets, loadSavedDataset, openSavedDataset, saveDataset, showDemoAtStart, type SavedDatasetEntry } from '$lib/io/persist';
import type { ImportResult } from '$lib/io/import/types';
import { withImport } from './dataset-edit';
import { loadDatasetIntoDb } from './database';
import { markStartup, STARTUP_MARK } from './startup-marks';

export type Phase = 'loading' | 'ready' | 'error';

/**
 * The planner's working session: the dataset on screen, the DuckDB connection holding it, and
 * what SQL says about it. The map appears as soon as the files are parsed. DuckDB starts only once
 * the first map has been drawn (the coverage worker prepares the network and runs the first coverage
 * meanwhile): compiling its 34 MB wasm takes seconds of CPU, and on a 2-core machine it would
 * otherwise compete with the map's first frames. The panel fills in when it is ready.
 */
export class Session {
	phase = $state<Phase>('loading');
	error = $state<string | null>(null);
	dataset = $state.raw<Dataset | null>(null);
	overview = $state.raw<SubdistrictOverviewRow[]>([]);
	dbReady = $state(false);
	/** Milliseconds from navigation start to the dataset being parsed (for the README's load-time figure). */
	datasetLoadedAt = $state<number | null>(null);

	private connection: Promise<SqlConnection> | null = null;
	private firstMapDrawn: () => void = () => undefined;
	/** Settles when the first map is drawn, or when the tab is hidden (a hidden tab draws nothing, but its tables must still fill). */
	private readonly firstView = new Promise<void>((resolve) => {
		this.firstMapDrawn = resolve;
		whenTabHidden(resolve);
	});

	constructor(private readonly openDb: () => Promise<SqlConnection>) {}

	/** A storage problem (quota, private window): the data is in use but will not survive a reload. */
	storageWarning = $state<string | null>(null);
	/** The planner's saved datasets, newest first: each can be reopened; none is lost by going back to the demo. */
	savedDatasets = $state.raw<SavedDatasetEntry[]>([]);

	/** Opens the planner's saved dataset if there is one, else the demo. */
	async start(): Promise<void> {
		try {
			const saved = await loadSavedDataset().catch((error: unknown) => {
				this.storageWarning = error instanceof Error ? error.message : String(error);
				return null;
			});
			this.dataset = saved?.dataset ?? (await loadDemoDataset(`${base}/data/demo`, fetchText));
			void this.refreshSaved();
			this.datasetLoadedAt = performance.now();
			markStartup(STARTUP_MARK.dataset);
			this.phase = 'ready';
		} catch (error) {
			this.fail(error);
		}
	}

	/** Settles once the first map is drawn (or the tab is hidden): work the first view does not need waits for it. */
	afterFirstView(): Promise<void> {
		return this.firstView;
	}

	/** The map has drawn the dataset for the first time (MapLibre's first idle): DuckDB may start now. */
	mapShown(): void {
		markStartup(STARTUP_MARK.map);
		this.firstMapDrawn();
	}

	/** Replaces one part of the dataset with an import and keeps the result in the browser. */
	async applyImport(result: ImportResult): Promise<void> {
		if (!this.dataset) return;
		const next = withImport(this.dataset, result, new Date());
		this.dbReady = false;
		this.dataset = next;
		await this.persist(next);
	}

	/** Shows the demo again; the planner's datasets stay saved and listed (switch, never delete). */
	async backToDemo(): Promise<void> {
		await showDemoAtStart().catch((error: unknown) => this.warnStorage(error));
		this.dbReady = false;
		this.dataset = await loadDemoDataset(`${base}/data/demo`, fetchText);
		await this.refreshSaved();
	}

	/** Opens a saved dataset; false when it could not be read (the dataset on screen then stays). */
	async openSaved(id: string): Promise<boolean> {
		const record = await openSavedDataset(id).catch((error: unknown) => {
			this.warnStorage(error);
			return null;
		});
		if (!record) return false;
		this.dbReady = false;
		this.dataset = record.dataset;
		return true;
	}

	/** Deletes a saved dataset (the list has asked the planner); returns true when it was the one on screen, which the caller replaces by the demo. */
	async deleteSaved(id: string): Promise<boolean> {
		await deleteSavedDataset(id).catch((error: unknown) => this.warnStorage(error));
		await this.refreshSaved();
		return this.dataset?.id === id;
	}

	private async refreshSaved(): Promise<void> {
		this.savedDatasets = await listSavedDatasets().catch(() => []);
	}

	private warnStorage(error: unknown): void {
		this.storageWarning = error instanceof Error ? error.message : String(error);
	}

	private async persist(dataset: Dataset): Promise<void> {
		try {
			await saveDataset(dataset);
			this.storageWarning = null;
		} catch (error) {
			this.warnStorage(error);
		}
		await this.refreshSaved();
	}

	/** The DuckDB connection, opened on first use; a failed open is forgotten so that the next use tries again. */
	private connect(): Promise<SqlConnection> {
		this.connection ??= this.firstView.then(() => this.openDb()).then(
			(connection) => {
				markStartup(STARTUP_MARK.dbOpen);
				return connection;
			},
			(error: unknown) => {
				this.connection = null;
				throw error;
			}
		);
		return this.connection;
	}

	/** Loads the dataset into DuckDB once cells have their sub-districts, then refreshes the overview. */
	async syncDatabase(cellSubdistrict: Int32Array): Promise<void> {
		if (!this.dataset) return;
		const dataset = this.dataset;
		try {
			const conn = await this.connect();
			if (this.dataset !== dataset) return;
			this.overview = await loadDatasetIntoDb(conn, this.dataset, cellSubdistrict);
			this.dbReady = true;
			markStartup(STARTUP_MARK.tables);
		} catch (error) {
			this.fail(error);
		}
	}

	/** The open DuckDB connection, once the dataset is in it. */
	async db(): Promise<SqlConnection | null> {
		if (!this.connection || !this.dbReady) return null;
		return this.connection;
	}

	private fail(error: unknown): void {
		this.error = error instanceof Error ? error.message : String(error);
		this.phase = 'error';
	}
}

/** Calls `then` once the page is hidden (now or later). */
function whenTabHidden(then: () => void): void {
	if (typeof document === 'undefined') return;
	if (document.visibilityState === 'hidden') return then();
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'hidden') then();
	});
}
