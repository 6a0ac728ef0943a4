import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset } from './dataset';
import type { NetworkLine } from '$lib/engine/types';
import { isPackedLines, packLines } from './network-pack';

/**
 * Keeps the planner's own dataset in the browser's IndexedDB, so a reload shows their data, not the demo.
 * One record, replaced on each save; going back to the demo is an explicit clear. Independent of the UI:
 * the app decides when to save, load and clear. Typed arrays are stored as they are (structured clone).
 */

const DB_NAME = 'health-circle';
const DB_VERSION = 1;
const STORE = 'datasets';
const KEY = 'planner';
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
});

/** Saves (replaces) the planner's dataset. Throws StorageQuotaError or StorageUnavailableError; the previous save then stays. */
export async function saveDataset(dataset: Dataset, now: Date = new Date()): Promise<void> {
	const record: SavedDataset = { version: FORMAT_VERSION, savedAt: now.toISOString(), dataset };
	try {
		const db = await open();
		await db.put(STORE, record, KEY);
	} catch (error) {
		throw toStorageError(error, estimateBytes(dataset));
	}
}

/** The saved dataset, or null when there is none or it is unreadable (an unreadable record is removed). */
export async function loadSavedDataset(): Promise<SavedDataset | null> {
	let value: unknown;
	try {
		const db = await open();
		value = await db.get(STORE, KEY);
	} catch (error) {
		throw toStorageError(error);
	}
	if (value === undefined) return null;
	const migrated = fromVersion1(value);
	if (migrated) {
		await saveDataset(migrated.dataset, new Date(migrated.savedAt)).catch(() => undefined);
		return migrated;
	}
	if (!isSavedDataset(value)) {
		await clearSavedDataset();
		return null;
	}
	return value;
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

/** "Back to the demo": forgets the planner's dataset. */
export async function clearSavedDataset(): Promise<void> {
	try {
		const db = await open();
		await db.delete(STORE, KEY);
	} catch (error) {
		throw toStorageError(error);
	}
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
