/**
 * Engine benchmark on a Shanghai-scale synthetic city (not a test): graph build, snapping, baseline
 * multi-source coverage, single-facility 15-minute catchments and peak memory, each beside its
 * target; then the same coverage on a window of the city by networkx, for speed and agreement.
 *
 *   npm run bench            full run (≥ 1.5 M nodes, ≥ 4 M directed edges, 600,000 cells, 1,200 facilities)
 *   npm run bench -- --quick a small city, for a fast check
 *
 * Writes bench/results.json (bench/results-quick.json with --quick).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { counted } from './lib/cli-output';
import { CatchmentWorkspace, singleSourceCatchment } from '$lib/engine/catchment';
import { componentOfSnaps, computeCoverage, type CoverageResult, type PreparedNetwork } from '$lib/engine/coverage';
import { multiSourceDijkstra } from '$lib/engine/dijkstra';
import { buildWalkGraph, type WalkGraph } from '$lib/engine/graph';
import { describeGraph } from '$lib/engine/graph-report';
import { DEFAULT_COVERAGE_PARAMS, connectorWeight, metresPerMinute } from '$lib/engine/params';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';
import { buildSegmentIndex } from '$lib/engine/segment-index';
import { snapPoints } from '$lib/engine/snap';
import { facilitySeeds, seedsForFacility } from '$lib/engine/sources';
import type { Facility, NetworkLine } from '$lib/engine/types';
import { compareWithBoost } from './bench/bgl-compare';
import { compareWithNetworkx, type NetworkxComparison } from './bench/networkx-compare';
import { jinganDragCase, measureScenarioDrag, printScenarioDrag } from './bench/scenario-drag';
import { benchOsmPbf, printOsmPbf } from './bench/osm-pbf';
import { SyntheticCity, hashUnit, type CityScale, type GridWindow } from './bench/synthetic-city';
import { median, percentile } from './bench/stats';

const FULL: CityScale = { gridSize: 1250, spacingM: 70, cellColumns: 800, cellRows: 750, facilities: 1200, subdistrictGrid: 15 };
const QUICK: CityScale = { gridSize: 300, spacingM: 70, cellColumns: 200, cellRows: 200, facilities: 80, subdistrictGrid: 5 };
const TARGETS = { prepareNetworkS: 2.0, baselineCoverageS: 1.0, catchmentMs: 5, peakMemoryGB: 1.5 };
const COVERAGE_RUNS = 3;
const CATCHMENT_RUNS = 100;

const quick = process.argv.includes('--quick');
const scale = quick ? QUICK : FULL;

function seconds<T>(step: () => T): [T, number] {
	const start = performance.now();
	const value = step();
	return [value, (performance.now() - start) / 1000];
}

function peakMemoryGB(): number {
	// maxRSS is in kilobytes (KiB): the process's resident-set high-water mark.
	return (process.resourceUsage().maxRSS * 1024) / 1e9;
}

interface CatchmentFigures {
	medianMs: number;
	p90Ms: number;
	medianNodesReached: number;
	prunedMedianMs: number;
	prunedMedianNodesImproved: number;
}

/** 100 facilities, each alone: its 15-minute walking catchment; then the same search pruned by the baseline. */
function measureCatchments(prepared: PreparedNetwork, baseline: CoverageResult): CatchmentFigures {
	const { graph } = prepared;
	const network = baseline.network!;
	const snappedFacilities = [...network.counted.keys()].filter((f) => network.counted[f] && network.facilitySnap.edge[f] >= 0);
	const chosen = Array.from({ length: CATCHMENT_RUNS }, (_, k) => snappedFacilities[Math.floor(hashUnit(k, 0, 77) * snappedFacilities.length)]);
	const walkParams = { mode: 'walk' as const, speedKmh: null };
	const bound = 15 * metresPerMinute(walkParams);
	const workspace = new CatchmentWorkspace(graph.nodeCount);
	const times: number[] = [];
	const reached: number[] = [];
	const prunedTimes: number[] = [];
	const improved: number[] = [];
	for (const facility of chosen) {
		const [catchment, elapsed] = seconds(() => singleSourceCatchment(graph, seedsForFacility(graph, network.facilitySnap, facility, connectorWeight(walkParams)), bound, workspace));
		times.push(elapsed * 1000);
		reached.push(catchment.nodes.length);
	}
	// Incremental update ("add a proposed site"): a new facility at a random street location, searched
	// with pruning against the baseline, returns only the nodes it takes over.
	const proposed = proposedSites(prepared, CATCHMENT_RUNS);
	for (let site = 0; site < proposed.edge.length; site++) {
		const single = { ...proposed, edge: Int32Array.of(proposed.edge[site]), along: Float64Array.of(proposed.along[site]), connector: Float64Array.of(proposed.connector[site]) };
		const [catchment, elapsed] = seconds(() => singleSourceCatchment(graph, facilitySeeds(graph, single, null, connectorWeight(walkParams)), bound, workspace, network.nodes.distance));
		prunedTimes.push(elapsed * 1000);
		improved.push(catchment.nodes.length);
	}
	return { medianMs: median(times), p90Ms: percentile(times, 0.9), medianNodesReached: median(reached), prunedMedianMs: median(prunedTimes), prunedMedianNodesImproved: median(improved) };
}

