import type { Dataset, SourceSummary } from '$lib/io/dataset';
import type { ImportResult } from '$lib/io/import/types';
import { sourceSummary } from '$lib/io/import/source-summary';

/**
 * The dataset with one part replaced by an import (facilities, population, sub-districts or streets).
 * The other parts stay, each marked fromDemo in its source (the data panel and the report's appendix
 * list them), and the name says "partly demo data". It is synthetic — the banner's claim that the
 * facilities are not real — only while the facilities are the demo's: the planner's own inventory on the
 * demo's residents and streets is the planner's analysis, not the demo.
 */
export function withImport(dataset: Dataset, result: ImportResult, now: Date): Dataset {
	const sources: SourceSummary[] = [...dataset.sources.filter((source) => source.kind !== result.kind), sourceSummary(result)];
	const fromDemo = sources.some((source) => source.fromDemo);
	const facilitiesFromDemo = sources.some((source) => source.kind === 'facilities' && source.fromDemo);
	const next: Dataset = {
		...dataset,
		id: `planner-${now.getTime()}`,
		name: fromDemo ? '规划数据（部分为示例数据）' : '规划数据',
		nameEn: fromDemo ? "Planner's data (partly demo data)" : "Planner's data",
		synthetic: facilitiesFromDemo,
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
