import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset, SourceSummary } from './dataset';
import type { NetworkLine } from '$lib/engine/types';
import { isPackedLines, packLines } from './network-pack';

/**
 * Keeps the planner's own datasets in the browser's IndexedDB, so a reload shows their data, not the demo,
 * and no dataset is lost by one click: every dataset is its own record (by its id), listed and reopenable;
 * which one is open is a separate pointer, so showing the demo keeps them all. Deleting is the only way a
 * record goes (the UI asks first). Independent of the UI: the app decides when to save, open and delete.
 * Typed arrays are stored as they are (structured clone).
 */

const DB_NAME = 'health-circle';
/** 2: the 'active' store (which dataset is open) beside the datasets, one record per dataset. */
const DB_VERSION = 2;
const STORE = 'datasets';
const ACTIVE_STORE = 'active';
const ACTIVE_KEY = 'dataset';
/** The pointer's value while the demo is shown. */
const DEMO = 'demo';
/** The one record of database version 1 (a single saved dataset): moved under its own id on first open. */
const LEGACY_KEY = 'planner';
/**
 * 2: the network is stored packed (typed arrays, cloned as whole buffers) instead of NetworkLine[]. A
 * version-1 record is converted once on load and saved again (the planner's data is never dropped by an
 * upgrade); a damaged record or one of an unknown version is treated as absent.
 */
const FORMAT_VERSION = 2;

export interface SavedDataset {
	version: typeof FORMAT_VERSION;
	/** ISO timestamp of the save. */
	savedAt: string;
	dataset: Dataset;
}

interface PersistSchema extends DBSchema {
	datasets: { key: string; value: SavedDataset };
	/** The id of the dataset shown at start, or 'demo'. */
	active: { key: string; value: string };
}

/** What the list of saved datasets shows of one (the record itself stays in the store until deleted). */
export interface SavedDatasetEntry {
	id: string;
	name: string;
	nameEn: string;
	savedAt: string;
	sources: SourceSummary[];
}

/** The browser refused to store more (quota); nothing was changed. */
export class StorageQuotaError extends Error {
	constructor(readonly neededBytes: number | null) {
		super('the browser refused to store the dataset: storage quota exceeded');
		this.name = 'StorageQuotaError';
	}
}

/** IndexedDB is missing or blocked (private windows, disabled storage); the data stays for this session only. */
export class StorageUnavailableError extends Error {
	constructor(detail: string) {
		super(`browser storage is unavailable (${detail}); the data will be lost on reload`);
		this.name = 'StorageUnavailableError';
	}
}

/**
 * Opens a database once and shares the connection; a failed open is forgotten so the next call tries
 * again, and browser failures become StorageQuotaError / StorageUnavailableError.
 */
export function databaseOpener<Schema extends DBSchema>(name: string, version: number, upgrade: (db: IDBPDatabase<Schema>) => void): () => Promise<IDBPDatabase<Schema>> {
	let database: Promise<IDBPDatabase<Schema>> | null = null;
	return () => {
		if (!globalThis.indexedDB) return Promise.reject(new StorageUnavailableError('no IndexedDB in this context'));
		database ??= openDB<Schema>(name, version, { upgrade }).catch((error: unknown) => {
			database = null;
			throw toStorageError(error);
		});
		return database;
	};
}

const open = databaseOpener<PersistSchema>(DB_NAME, DB_VERSION, (db) => {
	if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
	if (!db.objectStoreNames.contains(ACTIVE_STORE)) db.createObjectStore(ACTIVE_STORE);
});

/** Runs a storage step; browser failures become StorageQuotaError / StorageUnavailableError. */
async function storage<T>(step: (db: IDBPDatabase<PersistSchema>) => Promise<T>, neededBytes: number | null = null): Promise<T> {
	try {
		return await step(await open());
	} catch (error) {
		throw toStorageError(error, neededBytes);
	}
}