/** The same number of facilities on a regular grid over the whole city: every node within reach, the search's worst case. */
function evenlySpreadFacilities(graph: WalkGraph, template: Facility[]): Facility[] {
	let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
	for (let node = 0; node < graph.nodeCount; node++) {
		west = Math.min(west, graph.nodeLon[node]);
		east = Math.max(east, graph.nodeLon[node]);
		south = Math.min(south, graph.nodeLat[node]);
		north = Math.max(north, graph.nodeLat[node]);
	}
	const columns = Math.ceil(Math.sqrt(template.length));
	const rows = Math.ceil(template.length / columns);
	return template.map((facility, k) => ({
		...facility,
		lon: west + ((k % columns) + 0.5) * ((east - west) / columns),
		lat: south + (Math.floor(k / columns) + 0.5) * ((north - south) / rows)
	}));
}

/** Random points near streets (snapped), standing for proposed new sites. */
function proposedSites(prepared: PreparedNetwork, count: number) {
	const { graph } = prepared;
	const lon = new Float64Array(count);
	const lat = new Float64Array(count);
	for (let k = 0; k < count; k++) {
		const node = Math.floor(hashUnit(k, 1, 78) * graph.nodeCount);
		lon[k] = graph.nodeLon[node] + (hashUnit(k, 2, 78) - 0.5) * 0.001;
		lat[k] = graph.nodeLat[node] + (hashUnit(k, 3, 78) - 0.5) * 0.001;
	}
	const snaps = snapPoints(graph, prepared.segments, lon, lat, prepared.maxSnapM);
	const kept = [...snaps.edge.keys()].filter((k) => snaps.edge[k] >= 0);
	return { ...snaps, edge: Int32Array.from(kept, (k) => snaps.edge[k]), along: Float64Array.from(kept, (k) => snaps.along[k]), connector: Float64Array.from(kept, (k) => snaps.connector[k]) };
}

