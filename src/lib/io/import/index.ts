/** The planner-file importer: bytes in any supported format → validated WGS84 records + a report. */
export { importFile, importFacilities, importNetwork, importParcels, importPopulation, importSubdistricts, formatFor, type ImportRequest } from './import-file';
export { inspectFile, type InspectRequest } from './inspect';
export {
	DATASET_KINDS,
	FORMATS_BY_KIND,
	IMPORT_FORMATS,
	SIZE_LIMITS_BYTES,
	checkFileSize,
	checkFileSizeBeforeReading,
	detectFormat,
	formatFromFileName,
	sizeLimitFor,
	type DatasetKind,
	type ImportFormat,
	type ImportKind
} from './formats';
export { TEXT_ENCODINGS, detectEncoding, decodeText, isTextEncoding, type EncodingGuess, type TextEncodingName } from './encoding';
export { FIELDS_BY_KIND, detectMapping, normaliseHeader, type ColumnMapping, type FieldSpec, type TargetField } from './column-mapping';
export { detectFacilityStatus, detectFacilityType, detectValueMapping, type ValueMapping } from './value-mapping';
export { COMMON_CRS, PROJECTED_DEFINITIONS, conversionLabel, crsLabel, crsFromPrj, isGeographic, makeToWgs84, parseCrs, type CrsId } from './crs';
export { crsChoiceNeeded, guessCrs, type CrsGuess, type CrsGuessReason } from './crs-guess';
export { detectShift, type ShiftCheck, type ShiftEvidence } from './shift-detection';
export { assignFacilitySubdistricts } from './assign-subdistricts';
export { sourceSummary } from './source-summary';
export type { OsmReaders } from './network-import';
export type { EncodingReport } from './open-source';
export { HEADER_SEARCH_ROWS, type HeaderCandidate, type HeaderChoice } from './header-row';
export type {
	CrsChoice,
	FacilitiesImport,
	ImportContext,
	ImportNote,
	ImportOptions,
	ImportResult,
	ImportStage,
	ImportSummary,
	Inspection,
	NetworkImport,
	ParcelsImport,
	PopulationImport,
	ProgressCallback,
	RasterInfo,
	SubdistrictsImport
} from './types';
