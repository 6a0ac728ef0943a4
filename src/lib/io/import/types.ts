import type { ParcelInput } from '$lib/engine/siting/candidates';
import type { CellShape, Facility, FacilityStatus, FacilityType, MultiPolygonCoords, PopulationCells, Subdistrict } from '$lib/engine/types';
import type { PackedLines } from '../network-pack';
import type { LoadResult, RowProblem } from '../load-result';
import type { ColumnMapping, FieldSpec, TargetField } from './column-mapping';
import type { CrsGuess } from './crs-guess';
import type { CrsId } from './crs';
import type { TextEncodingName } from './encoding';
import type { DatasetKind, ImportFormat } from './formats';
import type { HeaderChoice } from './header-row';
import type { EncodingReport } from './open-source';
import type { ShiftCheck, ShiftContext } from './shift-detection';
import type { CellValue } from './table-source';
import type { ValueMapping } from './value-mapping';

/** What the planner chose in the dialog; everything is optional (the importer then uses what it detected). */
export interface ImportOptions {
	encoding?: TextEncodingName;
	/** XLSX: sheet name. */
	sheet?: string;
	/** CSV / XLSX: the header's row number in the file (1-based); default: detected (titles above it are passed over). */
	headerRow?: number;
	mapping?: ColumnMapping;
	/** The declared coordinate system; default: the file's own declaration, else the guess. */
	crs?: CrsId;
	/** True when `crs` is the planner's own choice in the dialog (recorded in the provenance as such). */
	crsChosenByPlanner?: boolean;
	typeValues?: ValueMapping<FacilityType>;
	statusValues?: ValueMapping<FacilityStatus>;
}

/**
 * A listed problem with what the planner needs to find the row without the file open: the row's name
 * (facility or sub-district) and the cell as written in the column at fault.
 */
export interface ImportProblem extends RowProblem {
	name?: string;
	value?: string;
}

/** The data already loaded, used to assign sub-districts and to check for shifted coordinates. Never modified. */
export type ImportContext = ShiftContext;

export type ImportStage = 'decode' | 'parse' | 'validate' | 'assign' | 'check';
export type ProgressCallback = (stage: ImportStage, fraction: number) => void;

/** A remark for the planner, as an i18n key under "import.note." with its parameters. */
export interface ImportNote {
	key: string;
	params?: Record<string, string | number>;
}

/** Who settled the coordinate system: the planner in the dialog, the file's own declaration, or the importer's guess. */
export type CrsChoice = 'planner' | 'file' | 'detected';

/** What every import reports besides its records (shown in the dialog, kept for the report's appendix). */
export interface ImportSummary {
	fileName: string;
	format: ImportFormat;
	encoding: EncodingReport | null;
	crs: CrsId;
	crsGuess: CrsGuess | null;
	crsChosenBy: CrsChoice;
	/** The conversion applied to the coordinates, e.g. "GCJ-02 → WGS84"; null when none. */
	appliedConversion: string | null;
	mapping: ColumnMapping | null;
	headers: string[];
	/** Rows kept but worth a look (outside the boundaries, sub-district disagreements, quantities left unknown). */
	warnings: ImportProblem[];
	/** Warnings beyond the listed ones (capped like the problems); absent in results saved by older versions. */
	omittedWarnings?: number;
	notes: ImportNote[];
	/** Whether GCJ-02 / BD-09 coordinates seem to have been declared as WGS84; null when not checked. */
	shift: ShiftCheck | null;
	/** Problems beyond the listed ones (the list is capped so that a huge bad file stays displayable). */
	omittedProblems: number;
}

export interface FacilitiesImport extends ImportSummary, LoadResult<Facility[]> {
	kind: 'facilities';
	problems: ImportProblem[];
	typeValues: ValueMapping<FacilityType>;
	statusValues: ValueMapping<FacilityStatus>;
	/** Ids of facilities outside every loaded sub-district. */
	outsideIds: string[];
}

export interface PopulationImport extends ImportSummary, LoadResult<PopulationCells> {
	kind: 'population';
	cellShape: CellShape;
	/** For polygon input: each cell's shape (parallel to the cells); null for point, grid and H3 input. */
	cellPolygons: (MultiPolygonCoords | null)[] | null;
	/** Cells outside every loaded sub-district (null without boundaries). */
	outsideCount: number | null;
	/** Residents in all loaded cells. */
	totalPopulation: number;
}

export interface SubdistrictsImport extends ImportSummary, LoadResult<Subdistrict[]> {
	kind: 'subdistricts';
}

/** The lines are packed as soon as they are read, so that the result crosses to the page as a few buffers. */
export interface NetworkImport extends ImportSummary, LoadResult<PackedLines> {
	kind: 'network';
	/** OSM: each refused node, named by its OSM id. */
	problems: ImportProblem[];
}

/** Candidate parcels for the site-suggestion panel (not a dataset layer: not among the ImportResults). */
export interface ParcelsImport extends ImportSummary, LoadResult<ParcelInput[]> {
	kind: 'parcels';
	problems: ImportProblem[];
	/** The row read as the header (titles above it passed over); null when the source has none. */
	headerRow: number | null;
}

export type ImportResult = FacilitiesImport | PopulationImport | SubdistrictsImport | NetworkImport;

/** Raster facts shown in the dialog before a GeoTIFF is imported. */
export interface RasterInfo {
	width: number;
	height: number;
	bands: number;
	noData: number | null;
	/** Pixel size in the raster's own units (degrees or metres). */
	pixelSize: [number, number];
}

/** What the dialog shows before importing: detected format, encoding, mapping, coordinate system and a preview. */
export interface Inspection {
	kind: DatasetKind;
	fileName: string;
	format: ImportFormat;
	sizeBytes: number;
	encoding: EncodingReport | null;
	sheets: string[] | null;
	sheet: string | null;
	/** CSV / XLSX: the header row chosen, the one detected and the rows the planner may choose instead. */
	header: HeaderChoice | null;
	headers: string[];
	preview: { row: number; cells: CellValue[]; geometryType: string | null }[];
	rowCount: number | null;
	fields: FieldSpec[];
	mapping: ColumnMapping;
	missing: TargetField[];
	crs: CrsId;
	crsGuess: CrsGuess | null;
	/** Facilities: distinct values of the mapped type / status columns with the proposed canonical value. */
	typeValues: ValueMapping<FacilityType> | null;
	statusValues: ValueMapping<FacilityStatus> | null;
	raster: RasterInfo | null;
	notes: ImportNote[];
}
