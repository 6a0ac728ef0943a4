/**
 * Performance marks at the moments of start-up that a planner sees (the end-to-end test reads them
 * for the README's load-time figures). Each is set once per page: later runs (a new import, a changed
 * parameter) are not start-up.
 */
export const STARTUP_MARK = {
	/** The demo's (or the saved dataset's) files fetched and parsed: the map can be created. */
	dataset: 'health-circle:dataset-parsed',
	/** MapLibre's first `idle` with the deck.gl layers drawn. */
	map: 'health-circle:first-map',
	/** The worker has assigned cells to sub-districts, built the graph and snapped the cells. */
	prepared: 'health-circle:network-prepared',
	/** The first coverage result is on the map. */
	coverage: 'health-circle:coverage-ready',
	/** DuckDB-WASM instantiated, opened and connected. */
	dbOpen: 'health-circle:duckdb-open',
	/** The dataset is in DuckDB and the overview table (SQL) is shown. */
	tables: 'health-circle:tables-ready',
	/** The baseline's indicator rows (shown.svelte.ts, from the coverage result) fill the overview and standards tables. */
	indicators: 'health-circle:indicators-ready'
} as const;

export type StartupMark = (typeof STARTUP_MARK)[keyof typeof STARTUP_MARK];

/** Sets the mark unless it is already set (only the first time counts). */
export function markStartup(name: StartupMark): void {
	if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length > 0) return;
	performance.mark(name);
}
