/**
 * Column definitions of the report's tables. Values are rounded to the column's decimals here, once,
 * so that XLSX, CSV, the printable page and the GeoJSON labels all show the same figure.
 */
import { shownPercent } from '$lib/engine/percent';
import { RULE_IDS, type AreaIndicators, type CentreIndicators, type RuleId } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import type { SourceSummary } from '$lib/io/dataset';
import { formatThreshold, roundTo } from '$lib/i18n/format';
import { facilityName } from './facility-name';
import type { CellValue, ReportColumn } from './table';
import type { ReportLanguage, Translate } from './translate';

/** Context the column headers and text values need. */
export interface ColumnContext {
	language: ReportLanguage;
	translate: Translate;
	profile: StandardsProfile;
	thresholdMinutes: number;
}

function rounded(value: number | null, decimals: number): number | null {
	return value === null || !Number.isFinite(value) ? null : roundTo(value, decimals);
}

/** Coverage as shown everywhere (engine/percent.ts): never "100.0" below 100 % nor "0.0" above 0. */
export function shownCoveragePct(value: number | null, decimals = 1): number | null {
	return shownPercent(value, decimals);
}

export function numberColumn<Row>(key: string, header: string, decimals: number, value: (row: Row) => number | null): ReportColumn<Row> {
	return { key, header, kind: 'number', decimals, value: (row) => rounded(value(row), decimals) };
}

export function textColumn<Row>(key: string, header: string, value: (row: Row) => CellValue): ReportColumn<Row> {
	return { key, header, kind: 'text', decimals: 0, value };
}

export function ruleName(rule: RuleId, context: ColumnContext): string {
	return context.translate(`report.rule.${rule}`, { minutes: formatThreshold(context.thresholdMinutes, context.language) });
}

/** Display name of an area in the report's language (English falls back to the Chinese name). */
export function areaName(area: Pick<AreaIndicators, 'name' | 'nameEn'>, language: ReportLanguage): string {
	return language === 'en' && area.nameEn ? area.nameEn : area.name;
}

/**
 * The per-sub-district table. `rankOf` gives each row's place in the severity order; the district
 * total (code '') has no rank and is named "District total".
 */
