/// <reference lib="webworker" />
import { importFile, inspectFile, type ImportResult, type ImportStage, type OsmReaders } from '$lib/io/import';
import { FileFormatError } from '$lib/io/load-result';
import { packedTransferables } from '$lib/io/network-pack';
import type { ImportWorkerRequest, ImportWorkerResponse } from './import-messages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The OSM readers are large and rarely needed: loaded only when a network file is imported. */
let osmReaders: Promise<OsmReaders> | null = null;

function loadOsmReaders(): Promise<OsmReaders> {
	osmReaders ??= (async () => {
		const [{ parseOsmXml }, { parseOsmPbf }] = await Promise.all([import('$lib/io/osm/osm-xml'), import('$lib/io/osm/osm-pbf')]);
		return { osmXml: (text: string) => parseOsmXml(text), osmPbf: (bytes: Uint8Array) => parseOsmPbf(bytes) };
	})();
	return osmReaders;
}

function post(message: ImportWorkerResponse, transfer: Transferable[] = []): void {
	scope.postMessage(message, transfer);
}

/** Typed arrays of population and network results are handed over, not copied (they can be hundreds of MB). */
function transferables(result: ImportResult): Transferable[] {
	if (result.kind === 'network') return packedTransferables(result.records);
	if (result.kind !== 'population') return [];
	return [result.records.lon.buffer, result.records.lat.buffer, result.records.pop.buffer];
}

async function handle(request: ImportWorkerRequest): Promise<void> {
	const { requestId, kind, fileName, options } = request;
	const bytes = new Uint8Array(request.bytes);
	let lastReport = 0;
	const onProgress = (stage: ImportStage, fraction: number) => {
		// At most ~20 messages a second: progress must not flood the main thread.
		const now = performance.now();
		if (now - lastReport < 50 && fraction < 1) return;
		lastReport = now;
		post({ kind: 'progress', requestId, stage, fraction });
	};
	if (request.action === 'inspect') {
		const inspection = await inspectFile({ kind, fileName, bytes, options });
		post({ kind: 'inspected', requestId, inspection });
		return;
	}
	const readers = kind === 'network' ? await loadOsmReaders() : {};
	const result = await importFile({ kind, fileName, bytes, options, context: request.context, osmReaders: readers, onProgress });
	post({ kind: 'result', requestId, result }, transferables(result));
}

scope.onmessage = (event: MessageEvent<ImportWorkerRequest>) => {
	const request = event.data;
	handle(request).catch((error: unknown) => {
		const isFormatError = error instanceof FileFormatError;
		const message = error instanceof Error ? error.message : String(error);
		const coded = error instanceof FileFormatError && error.code ? { code: error.code, params: error.params } : {};
		post({ kind: 'error', requestId: request.requestId, message, isFormatError, ...coded });
	});
};
