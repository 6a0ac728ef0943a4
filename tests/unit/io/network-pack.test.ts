import { describe, expect, test } from 'vitest';
import type { NetworkLine } from '$lib/engine/types';
import type { ImportResult, NetworkImport } from '$lib/io/import';
import { isPackedLines, linesOfHighways, linesWithin, packedLineCount, packedPointCount, packedTransferables, packLines, unpackLines } from '$lib/io/network-pack';
import type { ImportWorkerRequest, ImportWorkerResponse } from '$lib/worker/import-messages';
import { ImportClient } from '$lib/worker/import-client';

const LINES: NetworkLine[] = [
	{ coords: [[121.4, 31.2], [121.41, 31.2]], highway: 'footway' },
	{ coords: [[121.5, 31.3], [121.5, 31.31], [121.51, 31.31]], highway: 'residential' },
	{ coords: [[0.1 + 0.2, -33.3], [180, -90]], highway: 'footway' }
];

describe('packed network lines', () => {
	test('round-trip exactly, with one string per highway class', () => {
		const packed = packLines(LINES);
		expect(packed.highways).toEqual(['footway', 'residential']);
		expect(Array.from(packed.offsets)).toEqual([0, 2, 5, 7]);
		expect(packedLineCount(packed)).toBe(3);
		expect(packedPointCount(packed)).toBe(7);
		expect(unpackLines(packed)).toEqual(LINES);
		expect(unpackLines(packLines([]))).toEqual([]);
		expect(packedLineCount(packLines([]))).toBe(0);
	});

	test('survive structured cloning (to a worker, to IndexedDB) and are recognised', () => {
		const cloned = structuredClone(packLines(LINES));
		expect(isPackedLines(cloned)).toBe(true);
		expect(isPackedLines(packLines([]))).toBe(true);
		expect(unpackLines(cloned)).toEqual(LINES);
		expect(isPackedLines({ ...cloned, offsets: new Uint32Array([1, 2, 5, 7]) })).toBe(false);
		expect(isPackedLines({ ...cloned, offsets: new Uint32Array([0, 5, 2, 7]) })).toBe(false);
		expect(isPackedLines({ ...cloned, highways: [1, 2] })).toBe(false);
		expect(isPackedLines(LINES)).toBe(false);
	});

	test('the lines of some highway classes are kept whole and in order; all kept gives the original', () => {
		const lines: NetworkLine[] = [
			{ coords: [[121.4, 31.2], [121.41, 31.2]], highway: 'footway' },
			{ coords: [[121.4, 31.21], [121.41, 31.21], [121.42, 31.22]], highway: 'primary' },
			{ coords: [[121.43, 31.2], [121.44, 31.2]], highway: 'residential' },
			{ coords: [[121.45, 31.2], [121.46, 31.21]], highway: 'tertiary' }
		];
		const packed = packLines(lines);
		expect(unpackLines(linesOfHighways(packed, new Set(['primary', 'tertiary'])))).toEqual([lines[1], lines[3]]);
		expect(linesOfHighways(packed, new Set(['footway', 'primary', 'residential', 'tertiary']))).toBe(packed);
		expect(packedPointCount(linesOfHighways(packed, new Set(['motorway'])))).toBe(0);
	});

	test('the lines near an area are cut out whole, with their classes', () => {
		const packed = packLines(LINES);
		const near = linesWithin(packed, [121.45, 31.25, 121.6, 31.4]);
		expect(unpackLines(near)).toEqual([LINES[1]]);
		expect(isPackedLines(near)).toBe(true);
		// A line that only crosses the box by its extent is kept; everything inside gives the same arrays back.
		expect(unpackLines(linesWithin(packed, [121.405, 31.1, 121.406, 31.3]))).toEqual([LINES[0]]);
		expect(linesWithin(packed, [-180, -90, 180, 90])).toBe(packed);
		expect(packedLineCount(linesWithin(packed, [10, 10, 11, 11]))).toBe(0);
	});

	test('the import client hands the packed network the worker sent to the page as it is', async () => {
		const packed = packLines(LINES);
		const result = { kind: 'network', fileName: 'n.osm.pbf', records: packed, loaded: 3, skipped: 0, problems: [] } as unknown as NetworkImport;
		let transferred: Transferable[] = [];
		class FakeWorker {
			onmessage: ((event: MessageEvent<ImportWorkerResponse>) => void) | null = null;
			onerror: ((event: ErrorEvent) => void) | null = null;
			postMessage(request: ImportWorkerRequest): void {
				transferred = packedTransferables(packed);
				queueMicrotask(() => this.onmessage?.({ data: { kind: 'result', requestId: request.requestId, result } } as MessageEvent<ImportWorkerResponse>));
			}
			terminate(): void {}
		}
		const client = new ImportClient(() => new FakeWorker() as unknown as Worker);
		const file = { name: 'n.osm.pbf', size: 100, arrayBuffer: async () => new ArrayBuffer(100) } as unknown as File;
		const imported: ImportResult = await client.import('network', file, {}, {});
		expect(imported.kind).toBe('network');
		expect(imported.records).toBe(packed);
		expect(transferred).toHaveLength(3);
	});
});