function measureCoverage(prepared: PreparedNetwork, input: Omit<Parameters<typeof computeCoverage>[0], 'prepared' | 'graph'>) {
	const runs: number[] = [];
	let result: CoverageResult | null = null;
	for (let run = 0; run < COVERAGE_RUNS; run++) {
		const [value, elapsed] = seconds(() => computeCoverage({ ...input, graph: prepared.graph, prepared }));
		runs.push(elapsed);
		result = value;
	}
	const network = result!.network!;
	const seeds = facilitySeeds(prepared.graph, network.facilitySnap, network.counted, network.access.connectorWeight);
	const dijkstraRuns = Array.from({ length: COVERAGE_RUNS }, () => seconds(() => multiSourceDijkstra(prepared.graph, seeds, network.access.maxDistance))[1]);
	let nodesWithinLimit = 0;
	for (const distance of network.nodes.distance) if (distance < Infinity) nodesWithinLimit++;
	// The same coverage with the facilities spread evenly: every node within reach, the worst case.
	const spread = { ...input, facilities: evenlySpreadFacilities(prepared.graph, input.facilities) };
	const worstCaseRuns = Array.from({ length: COVERAGE_RUNS }, () => seconds(() => computeCoverage({ ...spread, graph: prepared.graph, prepared })));
	const spreadNetwork = worstCaseRuns[0][0].network!;
	let worstCaseNodes = 0;
	for (const distance of spreadNetwork.nodes.distance) if (distance < Infinity) worstCaseNodes++;
	const spreadSeeds = facilitySeeds(prepared.graph, spreadNetwork.facilitySnap, spreadNetwork.counted, spreadNetwork.access.connectorWeight);
	// The same searches by the compiled peer, on the same graph, seeds and bound.
	const boost = [compareWithBoost('baseline facilities', prepared.graph, seeds, network.access.maxDistance), compareWithBoost('facilities spread evenly', prepared.graph, spreadSeeds, spreadNetwork.access.maxDistance)];
	return {
		result: result!,
		runs,
		dijkstraMedian: median(dijkstraRuns),
		nodesWithinLimit,
		worstCase: { coverageMedian: median(worstCaseRuns.map(([, s]) => s)), nodesWithinLimit: worstCaseNodes },
		boost
	};
}

function networkxWindow(graphSize: number): GridWindow {
	const side = quick ? 120 : 250;
	// A window across the big river near the dense centre, so bridges matter.
	const i0 = Math.max(0, Math.floor(graphSize * 0.45) - side / 2);
	const j0 = Math.max(0, Math.floor(graphSize * 0.55) - side / 2);
	return { i0, i1: Math.min(graphSize, i0 + side), j0, j1: Math.min(graphSize, j0 + side) };
}

