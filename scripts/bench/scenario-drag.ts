/**
 * What-if drag benchmark: a proposed station is added, then dragged through 100 positions along a
 * ~2.5 km path. Each position costs one IncrementalCoverage.sync plus the standards indicators
 * (computeIndicators), which is what the app redraws per frame; a full computeCoverage of the same
 * list is timed beside it. The last position is checked against the full computation.
 */
import { computeCoverage, prepareNetwork, type CoverageInput, type CoverageResult } from '$lib/engine/coverage';
import { buildWalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/params';
import { applyEdits, type ScenarioEdit } from '$lib/engine/scenario/edits';
import { IncrementalCoverage } from '$lib/engine/scenario/incremental';
import { computeIndicators } from '$lib/engine/standards/compute-indicators';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';
import type { Facility } from '$lib/engine/types';
import { loadInputs } from '../lib/load-inputs';
import { median, percentile } from './stats';

export const DRAG_TARGETS = { medianMs: 16, p95Ms: 50 };
const POSITIONS = 100;
const PATH_M = 2500;
const FULL_RUNS = 3;

/** A dataset with a full network computation of its facilities (the scenario's baseline). */
export interface DragCase {
	label: string;
	input: CoverageInput;
	baseline: CoverageResult;
}

export interface DragFigures {
	label: string;
	positions: number;
	pathKm: number;
	indicatorsIncluded: boolean;
	/** fromResult (indexes, copies), once per scenario. */
	startMs: number;
	/** Adding the proposed station (sync + indicators). */
	addMs: number;
	/** Per drag position: sync + indicators. */
	medianMs: number;
	p95Ms: number;
	maxMs: number;
	medianSyncMs: number;
	medianIndicatorsMs: number;
	medianChangedCells: number;
	/** computeCoverage on the same list (median of 3 positions), for comparison. */
	fullRecomputeMs: number;
	/** The last position's minutes equal a full computation's bit for bit. */
	matchesFull: boolean;
	targets: { medianMs: { target: number; met: boolean }; p95Ms: { target: number; met: boolean } };
}

/** The Jing'an demo, loaded as the CLI does, with its baseline coverage (walk, 15 minutes). */
export function jinganDragCase(): DragCase {
	const demo = 'static/data/demo';
	const inputs = loadInputs({ network: `${demo}/network.geojson`, facilities: `${demo}/facilities.csv`, population: `${demo}/population.csv`, subdistricts: `${demo}/subdistricts.geojson` });
	const graph = buildWalkGraph(inputs.network!);
	const params = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes] };
	const input: CoverageInput = { graph, prepared: prepareNetwork(graph, inputs.cells, params.maxSnapM), facilities: inputs.facilities, cells: inputs.cells, cellSubdistrict: inputs.cellSubdistrict, subdistricts: inputs.subdistricts, params };
	return { label: "Jing'an demo", input, baseline: computeCoverage(input) };
}

