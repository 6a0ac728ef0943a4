import type { CellShape, Facility, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { PackedLines } from './network-pack';

/** Display-only context features of a dataset (water, rail, parks, district outline). */
export interface ContextFeature {
	type: 'Feature';
	geometry: { type: string; coordinates: unknown };
	properties: { kind: 'water' | 'rail' | 'park' | 'district' | string; name?: string };
}

/** The four input layers of a dataset. */
export const LAYER_KINDS = ['facilities', 'population', 'subdistricts', 'network'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** What one input layer is made of (its provenance), for the banner, the data panel and every export. */
export interface SourceSummary {
	kind: LayerKind;
	fileName: string;
	loaded: number;
	skipped: number;
	/** The coordinate conversion applied on import, e.g. "GCJ-02 → WGS84"; null when none. */
	conversion: string | null;
	/**
	 * The file's coordinate system and who settled it: the planner in the import dialog, the file's own
	 * declaration, or the values (a sure guess). Absent for the demo and for datasets saved by older versions.
	 */
	coordinateSystem?: { label: string; chosenBy: 'planner' | 'file' | 'detected' };
	/** The text encoding the file was read in (e.g. "gb18030"); null or absent for binary formats and the demo. */
	encoding?: string | null;
	/** True for the embedded synthetic demo's layers: they are not real data. */
	fromDemo?: boolean;
}

/** The layers still made of the synthetic demo, in layer order: the one source of every "synthetic" statement. */
export function syntheticLayers(sources: readonly SourceSummary[]): LayerKind[] {
	return LAYER_KINDS.filter((kind) => sources.some((source) => source.kind === kind && source.fromDemo === true));
}

/** Everything the app analyses: one district's facilities, residents, boundaries and streets. */
export interface Dataset {
	id: string;
	name: string;
	nameEn: string;
	facilities: Facility[];
	cells: PopulationCells;
	cellShape: CellShape;
	subdistricts: Subdistrict[];
	/** The walking network, packed: never rebuilt as NetworkLine[] on the page (see network-pack.ts). */
	network: PackedLines | null;
	context: ContextFeature[];
	/** One per layer: which are the synthetic demo's (syntheticLayers) and which the planner's files. */
	sources: SourceSummary[];
}
