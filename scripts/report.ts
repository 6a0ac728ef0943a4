/**
 * The gap report from the command line, with the same numbers as the app:
 *
 *   npm run report -- --network F --facilities F --population F --subdistricts F [indicator options]
 *     --format xlsx|csv|geojson [--lang zh-CN|en] --out FILE
 *
 * Indicator options are those of `npm run indicators` (mode, minutes, types, profile, service population).
 * Bad input: one line on stderr naming the file or flag, exit code 2.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { get } from 'svelte/store';
import { _, addMessages, init } from 'svelte-i18n';
import { MESSAGES, isLanguage, type Language } from '$lib/i18n';
import type { SourceSummary } from '$lib/io/dataset';
import { buildGapReport, type Translate } from '$lib/report/gap-report';
import { gapReportToCsv } from '$lib/report/report-csv';
import { gapReportToGeoJson } from '$lib/report/report-geojson';
import { gapReportToXlsx } from '$lib/report/report-xlsx';
import { computeIndicators } from './indicators';
import { UsageError } from './lib/load-inputs';

const FORMATS = ['xlsx', 'csv', 'geojson'] as const;
type Format = (typeof FORMATS)[number];

/** Takes this script's own flags out of argv; the rest go to the indicator computation. */
function splitArguments(argv: string[]): { format: Format; language: Language; out: string; rest: string[] } {
	const own = new Map<string, string>();
	const rest: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		if (['--format', '--lang', '--out'].includes(argv[i])) {
			if (i + 1 >= argv.length) throw new UsageError(`${argv[i]} needs a value`);
			own.set(argv[i], argv[++i]);
		} else rest.push(argv[i]);
	}
	const format = own.get('--format');
	if (!format || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: "${format ?? ''}" is not one of ${FORMATS.join(', ')}`);
	const language = own.get('--lang') ?? 'zh-CN';
	if (!isLanguage(language)) throw new UsageError(`--lang: "${language}" is not one of zh-CN, en`);
	const out = own.get('--out');
	if (!out) throw new UsageError('missing --out FILE');
	return { format: format as Format, language, out, rest };
}

/** True when the facilities file sits beside a demo manifest that declares the data synthetic. */
function isSyntheticDemo(facilitiesPath: string): boolean {
	const manifest = join(dirname(facilitiesPath), 'manifest.json');
	if (!existsSync(manifest)) return false;
	try {
		return (JSON.parse(readFileSync(manifest, 'utf8')) as { synthetic?: boolean }).synthetic === true;
	} catch {
		return false;
	}
}

function translatorFor(language: Language): Translate {
	addMessages('zh-CN', MESSAGES['zh-CN']);
	addMessages('en', MESSAGES.en);
	init({ fallbackLocale: 'zh-CN', initialLocale: language });
	return get(_);
}

async function main(): Promise<void> {
	const { format, language, out, rest } = splitArguments(process.argv.slice(2));
	const scratch = mkdtempSync(join(tmpdir(), 'health-circle-report-'));
	const { options, inputs, runs, indicators } = await computeIndicators([...rest, '--out', scratch]);
	const t = translatorFor(language);
	const sources: SourceSummary[] = (['facilities', 'population', 'subdistricts', 'network'] as const).flatMap((kind) => {
		const source = inputs.sources[kind];
		return source ? [{ kind, fileName: basename(source.file), loaded: source.loaded, skipped: source.skipped, conversion: null }] : [];
	});
	const synthetic = isSyntheticDemo(options.facilities);
	const report = buildGapReport(
		{
			language,
			generatedAt: new Date(),
			dataset: { name: synthetic ? '静安区示例数据（合成）' : basename(options.facilities), nameEn: synthetic ? "Jing'an demo (synthetic)" : basename(options.facilities), synthetic, sources },
			profile: options.profile,
			rows: indicators.subdistricts,
			district: indicators.district,
			coverageParams: runs.coverage.params,
			servicePopulation: options.servicePopulation
		},
		t
	);
	try {
		if (format === 'csv') writeFileSync(out, gapReportToCsv(report));
		else if (format === 'xlsx') writeFileSync(out, await gapReportToXlsx(report, t));
		else {
			const uncovered = { cells: inputs.cells, shape: { kind: 'grid' as const, sizeM: 100 }, cellSubdistrict: inputs.cellSubdistrict, covered: runs.coverage.covered };
			writeFileSync(out, JSON.stringify(gapReportToGeoJson(report, inputs.subdistricts, uncovered)));
		}
	} catch (error) {
		throw new UsageError(`--out ${out}: cannot write (${(error as Error).message})`);
	}
	console.log(`wrote ${out} (${format}, ${language}): ${report.rows.length} sub-districts, profile ${options.profile.name[language]}`);
}

main().catch((error: unknown) => {
	if (error instanceof UsageError) {
		console.error(`error: ${error.message}`);
		process.exit(2);
	}
	console.error(error);
	process.exit(1);
});