export function measureScenarioDrag({ label, input, baseline }: DragCase): DragFigures {
	const path = dragPath(input);
	const station: Facility = { id: 'bench-proposed-station', name: 'proposed station', type: 'station', subdistrict: '', lon: path[0][0], lat: path[0][1], areaM2: 150, beds: null, status: 'proposed', parentId: null };
	const add: ScenarioEdit = { kind: 'add', facility: station };
	const lists = path.map(([lon, lat]) => applyEdits(input.facilities, [add, { kind: 'move', id: station.id, lon, lat }]));
	const indicators = (facilities: Facility[], coverage: IncrementalCoverage) => computeIndicators({ subdistricts: input.subdistricts, facilities, coverage, profile: SHANGHAI_2023 });

	const startAt = performance.now();
	const incremental = IncrementalCoverage.fromResult(input, baseline);
	const startMs = performance.now() - startAt;
	const addAt = performance.now();
	const added = applyEdits(input.facilities, [add]);
	incremental.sync(added);
	indicators(added, incremental);
	const addMs = performance.now() - addAt;

	const total: number[] = [];
	const sync: number[] = [];
	const indicatorTimes: number[] = [];
	const changed: number[] = [];
	for (const list of lists) {
		const t0 = performance.now();
		const changes = incremental.sync(list);
		const t1 = performance.now();
		indicators(list, incremental);
		const t2 = performance.now();
		sync.push(t1 - t0);
		indicatorTimes.push(t2 - t1);
		total.push(t2 - t0);
		changed.push(changes.cells.length);
	}
	const fullRuns = [0, lists.length >> 1, lists.length - 1].slice(0, FULL_RUNS).map((k) => timed(() => computeCoverage({ ...input, facilities: lists[k] })));
	const last = computeCoverage({ ...input, facilities: lists[lists.length - 1] });
	const matchesFull = last.minutes.every((minutes, cell) => Object.is(minutes, incremental.minutes[cell]));
	const medianMs = median(total);
	const p95Ms = percentile(total, 0.95);
	return {
		label,
		positions: lists.length,
		pathKm: PATH_M / 1000,
		indicatorsIncluded: true,
		startMs,
		addMs,
		medianMs,
		p95Ms,
		maxMs: Math.max(...total),
		medianSyncMs: median(sync),
		medianIndicatorsMs: median(indicatorTimes),
		medianChangedCells: median(changed),
		fullRecomputeMs: median(fullRuns),
		matchesFull,
		targets: { medianMs: { target: DRAG_TARGETS.medianMs, met: medianMs <= DRAG_TARGETS.medianMs }, p95Ms: { target: DRAG_TARGETS.p95Ms, met: p95Ms <= DRAG_TARGETS.p95Ms } }
	};
}

export function printScenarioDrag(figures: DragFigures[]): void {
	const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
	console.log(`\nwhat-if drag: add a proposed station, then ${POSITIONS} positions along ${PATH_M / 1000} km (sync + indicators per position)`);
	for (const f of figures) {
		console.log(`  ${f.label}: median ${f.medianMs.toFixed(2)} ms (target ≤ ${DRAG_TARGETS.medianMs} ms ${verdict(f.targets.medianMs.met)}), p95 ${f.p95Ms.toFixed(2)} ms (target ≤ ${DRAG_TARGETS.p95Ms} ms ${verdict(f.targets.p95Ms.met)}), max ${f.maxMs.toFixed(2)} ms`);
		console.log(`    of which sync ${f.medianSyncMs.toFixed(2)} ms + indicators ${f.medianIndicatorsMs.toFixed(2)} ms (median); ${f.medianChangedCells} cells changed per position; add ${f.addMs.toFixed(2)} ms; start ${f.startMs.toFixed(0)} ms`);
		console.log(`    full recomputation of the same list: ${f.fullRecomputeMs.toFixed(1)} ms (${(f.fullRecomputeMs / f.medianMs).toFixed(0)}× the drag step); last position identical to it: ${f.matchesFull ? 'yes' : 'NO'}`);
	}
}

/** 100 positions on a straight ~2.5 km path starting near the middle of the populated area, heading east-north-east. */
function dragPath(input: CoverageInput): [number, number][] {
	const { lon, lat } = input.cells;
	const middle = (values: Float64Array) => {
		let low = Infinity;
		let high = -Infinity;
		for (const value of values) {
			low = Math.min(low, value);
			high = Math.max(high, value);
		}
		return (low + high) / 2;
	};
	const startLon = middle(lon) - 0.008;
	const startLat = middle(lat) - 0.004;
	const metresPerDegreeLat = (6_371_008.8 * Math.PI) / 180;
	const metresPerDegreeLon = metresPerDegreeLat * Math.cos((startLat * Math.PI) / 180);
	const heading = Math.PI / 8;
	return Array.from({ length: POSITIONS }, (_, k) => {
		const along = (PATH_M * (k + 1)) / POSITIONS;
		return [startLon + (along * Math.cos(heading)) / metresPerDegreeLon, startLat + (along * Math.sin(heading)) / metresPerDegreeLat];
	});
}

function timed(step: () => unknown): number {
	const start = performance.now();
	step();
	return performance.now() - start;
}

