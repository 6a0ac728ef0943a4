/**
 * Shared by the report tests: the demo's indicators through the CLI's pipeline (the rows every report
 * is built from), the bundles read straight from the JSON files, and an independent description of
 * what each sub-district column must hold (written here, not taken from src/lib/report/columns.ts).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { IntlMessageFormat } from 'intl-messageformat';
import { booleanPointInPolygon, multiPolygon, point } from '@turf/turf';
import type { AreaIndicators } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import type { SourceSummary } from '$lib/io/dataset';
import { loadInputs, type LoadedInputs } from '../../../scripts/lib/load-inputs';
import { queryIndicators, readIndicatorOptions, runEngine, type IndicatorRows, type IndicatorRunOptions, type Runs } from '../../../scripts/lib/indicator-run';
import { datasetInfo, readManifest } from '../../../scripts/lib/dataset-info';
import reportEn from '$lib/i18n/report.en.json';
import reportZhCN from '$lib/i18n/report.zh-CN.json';

export const DEMO = 'static/data/demo';
export const BUNDLES: Record<'zh-CN' | 'en', Record<string, string>> = { 'zh-CN': reportZhCN, en: reportEn };

export interface DemoRun {
	options: IndicatorRunOptions;
	inputs: LoadedInputs;
	runs: Runs;
	indicators: IndicatorRows;
	sources: readonly SourceSummary[];
}

/** The demo through the same steps as `npm run indicators` (walking, 15 minutes, Shanghai 2023). */
export async function computeDemo(extra: Record<string, string> = {}): Promise<DemoRun> {
	const options = readIndicatorOptions({
		network: `${DEMO}/network.geojson`,
		facilities: `${DEMO}/facilities.csv`,
		population: `${DEMO}/population.csv`,
		subdistricts: `${DEMO}/subdistricts.geojson`,
		mode: 'walk',
		'max-snap': '300',
		'service-population': 'administrative',
		...extra
	});
	const inputs = loadInputs(options);
	const runs = runEngine(inputs, inputs.facilities, options);
	const indicators = await queryIndicators(inputs, inputs.facilities, options, runs);
	// Each layer's source as the CLI describes it (the demo's manifest marks every layer synthetic).
	const { sources } = datasetInfo(options.facilities, null, inputs, readManifest(options.facilities));
	return { options, inputs, runs, indicators, sources };
}

/** `{name}` filled in, as the bundles are written. */
export function message(language: 'zh-CN' | 'en', key: string, values: Record<string, string> = {}): string {
	const text = BUNDLES[language][key];
	if (text === undefined) throw new Error(`no ${key} in ${language}`);
	// ICU straight from the library (plurals such as "{minutes, plural, one {# minute} other {# minutes}}"), not through the report's translator.
	return String(new IntlMessageFormat(text, language, undefined, { ignoreTag: true }).format(values));
}

const round = (value: number | null, decimals: number) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);

/** Coverage as the app shows it: a share under 100 % never reads 100. */
function coverageShown(value: number | null): number | null {
	if (value === null) return null;
	const rounded = round(value, 1)!;
	return value < 100 && rounded >= 100 ? 99.9 : rounded;
}

export interface ExpectedColumn {
	header: string;
	kind: 'number' | 'text';
	decimals: number;
	/** Null for the rank of the district total. */
	expected: (row: AreaIndicators, rank: number | null) => string | number | null;
}