/** Saves (adds or replaces) a dataset under its id and makes it the one opened at start. Throws StorageQuotaError or StorageUnavailableError; the previous save then stays. */
export async function saveDataset(dataset: Dataset, now: Date = new Date()): Promise<void> {
	const record: SavedDataset = { version: FORMAT_VERSION, savedAt: now.toISOString(), dataset };
	await storage(async (db) => {
		const tx = db.transaction([STORE, ACTIVE_STORE], 'readwrite');
		await Promise.all([tx.objectStore(STORE).put(record, dataset.id), tx.objectStore(ACTIVE_STORE).put(dataset.id, ACTIVE_KEY), tx.done]);
	}, estimateBytes(dataset));
}

/** The dataset to open at start (the last saved or opened), or null for the demo, none, or an unreadable record. */
export async function loadSavedDataset(): Promise<SavedDataset | null> {
	await moveLegacyRecord();
	const active = await storage((db) => db.get(ACTIVE_STORE, ACTIVE_KEY));
	if (active === undefined || active === DEMO) return null;
	return readRecord(active);
}

/** Opens a saved dataset by id and makes it the one opened at start; null when it is gone or unreadable. */
export async function openSavedDataset(id: string): Promise<SavedDataset | null> {
	const record = await readRecord(id);
	if (record) await storage((db) => db.put(ACTIVE_STORE, id, ACTIVE_KEY));
	return record;
}

/** Every saved dataset, newest first (unreadable records are left out, not deleted). */
export async function listSavedDatasets(): Promise<SavedDatasetEntry[]> {
	await moveLegacyRecord();
	const values = await storage((db) => db.getAll(STORE));
	const entries = values.flatMap((value) => {
		const record = isSavedDataset(value) ? value : fromVersion1(value);
		if (!record) return [];
		const { id, name, nameEn, sources } = record.dataset;
		return [{ id, name, nameEn, savedAt: record.savedAt, sources }];
	});
	return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** "Back to the demo": the demo opens at start from now on; every saved dataset stays in the list. */
export async function showDemoAtStart(): Promise<void> {
	await storage((db) => db.put(ACTIVE_STORE, DEMO, ACTIVE_KEY));
}

/** Deletes one saved dataset (the UI has asked); when it was the one opened at start, the demo opens instead. */
export async function deleteSavedDataset(id: string): Promise<void> {
	await storage(async (db) => {
		const tx = db.transaction([STORE, ACTIVE_STORE], 'readwrite');
		const active = await tx.objectStore(ACTIVE_STORE).get(ACTIVE_KEY);
		await tx.objectStore(STORE).delete(id);
		if (active === id) await tx.objectStore(ACTIVE_STORE).put(DEMO, ACTIVE_KEY);
		await tx.done;
	});
}

/** A record by id, converted from version 1 when needed; an unreadable one is null (and kept: nothing is deleted behind the planner's back). */
async function readRecord(id: string): Promise<SavedDataset | null> {
	const value: unknown = await storage((db) => db.get(STORE, id));
	if (value === undefined) return null;
	const migrated = fromVersion1(value);
	if (migrated) {
		await storage((db) => db.put(STORE, migrated, id)).catch(() => undefined);
		return migrated;
	}
	return isSavedDataset(value) ? value : null;
}

/** Database version 1 kept one record under 'planner': it becomes a record under its dataset's id, and the open one. */
async function moveLegacyRecord(): Promise<void> {
	await storage(async (db) => {
		const tx = db.transaction([STORE, ACTIVE_STORE], 'readwrite');
		const store = tx.objectStore(STORE);
		const legacy: unknown = await store.get(LEGACY_KEY);
		if (legacy !== undefined) {
			const record = fromVersion1(legacy) ?? (isSavedDataset(legacy) ? legacy : null);
			if (record && record.dataset.id !== LEGACY_KEY) {
				await store.put(record, record.dataset.id);
				await store.delete(LEGACY_KEY);
				if ((await tx.objectStore(ACTIVE_STORE).get(ACTIVE_KEY)) === undefined) await tx.objectStore(ACTIVE_STORE).put(record.dataset.id, ACTIVE_KEY);
			} else if (record && (await tx.objectStore(ACTIVE_STORE).get(ACTIVE_KEY)) === undefined) {
				await tx.objectStore(ACTIVE_STORE).put(LEGACY_KEY, ACTIVE_KEY);
			}
		}
		await tx.done;
	});
}

// Exported for the tests only, which convert version-1 records without IndexedDB.
/** A version-1 record (network as NetworkLine[]) as a current one; null when the value is not one. */
export function fromVersion1(value: unknown): SavedDataset | null {
	if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) return null;
	const record = value as { savedAt?: unknown; dataset?: { network?: unknown } };
	const network = record.dataset?.network;
	if (network !== null && !(Array.isArray(network) && network.every(isNetworkLine))) return null;
	const converted = { version: FORMAT_VERSION, savedAt: record.savedAt, dataset: { ...record.dataset, network: network === null ? null : packLines(network) } };
	return isSavedDataset(converted) ? converted : null;
}

