import { FileFormatError } from '../load-result';
import { checkFileSize, detectFormat, FORMATS_BY_KIND, type DatasetKind, type ImportFormat, type ImportKind } from './formats';
import { facilitiesFromTable } from './facilities-import';
import { importGeoTiffPopulation } from './geotiff-population';
import { networkFromFeatures, importOsmNetwork, type OsmReaders } from './network-import';
import { openTable } from './open-source';
import { parcelsFromTable } from './parcels-import';
import { populationFromTable } from './population-import';
import { subdistrictsFromTable } from './subdistricts-import';
import type { FacilitiesImport, ParcelsImport, ImportContext, ImportOptions, ImportResult, NetworkImport, PopulationImport, ProgressCallback, SubdistrictsImport } from './types';

export interface ImportRequest {
	kind: DatasetKind;
	fileName: string;
	bytes: Uint8Array;
	options?: ImportOptions;
	context?: ImportContext;
	osmReaders?: OsmReaders;
	onProgress?: ProgressCallback;
}

/** Checks that a recognised format fits the kind of data asked for. */
export function formatFor(kind: ImportKind, fileName: string, bytes: Uint8Array): ImportFormat {
	const format = detectFormat(fileName, bytes);
	if (!FORMATS_BY_KIND[kind].includes(format)) {
		throw new FileFormatError(`a ${format} file cannot be loaded as ${kind}; accepted: ${FORMATS_BY_KIND[kind].join(', ')}`);
	}
	checkFileSize(format, bytes.length);
	return format;
}

/**
 * Reads one planner file into records of one kind. Throws FileFormatError when the file cannot be read at
 * all; otherwise returns the accepted records with every rejected row and why. Pure: the caller decides
 * whether to use the result, so a failed import never disturbs the data already loaded.
 */
export async function importFile(request: ImportRequest): Promise<ImportResult> {
	const { kind, fileName, bytes, options = {}, context = {}, onProgress = () => {} } = request;
	const format = formatFor(kind, fileName, bytes);
	if (kind === 'population' && format === 'geotiff') return importGeoTiffPopulation(fileName, bytes, options, context, onProgress);
	if (kind === 'network' && (format === 'osm-xml' || format === 'osm-pbf')) {
		return importOsmNetwork(fileName, format, bytes, request.osmReaders ?? {}, onProgress);
	}
	onProgress('decode', 0);
	const opened = { ...(await openTable(format, bytes, { encoding: options.encoding, sheet: options.sheet, kind, headerRow: options.headerRow })), format };
	switch (kind) {
		case 'facilities':
			return facilitiesFromTable(fileName, opened, options, context, onProgress);
		case 'population':
			return populationFromTable(fileName, opened, options, context, onProgress);
		case 'subdistricts':
			return subdistrictsFromTable(fileName, opened, options, onProgress);
		case 'network':
			return networkFromFeatures(fileName, opened, options, onProgress);
	}
}

type KindRequest = Omit<ImportRequest, 'kind'>;

/** Candidate parcels (CSV / XLSX) for the site-suggestion panel and the CLI's --candidates, by the same steps as a facility table. */
export async function importParcels(request: Pick<ImportRequest, 'fileName' | 'bytes' | 'options' | 'onProgress'>): Promise<ParcelsImport> {
	const { fileName, bytes, options = {}, onProgress = () => {} } = request;
	const format = formatFor('parcels', fileName, bytes);
	onProgress('decode', 0);
	const opened = await openTable(format, bytes, { encoding: options.encoding, sheet: options.sheet, kind: 'parcels', headerRow: options.headerRow });
	return parcelsFromTable(fileName, { ...opened, format }, options, onProgress);
}

/** Convenience entry points, one per kind, with the specific result type. */
export async function importFacilities(request: KindRequest): Promise<FacilitiesImport> {
	return (await importFile({ ...request, kind: 'facilities' })) as FacilitiesImport;
}

export async function importPopulation(request: KindRequest): Promise<PopulationImport> {
	return (await importFile({ ...request, kind: 'population' })) as PopulationImport;
}

export async function importSubdistricts(request: KindRequest): Promise<SubdistrictsImport> {
	return (await importFile({ ...request, kind: 'subdistricts' })) as SubdistrictsImport;
}

export async function importNetwork(request: KindRequest): Promise<NetworkImport> {
	return (await importFile({ ...request, kind: 'network' })) as NetworkImport;
}
