/**
 * HiGHS (the exact MILP solver the CLI uses) in the coverage worker, loaded only when a suggestion
 * is certified: its 3.5 MB .wasm comes from the app's own origin (bundled by Vite from the `highs`
 * package), never from a CDN. The same LpSolve contract as scripts/lib/highs-solver.ts.
 */
import type { LpSolution, LpSolve } from '$lib/engine/siting/milp';
import highsWasmUrl from 'highs/runtime?url';

let loading: Promise<LpSolve> | null = null;

export function loadBrowserLpSolve(): Promise<LpSolve> {
	loading ??= import('highs')
		.then(({ default: highsLoader }) => highsLoader({ locateFile: () => highsWasmUrl }))
		.then((highs) => (model: string, options: { time_limit: number; mip_rel_gap: number }) => highs.solve(model, { ...options, output_flag: false }) as LpSolution);
	// A failed load is not cached: the next suggestion tries again.
	loading.catch(() => (loading = null));
	return loading;
}
