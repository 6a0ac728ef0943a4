/**
 * Suggested new sites from the command line, with the same engine as the app's "选址建议" panel:
 *
 *   npm run suggest -- <inputs as for indicators> --k 5 | --target-pct 90|all
 *     [--grid 150] [--candidates FILE.csv|.xlsx] [--candidates-crs wgs84|gcj02|bd09|EPSG:n] [--existing] [--exclude FILE.geojson]
 *     [--min-spacing 0] [--max-per-subdistrict n] [--min-per-subdistrict n] [--site-type station|centre]
 *     [--weight-column pop65] [--no-exact] [--time-limit 60] [--lang zh-CN|en] [--dataset-name NAME] --out DIR
 *
 * --k: MCLP, the k new sites that newly cover the most residents (existing facilities fixed).
 * --target-pct: LSCP, the fewest new sites so that the share of residents covered reaches the target.
 * Lazy greedy + swap gives the sites (the app gives the same ones); unless --no-exact, HiGHS solves
 * the exact MILP when it fits and the gap to the optimum is reported. Writes DIR/sites.csv,
 * DIR/sites.geojson, DIR/scenario.json (a scenario file for `--scenario` and the app's import) and
 * DIR/summary.json. sites.csv says above its header what the sites were computed from (dataset, threshold,
 * date, synthetic layers, each layer's source), with the app's suggested-sites CSV's lines, in --lang. Bad input: one line on stderr naming the file, exit code 2.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { computeCoverage } from '$lib/engine/coverage';
import type { ParcelInput } from '$lib/engine/siting/candidates';
import { suggestionEdits } from '$lib/engine/siting/edits';
import { everyGroup, type SitingConstraints } from '$lib/engine/siting/instance';
import { PROPOSABLE_TYPES, type ProposableType } from '$lib/engine/siting/site-types';
import { buildSitingProblem, solveSiting, type SitingQuestion } from '$lib/engine/siting/suggest';
import type { MultiPolygonCoords } from '$lib/engine/types';
import { readCsvTable } from '$lib/io/csv-table';
import { serializeScenario, type Scenario } from '$lib/io/scenario-file';
import type { LoadResult } from '$lib/io/load-result';
import { readExcludedFile, readParcelFile } from '$lib/io/siting-files';
import { crsLabel, parseCrs, type CrsId } from '$lib/io/import/crs';
import { crsChoiceNeeded } from '$lib/io/import/crs-guess';
import { loadLpSolve } from './lib/highs-solver';
import { INDICATOR_ARG_OPTIONS, INDICATOR_USAGE, prepareEngineNetwork, readIndicatorOptions, readNumber, requiredOption, textOption, type IndicatorRunOptions } from './lib/indicator-run';
import { formatTable, loadFile, loadInputs, readInputFile, UsageError, type LoadedInputs } from './lib/load-inputs';
import { counted, readArgs, runCli, writeProblems } from './lib/cli-output';
import { siteRows, sitesCsv, sitesGeoJson, type SiteRow } from '$lib/io/siting-export';
import { suggestedSiteNaming } from '$lib/report/facility-name';
import { provenanceCsvLines } from '$lib/report/csv';
import { exportProvenance, travelOf } from '$lib/report/model';
import { isReportLanguage, REPORT_LANGUAGES, reportTranslator, type ReportLanguage } from '$lib/report/translate';
import { datasetInfo, readManifest } from './lib/dataset-info';

const USAGE = `usage: npm run suggest -- ${INDICATOR_USAGE.replace(' [--scenario FILE]', '')} --k N | --target-pct P|all [--grid 150] [--candidates FILE] [--candidates-crs wgs84|gcj02|bd09|EPSG:n] [--existing] [--exclude FILE] [--min-spacing M] [--max-per-subdistrict N] [--min-per-subdistrict N] [--site-type station|centre] [--weight-column NAME] [--no-exact] [--time-limit 60] [--lang zh-CN|en] [--dataset-name NAME] --out DIR`;

interface SuggestOptions extends IndicatorRunOptions {
	out: string;
	question: SitingQuestion;
	gridSpacingM: number;
	candidatesFile: string | null;
	/** The parcels' coordinate system (converted to WGS84); null: the importer's guess, WGS84 for degrees, said on stderr. */
	candidatesCrs: CrsId | null;
	existing: boolean;
	excludeFile: string | null;
	siteType: ProposableType;
	weightColumn: string | null;
	exact: boolean;
	timeLimitS: number;
	language: ReportLanguage;
	datasetName: string | null;
	perSubdistrict: { max: number; min: number; spacing: number };
}