export function subdistrictColumns(context: ColumnContext, rankOf: (code: string) => number | null): ReportColumn<AreaIndicators>[] {
	const { translate: t, profile, language } = context;
	const header = (key: string, values?: Record<string, string | number>) => t(`report.column.${key}`, values);
	const isTotal = (row: AreaIndicators) => row.code === '';
	return [
		numberColumn('rank', header('rank'), 0, (row) => (isTotal(row) ? null : rankOf(row.code))),
		textColumn('code', header('code'), (row) => row.code),
		textColumn('name', header('name'), (row) => (isTotal(row) ? t('report.districtTotal') : areaName(row, language))),
		numberColumn('residents', header('residents'), 0, (row) => row.residents),
		textColumn('residentsSource', header('residentsSource'), (row) => t(`report.residentsSource.${row.residentsSource}`)),
		numberColumn('centres', header('centres'), 0, (row) => row.centres),
		numberColumn('branches', header('branches'), 0, (row) => row.branches),
		numberColumn('centreAreaM2', header('centreAreaM2'), 0, (row) => row.centreAreaM2),
		numberColumn('areaUnknownCount', header('areaUnknownCount'), 0, (row) => row.areaUnknownCount),
		numberColumn('areaPerThousand', header('areaPerThousand'), 1, (row) => row.areaPerThousand),
		numberColumn('requiredAreaM2', header('requiredAreaM2'), 0, (row) => row.requiredAreaM2),
		numberColumn('areaGapM2', header('areaGapM2'), 0, (row) => row.areaGapM2),
		numberColumn('beds', header('beds'), 0, (row) => row.beds),
		numberColumn('bedsUnknownCount', header('bedsUnknownCount'), 0, (row) => row.bedsUnknownCount),
		numberColumn('bedsPerThousand', header('bedsPerThousand'), 2, (row) => row.bedsPerThousand),
		numberColumn('bedsNeededMin', header('bedsToReachMin', { value: formatThreshold(profile.rules.bedsPerThousandMin.value, language, 1) }), 0, (row) => row.bedsNeededMin),
		numberColumn('bedsNeededTarget', header('bedsToReachTarget', { value: formatThreshold(profile.rules.bedsPerThousandTarget.value, language, 1) }), 0, (row) => row.bedsNeededTarget),
		numberColumn('newCentres', header('newCentres'), 0, (row) => row.newCentres),
		numberColumn('newCentresUnderBeds', header('newCentresUnderBeds', { value: profile.rules.newCentreBeds.value }), 0, (row) => row.newCentresUnderBeds),
		numberColumn('stations', header('stations'), 0, (row) => row.stations),
		numberColumn('stationsUnderArea', header('stationsBelowMinimum', { value: formatThreshold(profile.rules.stationAreaMin.value, language) }), 0, (row) => row.stationsUnderArea),
		numberColumn('stationsAreaUnknown', header('stationsAreaUnknown'), 0, (row) => row.stationsAreaUnknown),
		numberColumn('coveredResidents', header('coveredResidents'), 0, (row) => row.coveredResidents),
		{ key: 'coveragePct', header: header('coverageWithin', { minutes: formatThreshold(context.thresholdMinutes, language) }), kind: 'number', decimals: 1, value: (row) => shownCoveragePct(row.coveragePct) },
		numberColumn('uncoveredResidents', header('uncoveredResidents'), 0, (row) => row.uncoveredResidents),
		numberColumn('unreachableResidents', header('unreachableResidents'), 0, (row) => row.unreachableResidents),
		...RULE_IDS.map((rule) => textColumn<AreaIndicators>(`rule.${rule}`, header('ruleResult', { rule: ruleName(rule, context) }), (row) => t(`report.outcome.${row.rules[rule]}`))),
		numberColumn('failedRules', header('failedRules'), 0, (row) => row.failedRules),
		textColumn('status', header('status'), (row) => t(`report.status.${row.status}`))
	];
}

/** The per-centre check; `subdistrictName` turns a code into the sub-district's name. */
export function centreColumns(context: ColumnContext, subdistrictName: (code: string | null) => string | null): ReportColumn<CentreIndicators>[] {
	const { translate: t } = context;
	const header = (key: string) => t(`report.centre.${key}`);
	return [
		textColumn('id', header('id'), (row) => row.id),
		textColumn('name', header('name'), (row) => facilityName(row, t)),
		textColumn('type', header('type'), (row) => t(`report.facility.${row.type}`)),
		textColumn('subdistrict', header('subdistrict'), (row) => subdistrictName(row.subdistrict)),
		textColumn('status', header('status'), (row) => t(`report.facilityStatus.${row.status}`)),
		textColumn('members', header('members'), (row) => row.memberIds.join(', ')),
		numberColumn('areaM2', header('areaM2'), 0, (row) => (row.areaUnknownCount > 0 ? null : row.areaM2)),
		numberColumn('beds', header('beds'), 0, (row) => (row.bedsUnknownCount > 0 ? null : row.beds)),
		numberColumn('administrativePopulation', header('administrativePopulation'), 0, (row) => row.administrativePopulation),
		numberColumn('catchmentPopulation', header('catchmentPopulation'), 0, (row) => row.catchmentPopulation),
		numberColumn('servicePopulation', header('servicePopulation'), 0, (row) => row.servicePopulation),
		numberColumn('requiredAreaM2', header('requiredAreaM2'), 0, (row) => row.requiredAreaM2),
		numberColumn('areaGapM2', header('areaGapM2'), 0, (row) => row.areaGapM2),
		textColumn('areaOutcome', header('areaOutcome'), (row) => t(`report.outcome.${row.areaOutcome}`)),
		textColumn('newCentreBedsOutcome', header('newCentreBedsOutcome'), (row) => t(`report.outcome.${row.newCentreBedsOutcome}`))
	];
}

