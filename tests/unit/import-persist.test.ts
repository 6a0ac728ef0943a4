import { describe, expect, test } from 'vitest';
import type { Dataset } from '../../src/lib/io/dataset';
import { estimateBytes, isSavedDataset, loadSavedDataset, saveDataset, StorageQuotaError, StorageUnavailableError, toStorageError } from '../../src/lib/io/persist';

function dataset(): Dataset {
	return {
		id: 'planner',
		name: '我的数据',
		nameEn: 'My data',
		synthetic: false,
		facilities: [{ id: 'C1', name: '中心', type: 'centre', subdistrict: '1', lon: 121.44, lat: 31.24, areaM2: 5000, beds: 100, status: 'existing', parentId: null }],
		cells: { lon: new Float64Array([121.44, 121.45]), lat: new Float64Array([31.24, 31.25]), pop: new Float64Array([100, 200]) },
		cellShape: { kind: 'grid', sizeM: 100 },
		subdistricts: [],
		network: null,
		context: [],
		sources: [{ kind: 'facilities', fileName: 'f.csv', loaded: 1, skipped: 0, conversion: 'GCJ-02 → WGS84' }]
	};
}

describe('persistence of the planner dataset', () => {
	test('a saved record survives structured cloning (what IndexedDB does) and is recognised', () => {
		const record = { version: 1, savedAt: '2024-06-11T00:00:00.000Z', dataset: dataset() };
		const cloned = structuredClone(record);
		expect(isSavedDataset(cloned)).toBe(true);
		expect(cloned.dataset.cells.pop).toBeInstanceOf(Float64Array);
		expect(Array.from(cloned.dataset.cells.pop)).toEqual([100, 200]);
	});

	test('old or damaged records are not trusted', () => {
		const good = { version: 1, savedAt: 'x', dataset: dataset() };
		expect(isSavedDataset({ ...good, version: 0 })).toBe(false);
		expect(isSavedDataset({ ...good, dataset: { ...good.dataset, cells: { lon: [1], lat: [2], pop: [3] } } })).toBe(false);
		expect(isSavedDataset({ ...good, dataset: { ...good.dataset, cells: { lon: new Float64Array(2), lat: new Float64Array(1), pop: new Float64Array(2) } } })).toBe(false);
		expect(isSavedDataset(null)).toBe(false);
		expect(isSavedDataset('dataset')).toBe(false);
	});

	test('browser errors become the two errors the UI explains', () => {
		expect(toStorageError(new DOMException('full', 'QuotaExceededError'), 1234)).toBeInstanceOf(StorageQuotaError);
		expect((toStorageError(new DOMException('full', 'QuotaExceededError'), 1234) as StorageQuotaError).neededBytes).toBe(1234);
		expect(toStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBeInstanceOf(StorageQuotaError);
		expect(toStorageError(new DOMException('blocked', 'SecurityError'))).toBeInstanceOf(StorageUnavailableError);
		const other = new TypeError('bug');
		expect(toStorageError(other)).toBe(other);
	});

	test('without IndexedDB (Node, some private windows) saving and loading fail with a clear error', async () => {
		await expect(saveDataset(dataset())).rejects.toBeInstanceOf(StorageUnavailableError);
		await expect(loadSavedDataset()).rejects.toThrow(/unavailable/);
	});

	test('the size estimate counts the cell arrays exactly', () => {
		const small = estimateBytes(dataset());
		const big = dataset();
		big.cells = { lon: new Float64Array(1000), lat: new Float64Array(1000), pop: new Float64Array(1000) };
		expect(estimateBytes(big) - small).toBe(3 * 8 * (1000 - 2));
	});
});
