/**
 * SQL fragments shared by the sub-district, district and centre indicator queries. Profile
 * thresholds are validated numbers, written as literals through `sqlNumber`; facility types,
 * statuses and scenario names go through `sqlString` / `sqlStringList`.
 */
import { FACILITY_STATUSES, type FacilityStatus } from '../engine/types';
import type { StandardsRules } from '../engine/standards/profile';
import { sqlStringList } from './sql';

/** A DOUBLE literal; refuses anything that is not a finite number. */
export function sqlNumber(value: number): string {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`not a finite number for SQL: ${String(value)}`);
	return `CAST('${String(value)}' AS DOUBLE)`;
}

/** The facilities counted at all (by status), as a SQL query; unknown statuses are refused. */
export function countedFacilitiesSql(statuses: readonly FacilityStatus[] | undefined): string {
	if (statuses === undefined) return 'SELECT * FROM facilities';
	const unknown = statuses.filter((status) => !(FACILITY_STATUSES as readonly string[]).includes(status));
	if (unknown.length > 0) throw new Error(`Unknown facility status: ${unknown.join(', ')}`);
	if (statuses.length === 0) return 'SELECT * FROM facilities WHERE false';
	return `SELECT * FROM facilities WHERE status IN (${sqlStringList(statuses)})`;
}

/** `type IN (...)`, or `false` for an empty list. */
export function typeInSql(column: string, values: readonly string[]): string {
	return values.length === 0 ? 'false' : `${column} IN (${sqlStringList(values)})`;
}

/**
 * Required centre area for a population expression: perThousand × population ÷ 1,000, raised to the
 * minimum below its population limit (same order of operations as requiredCentreAreaM2).
 */
export function requiredAreaSql(rules: Pick<StandardsRules, 'centreAreaPerThousand' | 'centreAreaMinimum'>, population: string): string {
	const proportional = `(${sqlNumber(rules.centreAreaPerThousand.value)} * (${population}) / 1000)`;
	const minimum = rules.centreAreaMinimum;
	if (!minimum.enabled) return proportional;
	return `(CASE WHEN (${population}) < ${sqlNumber(minimum.belowPopulation)} THEN GREATEST(${sqlNumber(minimum.value)}, ${proportional}) ELSE ${proportional} END)`;
}

/**
 * Outcome of a threshold on a sum with possibly unknown parts: the known sum already meets it →
 * pass (unknown parts can only add); otherwise unknown parts leave it open → incomplete; else fail.
 */
export function sumOutcomeSql(options: { enabled: boolean; applicable: string; meets: string; unknownCount: string }): string {
	if (!options.enabled) return `'off'`;
	return `(CASE WHEN NOT (${options.applicable}) THEN 'na' WHEN ${options.meets} THEN 'pass' WHEN (${options.unknownCount}) > 0 THEN 'incomplete' ELSE 'fail' END)`;
}

/**
 * Outcome of a per-facility minimum over a set: a known value under it → fail; unknown values →
 * incomplete; an empty set → na.
 */
export function countOutcomeSql(options: { enabled: boolean; total: string; under: string; unknownCount: string }): string {
	if (!options.enabled) return `'off'`;
	return `(CASE WHEN (${options.total}) = 0 THEN 'na' WHEN (${options.under}) > 0 THEN 'fail' WHEN (${options.unknownCount}) > 0 THEN 'incomplete' ELSE 'pass' END)`;
}
