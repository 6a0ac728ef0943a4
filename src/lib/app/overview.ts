import type { SubdistrictOverviewRow } from '$lib/db/queries';
import type { OverallStatus, SubdistrictIndicators } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import { facilityRuleGaps, severity, type Severity } from '$lib/engine/standards/severity';
import type { Facility } from '$lib/engine/types';
import type { Language } from '$lib/i18n';

/**
 * The first view's table: which sub-districts fail, how badly, for how many residents. Built from the
 * engine's indicators, so it is on screen as soon as coverage is computed and never waits for DuckDB;
 * DuckDB's overview, once loaded, must say the same (`overviewDisagreements`).
 */
export interface OverviewRow {
	code: string;
	name: string;
	nameEn: string;
	residents: number;
	/** Centres and their branches. */
	centres: number;
	stations: number;
	/** The indicator row itself (engine/standards/compute-indicators.ts): the table prints its coveragePct. */
	indicators: SubdistrictIndicators;
	status: OverallStatus;
	severity: Severity;
}

/** `facilities`: the ones the rows were computed from (severity measures a station's or new centre's own shortfall). */
export function overviewRows(rows: readonly SubdistrictIndicators[], profile: StandardsProfile, facilities: readonly Facility[]): OverviewRow[] {
	const facilityGaps = facilityRuleGaps(facilities, profile);
	return rows.map((row) => ({
		code: row.code,
		name: row.name,
		nameEn: row.nameEn,
		residents: row.residents,
		centres: row.centres + row.branches,
		stations: row.stations,
		indicators: row,
		status: row.status,
		severity: severity(row, profile, facilityGaps)
	}));
}

export const OVERVIEW_SORT_KEYS = ['name', 'severity', 'gap', 'residents', 'centres', 'stations', 'coveragePct'] as const;
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];

/** Names in the reader's order: Chinese names by the zh collation (pinyin), English names alphabetically. */
export function nameCollator(language: Language): (a: Pick<OverviewRow, 'name' | 'nameEn'>, b: Pick<OverviewRow, 'name' | 'nameEn'>) => number {
	const collator = new Intl.Collator(language === 'en' ? 'en' : 'zh-CN-u-co-pinyin');
	return language === 'en' ? (a, b) => collator.compare(a.nameEn, b.nameEn) : (a, b) => collator.compare(a.name, b.name);
}

/** Severity as one sortable number: undecided (−1) below meets-all (0), failures by their gap above. */
function severityRank(value: Severity): number {
	if (value.gap === null) return -1;
	return value.rule === null ? 0 : 1 + value.gap;
}

/** The rows sorted by a column; ties and unknown values fall back to the name order, unknowns last. */
export function sortOverview(rows: readonly OverviewRow[], key: OverviewSortKey, descending: boolean, language: Language): OverviewRow[] {
	const byName = nameCollator(language);
	const direction = descending ? -1 : 1;
	const value = (row: OverviewRow): number | null =>
		key === 'severity' || key === 'gap' ? severityRank(row.severity) : key === 'name' ? 0 : key === 'coveragePct' ? row.indicators.coveragePct : row[key];
	return [...rows].sort((a, b) => {
		if (key === 'name') return direction * byName(a, b);
		const x = value(a);
		const y = value(b);
		if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
		return direction * (x - y) || byName(a, b);
	});
}

/** Codes whose residents or facility counts differ between the engine's overview and DuckDB's. */
export function overviewDisagreements(engine: readonly OverviewRow[], db: readonly SubdistrictOverviewRow[]): string[] {
	const fromDb = new Map(db.map((row) => [row.code, row]));
	const codes = new Set([...engine.map((row) => row.code), ...db.map((row) => row.code)]);
	const engineByCode = new Map(engine.map((row) => [row.code, row]));
	return [...codes].filter((code) => {
		const mine = engineByCode.get(code);
		const theirs = fromDb.get(code);
		if (!mine || !theirs) return true;
		return Math.abs(mine.residents - theirs.residents) > 1e-6 || mine.centres !== theirs.centres + theirs.branches || mine.stations !== theirs.stations;
	});
}
