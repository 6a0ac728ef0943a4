/**
 * Time of the sub-district boundary checks (bow-tie, zero area, overlaps; src/lib/io/subdistrict-geometry.ts)
 * on the demo's 14 polygons and on 400 generated ones of 64 vertices each (a 20 × 20 grid of circles that
 * touch their neighbours' boxes, so every neighbouring pair is intersected). `tsx scripts/bench/subdistrict-checks.ts`
 */
import { readFileSync } from 'node:fs';
import type { MultiPolygonCoords } from '$lib/engine/types';
import { boundaryProblem, overlapWarnings } from '$lib/io/subdistrict-geometry';
import { parseSubdistrictsGeoJson } from '$lib/io/subdistricts-geojson';
import { counted } from '../lib/cli-output';

function timeChecks(label: string, areas: { name: string; polygons: MultiPolygonCoords }[]): void {
	const runs: number[] = [];
	for (let run = 0; run < 5; run++) {
		const start = performance.now();
		areas.forEach((area, index) => boundaryProblem(area.name, area.polygons, index + 1));
		const boundaries = performance.now() - start;
		const warnings = overlapWarnings(areas, areas.map((_, index) => index + 1));
		runs.push(performance.now() - start);
		if (run === 4) console.log(`${label}: last run ${boundaries.toFixed(1)} ms bow-tie and area checks, ${(performance.now() - start - boundaries).toFixed(1)} ms overlaps`);
		if (run === 0) console.log(`${label}: ${areas.length} polygons, ${counted(warnings.length, 'overlap warning')}`);
	}
	runs.sort((a, b) => a - b);
	console.log(`${label}: median ${runs[2].toFixed(1)} ms, slowest ${runs[4].toFixed(1)} ms (5 runs)`);
}

const demo = parseSubdistrictsGeoJson(readFileSync('static/data/demo/subdistricts.geojson', 'utf8')).records;
timeChecks('demo', demo);

/** A 20 × 20 grid of squares sharing their sides, each side cut into 16 steps (64 vertices); every `overlapEvery`-th square (0: none) is widened to overlap their right neighbour. */
function grid(overlapEvery: number): { name: string; polygons: MultiPolygonCoords }[] {
	const areas: { name: string; polygons: MultiPolygonCoords }[] = [];
	for (let row = 0; row < 20; row++) {
		for (let column = 0; column < 20; column++) {
			const [west, south] = [121.3 + column * 0.01, 31.1 + row * 0.01];
			const east = west + 0.01 + (overlapEvery > 0 && (row * 20 + column) % overlapEvery === 0 && column < 19 ? 0.002 : 0);
			const side = (from: [number, number], to: [number, number]) => Array.from({ length: 16 }, (_, k): [number, number] => [from[0] + ((to[0] - from[0]) * k) / 16, from[1] + ((to[1] - from[1]) * k) / 16]);
			const corners: [number, number][] = [[west, south], [east, south], [east, south + 0.01], [west, south + 0.01]];
			const ring = corners.flatMap((corner, k) => side(corner, corners[(k + 1) % 4]));
			areas.push({ name: `area ${row}-${column}`, polygons: [[[...ring, ring[0]]]] });
		}
	}
	return areas;
}
timeChecks('generated, shared sides only', grid(0));
timeChecks('generated, one in 20 overlapping', grid(20));
