/**
 * DuckDB in the browser: AsyncDuckDB in its own Web Worker (so loading the 30 MB wasm
 * never blocks the first paint), with the `eh` bundle self-hosted through Vite `?url`
 * imports; no CDN. This is the only file with `?url` imports: Node code must not import it.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import duckdbWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import duckdbWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import {
	arrowTableToRows,
	CONNECTION_SETUP_SQL,
	DUCKDB_QUERY_CONFIG,
	type SqlConnection
} from './connection';

/** Opens a fresh in-memory database in a new worker, with one connection. */
export async function openBrowserDb(): Promise<SqlConnection> {
	const worker = new Worker(duckdbWorkerUrl);
	// Warnings and errors only: the console stays quiet during normal use.
	const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
	try {
		await db.instantiate(duckdbWasmUrl);
		await db.open({ query: DUCKDB_QUERY_CONFIG });
		const connection = await db.connect();
		for (const statement of CONNECTION_SETUP_SQL) await connection.query(statement);
		return {
			async query<Row extends Record<string, unknown>>(sql: string): Promise<Row[]> {
				return arrowTableToRows<Row>(await connection.query(sql));
			},
			async insertArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
				await connection.insertArrowFromIPCStream(ipc, { name: table, create: true });
			},
			async close(): Promise<void> {
				await connection.close();
				await db.terminate();
			}
		};
	} catch (error) {
		await db.terminate();
		throw error;
	}
}