/** One sub-district (or the district, code '') before and after a scenario; null where it is missing on one side. */
export interface ScenarioComparisonRow {
	code: string;
	name: string;
	nameEn: string;
	baseline: AreaIndicators | null;
	scenario: AreaIndicators | null;
}

/**
 * Baseline, scenario and change for the figures a new or moved site changes. A change is the difference
 * of the two shown (rounded) figures, so the three columns agree with each other.
 */
export function comparisonColumns(context: ColumnContext): ReportColumn<ScenarioComparisonRow>[] {
	const { translate: t, language } = context;
	const triple = (key: string, indicator: string, decimals: number, figure: (area: AreaIndicators) => number | null, changeHeader?: string): ReportColumn<ScenarioComparisonRow>[] => {
		const side = (area: AreaIndicators | null) => (area === null ? null : figure(area));
		const baseline = numberColumn<ScenarioComparisonRow>(`${key}.baseline`, t('report.compare.baseline', { indicator }), decimals, (row) => side(row.baseline));
		const scenario = numberColumn<ScenarioComparisonRow>(`${key}.scenario`, t('report.compare.scenario', { indicator }), decimals, (row) => side(row.scenario));
		const change = numberColumn<ScenarioComparisonRow>(`${key}.change`, changeHeader ?? t('report.compare.change', { indicator }), decimals, (row) => {
			const before = baseline.value(row);
			const after = scenario.value(row);
			return typeof before === 'number' && typeof after === 'number' ? after - before : null;
		});
		return [baseline, scenario, change];
	};
	const coverage = (area: AreaIndicators) => shownCoveragePct(area.coveragePct);
	const pair = (key: string, indicator: string, text: (area: AreaIndicators) => CellValue): ReportColumn<ScenarioComparisonRow>[] => [
		textColumn(`${key}.baseline`, t('report.compare.baseline', { indicator }), (row) => (row.baseline ? text(row.baseline) : null)),
		textColumn(`${key}.scenario`, t('report.compare.scenario', { indicator }), (row) => (row.scenario ? text(row.scenario) : null))
	];
	return [
		textColumn('code', t('report.column.code'), (row) => row.code),
		textColumn('name', t('report.column.name'), (row) => (row.code === '' ? t('report.districtTotal') : areaName(row, language))),
		...triple('coveragePct', t('report.compare.coveragePct'), 1, coverage, t('report.compare.coverageChange')),
		...triple('uncoveredResidents', t('report.compare.uncoveredResidents'), 0, (area) => area.uncoveredResidents),
		...triple('areaGapM2', t('report.compare.areaGapM2'), 0, (area) => area.areaGapM2),
		...triple('bedsNeededMin', t('report.compare.bedsNeededMin'), 0, (area) => area.bedsNeededMin),
		...triple('failedRules', t('report.compare.failedRules'), 0, (area) => area.failedRules),
		...pair('status', t('report.compare.status'), (area) => t(`report.status.${area.status}`))
	];
}

/** The input files with the rows loaded and skipped and the conversion applied. */
export function sourceColumns(context: ColumnContext): ReportColumn<SourceSummary>[] {
	const { translate: t } = context;
	return [
		textColumn('kind', t('report.sources.kind'), (row) => t(`report.sourceKind.${row.kind}`)),
		textColumn('file', t('report.sources.file'), (row) => row.fileName),
		numberColumn('loaded', t('report.sources.loaded'), 0, (row) => row.loaded),
		numberColumn('skipped', t('report.sources.skipped'), 0, (row) => row.skipped),
		textColumn('conversion', t('report.sources.conversion'), (row) => row.conversion ?? t('report.appendix.noConversion'))
	];
}
