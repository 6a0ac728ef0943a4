import KDBush from 'kdbush';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import type { CellShape, MultiPolygonCoords } from '$lib/engine/types';
import { dropDuplicateCells } from '../duplicate-cells';
import { readResidents as readResidentCount } from '../fields';
import { problemAt } from '../load-result';
import { explain, type Explained } from '../problem-codes';
import type { ColumnMapping } from './column-mapping';
import { makeToWgs84, type CrsId } from './crs';
import { polygonsCentroid, readGeometry } from './geometry';
import type { OpenedTable } from './open-source';
import { cellOf, FloatColumn, formatPosition, NotesBelowTable, ProblemList, resolveCrs, resolveMapping, rowHasPosition, samplePositions, swapPositionColumns, tableImportResult } from './pipeline';
import { makePositionReader, quickNumber } from './position';
import { cellText, type RawRow, type TableSource } from './table-source';
import type { ImportContext, ImportNote, ImportOptions, ImportProblem, PopulationImport, ProgressCallback } from './types';

type H3 = typeof import('h3-js');

/**
 * Population from a table or features: points `lon, lat, pop`, H3 cells `h3, pop` (the cell centre becomes
 * the point), GeoJSON / Shapefile / GeoParquet points, or polygons (area-weighted centroid, shape kept).
 * Rows stream straight into typed arrays, so a CSV of millions of cells never exists as objects.
 */
export async function populationFromTable(
	fileName: string,
	opened: OpenedTable & { format: PopulationImport['format'] },
	options: ImportOptions,
	context: ImportContext,
	onProgress: ProgressCallback = () => {}
): Promise<PopulationImport> {
	const { source } = opened;
	let mapping = resolveMapping(options.mapping, source, 'population');
	const useH3 = mapping.h3 !== undefined && (mapping.lon === undefined || mapping.lat === undefined);
	const resolved = useH3
		? { crs: 'wgs84' as CrsId, guess: null, notes: [] as ImportNote[], chosenBy: 'file' as const }
		: resolveCrs(options.crs, opened.declaredCrs, samplePositions(source.preview, mapping), options.crsChosenByPlanner);
	if (!options.mapping && !options.crs && resolved.guess?.swapped) mapping = swapPositionColumns(mapping);
	const notes = [...resolved.notes];
	const h3 = useH3 ? await import('h3-js') : null;
	const readPosition = makePositionReader(resolved.crs);
	const toWgs84 = makeToWgs84(resolved.crs);

	const lon = new FloatColumn();
	const lat = new FloatColumn();
	const pop = new FloatColumn();
	const rows = new FloatColumn();
	const polygons: (MultiPolygonCoords | null)[] = [];
	let anyPolygon = false;
	let h3Resolution: number | null = null;
	const problems = new ProblemList();
	const notesBelow = new NotesBelowTable(problems, mapping, explain('note-below-table-cell'), (word) => explain('total-row-cell', { word }));
	let rowCount = 0;
	// Where a cell's position comes from: the field its duplicate and outside-the-boundaries rows are listed under.
	const positionField = h3 ? 'h3' : mapping.lon !== undefined && mapping.lat !== undefined ? 'position' : 'geometry';

	await source.forEachRow(
		(row) => {
			rowCount++;
			const hasPosition = rowHasPosition(row, mapping);
			if (hasPosition) notesBelow.sawPosition();
			const residents = readResidents(row, mapping);
			if (!residents.ok) {
				notesBelow.reject(row, hasPosition, [problemAt(row.row, 'pop', residents)]);
				return;
			}
			let position: [number, number];
			let shape: MultiPolygonCoords | null = null;
			if (h3) {
				const cell = readH3Cell(h3, cellOf(row, mapping, 'h3'), h3Resolution);
				if (!cell.ok) {
					notesBelow.reject(row, hasPosition, [problemAt(row.row, 'h3', cell)]);
					return;
				}
				h3Resolution = cell.resolution;
				position = cell.position;
			} else if (mapping.lon !== undefined && mapping.lat !== undefined) {
				const read = readPosition(row.cells[mapping.lon], row.cells[mapping.lat]);
				if (!read.ok) {
					notesBelow.reject(row, hasPosition, [problemAt(row.row, read.field, read)]);
					return;
				}
				position = read.value;
			} else {
				const read = readGeometry(row.geometry, toWgs84);
				if ('reason' in read || read.geometry.type === 'Lines') {
					problems.add(problemAt(row.row, 'geometry', 'reason' in read ? read : explain('cell-is-line')));
					return;
				}
				if (read.geometry.type === 'Point') position = read.geometry.position;
				else {
					shape = read.geometry.polygons;
					position = polygonsCentroid(shape);
					anyPolygon = true;
				}
			}
			lon.push(position[0]);
			lat.push(position[1]);
			pop.push(residents.value);
			rows.push(row.row);
			polygons.push(shape);
		},
		(fraction) => onProgress('parse', fraction)
	);
	notesBelow.finish();

	const cellRows = rows.toArray();
	const distinct = dropDuplicateCells({ lon: lon.toArray(), lat: lat.toArray(), pop: pop.toArray() }, cellRows, positionField);
	const duplicates: ImportProblem[] = distinct.problems.map((problem) => ({ ...problem }));
	problems.addAll(duplicates);
	const cells = distinct.cells;
	const kept = distinct.kept;
	const keptRows = kept ? Float64Array.from(kept, (cell) => cellRows[cell]) : cellRows;
	const cellPolygons = kept ? Array.from(kept, (cell) => polygons[cell]) : polygons;
	const cellShape: CellShape = h3Resolution !== null ? { kind: 'h3', resolution: h3Resolution } : { kind: 'grid', sizeM: estimateSpacingMetres(cells.lon, cells.lat) };
	if (cellShape.kind === 'grid' && !anyPolygon) notes.push({ key: 'cellSizeEstimated', params: { metres: cellShape.sizeM } });

	onProgress('assign', 0);
	const outside = outsideCells(cells.lon, cells.lat, context);
	const outsideCount = outside === null ? null : outside.length;
	// Each row outside every sub-district is listed, like every other row kept with a warning.
	const warnings = new ProblemList();
	for (const cell of outside ?? []) warnings.add({ ...problemAt(keptRows[cell], positionField, explain('cell-outside-subdistricts')), value: formatPosition(cells.lon[cell], cells.lat[cell]) });
	const listedProblems = new Set(problems.items);
	const listed = [...duplicates.filter((problem) => listedProblems.has(problem)), ...warnings.items];
	if (positionField === 'geometry') {
		for (const problem of duplicates) problem.value = String(problem.params?.value ?? '');
	} else {
		onProgress('check', 0);
		await writtenPositions(source, mapping, positionField, listed);
	}

	return {
		kind: 'population',
		...tableImportResult(fileName, opened, resolved, { mapping, records: cells, loaded: cells.lon.length, rowCount, problems }),
		warnings: warnings.sorted(),
		omittedWarnings: warnings.omitted,
		notes,
		cellShape,
		cellPolygons: anyPolygon ? cellPolygons : null,
		outsideCount,
		totalPopulation: sum(cells.pop)
	};
}

