/**
 * HiGHS behind the engine's LpSolve contract, for the CLI (scripts/lib/highs-solver.ts) and the
 * worker (highs-browser.ts) alike: a persistent model so the heuristic's sites can be given as the
 * first incumbent (setSolution), progress read from the improving-solution and logging callbacks,
 * the search stopped from the interrupt callback, and the best feasible solution read back even when
 * the time limit or a stop ended the search.
 */
import type { Highs } from 'highs';
import type { LpResult, LpSolve, LpSolveOptions } from '$lib/engine/siting/milp';

export function lpSolveFrom(highs: Highs): LpSolve {
	const codes = highs.constants.modelStatus;
	return (text: string, options: LpSolveOptions): LpResult => {
		const model = highs.createModel({ format: 'lp', data: text });
		try {
			model.options.set({ output_flag: false, time_limit: options.time_limit, mip_rel_gap: options.mip_rel_gap });
			const columnCount = model.getDimensions().numCols;
			const names = Array.from({ length: columnCount }, (_, column) => model.getColName(column));
			if (options.start) {
				const start = new Float64Array(columnCount);
				names.forEach((name, column) => (start[column] = options.start?.[name] ?? 0));
				model.setSolution({ colValue: start });
			}
			const { onProgress, shouldStop } = options;
			const progress = (data: { mip_primal_bound?: number; mip_dual_bound?: number; running_time?: number }): undefined => {
				onProgress?.({ primal: finite(data.mip_primal_bound), dual: finite(data.mip_dual_bound), seconds: data.running_time ?? 0 });
			};
			model.run({
				[highs.constants.callbackType.mipImprovingSolution]: (event) => progress(event.data),
				[highs.constants.callbackType.mipLogging]: (event) => progress(event.data),
				[highs.constants.callbackType.mipInterrupt]: (event) => {
					if (shouldStop?.()) event.interrupt();
				}
			});
			const status = model.getModelStatus();
			const hasPrimal = Number(model.info.get('primal_solution_status')) === 2;
			const dual = Number(model.info.get('mip_dual_bound'));
			const columns: Record<string, number> | null = hasPrimal ? {} : null;
			if (columns) {
				const values = model.getSolution().colValue;
				names.forEach((name, column) => (columns[name] = values[column]));
			}
			const detail = Object.entries(codes).find(([, code]) => code === status)?.[0] ?? String(status);
			const bound = Number.isFinite(dual) ? dual : null;
			if (status === codes.optimal) return { status: 'optimal', detail, columns, bound };
			if (status === codes.infeasible) return { status: 'infeasible', detail, columns: null, bound: null };
			if (status === codes.timeLimit) return { status: 'time-limit', detail, columns, bound };
			if (status === codes.interrupted) return { status: 'interrupted', detail, columns, bound };
			return { status: 'failed', detail, columns: null, bound: null };
		} finally {
			model.dispose();
		}
	};
}

function finite(value: number | undefined): number | null {
	return value !== undefined && Number.isFinite(value) ? value : null;
}
