import type { DBSchema, IDBPDatabase } from 'idb';
import { databaseOpener, toStorageError } from './persist';
import { readScenario, type Scenario, type ScenarioFileProblem } from './scenario-file';

/**
 * Keeps the planner's what-if scenarios in IndexedDB, per dataset (by its content fingerprint, so the
 * demo's scenarios and those of a planner's own data never mix), plus which one is active. Saved on
 * every edit, so a reload or a crash loses nothing. A database of its own: persist.ts's database and
 * its version stay as they are.
 */

// Exported for the tests only, which open and damage the database directly.
export const SCENARIO_DB_NAME = 'health-circle-scenarios';
const DB_VERSION = 1;
// Exported for the tests only, which damage stored records directly in IndexedDB.
export const SCENARIO_STORE = 'scenarios';
// Exported for the tests only, which damage stored records directly in IndexedDB.
export const ACTIVE_STORE = 'active';
const BY_FINGERPRINT = 'by-fingerprint';
const RECORD_VERSION = 1;

/** One stored scenario; the key is [fingerprint, id]. */
export interface StoredScenario {
	version: typeof RECORD_VERSION;
	fingerprint: string;
	id: string;
	/** ISO timestamp of the last save. */
	savedAt: string;
	scenario: Scenario;
}

interface ScenarioSchema extends DBSchema {
	scenarios: { key: [string, string]; value: StoredScenario; indexes: { 'by-fingerprint': string } };
	/** The active scenario's id per dataset fingerprint. */
	active: { key: string; value: string };
}

const open = databaseOpener<ScenarioSchema>(SCENARIO_DB_NAME, DB_VERSION, (db) => {
	if (!db.objectStoreNames.contains(SCENARIO_STORE)) {
		const store = db.createObjectStore(SCENARIO_STORE, { keyPath: ['fingerprint', 'id'] });
		store.createIndex(BY_FINGERPRINT, 'fingerprint');
	}
	if (!db.objectStoreNames.contains(ACTIVE_STORE)) db.createObjectStore(ACTIVE_STORE);
});

/** Runs a storage step; browser failures become StorageQuotaError / StorageUnavailableError. */
async function storage<T>(step: (db: IDBPDatabase<ScenarioSchema>) => Promise<T>): Promise<T> {
	try {
		return await step(await open());
	} catch (error) {
		throw toStorageError(error);
	}
}

/**
 * The dataset's scenarios, oldest first (by creation, then name). A damaged or unreadable record is
 * skipped so that one bad record cannot stop the app from starting; it stays stored, untouched.
 */
export async function listScenarios(fingerprint: string): Promise<Scenario[]> {
	const records: unknown[] = await storage((db) => db.getAllFromIndex(SCENARIO_STORE, BY_FINGERPRINT, fingerprint));
	const scenarios = records.map((record) => scenarioOfRecord(record, fingerprint)).filter((scenario): scenario is Scenario => scenario !== null);
	return scenarios.sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.name, b.name) || compareText(a.id, b.id));
}

/** Saves (adds or replaces) a scenario of the dataset. Throws StorageQuotaError or StorageUnavailableError. */
export async function saveScenario(fingerprint: string, scenario: Scenario, now: Date = new Date()): Promise<void> {
	const record: StoredScenario = { version: RECORD_VERSION, fingerprint, id: scenario.id, savedAt: now.toISOString(), scenario };
	await storage((db) => db.put(SCENARIO_STORE, record));
}

/** Deletes a scenario; if it was the active one, no scenario is active afterwards. */
export async function deleteScenario(fingerprint: string, id: string): Promise<void> {
	await storage(async (db) => {
		const transaction = db.transaction([SCENARIO_STORE, ACTIVE_STORE], 'readwrite');
		const active = await transaction.objectStore(ACTIVE_STORE).get(fingerprint);
		await transaction.objectStore(SCENARIO_STORE).delete([fingerprint, id]);
		if (active === id) await transaction.objectStore(ACTIVE_STORE).delete(fingerprint);
		await transaction.done;
	});
}

/** The active scenario's id, or null when none is active or it is no longer stored (or its record is damaged). */
export async function getActiveScenarioId(fingerprint: string): Promise<string | null> {
	return storage(async (db) => {
		const id: unknown = await db.get(ACTIVE_STORE, fingerprint);
		if (typeof id !== 'string') return null;
		const record: unknown = await db.get(SCENARIO_STORE, [fingerprint, id]);
		return scenarioOfRecord(record, fingerprint) ? id : null;
	});
}

/** Remembers the active scenario (null: the baseline, no scenario). */
export async function setActiveScenarioId(fingerprint: string, id: string | null): Promise<void> {
	await storage((db) => (id === null ? db.delete(ACTIVE_STORE, fingerprint) : db.put(ACTIVE_STORE, id, fingerprint).then(() => undefined)));
}

/** The scenario of a stored value, checked as thoroughly as an imported file; null when damaged. */
function scenarioOfRecord(value: unknown, fingerprint: string): Scenario | null {
	if (typeof value !== 'object' || value === null) return null;
	const record = value as Partial<StoredScenario>;
	if (record.version !== RECORD_VERSION || record.fingerprint !== fingerprint) return null;
	const problems: ScenarioFileProblem[] = [];
	const scenario = readScenario(record.scenario, problems);
	return scenario && scenario.id === record.id ? scenario : null;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
