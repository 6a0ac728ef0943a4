/**
 * DuckDB for Node (vitest, CLI scripts): the synchronous "blocking" build, loaded from the
 * package's own dist files so nothing is fetched. Never import this from browser code.
 */
import { createRequire } from 'node:module';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import {
	arrowTableToRows,
	CONNECTION_SETUP_SQL,
	DUCKDB_QUERY_CONFIG,
	type SqlConnection
} from './connection';

const require = createRequire(import.meta.url);

function nodeBundles(): duckdb.DuckDBBundles {
	return {
		mvp: {
			mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'),
			mainWorker: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-mvp.worker.cjs')
		},
		eh: {
			mainModule: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'),
			mainWorker: require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-eh.worker.cjs')
		}
	};
}

/** Opens a fresh in-memory database with one connection. */
export async function openNodeDb(): Promise<SqlConnection> {
	const logger = new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING);
	const db = await duckdb.createDuckDB(nodeBundles(), logger, duckdb.NODE_RUNTIME);
	await db.instantiate(() => {});
	db.open({ query: DUCKDB_QUERY_CONFIG });
	const connection = db.connect();
	for (const statement of CONNECTION_SETUP_SQL) connection.query(statement);

	return {
		async query<Row extends Record<string, unknown>>(sql: string): Promise<Row[]> {
			return arrowTableToRows<Row>(connection.query(sql));
		},
		async insertArrowIPC(table: string, ipc: Uint8Array): Promise<void> {
			// IPC bytes, not an arrow.Table: this build loads its own CJS copy of apache-arrow,
			// and a Table from our ESM copy is silently ignored by it.
			connection.insertArrowFromIPCStream(ipc, { name: table, create: true });
		},
		async close(): Promise<void> {
			connection.close();
			db.reset();
		}
	};
}
