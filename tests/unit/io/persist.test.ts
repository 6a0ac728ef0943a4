import { describe, expect, test } from 'vitest';
import type { Dataset } from '$lib/io/dataset';
import { packLines } from '$lib/io/network-pack';
import { estimateBytes, fromVersion1, isSavedDataset, loadSavedDataset, saveDataset, StorageQuotaError, StorageUnavailableError, toStorageError } from '$lib/io/persist';

const LINES = [
	{ coords: [[121.44, 31.24], [121.45, 31.24]] as [number, number][], highway: 'residential' },
	{ coords: [[121.45, 31.24], [121.45, 31.25], [121.46, 31.25]] as [number, number][], highway: 'footway' }
];

function dataset(): Dataset {
	return {
		id: 'planner',
		name: '我的数据',
		nameEn: 'My data',
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
		const record = { version: 2, savedAt: '2024-06-11T00:00:00.000Z', dataset: { ...dataset(), network: packLines(LINES) } };
		const cloned = structuredClone(record);
		expect(isSavedDataset(cloned)).toBe(true);
		expect(cloned.dataset.cells.pop).toBeInstanceOf(Float64Array);
		expect(Array.from(cloned.dataset.cells.pop)).toEqual([100, 200]);
		expect(cloned.dataset.network?.coords).toBeInstanceOf(Float64Array);
		expect(cloned.dataset.network).toEqual(packLines(LINES));
	});

	test('a version-1 record (network as lines) is converted, not dropped: an upgrade never loses the planner\'s data', () => {
		const old = structuredClone({ version: 1, savedAt: '2024-06-11T00:00:00.000Z', dataset: { ...dataset(), network: LINES } });
		const converted = fromVersion1(old);
		expect(converted?.version).toBe(2);
		expect(converted && isSavedDataset(converted)).toBe(true);
		expect(converted?.dataset.network).toEqual(packLines(LINES));
		expect(converted?.dataset.facilities).toEqual(dataset().facilities);
		expect(fromVersion1({ ...old, dataset: { ...old.dataset, network: [{ highway: 'x', coords: ['east'] }] } })).toBeNull();
		expect(fromVersion1({ ...old, version: 2 })).toBeNull();
	});

	test('old or damaged records are not trusted', () => {
		const good = { version: 2, savedAt: 'x', dataset: dataset() };
		expect(isSavedDataset(good)).toBe(true);
		expect(isSavedDataset({ ...good, version: 0 })).toBe(false);
		// Version 1 kept the network as NetworkLine[]: treated as absent, never half-read.
		expect(isSavedDataset({ ...good, version: 1, dataset: { ...good.dataset, network: LINES } })).toBe(false);
		expect(isSavedDataset({ ...good, dataset: { ...good.dataset, network: LINES } })).toBe(false);
		const packed = packLines(LINES);
		expect(isSavedDataset({ ...good, dataset: { ...good.dataset, network: { ...packed, offsets: new Uint32Array([0, 2, 9]) } } })).toBe(false);
		expect(isSavedDataset({ ...good, dataset: { ...good.dataset, network: { ...packed, highwayIndex: new Uint32Array([0, 5]) } } })).toBe(false);
		expect(isSavedDataset({ ...good, dataset: { ...good.dataset, network: { ...packed, coords: Array.from(packed.coords) } } })).toBe(false);
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

	test('the size estimate counts the packed network by its buffers, not as JSON', () => {
		const withNetwork = { ...dataset(), network: packLines(LINES) };
		const buffers = 5 * 2 * 8 + 3 * 4 + 2 * 4;
		const highwaysJson = JSON.stringify(['residential', 'footway']).length - 'null'.length;
		expect(estimateBytes(withNetwork) - estimateBytes(dataset())).toBe(buffers + highwaysJson * 2);
	});
});