function main(): void {
	console.log(`health-circle engine benchmark (${quick ? 'quick' : 'full'}), Node ${process.version}, ${counted(cpus().length, 'CPU')}, ${(totalmem() / 1e9).toFixed(1)} GB RAM`);
	const city = new SyntheticCity(scale);
	let lines: NetworkLine[] | null;
	let generateS: number;
	[lines, generateS] = seconds(() => city.lines());
	const [cells, cellsS] = seconds(() => city.cells());
	const facilities = city.facilities();
	const subdistricts = city.subdistricts();
	console.log(`generated ${lines.length.toLocaleString('en-US')} street lines, ${cells.lon.length.toLocaleString('en-US')} cells, ${facilities.length} facilities in ${(generateS + cellsS).toFixed(1)} s`);

	const [graph, buildS] = seconds(() => buildWalkGraph(lines!));
	const lineCount = lines.length;
	lines = null; // the polylines are no longer needed; let them go before the rest
	const report = describeGraph(graph);
	console.log(`graph: ${report.nodes.toLocaleString('en-US')} nodes, ${report.directedEdges.toLocaleString('en-US')} directed edges, ${report.streetKm.toFixed(0)} km, ${report.components} components`);

	const [cellSubdistrict, pipS] = seconds(() => assignPointsToPolygons(cells.lon, cells.lat, subdistricts));
	const [segments, indexS] = seconds(() => buildSegmentIndex(graph));
	const [cellSnap, snapS] = seconds(() => snapPoints(graph, segments, cells.lon, cells.lat, DEFAULT_COVERAGE_PARAMS.maxSnapM));
	const prepared: PreparedNetwork = { graph, cells, segments, cellSnap, cellComponent: componentOfSnaps(graph, cellSnap), maxSnapM: DEFAULT_COVERAGE_PARAMS.maxSnapM };
	const params = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes] };
	const coverage = measureCoverage(prepared, { facilities, cells, cellSubdistrict, subdistricts, params });
	const catchments = measureCatchments(prepared, coverage.result);
	const peakGB = peakMemoryGB();
	const fullReport = describeGraph(graph, { cellSnap, cellPopulation: cells.pop, facilitySnap: coverage.result.network!.facilitySnap, facilityIncluded: coverage.result.network!.counted });
	// After the peak-memory reading, so the scenario state does not count toward it.
	const scenarioDrag = [jinganDragCase(), { label: 'synthetic city', input: { graph, prepared, facilities, cells, cellSubdistrict, subdistricts, params }, baseline: coverage.result }].map(measureScenarioDrag);

	console.log('running networkx on a window of the city ...');
	const networkx = compareWithNetworkx(city, networkxWindow(scale.gridSize), cells, facilities);
	printTable({ buildS, indexS, snapS, pipS, coverage, catchments, peakGB, networkx });
	printScenarioDrag(scenarioDrag);
	// In child processes after everything else, so neither the extract nor its reading counts toward the engine's peak.
	const osmPbf = benchOsmPbf(quick);
	printOsmPbf(osmPbf);
	const baselineS = median(coverage.runs);
	const results = {
		date: new Date().toISOString(),
		mode: quick ? 'quick' : 'full',
		machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', totalMemoryGB: totalmem() / 1e9 },
		city: { scale, streetLines: lineCount, cells: cells.lon.length, facilities: facilities.length, subdistricts: subdistricts.length },
		graph: fullReport,
		params,
		seconds: {
			graphBuild: buildS,
			segmentIndex: indexS,
			snapCells: snapS,
			pointInPolygon: pipS,
			baselineCoverageRuns: coverage.runs,
			baselineCoverageMedian: baselineS,
			multiSourceDijkstraMedian: coverage.dijkstraMedian,
			nodesWithinSearchLimit: coverage.nodesWithinLimit,
			evenlySpreadFacilitiesCoverageMedian: coverage.worstCase.coverageMedian,
			evenlySpreadFacilitiesNodesWithinLimit: coverage.worstCase.nodesWithinLimit
		},
		catchment15min: catchments,
		peakMemoryGB: peakGB,
		coverage: { total: coverage.result.total, searchLimitMinutes: coverage.result.searchLimitMinutes },
		targets: {
			prepareNetworkS: { target: TARGETS.prepareNetworkS, measured: buildS + indexS + snapS, met: buildS + indexS + snapS <= TARGETS.prepareNetworkS },
			baselineCoverageS: { target: TARGETS.baselineCoverageS, measured: baselineS, met: baselineS <= TARGETS.baselineCoverageS },
			catchmentMs: { target: TARGETS.catchmentMs, measured: catchments.medianMs, met: catchments.medianMs <= TARGETS.catchmentMs },
			peakMemoryGB: { target: TARGETS.peakMemoryGB, measured: peakGB, met: peakGB <= TARGETS.peakMemoryGB }
		},
		networkx,
		compiledPeer: { goal: 'engine ÷ Boost ≤ 2 for the multi-source search', searches: coverage.boost },
		scenarioDrag,
		osmPbf
	};
	const directory = fileURLToPath(new URL('../bench/', import.meta.url));
	mkdirSync(directory, { recursive: true });
	const file = `${directory}${quick ? 'results-quick.json' : 'results.json'}`;
	writeFileSync(file, JSON.stringify(results, (_, value) => (value === Infinity ? 'Infinity' : value), 2) + '\n');
	console.log(`\nwrote ${file}`);
}

interface TableInput {
	buildS: number;
	indexS: number;
	snapS: number;
	pipS: number;
	coverage: ReturnType<typeof measureCoverage>;
	catchments: CatchmentFigures;
	peakGB: number;
	networkx: NetworkxComparison;
}

