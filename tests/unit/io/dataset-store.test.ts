/**
 * The planner's datasets in IndexedDB (fake-indexeddb in Node): each saved under its id and listed; going
 * back to the demo switches (every dataset stays); one can be reopened; deleting removes only that one; the
 * single record of database version 1 is moved, not lost.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, test } from 'vitest';
import type { Dataset } from '$lib/io/dataset';
import { deleteSavedDataset, listSavedDatasets, loadSavedDataset, openSavedDataset, saveDataset, showDemoAtStart } from '$lib/io/persist';

function dataset(id: string, name: string): Dataset {
	return {
		id,
		name,
		nameEn: name,
		facilities: [{ id: 'C1', name: '中心', type: 'centre', subdistrict: '1', lon: 121.44, lat: 31.24, areaM2: 5000, beds: null, status: 'existing', parentId: null }],
		cells: { lon: new Float64Array([121.44]), lat: new Float64Array([31.24]), pop: new Float64Array([100]) },
		cellShape: { kind: 'grid', sizeM: 100 },
		subdistricts: [],
		network: null,
		context: [],
		sources: [{ kind: 'facilities', fileName: `${name}.csv`, loaded: 1, skipped: 0, conversion: null, encoding: 'gb18030', fromDemo: false }]
	};
}

describe('saved datasets', () => {
	test("version 1's single record is moved under its id and still opens at start", async () => {
		const old = await openDB('health-circle', 1, { upgrade: (db) => db.createObjectStore('datasets') });
		await old.put('datasets', { version: 2, savedAt: '2026-12-01T00:00:00.000Z', dataset: dataset('planner-1', '旧数据') }, 'planner');
		old.close();
		expect((await loadSavedDataset())?.dataset.id).toBe('planner-1');
		expect((await listSavedDatasets()).map((entry) => entry.id)).toEqual(['planner-1']);
	});

	test('back to the demo keeps every dataset; each can be reopened; delete removes only the one chosen', async () => {
		await saveDataset(dataset('planner-2', '彭浦设施'), new Date('2026-12-02T00:00:00Z'));
		expect((await loadSavedDataset())?.dataset.name).toBe('彭浦设施');
		expect((await listSavedDatasets()).map((entry) => entry.id)).toEqual(['planner-2', 'planner-1']);

		await showDemoAtStart();
		expect(await loadSavedDataset()).toBeNull();
		const listed = await listSavedDatasets();
		expect(listed.map((entry) => entry.id)).toEqual(['planner-2', 'planner-1']);
		expect(listed[0]).toMatchObject({ name: '彭浦设施', savedAt: '2026-12-02T00:00:00.000Z', sources: [{ fileName: '彭浦设施.csv', encoding: 'gb18030' }] });

		const reopened = await openSavedDataset('planner-2');
		expect(reopened?.dataset.facilities[0].beds).toBeNull();
		expect(Array.from(reopened!.dataset.cells.pop)).toEqual([100]);
		expect((await loadSavedDataset())?.dataset.id).toBe('planner-2');

		await deleteSavedDataset('planner-1');
		expect((await listSavedDatasets()).map((entry) => entry.id)).toEqual(['planner-2']);
		expect((await loadSavedDataset())?.dataset.id).toBe('planner-2');
		// Deleting the one opened at start: the demo opens next time.
		await deleteSavedDataset('planner-2');
		expect(await loadSavedDataset()).toBeNull();
		expect(await openSavedDataset('planner-2')).toBeNull();
	});
});
