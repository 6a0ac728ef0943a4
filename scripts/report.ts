/**
 * The gap report from the command line, with the same engine and SQL as the app:
 *
 *   npm run report -- --network FILE --facilities FILE --population FILE --subdistricts FILE
 *     [--mode walk|elderly|cycle] [--minutes 15] [--types ...] [--max-snap 300] [--profile FILE]
 *     [--service-population administrative|catchment] [--statuses ...]
 *     --format xlsx|csv|geojson [--lang zh-CN|en] [--dataset-name NAME] [--cell-size METRES] [--date ISO] --out FILE
 *
 * The indicator options are those of `npm run indicators` (scripts/lib/indicator-run.ts). The format
 * may be left out when --out ends in .xlsx, .csv or .geojson. A manifest.json next to the facilities
 * file (the demo has one) gives the dataset's name, whether it is synthetic and the population cell
 * size; otherwise the name is the folder's and the cell size is estimated from the cell spacing.
 * Bad input: one line on stderr, exit code 2.
 *
 * With --scenario FILE the report is the scenario's (its tables, maps and centres) with the baseline
 * beside it in the scenario comparison, as the app exports it with a scenario active.
 */
import { writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { CellShape } from '$lib/engine/types';
import { estimateSpacingMetres } from '$lib/io/import/population-import';
import { gapReportToCsv } from '$lib/report/csv';
import { gapReportToGeoJson } from '$lib/report/geojson';
import { buildGapReport } from '$lib/report/model';
import { isReportLanguage, REPORT_LANGUAGES, type ReportLanguage } from '$lib/report/translate';
import { gapReportToXlsx } from '$lib/report/xlsx';
import { loadInputs, UsageError, type LoadedInputs } from './lib/load-inputs';
import { datasetInfo, readManifest, type Manifest } from './lib/dataset-info';
import { readArgs, runCli, writeProblems } from './lib/cli-output';
import {
	countedFacilities,
	countedOf,
	INDICATOR_ARG_OPTIONS,
	INDICATOR_USAGE,
	prepareEngineNetwork,
	queryIndicators,
	readIndicatorOptions,
	readNumber,
	requiredOption,
	runEngine,
	textOption,
	type IndicatorRunOptions
} from './lib/indicator-run';
import { applyScenario, loadScenarioFile } from './lib/scenario-input';

const FORMATS = ['xlsx', 'csv', 'geojson'] as const;
type ReportFormat = (typeof FORMATS)[number];

const USAGE = `usage: npm run report -- ${INDICATOR_USAGE} --format xlsx|csv|geojson [--lang zh-CN|en] [--dataset-name NAME] [--cell-size METRES] [--date ISO] --out FILE`;

interface ReportOptions extends IndicatorRunOptions {
	format: ReportFormat;
	language: ReportLanguage;
	out: string;
	datasetName: string | null;
	cellSizeM: number | null;
	generatedAt: Date;
}

function readFormat(values: Record<string, string | boolean | undefined>, out: string): ReportFormat {
	const given = textOption(values, 'format');
	const fromExtension = extname(out).slice(1).toLowerCase();
	const format = given ?? (fromExtension === 'json' ? 'geojson' : fromExtension);
	if (!(FORMATS as readonly string[]).includes(format)) {
		throw new UsageError(given === null ? `missing --format (xlsx, csv or geojson; not told by the --out extension "${extname(out)}")` : `--format: "${given}" is not one of ${FORMATS.join(', ')}`);
	}
	return format as ReportFormat;
}

function readOptions(argv: string[]): ReportOptions {
	const values = readArgs(
		argv,
		{
			...INDICATOR_ARG_OPTIONS,
			format: { type: 'string' },
			lang: { type: 'string', default: 'zh-CN' },
			'dataset-name': { type: 'string' },
			'cell-size': { type: 'string' },
			date: { type: 'string' },
			out: { type: 'string' }
		},
		USAGE
	);
	const indicatorOptions = readIndicatorOptions(values);
	const out = requiredOption(values, 'out');
	const language = String(values.lang);
	if (!isReportLanguage(language)) throw new UsageError(`--lang: "${language}" is not one of ${REPORT_LANGUAGES.join(', ')}`);
	const cellSize = textOption(values, 'cell-size');
	const cellSizeM = cellSize === null ? null : readNumber(cellSize, '--cell-size');
	if (cellSizeM === 0) throw new UsageError('--cell-size: must be more than 0 metres');
	const dateText = textOption(values, 'date');
	const generatedAt = dateText === null ? new Date() : new Date(dateText);
	if (Number.isNaN(generatedAt.getTime())) throw new UsageError(`--date: "${dateText}" is not a date (ISO 8601, e.g. 2026-11-23T10:00:00+08:00)`);
	return { ...indicatorOptions, format: readFormat(values, out), language, out, datasetName: textOption(values, 'dataset-name'), cellSizeM, generatedAt };
}

function cellShape(options: ReportOptions, inputs: LoadedInputs, manifest: Manifest | null): CellShape {
	if (options.cellSizeM !== null) return { kind: 'grid', sizeM: options.cellSizeM };
	const cell = manifest?.population_cell;
	if (cell?.kind === 'grid' && typeof cell.size_m === 'number' && cell.size_m > 0) return { kind: 'grid', sizeM: cell.size_m };
	if (cell?.kind === 'h3' && typeof cell.resolution === 'number') return { kind: 'h3', resolution: cell.resolution };
	return { kind: 'grid', sizeM: estimateSpacingMetres(inputs.cells.lon, inputs.cells.lat) };
}

async function main(): Promise<void> {
	const options = readOptions(process.argv.slice(2));
	const inputs = loadInputs(options);
	const scenario = options.scenario ? loadScenarioFile(options.scenario, inputs) : null;
	const manifest = readManifest(options.facilities);
	const network = prepareEngineNetwork(inputs, options);
	const baselineFacilities = countedFacilities(inputs, options);
	const baselineRuns = runEngine(inputs, baselineFacilities, options, network);
	const baseline = await queryIndicators(inputs, baselineFacilities, options, baselineRuns);
	// With a scenario the report shows the scenario's figures and keeps the baseline for the comparison.
	const scenarioFacilities = scenario ? applyScenario(inputs.facilities, scenario, inputs.subdistricts) : [];
	const facilities = scenario ? countedOf(scenarioFacilities, options) : baselineFacilities;
	const runs = scenario ? runEngine(inputs, facilities, options, network) : baselineRuns;
	const indicators = scenario ? await queryIndicators(inputs, facilities, options, runs) : baseline;
	const report = buildGapReport({
		language: options.language,
		generatedAt: options.generatedAt,
		dataset: datasetInfo(options.facilities, options.datasetName, inputs, manifest),
		profile: options.profile,
		coverageParams: runs.coverage.params,
		approximate: runs.coverage.approximate,
		servicePopulation: options.servicePopulation,
		statusesCounted: options.statuses,
		rows: indicators.subdistricts,
		district: indicators.district,
		centres: indicators.centres,
		scenario: scenario ? { name: scenario.name, baselineRows: baseline.subdistricts, baselineDistrict: baseline.district, edits: scenario.edits, baselineFacilities: inputs.facilities, facilities: scenarioFacilities } : null
	});
	let content: string | Uint8Array;
	if (options.format === 'xlsx') content = await gapReportToXlsx(report);
	else if (options.format === 'csv') content = gapReportToCsv(report);
	else {
		const uncovered = { cells: inputs.cells, shape: cellShape(options, inputs, manifest), cellSubdistrict: inputs.cellSubdistrict, covered: runs.coverage.covered };
		content = JSON.stringify(gapReportToGeoJson(report, inputs.subdistricts, uncovered)) + '\n';
	}
	try {
		writeFileSync(options.out, content);
		// Rejected rows and warnings of the inputs beside the report (the report's appendix gives the counts).
		writeProblems(dirname(options.out), inputs.problems);
	} catch (error) {
		throw new UsageError(`--out ${options.out}: cannot write (${(error as Error).message})`);
	}
	console.log(`wrote ${options.out} (${options.format}, ${options.language}; ${report.rows.length} sub-districts${report.synthetic ? '; synthetic demo data' : ''}${report.approximate ? '; straight-line approximation' : ''})`);
}

runCli(main);
