/**
 * The gap report as data: what every export format (XLSX, CSV, GeoJSON, the printable page) shows.
 * Pure: it takes a `translate` function and a locale, so it runs in the browser and in Node alike.
 */
import type { CoverageParams } from '$lib/engine/coverage';
import { MODE_SPEEDS_KMH } from '$lib/engine/params';
import { RULE_IDS, type DistrictIndicators, type RuleId, type ServicePopulationDefinition, type SubdistrictIndicators } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import type { SourceSummary } from '$lib/io/dataset';

export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;
export type ReportLanguage = 'zh-CN' | 'en';

export interface GapReportInput {
	language: ReportLanguage;
	generatedAt: Date;
	dataset: { name: string; nameEn: string; synthetic: boolean; sources: SourceSummary[] };
	profile: StandardsProfile;
	rows: SubdistrictIndicators[];
	district: DistrictIndicators;
	coverageParams: CoverageParams;
	servicePopulation: ServicePopulationDefinition;
	/** The active scenario's name, when there is one. */
	scenarioName?: string | null;
}

/** One column of the per-sub-district table: a header with its unit, and a typed value. */
export interface ReportColumn {
	key: string;
	header: string;
	kind: 'text' | 'number';
	decimals: number;
	value: (row: SubdistrictIndicators | DistrictIndicators) => string | number | null;
}

export interface LabelledValue {
	label: string;
	value: string | number;
}

export interface GapReport {
	language: ReportLanguage;
	title: string;
	generatedAt: Date;
	datasetName: string;
	scenarioName: string | null;
	synthetic: boolean;
	summary: LabelledValue[];
	columns: ReportColumn[];
	/** Sub-districts ranked by severity: most failed rules, then the largest area gap, then most residents not covered. */
	rows: SubdistrictIndicators[];
	district: DistrictIndicators;
	appendix: LabelledValue[];
}

export function buildGapReport(input: GapReportInput, t: Translate): GapReport {
	const en = input.language === 'en';
	return {
		language: input.language,
		title: t('report.title'),
		generatedAt: input.generatedAt,
		datasetName: en ? input.dataset.nameEn : input.dataset.name,
		scenarioName: input.scenarioName ?? null,
		synthetic: input.dataset.synthetic,
		summary: summaryOf(input, t),
		columns: reportColumns(input, t),
		rows: rankBySeverity(input.rows),
		district: input.district,
		appendix: appendixOf(input, t)
	};
}

export function rankBySeverity(rows: readonly SubdistrictIndicators[]): SubdistrictIndicators[] {
	return [...rows].sort(
		(a, b) =>
			b.failedRules - a.failedRules ||
			(b.areaGapM2 ?? 0) - (a.areaGapM2 ?? 0) ||
			(b.uncoveredResidents ?? 0) - (a.uncoveredResidents ?? 0) ||
			a.code.localeCompare(b.code)
	);
}

function reportColumns(input: GapReportInput, t: Translate): ReportColumn[] {
	const en = input.language === 'en';
	const rule = (id: RuleId) => (row: SubdistrictIndicators | DistrictIndicators) => t(`report.outcome.${row.rules[id]}`);
	const number = (key: string, decimals: number, value: ReportColumn['value']): ReportColumn => ({ key, header: t(`report.column.${key}`), kind: 'number', decimals, value });
	const text = (key: string, value: ReportColumn['value']): ReportColumn => ({ key, header: t(`report.column.${key}`), kind: 'text', decimals: 0, value });
	return [
		text('code', (row) => row.code),
		text('name', (row) => (en ? row.nameEn : row.name)),
		number('residents', 0, (row) => row.residents),
		text('residentsSource', (row) => t(`report.residentsSource.${row.residentsSource}`)),
		number('centreAreaM2', 0, (row) => row.centreAreaM2),
		number('areaPerThousand', 1, (row) => row.areaPerThousand),
		number('requiredAreaM2', 0, (row) => row.requiredAreaM2),
		number('areaGapM2', 0, (row) => row.areaGapM2),
		number('beds', 0, (row) => row.beds),
		number('bedsPerThousand', 2, (row) => row.bedsPerThousand),
		number('bedsNeededMin', 0, (row) => row.bedsNeededMin),
		number('bedsNeededTarget', 0, (row) => row.bedsNeededTarget),
		number('stations', 0, (row) => row.stations),
		number('stationsUnderArea', 0, (row) => row.stationsUnderArea),
		number('coveragePct', 1, (row) => row.coveragePct),
		number('uncoveredResidents', 0, (row) => row.uncoveredResidents),
		number('unreachableResidents', 0, (row) => row.unreachableResidents),
		...RULE_IDS.map((id) => text(`rule.${id}`, rule(id))),
		number('failedRules', 0, (row) => row.failedRules),
		text('status', (row) => t(`standards.status.${row.status}`))
	];
}

