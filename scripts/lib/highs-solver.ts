/**
 * The exact solver for siting certification: HiGHS (the MILP solver of the University of Edinburgh,
 * compiled to WebAssembly by the `highs` package, which ships its .wasm: nothing is downloaded).
 * Node side (CLI, benchmark, tests); the browser loads the same package in src/lib/worker/highs-browser.ts.
 */
import highsLoader from 'highs';
import type { LpSolution, LpSolve } from '$lib/engine/siting/milp';

let loading: Promise<LpSolve> | null = null;

export function loadLpSolve(): Promise<LpSolve> {
	loading ??= highsLoader().then((highs) => (model: string, options: { time_limit: number; mip_rel_gap: number }) => highs.solve(model, { ...options, output_flag: false }) as LpSolution);
	return loading;
}
