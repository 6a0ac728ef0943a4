/**
 * The exact solver for siting certification: HiGHS (the MILP solver of the University of Edinburgh,
 * compiled to WebAssembly by the `highs` package, which ships its .wasm: nothing is downloaded).
 * Node side (CLI, benchmark, tests); the browser loads the same package in src/lib/worker/highs-browser.ts.
 */
import highsLoader from 'highs';
import type { LpSolve } from '$lib/engine/siting/milp';
import { lpSolveFrom } from '$lib/worker/highs-adapter';

let loading: Promise<LpSolve> | null = null;

export function loadLpSolve(): Promise<LpSolve> {
	loading ??= highsLoader().then(lpSolveFrom);
	return loading;
}
