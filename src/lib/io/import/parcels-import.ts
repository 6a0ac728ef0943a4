import type { ParcelInput } from '$lib/engine/siting/candidates';
import { duplicateId } from '../facility-record';
import { FileFormatError, problemAt } from '../load-result';
import { explain } from '../problem-codes';
import type { ColumnMapping } from './column-mapping';
import type { OpenedTable } from './open-source';
import { cellOf, labelProblem, NotesBelowTable, ProblemList, resolveCrs, resolveMapping, rowHasPosition, samplePositions, swapPositionColumns, tableImportResult } from './pipeline';
import { makePositionReader } from './position';
import type { ImportOptions, ParcelsImport, ProgressCallback } from './types';

/**
 * Candidate parcels for site suggestion from a CSV or XLSX table, through the importer's own steps: the
 * header found under any title rows, the columns mapped (name, id, lon, lat), the coordinate system declared
 * by the planner or guessed and every position converted to WGS84, totals rows and notes below the table
 * listed as such, and every rejected row listed with its row number and reason. A repeated id rejects the
 * later row (the id names the site once it is applied).
 */
export async function parcelsFromTable(
	fileName: string,
	opened: OpenedTable & { format: ParcelsImport['format'] },
	options: ImportOptions,
	onProgress: ProgressCallback = () => {}
): Promise<ParcelsImport> {
	const { source } = opened;
	let mapping = parcelMapping(fileName, source, options.mapping);
	const resolved = resolveCrs(options.crs, opened.declaredCrs, samplePositions(source.preview, mapping), options.crsChosenByPlanner);
	if (!options.mapping && !options.crs && resolved.guess?.swapped) mapping = swapPositionColumns(mapping);
	const readPosition = makePositionReader(resolved.crs);
	const problems = new ProblemList();
	const notesBelow = new NotesBelowTable(problems, mapping, explain('note-below-table-parcel'), (word) => explain('total-row-parcel', { word }));
	const records: ParcelInput[] = [];
	const firstRowOfId = new Map<string, number>();
	let rowCount = 0;

	await source.forEachRow(
		(row) => {
			rowCount++;
			const hasPosition = rowHasPosition(row, mapping);
			const position = readPosition(cellOf(row, mapping, 'lon'), cellOf(row, mapping, 'lat'));
			if (!position.ok) {
				notesBelow.reject(row, hasPosition, [labelProblem(problemAt(row.row, position.field, position), row, mapping)]);
				return;
			}
			notesBelow.sawPosition();
			const id = cellOf(row, mapping, 'id');
			const firstRow = id === '' ? undefined : firstRowOfId.get(id);
			if (firstRow !== undefined) {
				problems.add(labelProblem(problemAt(row.row, 'id', duplicateId(id, firstRow)), row, mapping));
				return;
			}
			if (id !== '') firstRowOfId.set(id, row.row);
			records.push({ lon: position.value[0], lat: position.value[1], name: cellOf(row, mapping, 'name'), id: id === '' ? null : id, row: row.row });
		},
		(fraction) => onProgress('parse', fraction)
	);
	notesBelow.finish();

	return {
		kind: 'parcels',
		...tableImportResult(fileName, opened, resolved, { mapping, records, loaded: records.length, rowCount, problems }),
		headerRow: source.header?.row ?? null,
		notes: resolved.notes
	};
}

/** The mapping; the only columns a parcel file must have are its position's, so a missing one is said as such. */
function parcelMapping(fileName: string, source: OpenedTable['source'], requested: ColumnMapping | undefined): ColumnMapping {
	try {
		return resolveMapping(requested, source, 'parcels');
	} catch (error) {
		if (!(error instanceof FileFormatError)) throw error;
		throw new FileFormatError(`${fileName}: needs a longitude and a latitude column (lon/lat, 经度/纬度); ${error.message}`, 'no-lon-lat');
	}
}