function isNetworkLine(value: unknown): value is NetworkLine {
	const line = value as Partial<NetworkLine> | null;
	return (
		typeof line === 'object' &&
		line !== null &&
		typeof line.highway === 'string' &&
		Array.isArray(line.coords) &&
		line.coords.every((point) => Array.isArray(point) && typeof point[0] === 'number' && typeof point[1] === 'number')
	);
}


/** Maps browser storage failures to the two errors the UI explains; other errors pass through. */
export function toStorageError(error: unknown, neededBytes: number | null = null): Error {
	if (error instanceof StorageQuotaError || error instanceof StorageUnavailableError) return error;
	const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
	const message = error instanceof Error ? error.message : String(error);
	if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || /quota/i.test(message)) return new StorageQuotaError(neededBytes);
	if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError' || name === 'NotFoundError') return new StorageUnavailableError(message || name);
	return error instanceof Error ? error : new Error(message);
}

// Exported for the tests only, which check the quota message size without a browser quota.
/** Rough size of a dataset, for the quota message: typed arrays exactly, the rest by its JSON length. */
export function estimateBytes(dataset: Dataset): number {
	const cells = dataset.cells.lon.byteLength + dataset.cells.lat.byteLength + dataset.cells.pop.byteLength;
	const network = dataset.network ? dataset.network.coords.byteLength + dataset.network.offsets.byteLength + dataset.network.highwayIndex.byteLength : 0;
	const rest = JSON.stringify({ ...dataset, cells: null, network: dataset.network?.highways ?? null }).length * 2;
	return cells + network + rest;
}

// Exported for the tests only, which check damaged records are refused without IndexedDB.
/** Checks a stored value before trusting it: an old or damaged record must not crash the app at start-up. */
export function isSavedDataset(value: unknown): value is SavedDataset {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Partial<SavedDataset>;
	const dataset = record.dataset as Partial<Dataset> | undefined;
	return (
		record.version === FORMAT_VERSION &&
		typeof record.savedAt === 'string' &&
		typeof dataset === 'object' &&
		dataset !== null &&
		typeof dataset.id === 'string' &&
		Array.isArray(dataset.facilities) &&
		Array.isArray(dataset.subdistricts) &&
		(dataset.network === null || isPackedLines(dataset.network)) &&
		typeof dataset.cells === 'object' &&
		dataset.cells !== null &&
		dataset.cells.lon instanceof Float64Array &&
		dataset.cells.lat instanceof Float64Array &&
		dataset.cells.pop instanceof Float64Array &&
		dataset.cells.lon.length === dataset.cells.lat.length &&
		dataset.cells.lon.length === dataset.cells.pop.length
	);
}
