import { syntheticLayers, type Dataset, type SourceSummary } from '$lib/io/dataset';
import type { ImportResult } from '$lib/io/import/types';
import { sourceSummary } from '$lib/io/import/source-summary';
import { DEMO_DATASET_ID } from '$lib/io/demo-dataset';

/**
 * The dataset with one part replaced by an import (facilities, population, sub-districts or streets).
 * The other parts stay, each still marked fromDemo in its source: the banner, the data panel and every
 * export say per layer which are synthetic (syntheticLayers), and the name says "partly demo data".
 */
export function withImport(dataset: Dataset, result: ImportResult, now: Date): Dataset {
	const sources: SourceSummary[] = [...dataset.sources.filter((source) => source.kind !== result.kind), sourceSummary(result)];
	const fromDemo = syntheticLayers(sources).length > 0;
	const next: Dataset = {
		...dataset,
		// Layers imported into the planner's dataset extend it (one saved entry); the demo is never overwritten.
		id: dataset.id === DEMO_DATASET_ID ? `planner-${now.getTime()}` : dataset.id,
		name: fromDemo ? '规划数据（部分为示例数据）' : '规划数据',
		nameEn: fromDemo ? "Planner's data (partly demo data)" : "Planner's data",
		sources
	};
	switch (result.kind) {
		case 'facilities':
			return { ...next, facilities: result.records };
		case 'population':
			return { ...next, cells: result.records, cellShape: result.cellShape };
		// The demo's context layers (creek, railways, parks) belong to its own geography.
		case 'subdistricts':
			return { ...next, subdistricts: result.records, context: [] };
		case 'network':
			return { ...next, network: result.records, context: [] };
	}
}
