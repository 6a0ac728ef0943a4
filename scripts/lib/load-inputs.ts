/**
 * Input loading shared by command-line scripts: reads the four canonical files through the same io
 * parsers as the app (text in the encoding the import dialog detects: UTF-8, GBK, Big5, UTF-16), lists
 * rejected rows and warnings on stderr and keeps them for problems.csv, assigns facilities with a blank or unknown
 * sub-district to the polygon that holds them and cells to their sub-district. A file that cannot be
 * used is a UsageError (one line, exit code 2). Networks: GeoJSON (.geojson / .json) only.
 */
import { readFileSync } from 'node:fs';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import type { Facility, NetworkLine, PopulationCells, Subdistrict } from '$lib/engine/types';
import { parseFacilitiesCsv } from '$lib/io/facilities-csv';
import { assignFacilitySubdistricts } from '$lib/io/import/assign-subdistricts';
import { decodeText, detectEncoding } from '$lib/io/import/encoding';
import { FileFormatError, type LoadResult, type RowProblem } from '$lib/io/load-result';
import { parseOsmPbf } from '$lib/io/osm/osm-pbf';
import { parseOsmXml } from '$lib/io/osm/osm-xml';
import { parseNetworkGeoJson } from '$lib/io/network-geojson';
import { parsePopulationCsv } from '$lib/io/population-csv';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';
import { printProblems, problemsOf, UsageError, warn, type CliProblem } from './cli-output';

export { UsageError } from './cli-output';

export interface InputPaths {
	network: string | null;
	facilities: string;
	population: string;
	subdistricts: string;
}

export interface SourceCount {
	file: string;
	loaded: number;
	skipped: number;
}

export interface LoadedInputs {
	facilities: Facility[];
	cells: PopulationCells;
	subdistricts: Subdistrict[];
	network: NetworkLine[] | null;
	/** Sub-district index per cell; -1 = in none. */
	cellSubdistrict: Int32Array;
	sources: Record<'facilities' | 'population' | 'subdistricts', SourceCount> & { network: SourceCount | null };
	/** Every rejected row and warning of the input files, for problems.csv. */
	problems: CliProblem[];
}

export function readInputFile(path: string, flag: string): Buffer {
	try {
		return readFileSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (error as Error).message;
		throw new UsageError(`${flag} ${path}: ${reason}`);
	}
}

/**
 * A text file decoded as the import dialog decodes it (src/lib/io/import/encoding.ts): a GBK or Big5 CSV
 * from Excel on a Chinese Windows reads with its names intact, and a guess that could be wrong is said.
 */
export function readTextFile(path: string, flag: string): string {
	const bytes = new Uint8Array(readInputFile(path, flag));
	const guess = detectEncoding(bytes);
	if (guess.encoding !== 'utf-8' || !guess.confident) warn(`${path}: read as ${guess.encoding}${guess.confident ? '' : ' (a guess: check the names in the outputs)'}`);
	return decodeText(bytes, guess.encoding);
}

/**
 * Runs a reader; a file that cannot be parsed, or that yields nothing, is a one-line error. Rejected rows
 * and warnings are printed (the first ones) and returned with the result for problems.csv.
 */
export function loadFile<R extends LoadResult<unknown> & { warnings?: RowProblem[] }>(path: string, flag: string, read: () => R, isEmpty: (records: R['records']) => boolean): R & { listed: CliProblem[] } {
	let result: R;
	try {
		result = read();
	} catch (error) {
		if (error instanceof FileFormatError) throw new UsageError(`${flag} ${path}: ${error.message}`);
		throw error;
	}
	if (isEmpty(result.records)) {
		const first = result.problems[0];
		throw new UsageError(`${flag} ${path}: no usable records${first ? ` (row ${first.row}${first.field ? `, ${first.field}` : ''}: ${first.reason})` : ''}`);
	}
	const listed = problemsOf(path, result);
	printProblems(path, result.skipped, listed);
	return { ...result, listed };
}

function load<R extends LoadResult<unknown> & { warnings?: RowProblem[] }>(path: string, flag: string, parse: (text: string) => R, isEmpty: (records: R['records']) => boolean): R & { listed: CliProblem[] } {
	return loadFile(path, flag, () => parse(readTextFile(path, flag)), isEmpty);
}

/** A walking network from GeoJSON, OSM XML (.osm) or OSM PBF (.osm.pbf), chosen by the file's ending. */
export function loadNetworkFile(path: string): LoadResult<NetworkLine[]> & { listed: CliProblem[] } {
	const lower = path.toLowerCase();
	const noLines = (lines: NetworkLine[]) => lines.length === 0;
	// The OSM readers refuse damaged files with a FileFormatError and list refused nodes as problems.
	const osm = <Input>(input: Input, parse: (input: Input) => LoadResult<NetworkLine[]>) => () => parse(input);
	if (lower.endsWith('.pbf')) return loadFile(path, '--network', osm(new Uint8Array(readInputFile(path, '--network')), parseOsmPbf), noLines);
	if (lower.endsWith('.osm') || lower.endsWith('.xml')) return loadFile(path, '--network', osm(readInputFile(path, '--network').toString('utf8'), parseOsmXml), noLines);
	if (lower.endsWith('.geojson') || lower.endsWith('.json')) return load(path, '--network', parseNetworkGeoJson, noLines);
	throw new UsageError(`--network ${path}: unknown network format (expected .geojson, .osm or .osm.pbf)`);
}

export function loadInputs(paths: InputPaths): LoadedInputs {
	const facilities = load(paths.facilities, '--facilities', parseFacilitiesCsv, (r) => r.length === 0);
	const population = load(paths.population, '--population', parsePopulationCsv, (r) => r.lon.length === 0);
	const subdistricts = load(paths.subdistricts, '--subdistricts', parseSubdistrictsGeoJson, (r) => r.length === 0);
	let network: (LoadResult<NetworkLine[]> & { listed: CliProblem[] }) | null = null;
	if (paths.network !== null) network = loadNetworkFile(paths.network);
	// Sub-district warnings name the facility's own file row (rows skipped above it do not shift it) and go
	// to stderr and problems.csv like every other warning of the file.
	const assignment = assignFacilitySubdistricts(facilities.records, facilities.rows, subdistricts.records);
	const assignmentWarnings = problemsOf(paths.facilities, { problems: [], warnings: assignment.warnings });
	printProblems(paths.facilities, 0, assignmentWarnings);
	const cells = population.records;
	const count = (file: string, result: LoadResult<unknown>): SourceCount => ({ file, loaded: result.loaded, skipped: result.skipped });
	return {
		facilities: assignment.facilities,
		cells,
		subdistricts: subdistricts.records,
		network: network?.records ?? null,
		cellSubdistrict: assignPointsToPolygons(cells.lon, cells.lat, subdistricts.records),
		sources: {
			facilities: count(paths.facilities, facilities),
			population: count(paths.population, population),
			subdistricts: count(paths.subdistricts, subdistricts),
			network: network && paths.network ? count(paths.network, network) : null
		},
		problems: [...facilities.listed, ...assignmentWarnings, ...population.listed, ...subdistricts.listed, ...(network?.listed ?? [])]
	};
}

/** Terminal width of a string: CJK characters take two columns. */
function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
	return width;
}

function pad(text: string, width: number, alignRight: boolean): string {
	const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
	return alignRight ? fill + text : text + fill;
}

/** A plain-text table with a rule under the header. */
export function formatTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
	const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column]))));
	const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column], rightAligned[column])).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
