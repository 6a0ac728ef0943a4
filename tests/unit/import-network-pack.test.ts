import { describe, expect, test } from 'vitest';
import type { NetworkLine } from '$lib/engine/types';
import type { ImportResult, NetworkImport } from '$lib/io/import';
import { packLines, unpackLines } from '$lib/io/network-pack';
import type { ImportWorkerRequest, ImportWorkerResponse } from '$lib/worker/import-messages';
import { ImportClient } from '$lib/worker/import-client';

const LINES: NetworkLine[] = [
	{ coords: [[121.4, 31.2], [121.41, 31.2]], highway: 'footway' },
	{ coords: [[121.5, 31.3], [121.5, 31.31], [121.51, 31.31]], highway: 'residential' },
	{ coords: [[0.1 + 0.2, -33.3], [180, -90]], highway: 'footway' }
];

describe('packed network lines', () => {
	test('round-trip exactly, with one string per highway class', async () => {
		const packed = packLines(LINES);
		expect(packed.highways).toEqual(['footway', 'residential']);
		expect(Array.from(packed.offsets)).toEqual([0, 2, 5, 7]);
		expect(await unpackLines(packed)).toEqual(LINES);
		expect(await unpackLines(packLines([]))).toEqual([]);
	});

	test('rebuilding pauses every slice of lines', async () => {
		const many = Array.from({ length: 1001 }, (_, index) => ({ coords: [[index, 0], [index, 1]] as [number, number][], highway: 'path' }));
		let pauses = 0;
		const rebuilt = await unpackLines(packLines(many), 100, async () => {
			pauses++;
		});
		expect(rebuilt).toEqual(many);
		expect(pauses).toBe(10);
	});

	test('the import client rebuilds a network the worker sent packed', async () => {
		const packed = packLines(LINES);
		const result = { kind: 'network', fileName: 'n.osm.pbf', records: [], loaded: 3, skipped: 0, problems: [] } as unknown as NetworkImport;
		class FakeWorker {
			onmessage: ((event: MessageEvent<ImportWorkerResponse>) => void) | null = null;
			onerror: ((event: ErrorEvent) => void) | null = null;
			postMessage(request: ImportWorkerRequest): void {
				queueMicrotask(() => this.onmessage?.({ data: { kind: 'result', requestId: request.requestId, result, packedLines: packed } } as MessageEvent<ImportWorkerResponse>));
			}
			terminate(): void {}
		}
		const client = new ImportClient(() => new FakeWorker() as unknown as Worker);
		const file = { name: 'n.osm.pbf', size: 100, arrayBuffer: async () => new ArrayBuffer(100) } as unknown as File;
		const imported: ImportResult = await client.import('network', file, {}, {});
		expect(imported.kind).toBe('network');
		expect(imported.records).toEqual(LINES);
	});
});
