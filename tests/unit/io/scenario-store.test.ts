/**
 * The planner's scenarios in IndexedDB (fake-indexeddb in Node): saved, listed per dataset, deleted,
 * the active one remembered; damaged records are skipped; a browser without IndexedDB gets the
 * storage error the UI explains.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { StorageUnavailableError } from '$lib/io/persist';
import type { Scenario } from '$lib/io/scenario-file';
import { ACTIVE_STORE, deleteScenario, getActiveScenarioId, listScenarios, saveScenario, SCENARIO_DB_NAME, SCENARIO_STORE, setActiveScenarioId } from '$lib/io/scenario-store';

const scenario = (id: string, createdAt: string, name = `情景 ${id}`): Scenario => ({
	id,
	name,
	createdAt,
	updatedAt: createdAt,
	edits: [{ kind: 'close', id: 'S1' }, { kind: 'update', id: 'C1', changes: { areaM2: 5200, beds: null } }]
});

/** Writes a raw value straight into the store, as an older or broken version of the app might have. */
async function putRaw(store: typeof SCENARIO_STORE | typeof ACTIVE_STORE, value: unknown, key?: string): Promise<void> {
	const db = await openDB(SCENARIO_DB_NAME);
	await db.put(store, value, key);
	db.close();
}

describe('scenario store', () => {
	it('saves, replaces and lists the scenarios of one dataset only, oldest first', async () => {
		await saveScenario('fp-a', scenario('b', '2026-11-23T02:00:00Z'));
		await saveScenario('fp-a', scenario('a', '2026-11-23T01:00:00Z'));
		await saveScenario('fp-other', scenario('c', '2026-11-23T00:00:00Z'));
		expect((await listScenarios('fp-a')).map((s) => s.id)).toEqual(['a', 'b']);
		const renamed = { ...scenario('b', '2026-11-23T02:00:00Z', '改名'), edits: [] };
		await saveScenario('fp-a', renamed);
		expect(await listScenarios('fp-a')).toEqual([scenario('a', '2026-11-23T01:00:00Z'), renamed]);
		expect((await listScenarios('fp-other')).map((s) => s.id)).toEqual(['c']);
		expect(await listScenarios('fp-none')).toEqual([]);
	});

	it('remembers the active scenario per dataset and forgets it when that scenario is deleted', async () => {
		await saveScenario('fp-b', scenario('x', '2026-11-23T01:00:00Z'));
		await saveScenario('fp-b', scenario('y', '2026-11-23T02:00:00Z'));
		expect(await getActiveScenarioId('fp-b')).toBeNull();
		await setActiveScenarioId('fp-b', 'y');
		expect(await getActiveScenarioId('fp-b')).toBe('y');
		expect(await getActiveScenarioId('fp-a')).toBeNull();
		await deleteScenario('fp-b', 'x');
		expect(await getActiveScenarioId('fp-b')).toBe('y');
		await deleteScenario('fp-b', 'y');
		expect(await getActiveScenarioId('fp-b')).toBeNull();
		expect(await listScenarios('fp-b')).toEqual([]);
		await saveScenario('fp-b', scenario('z', '2026-11-23T03:00:00Z'));
		await setActiveScenarioId('fp-b', 'z');
		await setActiveScenarioId('fp-b', null);
		expect(await getActiveScenarioId('fp-b')).toBeNull();
	});

	it('skips damaged records instead of failing, and keeps the good ones', async () => {
		await saveScenario('fp-c', scenario('good', '2026-11-23T01:00:00Z'));
		await putRaw(SCENARIO_STORE, { version: 1, fingerprint: 'fp-c', id: 'bad-edit', savedAt: 'x', scenario: { ...scenario('bad-edit', 'x'), edits: [{ kind: 'move', id: 'S1' }] } });
		await putRaw(SCENARIO_STORE, { version: 1, fingerprint: 'fp-c', id: 'no-scenario', savedAt: 'x', scenario: 'lost' });
		await putRaw(SCENARIO_STORE, { version: 99, fingerprint: 'fp-c', id: 'future', savedAt: 'x', scenario: scenario('future', 'x') });
		await putRaw(SCENARIO_STORE, { version: 1, fingerprint: 'fp-c', id: 'mismatch', savedAt: 'x', scenario: scenario('other-id', 'x') });
		expect((await listScenarios('fp-c')).map((s) => s.id)).toEqual(['good']);
		await putRaw(ACTIVE_STORE, 'bad-edit', 'fp-c');
		expect(await getActiveScenarioId('fp-c')).toBeNull();
		await putRaw(ACTIVE_STORE, 42, 'fp-c');
		expect(await getActiveScenarioId('fp-c')).toBeNull();
		await putRaw(ACTIVE_STORE, 'gone', 'fp-c');
		expect(await getActiveScenarioId('fp-c')).toBeNull();
	});

	it('without IndexedDB every call fails with StorageUnavailableError', async () => {
		vi.resetModules();
		const saved = globalThis.indexedDB;
		Reflect.deleteProperty(globalThis, 'indexedDB');
		try {
			const store = await import('$lib/io/scenario-store');
			const persist = await import('$lib/io/persist');
			await expect(store.listScenarios('fp')).rejects.toBeInstanceOf(persist.StorageUnavailableError);
			await expect(store.saveScenario('fp', scenario('a', 'x'))).rejects.toBeInstanceOf(persist.StorageUnavailableError);
			await expect(store.setActiveScenarioId('fp', null)).rejects.toThrow(/unavailable/);
		} finally {
			globalThis.indexedDB = saved;
		}
		expect(StorageUnavailableError).toBeDefined();
	});
});