function printTable({ buildS, indexS, snapS, pipS, coverage, catchments, peakGB, networkx }: TableInput): void {
	const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
	const baselineS = median(coverage.runs);
	const rows: [string, string, string][] = [
		['graph build', `${buildS.toFixed(2)} s`, ''],
		['segment index (grid)', `${indexS.toFixed(2)} s`, ''],
		[`snap ${coverage.result.minutes.length.toLocaleString('en-US')} cells`, `${snapS.toFixed(2)} s`, ''],
		['  build + index + snap', `${(buildS + indexS + snapS).toFixed(2)} s`, `≤ ${TARGETS.prepareNetworkS} s  ${verdict(buildS + indexS + snapS <= TARGETS.prepareNetworkS)}`],
		['cells → sub-districts', `${pipS.toFixed(2)} s`, ''],
		[`baseline coverage (median of ${COVERAGE_RUNS})`, `${baselineS.toFixed(3)} s`, `≤ ${TARGETS.baselineCoverageS} s  ${verdict(baselineS <= TARGETS.baselineCoverageS)}`],
		['  of which multi-source Dijkstra', `${coverage.dijkstraMedian.toFixed(3)} s`, `${coverage.nodesWithinLimit.toLocaleString('en-US')} nodes within ${coverage.result.searchLimitMinutes} min`],
		['baseline coverage, facilities spread evenly', `${coverage.worstCase.coverageMedian.toFixed(3)} s`, `≤ ${TARGETS.baselineCoverageS} s  ${verdict(coverage.worstCase.coverageMedian <= TARGETS.baselineCoverageS)} (worst case: ${coverage.worstCase.nodesWithinLimit.toLocaleString('en-US')} nodes in reach)`],
		[`15-min catchment (median of ${CATCHMENT_RUNS})`, `${catchments.medianMs.toFixed(2)} ms`, `≤ ${TARGETS.catchmentMs} ms  ${verdict(catchments.medianMs <= TARGETS.catchmentMs)}`],
		['  p90 / median nodes reached', `${catchments.p90Ms.toFixed(2)} ms / ${catchments.medianNodesReached}`, ''],
		['  new site, pruned by baseline: median / nodes improved', `${catchments.prunedMedianMs.toFixed(3)} ms / ${catchments.prunedMedianNodesImproved}`, ''],
		['peak memory (maxRSS)', `${peakGB.toFixed(2)} GB`, `≤ ${TARGETS.peakMemoryGB} GB  ${verdict(peakGB <= TARGETS.peakMemoryGB)}`],
		[`networkx window: ${networkx.nodes.toLocaleString('en-US')} nodes, ${networkx.cells.toLocaleString('en-US')} cells`, `engine ${networkx.engineSeconds.total.toFixed(2)} s`, `networkx ${networkx.networkxSeconds.total.toFixed(2)} s`],
		['  speed ratio networkx ÷ engine (build+snap+search)', `${networkx.speedRatio.toFixed(1)}×`, `search only ${networkx.searchSpeedRatio.toFixed(1)}×`],
		['  largest difference', `${networkx.maxDifferenceMinutes.toExponential(2)} min`, `${networkx.comparedCells.toLocaleString('en-US')} cells, ${networkx.reachabilityMismatches} reachability mismatches`],
		...coverage.boost.flatMap((peer): [string, string, string][] => [
			[`Boost ${peer.boostVersion} Dijkstra (g++ -O2), ${peer.label}`, `${peer.boostSearchMedianS.toFixed(3)} s`, `engine ${peer.engineSearchMedianS.toFixed(3)} s, ${peer.nodesWithinBound.toLocaleString('en-US')} nodes within bound`],
			['  engine ÷ Boost (multi-source search)', `${peer.engineOverBoost.toFixed(2)}×`, `≤ 2×  ${verdict(peer.engineOverBoost <= 2)}`],
			['  largest difference', `${peer.maxDifferenceMetres.toExponential(2)} m`, `${peer.reachabilityMismatches} reachability mismatches`]
		])
	];
	const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
	console.log('');
	console.log(['measure'.padEnd(widths[0]), 'value'.padStart(widths[1]), 'target'].join('  '));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const [name, value, target] of rows) console.log([name.padEnd(widths[0]), value.padStart(widths[1]), target].join('  '));
	const total = coverage.result.total;
	console.log(`\ncoverage of the synthetic city: ${total.coveragePct?.toFixed(1)}% of ${Math.round(total.residents).toLocaleString('en-US')} residents within 15 min; unreachable ${Math.round(total.unreachableResidents).toLocaleString('en-US')}`);
}

main();
