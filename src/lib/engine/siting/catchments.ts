/**
 * Per candidate site, the cells it would newly cover: cells not covered today that the candidate
 * alone reaches within the threshold. One bounded single-source search per candidate (a workspace
 * reused across them, so memory stays one graph-sized array plus the answer), each cell scored by
 * the access model (access-model.ts), the same rule coverage uses: connector + along the edge to an
 * end node, or straight along the edge to the site.
 *
 * Why "alone" is enough: a cell's cost with the site added is min(today's cost, the site's cost),
 * computed with the same float operations (addition and min commute here because float addition is
 * monotone), so the cell is covered with the site iff it is covered today or by the site alone. The
 * unit tests hold this against computeCoverage on the applied scenario.
 */
import { AccessModel, seedDistanceAtFrom, seedDistanceAtTo } from '../access-model';
import { CatchmentWorkspace, singleSourceCatchment } from '../catchment';
import type { PreparedNetwork } from '../coverage';
import { metresPerMinute, type CoverageParams } from '../params';
import { groupCellsByKey, type CellGroups } from '../scenario/cell-index';
import { snapPoints } from '../snap';
import type { CandidateCover } from './instance';

export interface CatchmentInput {
	prepared: PreparedNetwork;
	params: Pick<CoverageParams, 'mode' | 'speedKmh' | 'thresholdMinutes' | 'maxSnapM'>;
	/** Per cell: 1 when covered today (the baseline's CoverageResult.covered). */
	coveredToday: Uint8Array;
	lon: Float64Array;
	lat: Float64Array;
	/** Called every few candidates with the number done. */
	onProgress?: (done: number, total: number) => void;
	/** Reused between runs on the same network (worker): the cells grouped by their edge. */
	cellsByEdge?: CellGroups;
}

export interface CandidateCatchments extends CandidateCover {
	/** 1 when the candidate snapped to the network within maxSnapM (otherwise it covers nobody). */
	snapped: Uint8Array;
	/** Nodes settled over all searches (the work done). */
	nodesSearched: number;
}

/** Search bound: a hair above the threshold, since a cost a little over it can round to it in Float32 minutes. */
const BOUND_MARGIN = 1 + 1e-6;

export function cellsByEdge(prepared: PreparedNetwork): CellGroups {
	return groupCellsByKey(prepared.cellSnap.edge, prepared.graph.edgeCount);
}

export function candidateCatchments(input: CatchmentInput): CandidateCatchments {
	const { prepared, params, coveredToday } = input;
	const { graph } = prepared;
	const count = input.lon.length;
	const snaps = snapPoints(graph, prepared.segments, input.lon, input.lat, params.maxSnapM);
	const groups = input.cellsByEdge ?? cellsByEdge(prepared);
	// No cost bound: whether a cell is covered is decided on its reported minutes alone (the search bound has a margin).
	const access = new AccessModel(prepared, params, Infinity);
	const weight = access.connectorWeight;
	const bound = params.thresholdMinutes * metresPerMinute(params) * BOUND_MARGIN;
	const workspace = new CatchmentWorkspace(graph.nodeCount);
	const edgeSeen = new Int32Array(graph.edgeCount).fill(-1);
	const offsets = new Int32Array(count + 1);
	let cells: Int32Array = new Int32Array(1 << 16);
	let size = 0;
	let nodesSearched = 0;
	const snapped = new Uint8Array(count);
	const seeds = { node: new Int32Array(2), distance: new Float64Array(2) };
	for (let c = 0; c < count; c++) {
		const start = size;
		const siteEdge = snaps.edge[c];
		if (siteEdge >= 0) {
			snapped[c] = 1;
			seeds.node[0] = graph.edgeFrom[siteEdge];
			seeds.distance[0] = seedDistanceAtFrom(snaps, c, weight);
			seeds.node[1] = graph.edgeTo[siteEdge];
			seeds.distance[1] = seedDistanceAtTo(graph, snaps, c, weight);
			const reached = singleSourceCatchment(graph, seeds, bound, workspace);
			nodesSearched += reached.nodes.length;
			const distance = workspace.distance;
			const visitEdge = (edge: number) => {
				if (edgeSeen[edge] === c) return;
				edgeSeen[edge] = c;
				for (let i = groups.offsets[edge], end = groups.offsets[edge + 1]; i < end; i++) {
					const cell = groups.items[i];
					if (coveredToday[cell]) continue;
					const cost = access.cellCost(cell, distance, edge === siteEdge ? access.sameEdgeCost(cell, snaps, c) : Infinity);
					if (access.covers(cost)) {
						if (size === cells.length) cells = grow(cells);
						cells[size++] = cell;
					}
				}
			};
			visitEdge(siteEdge);
			for (const node of reached.nodes) {
				for (let arc = graph.offsets[node], end = graph.offsets[node + 1]; arc < end; arc++) visitEdge(graph.arcEdge[arc]);
			}
			cells.subarray(start, size).sort();
		}
		offsets[c + 1] = size;
		if (input.onProgress && (c % 25 === 24 || c === count - 1)) input.onProgress(c + 1, count);
	}
	return { candidateCount: count, offsets, cells: cells.slice(0, size), snapped, nodesSearched };
}

function grow(array: Int32Array): Int32Array {
	const grown = new Int32Array(array.length * 2);
	grown.set(array);
	return grown;
}
