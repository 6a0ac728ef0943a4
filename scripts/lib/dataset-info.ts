/**
 * What the CLI's outputs say about their inputs (the gap report's dataset and provenance, the lines above
 * suggest's sites.csv): the dataset's name and each layer's source, with the demo's manifest.json when the
 * facilities file sits beside one.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SourceSummary } from '$lib/io/dataset';
import type { ReportDatasetInfo } from '$lib/report/model';
import { readInputFile, type LoadedInputs } from './load-inputs';

export interface Manifest {
	name?: unknown;
	name_en?: unknown;
	synthetic?: unknown;
	files?: Partial<Record<SourceSummary['kind'], unknown>>;
	population_cell?: { kind?: unknown; size_m?: unknown; resolution?: unknown };
}

/** The demo's manifest.json next to the facilities file, if there is one and it parses. */
export function readManifest(facilitiesPath: string): Manifest | null {
	const path = join(dirname(facilitiesPath), 'manifest.json');
	if (!existsSync(path)) return null;
	try {
		const manifest: unknown = JSON.parse(readInputFile(path, 'manifest').toString('utf8'));
		return typeof manifest === 'object' && manifest !== null ? (manifest as Manifest) : null;
	} catch {
		return null;
	}
}

/** A file is the synthetic demo's when a synthetic manifest in its own folder names it for that layer (provenance is per layer). */
function isDemoFile(kind: SourceSummary['kind'], file: string, manifest: Manifest | null, manifestFolder: string): boolean {
	return manifest?.synthetic === true && resolve(dirname(file)) === manifestFolder && manifest.files?.[kind] === basename(file);
}

/** The dataset as the report and the CLI's other outputs describe it: its name (--dataset-name, the manifest's or the folder's) and each layer's source. */
export function datasetInfo(facilitiesPath: string, datasetName: string | null, inputs: LoadedInputs, manifest: Manifest | null): ReportDatasetInfo {
	const manifestFolder = resolve(dirname(facilitiesPath));
	const folder = basename(dirname(resolve(facilitiesPath)));
	const name = datasetName ?? (typeof manifest?.name === 'string' ? manifest.name : folder);
	const nameEn = datasetName ?? (typeof manifest?.name_en === 'string' ? manifest.name_en : name);
	const source = (kind: SourceSummary['kind'], count: { file: string; loaded: number; skipped: number }): SourceSummary => ({
		kind,
		fileName: basename(count.file),
		loaded: count.loaded,
		skipped: count.skipped,
		// The canonical files are WGS84: the CLI converts nothing.
		conversion: null,
		fromDemo: isDemoFile(kind, count.file, manifest, manifestFolder)
	});
	const { sources } = inputs;
	return {
		name,
		nameEn,
		sources: [
			source('facilities', sources.facilities),
			source('population', sources.population),
			source('subdistricts', sources.subdistricts),
			...(sources.network ? [source('network', sources.network)] : [])
		]
	};
}
