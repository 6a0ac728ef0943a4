/**
 * The same coverage on a window of the synthetic city, by the engine and by networkx
 * (scripts/bench/networkx_coverage.py under /usr/bin/python3): speed ratio and largest difference.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeCoverage, prepareNetwork } from '$lib/engine/coverage';
import { buildWalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS, metresPerMinute, type CoverageParams } from '$lib/engine/params';
import type { Facility, PopulationCells } from '$lib/engine/types';
import type { GridWindow, SyntheticCity } from './synthetic-city';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./networkx_coverage.py', import.meta.url));

export interface NetworkxComparison {
	window: GridWindow;
	nodes: number;
	cells: number;
	facilities: number;
	engineSeconds: { graphBuild: number; snapping: number; coverage: number; total: number };
	networkxSeconds: { graphBuild: number; snapping: number; dijkstra: number; total: number };
	/** networkx total ÷ engine total (same steps: build, snap, search). */
	speedRatio: number;
	/** networkx Dijkstra ÷ engine coverage step. */
	searchSpeedRatio: number;
	comparedCells: number;
	maxDifferenceMinutes: number;
	/** Cells one side calls reachable and the other not. */
	reachabilityMismatches: number;
	networkxVersion: string;
}

interface PythonResult {
	minutes: (number | null)[];
	nodes: number;
	edges: number;
	networkx: string;
	timings_s: { graph_build: number; snapping: number; dijkstra: number; total_without_read: number };
}

function cellsInside(cells: PopulationCells, bounds: ReturnType<SyntheticCity['windowBounds']>): PopulationCells {
	const keep: number[] = [];
	for (let cell = 0; cell < cells.lon.length; cell++) {
		if (cells.lon[cell] >= bounds.west && cells.lon[cell] <= bounds.east && cells.lat[cell] >= bounds.south && cells.lat[cell] <= bounds.north) keep.push(cell);
	}
	return { lon: Float64Array.from(keep, (c) => cells.lon[c]), lat: Float64Array.from(keep, (c) => cells.lat[c]), pop: Float64Array.from(keep, (c) => cells.pop[c]) };
}

export function compareWithNetworkx(city: SyntheticCity, window: GridWindow, allCells: PopulationCells, allFacilities: Facility[]): NetworkxComparison {
	const bounds = city.windowBounds(window);
	const lines = city.lines(window);
	const cells = cellsInside(allCells, bounds);
	// All facility types count here, so both sides use the same sources.
	const facilities = allFacilities.filter((f) => f.lon >= bounds.west && f.lon <= bounds.east && f.lat >= bounds.south && f.lat <= bounds.north);
	const params: CoverageParams = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: ['centre', 'branch', 'station'], searchLimitMinutes: Infinity };

	const started = performance.now();
	const graph = buildWalkGraph(lines);
	const built = performance.now();
	const prepared = prepareNetwork(graph, cells, params.maxSnapM);
	const snapped = performance.now();
	const result = computeCoverage({ graph, prepared, facilities, cells, cellSubdistrict: new Int32Array(cells.lon.length).fill(-1), subdistricts: [], params });
	const finished = performance.now();

	const directory = mkdtempSync(join(tmpdir(), 'health-circle-bench-'));
	const inputPath = join(directory, 'input.json');
	writeFileSync(
		inputPath,
		JSON.stringify({
			lines: lines.map((line) => line.coords.flat()),
			facilities: facilities.map((f) => [f.lon, f.lat]),
			cells: Array.from(cells.lon, (lon, c) => [lon, cells.lat[c]]),
			max_snap_m: params.maxSnapM,
			metres_per_minute: metresPerMinute(params)
		})
	);
	const run = spawnSync(PYTHON, [SCRIPT, inputPath], { encoding: 'utf8', maxBuffer: 1 << 28 });
	rmSync(directory, { recursive: true, force: true });
	if (run.status !== 0) throw new Error(`networkx run failed (${PYTHON} ${SCRIPT}): ${run.stderr || run.error?.message}`);
	const python = JSON.parse(run.stdout) as PythonResult;

	let maxDifference = 0;
	let compared = 0;
	let mismatches = 0;
	python.minutes.forEach((expected, cell) => {
		const minutes = result.minutes[cell];
		if (expected === null || Number.isNaN(minutes)) {
			if ((expected === null) !== Number.isNaN(minutes)) mismatches++;
			return;
		}
		compared++;
		maxDifference = Math.max(maxDifference, Math.abs(minutes - expected));
	});
	const engineSeconds = { graphBuild: (built - started) / 1000, snapping: (snapped - built) / 1000, coverage: (finished - snapped) / 1000, total: (finished - started) / 1000 };
	const t = python.timings_s;
	return {
		window,
		nodes: graph.nodeCount,
		cells: cells.lon.length,
		facilities: facilities.length,
		engineSeconds,
		networkxSeconds: { graphBuild: t.graph_build, snapping: t.snapping, dijkstra: t.dijkstra, total: t.total_without_read },
		speedRatio: t.total_without_read / engineSeconds.total,
		searchSpeedRatio: t.dijkstra / engineSeconds.coverage,
		comparedCells: compared,
		maxDifferenceMinutes: maxDifference,
		reachabilityMismatches: mismatches,
		networkxVersion: python.networkx
	};
}