function readResidents(row: RawRow, mapping: ColumnMapping): { ok: true; value: number } | ({ ok: false } & Explained) {
	const column = mapping.pop;
	return readResidentCount(column === undefined ? '' : quickNumber(row.cells[column]), 'residentsPerCell');
}

function readH3Cell(
	h3: H3,
	raw: string,
	expectedResolution: number | null
): { ok: true; position: [number, number]; resolution: number } | ({ ok: false } & Explained) {
	const index = raw.trim().toLowerCase();
	if (index === '') return { ok: false, ...explain('h3-missing') };
	if (!h3.isValidCell(index)) return { ok: false, ...explain('h3-invalid', { value: index.slice(0, 20) }) };
	const resolution = h3.getResolution(index);
	if (expectedResolution !== null && resolution !== expectedResolution) {
		return { ok: false, ...explain('h3-mixed-resolution', { resolution: String(resolution), expected: String(expectedResolution) }) };
	}
	const [cellLat, cellLon] = h3.cellToLatLng(index);
	return { ok: true, position: [cellLon, cellLat], resolution };
}

/**
 * Median distance from a cell to its nearest neighbour, over a sample: the grid's cell size for drawing
 * and for the report (rounded to 10 m). 100 m when there are too few cells to tell.
 */
export function estimateSpacingMetres(lon: Float64Array, lat: Float64Array): number {
	const count = lon.length;
	if (count < 2) return 100;
	const index = new KDBush(count);
	const metresPerDegreeLat = 111_195;
	const metresPerDegreeLon = metresPerDegreeLat * Math.cos((lat[0] * Math.PI) / 180);
	for (let cell = 0; cell < count; cell++) index.add(lon[cell] * metresPerDegreeLon, lat[cell] * metresPerDegreeLat);
	index.finish();
	const step = Math.max(1, Math.floor(count / 500));
	const nearest: number[] = [];
	for (let cell = 0; cell < count; cell += step) {
		const x = lon[cell] * metresPerDegreeLon;
		const y = lat[cell] * metresPerDegreeLat;
		for (let radius = 50; radius <= 10_000; radius *= 2) {
			const found = index.within(x, y, radius).filter((other) => other !== cell);
			if (found.length === 0) continue;
			let best = Infinity;
			for (const other of found) {
				const distance = Math.hypot(lon[other] * metresPerDegreeLon - x, lat[other] * metresPerDegreeLat - y);
				if (distance > 0.01 && distance < best) best = distance;
			}
			if (best < Infinity) nearest.push(best);
			break;
		}
	}
	if (nearest.length === 0) return 100;
	nearest.sort((a, b) => a - b);
	return Math.max(10, Math.round(nearest[Math.floor(nearest.length / 2)] / 10) * 10);
}

/** The cells outside every loaded sub-district, by index (null without boundaries). */
function outsideCells(lon: Float64Array, lat: Float64Array, context: ImportContext): number[] | null {
	const subdistricts = context.subdistricts ?? [];
	if (subdistricts.length === 0) return null;
	const inside = assignPointsToPolygons(lon, lat, [...subdistricts]);
	const outside: number[] = [];
	inside.forEach((area, cell) => {
		if (area < 0) outside.push(cell);
	});
	return outside;
}

/**
 * Gives each listed problem the position as written in the file (x, y or the H3 id), read in a second pass
 * over the rows: the first pass keeps only numbers, and only listed rows (a few thousand at most) need text.
 */
async function writtenPositions(source: TableSource, mapping: ColumnMapping, field: 'position' | 'h3', listed: readonly ImportProblem[]): Promise<void> {
	if (listed.length === 0) return;
	const byRow = new Map<number, ImportProblem[]>();
	for (const problem of listed) byRow.set(problem.row, [...(byRow.get(problem.row) ?? []), problem]);
	await source.forEachRow((row) => {
		const waiting = byRow.get(row.row);
		if (!waiting) return;
		const written = field === 'h3' ? cellOf(row, mapping, 'h3') : `${cellText(row.cells[mapping.lon ?? -1])}, ${cellText(row.cells[mapping.lat ?? -1])}`;
		for (const problem of waiting) problem.value = written;
	});
}

function sum(values: Float64Array): number {
	let total = 0;
	for (const value of values) total += value;
	return total;
}
