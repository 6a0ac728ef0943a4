/**
 * HiGHS (the exact MILP solver the CLI uses) in the coverage worker, loaded only when a suggestion
 * is certified: its 3.5 MB .wasm comes from the app's own origin (bundled by Vite from the `highs`
 * package), never from a CDN. The same adapter (highs-adapter.ts) as scripts/lib/highs-solver.ts.
 */
import type { LpSolve } from '$lib/engine/siting/milp';
import { lpSolveFrom } from './highs-adapter';
import highsWasmUrl from 'highs/runtime?url';

let loading: Promise<LpSolve> | null = null;

export function loadBrowserLpSolve(): Promise<LpSolve> {
	loading ??= import('highs')
		.then(({ default: highsLoader }) => highsLoader({ locateFile: () => highsWasmUrl }))
		.then(lpSolveFrom);
	// A failed load is not cached: the next suggestion tries again.
	loading.catch(() => (loading = null));
	return loading;
}