function summaryOf(input: GapReportInput, t: Translate): LabelledValue[] {
	const { district } = input;
	return [
		{ label: t('report.summary.residents'), value: district.residents },
		{ label: t('report.summary.coverage', { values: { minutes: input.coverageParams.thresholdMinutes } }), value: round(district.coveragePct, 1) ?? '—' },
		{ label: t('report.summary.uncovered'), value: district.uncoveredResidents ?? '—' },
		{ label: t('report.summary.areaPerThousand'), value: round(district.areaPerThousand, 1) ?? '—' },
		{ label: t('report.summary.areaGapSum'), value: district.areaGapSumM2 ?? '—' },
		{ label: t('report.summary.bedsPerThousand'), value: round(district.bedsPerThousand, 2) ?? '—' },
		{ label: t('report.summary.bedsNeeded'), value: district.bedsNeededMinSum ?? '—' },
		...RULE_IDS.map((id) => ({ label: t('report.summary.failing', { values: { rule: t(`standards.rule.${id}`) } }), value: district.failingSubdistricts[id] }))
	];
}

function appendixOf(input: GapReportInput, t: Translate): LabelledValue[] {
	const { profile, coverageParams: params, language } = input;
	const speed = params.speedKmh ?? MODE_SPEEDS_KMH[params.mode];
	const rules = profile.rules;
	const sources = input.dataset.sources.map((source) => ({
		label: t('report.appendix.source', { values: { kind: t(`data.kind.${source.kind}`), file: source.fileName } }),
		value: t('report.appendix.sourceCounts', {
			values: { loaded: source.loaded, skipped: source.skipped, conversion: source.conversion ?? t('report.appendix.noConversion') }
		})
	}));
	return [
		{ label: t('report.appendix.profile'), value: profile.name[language] },
		{ label: t('standards.rule.centreArea'), value: `${rules.centreAreaPerThousand.value} m²/1,000; ≥ ${rules.centreAreaMinimum.value} m² < ${rules.centreAreaMinimum.belowPopulation} — ${rules.centreAreaPerThousand.source}` },
		{ label: t('standards.rule.bedsMin'), value: `${rules.bedsPerThousandMin.value}–${rules.bedsPerThousandTarget.value} /1,000 — ${rules.bedsPerThousandMin.source}` },
		{ label: t('standards.rule.newCentreBeds'), value: `≥ ${rules.newCentreBeds.value} — ${rules.newCentreBeds.source}` },
		{ label: t('standards.rule.stationArea'), value: `≥ ${rules.stationAreaMin.value} m² — ${rules.stationAreaMin.source}` },
		{ label: t('standards.rule.coverage'), value: `${rules.coverageMinutes.value} min — ${rules.coverageMinutes.source}` },
		{ label: t('report.appendix.mode'), value: t(`coverage.mode.${params.mode}`) },
		{ label: t('report.appendix.speed'), value: `${speed} km/h` },
		{ label: t('report.appendix.threshold'), value: `${params.thresholdMinutes} min` },
		{ label: t('report.appendix.types'), value: params.facilityTypes.map((type) => t(`facility.${type}`)).join(', ') },
		{ label: t('report.appendix.snap'), value: `${params.maxSnapM} m` },
		{ label: t('report.appendix.servicePopulation'), value: t(`standards.servicePopulation.${input.servicePopulation}`) },
		{ label: t('report.appendix.method'), value: t('report.appendix.methodText') },
		...sources,
		{ label: t('report.appendix.synthetic'), value: input.dataset.synthetic ? t('report.appendix.syntheticYes') : t('report.appendix.syntheticNo') }
	];
}

function round(value: number | null, decimals: number): number | null {
	return value === null ? null : Number(value.toFixed(decimals));
}
