/**
 * The one interface the app and the CLI use to talk to DuckDB, whichever build runs it
 * (AsyncDuckDB in a browser worker, the blocking Node build in tests and scripts).
 * Rows come back as plain objects with JS numbers so that no Arrow type leaks upward.
 */
import { Type, util, type Table } from 'apache-arrow';

export interface SqlConnection {
	/** Runs one statement (or several separated by `;`) and returns the last one's rows. */
	query<Row extends Record<string, unknown>>(sql: string): Promise<Row[]>;
	/**
	 * Creates table `table` (which must not exist yet) from an Arrow IPC stream.
	 * In the browser the bytes' ArrayBuffer is transferred to the worker (detached here);
	 * an empty byte array is ignored there, so callers skip zero-row inserts.
	 */
	insertArrowIPC(table: string, ipc: Uint8Array): Promise<void>;
	/** Closes the connection and frees the database (in the browser, its worker). */
	close(): Promise<void>;
}

/**
 * Statements run right after connecting. This DuckDB build fetches parquet/json/spatial
 * extensions from the internet on first use; offline that fetch hangs instead of failing,
 * so both the automatic install and the automatic load are switched off.
 */
export const CONNECTION_SETUP_SQL = [
	'SET autoinstall_known_extensions=false',
	'SET autoload_known_extensions=false'
] as const;

/**
 * Open options shared by both builds: DuckDB-WASM casts BIGINT/HUGEINT (counts, integer
 * sums) and DECIMAL to DOUBLE when it exports results, so rows hold plain numbers.
 */
export const DUCKDB_QUERY_CONFIG = { castBigIntToDouble: true, castDecimalToDouble: true } as const;

/** Structural view of an Arrow value that may be a nested row or list. */
interface JsonConvertible {
	toJSON(): unknown;
}

function hasToJSON(value: object): value is JsonConvertible {
	return typeof (value as Partial<JsonConvertible>).toJSON === 'function';
}

/** Converts one Arrow cell to a plain JS value; NULL → null, big integers → number. */
function plainValue(value: unknown, typeId: Type, scale: number): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return Number(value);
	if (typeId === Type.Decimal && value instanceof Uint32Array) {
		// Fallback only: DUCKDB_QUERY_CONFIG normally turns decimals into doubles.
		return util.bigNumToNumber(value as unknown as Parameters<typeof util.bigNumToNumber>[0], scale);
	}
	if (typeof value === 'object' && hasToJSON(value)) return value.toJSON();
	return value;
}

/**
 * Turns an Arrow result table into plain row objects, column by column.
 * Works on tables from either copy of apache-arrow (ESM or the CJS one that the Node
 * build of DuckDB loads): it reads only type ids and iterates vectors, no `instanceof`.
 */
export function arrowTableToRows<Row extends Record<string, unknown>>(table: Table): Row[] {
	const rows: Record<string, unknown>[] = Array.from({ length: table.numRows }, () => ({}));
	table.schema.fields.forEach((field, columnIndex) => {
		const column = table.getChildAt(columnIndex);
		if (column === null) return;
		const scale = field.typeId === Type.Decimal ? (field.type as { scale: number }).scale : 0;
		let rowIndex = 0;
		for (const value of column) {
			rows[rowIndex][field.name] = plainValue(value, field.typeId, scale);
			rowIndex += 1;
		}
	});
	return rows as Row[];
}
