import type { Subdistrict } from '$lib/engine/types';
import { isBlank, readResidents, clip } from '../fields';
import { problemAt } from '../load-result';
import { explain, type Explained } from '../problem-codes';
import { makeToWgs84 } from './crs';
import { readGeometry } from './geometry';
import type { OpenedTable } from './open-source';
import { boundaryProblem, overlapWarnings } from '../subdistrict-geometry';
import { cellOf, ProblemList, resolveCrs, resolveMapping, samplePositions, tableImportResult, totalRowProblem, totalRowWord } from './pipeline';
import type { ImportNote, ImportOptions, ProgressCallback, SubdistrictsImport } from './types';

/**
 * Sub-district polygons from GeoJSON, a zipped Shapefile or GeoParquet: name (required), code (the name
 * when there is no code column), English name, census population; geometry converted to WGS84.
 */
export async function subdistrictsFromTable(
	fileName: string,
	opened: OpenedTable & { format: SubdistrictsImport['format'] },
	options: ImportOptions,
	onProgress: ProgressCallback = () => {}
): Promise<SubdistrictsImport> {
	const { source } = opened;
	const mapping = resolveMapping(options.mapping, source, 'subdistricts');
	const resolved = resolveCrs(options.crs, opened.declaredCrs, samplePositions(source.preview, {}), options.crsChosenByPlanner);
	const notes: ImportNote[] = [...resolved.notes];
	if (mapping.code === undefined) notes.push({ key: 'codesFromNames' });
	const toWgs84 = makeToWgs84(resolved.crs);
	const problems = new ProblemList();
	const records: Subdistrict[] = [];
	const firstRowOfCode = new Map<string, number>();
	const rows: number[] = [];
	let rowCount = 0;

	await source.forEachRow(
		(row) => {
			rowCount++;
			const rowProblems: { field: string; problem: Explained }[] = [];
			const name = cellOf(row, mapping, 'name');
			const code = mapping.code === undefined ? name : cellOf(row, mapping, 'code');
			if (isBlank(name)) rowProblems.push({ field: 'name', problem: explain('missing-name') });
			if (isBlank(code)) rowProblems.push({ field: 'code', problem: explain('missing-code') });
			let population: number | null = null;
			const rawPopulation = cellOf(row, mapping, 'population');
			if (!isBlank(rawPopulation)) {
				const parsed = readResidents(rawPopulation, 'subdistrictResidents');
				if (!parsed.ok) rowProblems.push({ field: 'population', problem: parsed });
				else population = parsed.value;
			}
			const geometry = readGeometry(row.geometry, toWgs84);
			if ('reason' in geometry) rowProblems.push({ field: 'geometry', problem: geometry });
			else if (geometry.geometry.type !== 'Polygons') rowProblems.push({ field: 'geometry', problem: explain('subdistrict-not-polygon') });
			const firstRow = firstRowOfCode.get(code);
			if (rowProblems.length === 0 && firstRow !== undefined) {
				rowProblems.push({ field: 'code', problem: explain('duplicate-code', { code: clip(code), firstRow: String(firstRow) }) });
			}
			if (rowProblems.length > 0 || 'reason' in geometry || geometry.geometry.type !== 'Polygons') {
				// A total row ("合计", the summed census population, no boundary) is said to be one, once.
				const totalWord = 'reason' in geometry ? totalRowWord(row, mapping) : null;
				if (totalWord !== null) {
					problems.add(totalRowProblem(row, mapping, explain('total-row-subdistrict', { word: totalWord })));
					return;
				}
				for (const { field, problem } of rowProblems) problems.add(problemAt(row.row, field, problem));
				return;
			}
			const boundary = boundaryProblem(name, geometry.geometry.polygons, row.row);
			if (boundary) {
				problems.add({ ...boundary, name });
				return;
			}
			firstRowOfCode.set(code, row.row);
			const nameEn = cellOf(row, mapping, 'name_en');
			records.push({ code, name, nameEn: isBlank(nameEn) ? name : nameEn, population, polygons: geometry.geometry.polygons });
			rows.push(row.row);
		},
		(fraction) => onProgress('parse', fraction)
	);

	return {
		kind: 'subdistricts',
		...tableImportResult(fileName, opened, resolved, { mapping, records, loaded: records.length, rowCount, problems }),
		warnings: overlapWarnings(records, rows).map((warning) => ({ ...warning, name: records[rows.indexOf(warning.row)]?.name ?? '' })),
		notes
	};
}
