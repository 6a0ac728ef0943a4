import type { NetworkLine } from '$lib/engine/types';
import { FileFormatError, problemAt, type LoadResult } from '../load-result';
import { packLines } from '../network-pack';
import { explain } from '../problem-codes';
import { makeToWgs84 } from './crs';
import { decodeText, detectEncoding } from './encoding';
import { readGeometry } from './geometry';
import type { OpenedTable } from './open-source';
import { ProblemList, resolveCrs, samplePositions, tableImportResult } from './pipeline';
import type { ImportOptions, ImportProblem, NetworkImport, ProgressCallback } from './types';

/** Lines read from OpenStreetMap; skipped = nodes refused, each in problems (beyond MAX_LISTED_PROBLEMS only counted). */
export type OsmLoadResult = LoadResult<NetworkLine[]> & { problems: ImportProblem[]; omittedProblems?: number };

/**
 * OpenStreetMap readers, written elsewhere (src/lib/io/osm/): they return WGS84 walkable lines. Passed in
 * by the caller so that this module does not depend on them being present.
 */
export interface OsmReaders {
	osmXml?: (text: string) => OsmLoadResult | Promise<OsmLoadResult>;
	osmPbf?: (bytes: Uint8Array) => OsmLoadResult | Promise<OsmLoadResult>;
}

/** A walking network from GeoJSON lines (any declared CRS; `highway` kept when present). */
export async function networkFromFeatures(
	fileName: string,
	opened: OpenedTable & { format: NetworkImport['format'] },
	options: ImportOptions,
	onProgress: ProgressCallback = () => {}
): Promise<NetworkImport> {
	const { source } = opened;
	const resolved = resolveCrs(options.crs, opened.declaredCrs, samplePositions(source.preview, {}), options.crsChosenByPlanner);
	const toWgs84 = makeToWgs84(resolved.crs);
	const highwayColumn = source.headers.findIndex((header) => header.toLowerCase() === 'highway');
	const problems = new ProblemList();
	const records: NetworkLine[] = [];
	let rowCount = 0;
	let loadedRows = 0;
	await source.forEachRow(
		(row) => {
			rowCount++;
			const read = readGeometry(row.geometry, toWgs84);
			if ('reason' in read || read.geometry.type !== 'Lines') {
				problems.add(problemAt(row.row, 'geometry', 'reason' in read ? read : explain('not-a-line', { type: String(row.geometry?.type ?? 'no geometry').slice(0, 30) })));
				return;
			}
			const rawHighway = highwayColumn >= 0 ? row.cells[highwayColumn] : null;
			const highway = typeof rawHighway === 'string' && rawHighway.trim() !== '' ? rawHighway.trim() : 'unknown';
			for (const line of read.geometry.lines) records.push({ coords: line, highway });
			loadedRows++;
		},
		(fraction) => onProgress('parse', fraction)
	);
	return {
		kind: 'network',
		...tableImportResult(fileName, opened, resolved, { mapping: null, records: packLines(records), loaded: loadedRows, rowCount, problems })
	};
}

/** A walking network from OpenStreetMap (.osm XML or .osm.pbf); OSM is WGS84 by definition. */
export async function importOsmNetwork(
	fileName: string,
	format: 'osm-xml' | 'osm-pbf',
	bytes: Uint8Array,
	readers: OsmReaders,
	onProgress: ProgressCallback = () => {}
): Promise<NetworkImport> {
	onProgress('parse', 0);
	let result: OsmLoadResult;
	if (format === 'osm-pbf') {
		if (!readers.osmPbf) throw new FileFormatError('reading .osm.pbf files is not available in this build');
		result = await readers.osmPbf(bytes);
	} else {
		if (!readers.osmXml) throw new FileFormatError('reading .osm XML files is not available in this build');
		result = await readers.osmXml(decodeText(bytes, detectEncoding(bytes).encoding));
	}
	onProgress('parse', 1);
	return {
		kind: 'network',
		fileName,
		format,
		encoding: null,
		crs: 'wgs84',
		crsGuess: null,
		// OpenStreetMap is WGS84 by definition.
		crsChosenBy: 'file',
		appliedConversion: null,
		mapping: null,
		headers: [],
		...result,
		records: packLines(result.records),
		omittedProblems: result.omittedProblems ?? 0,
		warnings: [],
		notes: [],
		shift: null
	};
}