function readOptions(argv: string[]): SuggestOptions {
	const values = readArgs(
		argv,
		{
			...INDICATOR_ARG_OPTIONS,
			k: { type: 'string' },
			'target-pct': { type: 'string' },
			grid: { type: 'string', default: '150' },
			candidates: { type: 'string' },
			'candidates-crs': { type: 'string' },
			existing: { type: 'boolean', default: false },
			exclude: { type: 'string' },
			'min-spacing': { type: 'string', default: '0' },
			'max-per-subdistrict': { type: 'string' },
			'min-per-subdistrict': { type: 'string', default: '0' },
			'site-type': { type: 'string', default: 'station' },
			'weight-column': { type: 'string' },
			'no-exact': { type: 'boolean', default: false },
			'time-limit': { type: 'string', default: '60' },
			lang: { type: 'string', default: 'zh-CN' },
			'dataset-name': { type: 'string' },
			out: { type: 'string' }
		},
		USAGE
	);
	const base = readIndicatorOptions(values);
	if (base.scenario) throw new UsageError('--scenario: suggest works on the data as loaded; apply its scenario.json with --scenario in the other tools');
	const kText = textOption(values, 'k');
	const targetText = textOption(values, 'target-pct');
	if ((kText === null) === (targetText === null)) throw new UsageError('give exactly one of --k N (MCLP) or --target-pct P|all (LSCP)');
	const siteType = String(values['site-type']);
	if (!(PROPOSABLE_TYPES as readonly string[]).includes(siteType)) throw new UsageError(`--site-type: "${siteType}" is not one of ${PROPOSABLE_TYPES.join(', ')}`);
	if (!base.params.facilityTypes.includes(siteType as ProposableType)) throw new UsageError(`--site-type ${siteType}: this type does not count toward coverage (--types ${base.params.facilityTypes.join(',')})`);
	const language = String(values.lang);
	if (!isReportLanguage(language)) throw new UsageError(`--lang: "${language}" is not one of ${REPORT_LANGUAGES.join(', ')}`);
	const maxText = textOption(values, 'max-per-subdistrict');
	const perSubdistrict = {
		max: maxText === null ? Infinity : wholeNumber(maxText, '--max-per-subdistrict'),
		min: wholeNumber(String(values['min-per-subdistrict']), '--min-per-subdistrict'),
		spacing: readNumber(String(values['min-spacing']), '--min-spacing')
	};
	const constraints: SitingConstraints = { minSpacingM: perSubdistrict.spacing, maxPerGroup: [], minPerGroup: [] };
	let question: SitingQuestion;
	if (kText !== null) {
		const k = wholeNumber(kText, '--k');
		if (k < 1) throw new UsageError('--k: at least 1 site');
		question = { objective: 'mclp', k, constraints };
	} else {
		const pct = targetText === 'all' ? 'all' : readNumber(targetText!, '--target-pct');
		if (pct !== 'all' && pct > 100) throw new UsageError(`--target-pct: ${pct} is over 100`);
		question = { objective: 'lscp', targetPct: pct, constraints };
	}
	return {
		...base,
		out: requiredOption(values, 'out'),
		question,
		gridSpacingM: readNumber(String(values.grid), '--grid'),
		candidatesFile: textOption(values, 'candidates'),
		candidatesCrs: candidatesCrs(textOption(values, 'candidates-crs')),
		existing: values.existing === true,
		excludeFile: textOption(values, 'exclude'),
		siteType: siteType as ProposableType,
		weightColumn: textOption(values, 'weight-column'),
		exact: values['no-exact'] !== true,
		timeLimitS: readNumber(String(values['time-limit']), '--time-limit'),
		language,
		datasetName: textOption(values, 'dataset-name'),
		perSubdistrict
	};
}

function wholeNumber(text: string, flag: string): number {
	const value = readNumber(text, flag);
	if (!Number.isInteger(value)) throw new UsageError(`${flag}: "${text}" is not a whole number`);
	return value;
}

function candidatesCrs(text: string | null): CrsId | null {
	if (text === null) return null;
	try {
		return parseCrs(text);
	} catch (error) {
		throw new UsageError(`--candidates-crs: ${(error as Error).message}`);
	}
}

/** The parcels through the importer, in the declared system (or its guess, said when unsure), as WGS84. */
async function readParcels(path: string, crs: CrsId | null): Promise<ParcelInput[]> {
	const bytes = new Uint8Array(readInputFile(path, '--candidates'));
	let parcels: LoadResult<ParcelInput[]>;
	try {
		const read = await readParcelFile(path, bytes, crs ? { crs, crsChosenByPlanner: true } : {});
		if (crs === null && crsChoiceNeeded(read.crsGuess)) {
			process.stderr.write(`${path}: coordinates read as ${crsLabel(read.crs)}, a guess (WGS84, GCJ-02 and BD-09 look alike); give --candidates-crs to say which\n`);
		}
		parcels = read;
	} catch (error) {
		throw new UsageError(`--candidates ${path}: ${(error as Error).message}`);
	}
	return loadFile(path, '--candidates', () => parcels, (records) => records.length === 0).records;
}

