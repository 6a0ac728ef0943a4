import type { CellShape, Facility, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { PackedLines } from './network-pack';

/** Display-only context features of a dataset (water, rail, parks, district outline). */
export interface ContextFeature {
	type: 'Feature';
	geometry: { type: string; coordinates: unknown };
	properties: { kind: 'water' | 'rail' | 'park' | 'district' | string; name?: string };
}

/** What one input file contributed, for the status bar and the report's appendix. */
export interface SourceSummary {
	kind: 'facilities' | 'population' | 'subdistricts' | 'network';
	fileName: string;
	loaded: number;
	skipped: number;
	/** The coordinate conversion applied on import, e.g. "GCJ-02 → WGS84"; null when none. */
	conversion: string | null;
	/** True for the embedded (synthetic) demo's files. */
	fromDemo?: boolean;
}

/** Everything the app analyses: one district's facilities, residents, boundaries and streets. */
export interface Dataset {
	id: string;
	name: string;
	nameEn: string;
	/** True for the generated demo: the UI and reports must say the data is synthetic. */
	synthetic: boolean;
	facilities: Facility[];
	cells: PopulationCells;
	cellShape: CellShape;
	subdistricts: Subdistrict[];
	/** The walking network, packed: never rebuilt as NetworkLine[] on the page (see network-pack.ts). */
	network: PackedLines | null;
	context: ContextFeature[];
	sources: SourceSummary[];
}