/** The sub-district table's columns, headers from the bundle JSON, values from the SQL row. */
export function expectedSubdistrictColumns(language: 'zh-CN' | 'en', profile: StandardsProfile, minutes: number): ExpectedColumn[] {
	const m = (key: string, values?: Record<string, string>) => message(language, `report.${key}`, values);
	const number = (key: string, decimals: number, field: (row: AreaIndicators) => number | null, values?: Record<string, string>): ExpectedColumn => ({
		header: m(`column.${key}`, values),
		kind: 'number',
		decimals,
		expected: (row) => round(field(row), decimals)
	});
	const text = (key: string, field: (row: AreaIndicators) => string, values?: Record<string, string>): ExpectedColumn => ({ header: m(`column.${key}`, values), kind: 'text', decimals: 0, expected: field });
	const ruleName = (rule: string) => m(`rule.${rule}`, { minutes: String(minutes) });
	const oneDecimal = (value: number) => value.toFixed(1);
	return [
		{ header: m('column.rank'), kind: 'number', decimals: 0, expected: (_, rank) => rank },
		text('code', (row) => row.code),
		text('name', (row) => (row.code === '' ? m('districtTotal') : language === 'en' ? row.nameEn : row.name)),
		number('residents', 0, (row) => row.residents),
		text('residentsSource', (row) => m(`residentsSource.${row.residentsSource}`)),
		number('centres', 0, (row) => row.centres),
		number('branches', 0, (row) => row.branches),
		number('centreAreaM2', 0, (row) => row.centreAreaM2),
		number('areaUnknownCount', 0, (row) => row.areaUnknownCount),
		number('areaPerThousand', 1, (row) => row.areaPerThousand),
		number('requiredAreaM2', 0, (row) => row.requiredAreaM2),
		number('areaGapM2', 0, (row) => row.areaGapM2),
		number('beds', 0, (row) => row.beds),
		number('bedsUnknownCount', 0, (row) => row.bedsUnknownCount),
		number('bedsPerThousand', 2, (row) => row.bedsPerThousand),
		number('bedsToReachMin', 0, (row) => row.bedsNeededMin, { value: oneDecimal(profile.rules.bedsPerThousandMin.value) }),
		number('bedsToReachTarget', 0, (row) => row.bedsNeededTarget, { value: oneDecimal(profile.rules.bedsPerThousandTarget.value) }),
		number('newCentres', 0, (row) => row.newCentres),
		number('newCentresUnderBeds', 0, (row) => row.newCentresUnderBeds, { value: String(profile.rules.newCentreBeds.value) }),
		number('stations', 0, (row) => row.stations),
		number('stationsBelowMinimum', 0, (row) => row.stationsUnderArea, { value: String(profile.rules.stationAreaMin.value) }),
		number('stationsAreaUnknown', 0, (row) => row.stationsAreaUnknown),
		number('coveredResidents', 0, (row) => row.coveredResidents),
		{ header: m('column.coverageWithin', { minutes: String(minutes) }), kind: 'number', decimals: 1, expected: (row) => coverageShown(row.coveragePct) },
		number('uncoveredResidents', 0, (row) => row.uncoveredResidents),
		number('unreachableResidents', 0, (row) => row.unreachableResidents),
		...(['centreArea', 'bedsMin', 'newCentreBeds', 'stationArea', 'coverage'] as const).map((rule) =>
			text('ruleResult', (row) => m(`outcome.${row.rules[rule]}`), { rule: ruleName(rule) })
		),
		number('failedRules', 0, (row) => row.failedRules),
		text('status', (row) => m(`status.${row.status}`))
	];
}

/** Residents per sub-district code by brute force: turf's point-in-polygon over the raw files. */
export function residentsByTurf(): Map<string, number> {
	const cells = Papa.parse<{ lon: string; lat: string; pop: string }>(readFileSync(`${DEMO}/population.csv`, 'utf8'), { header: true, skipEmptyLines: true }).data;
	const areas = (JSON.parse(readFileSync(`${DEMO}/subdistricts.geojson`, 'utf8')) as { features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[] }).features;
	const polygons = areas.map((feature) => ({
		code: feature.properties.code,
		shape: multiPolygon((feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as [number, number][][][])
	}));
	const totals = new Map(polygons.map((polygon) => [polygon.code, 0]));
	for (const cell of cells) {
		const where = point([Number(cell.lon), Number(cell.lat)]);
		const inside = polygons.find((polygon) => booleanPointInPolygon(where, polygon.shape));
		if (inside) totals.set(inside.code, totals.get(inside.code)! + Number(cell.pop));
	}
	return totals;
}

/** Centre and branch area and beds per sub-district, straight from facilities.csv. */
export function capacityByCsv(): Map<string, { areaM2: number; beds: number }> {
	const rows = Papa.parse<Record<string, string>>(readFileSync(`${DEMO}/facilities.csv`, 'utf8'), { header: true, skipEmptyLines: true }).data;
	const totals = new Map<string, { areaM2: number; beds: number }>();
	for (const row of rows) {
		if (row.type !== 'centre' && row.type !== 'branch') continue;
		const total = totals.get(row.subdistrict) ?? { areaM2: 0, beds: 0 };
		total.areaM2 += Number(row.area_m2);
		total.beds += Number(row.beds);
		totals.set(row.subdistrict, total);
	}
	return totals;
}