function readExcluded(path: string): MultiPolygonCoords[] {
	const bytes = new Uint8Array(readInputFile(path, '--exclude'));
	return loadFile(path, '--exclude', () => readExcludedFile(path, bytes), (r) => r.length === 0).records;
}

/** A column of the population CSV (e.g. residents aged 65+) as the objective's weight, row for row. */
function readWeightColumn(path: string, column: string, inputs: LoadedInputs): Float64Array {
	if (inputs.sources.population.skipped > 0) throw new UsageError(`--weight-column ${column}: ${path} has skipped rows; fix them first so that weights and cells line up`);
	const table = readCsvTable(readInputFile(path, '--population').toString('utf8'), 'population CSV');
	const index = table.headers.findIndex((header) => header.toLowerCase() === column.toLowerCase());
	if (index < 0) throw new UsageError(`--weight-column: ${path} has no column "${column}"`);
	const weight = new Float64Array(table.rows.length);
	table.rows.forEach(({ row, cells }, i) => {
		const value = Number(cells[index]);
		if (cells[index].trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--weight-column ${column}: ${path} row ${row}: "${cells[index]}" is not a non-negative number`);
		weight[i] = value;
	});
	return weight;
}

async function main(): Promise<void> {
	const options = readOptions(process.argv.slice(2));
	const inputs = loadInputs(options);
	if (!inputs.network) throw new UsageError('--network is required: sites are suggested on the walking network');
	const network = prepareEngineNetwork(inputs, options);
	const params = options.params;
	const baseline = computeCoverage({ graph: network.graph, prepared: network.prepared, facilities: inputs.facilities, cells: inputs.cells, cellSubdistrict: inputs.cellSubdistrict, subdistricts: inputs.subdistricts, params });
	const groups = inputs.subdistricts.length;
	const { perSubdistrict } = options;
	options.question.constraints.maxPerGroup = everyGroup(groups, perSubdistrict.max);
	options.question.constraints.minPerGroup = everyGroup(groups, perSubdistrict.min);
	const started = performance.now();
	const problem = buildSitingProblem({
		prepared: network.prepared!,
		baseline,
		params,
		subdistricts: inputs.subdistricts,
		weight: options.weightColumn ? readWeightColumn(options.population, options.weightColumn, inputs) : undefined,
		candidates: {
			gridSpacingM: options.gridSpacingM,
			parcels: options.candidatesFile ? await readParcels(options.candidatesFile, options.candidatesCrs) : [],
			existing: options.existing ? inputs.facilities.filter((f) => f.type !== 'hospital' && !params.facilityTypes.includes(f.type)) : [],
			excluded: options.excludeFile ? readExcluded(options.excludeFile) : []
		}
	});
	const exact = options.exact ? { solve: await loadLpSolve(), options: { timeLimitS: options.timeLimitS, maxNonzeros: 2_000_000 } } : undefined;
	const answer = solveSiting(problem, options.question, { exact });
	const totalMs = performance.now() - started;

	const rows = siteRows(answer.sites.map((site) => ({ ...site, site: problem.candidates[site.candidate] })), inputs.subdistricts, options.language);
	const edits = suggestionEdits(answer.sites.map((site, i) => ({ candidate: problem.candidates[site.candidate], rank: i + 1 })), options.siteType, inputs.facilities, suggestedSiteNaming(options.siteType, reportTranslator(options.language)));
	const now = new Date();
	const scenario: Scenario = { id: `suggest-${now.getTime().toString(36)}`, name: describeQuestion(options), createdAt: now.toISOString(), updatedAt: now.toISOString(), edits };
	mkdirSync(options.out, { recursive: true });
	// The app's suggested-sites CSV carries the same lines, made by the same two functions.
	const dataset = datasetInfo(options.facilities, options.datasetName, inputs, readManifest(options.facilities));
	const provenance = exportProvenance({ language: options.language, dataset, scenarioName: null, thresholdMinutes: params.thresholdMinutes, travel: travelOf(params), generatedAt: now });
	writeFileSync(join(options.out, 'sites.csv'), sitesCsv(rows, provenanceCsvLines(provenance, options.language)));
	writeFileSync(join(options.out, 'sites.geojson'), sitesGeoJson(rows));
	writeFileSync(join(options.out, 'scenario.json'), serializeScenario(scenario, { ...inputs, name: basename(dirname(options.facilities)) || basename(options.facilities) }, now));
	const summary = {
		question: { ...options.question, constraints: { minSpacingM: perSubdistrict.spacing, maxPerSubdistrict: perSubdistrict.max, minPerSubdistrict: perSubdistrict.min } },
		siteType: options.siteType,
		candidates: { count: problem.instance.candidateCount, gridSpacingM: options.gridSpacingM, ...problem.leftOut },
		residents: { total: problem.totalResidents, coveredToday: problem.coveredResidentsToday, coveredWithSites: rows.at(-1)?.cumulative_residents ?? problem.coveredResidentsToday },
		value: answer.value,
		greedyValue: answer.greedyValue,
		heuristicValue: answer.heuristicValue,
		source: answer.source,
		bound: answer.bound,
		boundKind: answer.boundKind,
		gap: answer.gap,
		exact: answer.exact,
		met: answer.met,
		shortfall: answer.shortfall,
		violations: answer.violations,
		swaps: answer.swaps,
		timingsMs: { catchments: problem.catchmentsMs, ...answer.timings, total: totalMs },
		sites: rows,
		problems: writeProblems(options.out, inputs.problems)
	};
	writeFileSync(join(options.out, 'summary.json'), JSON.stringify(summary, (_, v) => (v === Infinity ? null : v), 2) + '\n');
	console.log(sitesTable(rows));
	console.log(describeAnswer(options, summary.residents, answer));
	console.log(`wrote ${['sites.csv', 'sites.geojson', 'scenario.json', 'summary.json'].map((file) => join(options.out, file)).join(', ')}`);
}

/** The ranked sites as a plain-text table for the terminal. */
function sitesTable(rows: SiteRow[]): string {
	return formatTable(
		['#', 'site (lon, lat)', '街镇', 'source', 'new residents', 'cumulative', '%'],
		rows.map((row) => [String(row.rank), `${row.lon.toFixed(5)}, ${row.lat.toFixed(5)}`, row.subdistrict_name, row.source, row.new_residents.toLocaleString('en'), row.cumulative_residents.toLocaleString('en'), row.cumulative_pct.toFixed(2)]),
		[true, false, false, false, true, true, true]
	);
}

function describeQuestion(options: SuggestOptions): string {
	const q = options.question;
	return q.objective === 'mclp' ? `选址建议 MCLP k=${q.k}` : `选址建议 LSCP ${q.targetPct === 'all' ? 'all' : `${q.targetPct}%`}`;
}

function describeAnswer(options: SuggestOptions, residents: { total: number; coveredToday: number; coveredWithSites: number }, answer: ReturnType<typeof solveSiting>): string {
	const pct = (value: number) => ((100 * value) / residents.total).toFixed(2);
	const lines = [`coverage ${pct(residents.coveredToday)}% → ${pct(residents.coveredWithSites)}% (+${(residents.coveredWithSites - residents.coveredToday).toLocaleString('en')} residents)`];
	const exact = answer.exact;
	const solver = answer.boundKind === 'enumerated' ? 'no solver needed' : exact === null ? 'exact solver not run (--no-exact)' : exact.status === 'optimal' ? `HiGHS optimal in ${exact.solveMs.toFixed(0)} ms` : `HiGHS: ${exact.status}${'detail' in exact ? ` (${exact.detail})` : ''}`;
	const boundName = { exact: ['optimum', 'fewest possible'], enumerated: ['optimum (one site: every candidate compared)', ''], solver: ["solver's upper bound", "solver's lower bound"], online: ['solver-free upper bound', 'solver-free lower bound'] }[answer.boundKind];
	if (answer.objective === 'mclp') lines.push(`gap to the ${boundName[0]}: ${answer.gap.toFixed(3)}% (${solver})`);
	else lines.push(`${counted(answer.sites.length, 'site')}; ${boundName[1]}: ${answer.bound} (${solver})`);
	if (answer.source === 'solver') lines.push(`the exact solver found a better set than greedy + local search (${answer.objective === 'mclp' ? `+${answer.heuristicValue.toLocaleString('en')}` : counted(answer.heuristicSites, 'site')}); the better one is given`);
	if (!answer.met) {
		const why = { 'none-fits': 'no further candidate keeps the spacing and per-sub-district limits beside these', 'no-gain': 'every further candidate that keeps the constraints would add nothing' };
		lines.push(options.question.objective === 'mclp' ? `note: ${counted(answer.sites.length, 'site')} instead of ${answer.asked}: ${why[answer.shortfall ?? 'no-gain']}` : 'note: the target cannot be reached with these candidates and constraints');
	}
	for (const violation of answer.violations) lines.push(`constraint not met: ${violation}`);
	return lines.join('\n');
}

runCli(main);
