/**
 * Helpers for putting values into SQL text. Anything that did not come from this code
 * (file contents, user input, scenario names) goes through one of these, never raw.
 */

/** A SQL string literal: single quotes doubled, NUL refused (DuckDB cannot store it). */
export function sqlString(value: string): string {
	if (value.includes('\u0000')) throw new Error('SQL string contains a NUL character');
	return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier (table or column name): double quotes doubled. */
export function sqlIdentifier(name: string): string {
	if (name.length === 0) throw new Error('SQL identifier is empty');
	if (name.includes('\u0000')) throw new Error('SQL identifier contains a NUL character');
	return `"${name.replaceAll('"', '""')}"`;
}

/** A comma-separated list of string literals, for `IN (...)`. */
export function sqlStringList(values: readonly string[]): string {
	if (values.length === 0) throw new Error('SQL IN list is empty');
	return values.map(sqlString).join(', ');
}
