/**
 * The compiled peer: the engine's multi-source search beside the Boost Graph Library's Dijkstra
 * (scripts/bench/bgl_dijkstra.cpp, built here with g++ -O2 against Debian's libboost-graph-dev) on
 * the very same CSR graph, seeds and bound: speed ratio and largest difference per node.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { multiSourceDijkstra, type SourceSeeds } from '$lib/engine/dijkstra';
import type { WalkGraph } from '$lib/engine/graph';
import { median } from './stats';

const SOURCE = fileURLToPath(new URL('./bgl_dijkstra.cpp', import.meta.url));
const RUNS = 3;

export interface BoostComparison {
	label: string;
	nodes: number;
	seeds: number;
	boundMetres: number;
	nodesWithinBound: number;
	engineSearchMedianS: number;
	boostSearchMedianS: number;
	/** Engine search ÷ Boost search: below 1 the engine is faster. */
	engineOverBoost: number;
	maxDifferenceMetres: number;
	/** Nodes one side reaches within the bound and the other not. */
	reachabilityMismatches: number;
	boostVersion: string;
	compiler: string;
}

/** Builds the peer once per source version (cached beside the node modules); returns the executable. */
function compiledPeer(): { executable: string; compiler: string } {
	const source = readFileSync(SOURCE);
	const tag = createHash('sha256').update(source).digest('hex').slice(0, 12);
	const directory = fileURLToPath(new URL('../../node_modules/.cache/health-circle-bench/', import.meta.url));
	const executable = join(directory, `bgl_dijkstra-${tag}`);
	const compiler = spawnSync('g++', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? 'g++';
	if (!existsSync(executable)) {
		mkdirSync(directory, { recursive: true });
		const build = spawnSync('g++', ['-O2', '-std=c++17', '-o', executable, SOURCE], { encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`building the Boost peer failed (g++ -O2 ${SOURCE}); is libboost-graph-dev installed? ${build.stderr || build.error?.message}`);
	}
	return { executable, compiler };
}

function peerInput(graph: WalkGraph, seeds: SourceSeeds, bound: number): Buffer {
	const header = Buffer.alloc(20);
	header.writeInt32LE(graph.nodeCount, 0);
	header.writeInt32LE(graph.targets.length, 4);
	header.writeInt32LE(seeds.node.length, 8);
	header.writeDoubleLE(bound, 12);
	const bytes = (array: Int32Array | Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
	return Buffer.concat([header, bytes(graph.offsets), bytes(graph.targets), bytes(graph.lengths), bytes(seeds.node), bytes(seeds.distance)]);
}

export function compareWithBoost(label: string, graph: WalkGraph, seeds: SourceSeeds, bound: number): BoostComparison {
	const { executable, compiler } = compiledPeer();
	const engineRuns: number[] = [];
	let engineDistance: Float64Array = new Float64Array(0);
	for (let run = 0; run < RUNS; run++) {
		const start = performance.now();
		engineDistance = multiSourceDijkstra(graph, seeds, bound).distance;
		engineRuns.push((performance.now() - start) / 1000);
	}

	const directory = mkdtempSync(join(tmpdir(), 'health-circle-bgl-'));
	try {
		const inputPath = join(directory, 'input.bin');
		const outputPath = join(directory, 'distance.bin');
		writeFileSync(inputPath, peerInput(graph, seeds, bound));
		const run = spawnSync(executable, [inputPath, outputPath, String(RUNS)], { encoding: 'utf8' });
		if (run.status !== 0) throw new Error(`Boost peer failed: ${run.stderr || run.error?.message}`);
		const timings = JSON.parse(run.stdout) as { boost: string; search_median_s: number };
		const output = readFileSync(outputPath);
		const boostDistance = new Float64Array(output.buffer, output.byteOffset, graph.nodeCount);

		let maxDifference = 0;
		let mismatches = 0;
		let within = 0;
		for (let node = 0; node < graph.nodeCount; node++) {
			const ours = engineDistance[node];
			const theirs = boostDistance[node];
			if (Number.isFinite(ours) !== Number.isFinite(theirs)) mismatches++;
			else if (Number.isFinite(ours)) {
				within++;
				maxDifference = Math.max(maxDifference, Math.abs(ours - theirs));
			}
		}
		const engineSearchMedianS = median(engineRuns);
		return {
			label,
			nodes: graph.nodeCount,
			seeds: seeds.node.length,
			boundMetres: bound,
			nodesWithinBound: within,
			engineSearchMedianS,
			boostSearchMedianS: timings.search_median_s,
			engineOverBoost: engineSearchMedianS / timings.search_median_s,
			maxDifferenceMetres: maxDifference,
			reachabilityMismatches: mismatches,
			boostVersion: timings.boost,
			compiler
		};
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}
