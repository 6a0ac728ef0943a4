import Flatbush from 'flatbush';
import type { WalkGraph } from './graph';

/** A flatbush R-tree over every straight segment of every edge polyline, in lon/lat degrees. */
export interface SegmentIndex {
	/** Null when the graph has no segment at all. */
	tree: Flatbush | null;
	/** Per segment (flatbush item id): the edge it belongs to. */
	segmentEdge: Int32Array;
	/** Per segment: index of its first vertex in the graph's vertex arrays (the second is the next one). */
	segmentVertex: Int32Array;
}

export function buildSegmentIndex(graph: WalkGraph): SegmentIndex {
	const segmentCount = graph.vertexLon.length - graph.edgeCount;
	const segmentEdge = new Int32Array(segmentCount);
	const segmentVertex = new Int32Array(segmentCount);
	if (segmentCount === 0) return { tree: null, segmentEdge, segmentVertex };
	const tree = new Flatbush(segmentCount);
	const { vertexLon, vertexLat, edgeVertexStart } = graph;
	let segment = 0;
	for (let edge = 0; edge < graph.edgeCount; edge++) {
		for (let vertex = edgeVertexStart[edge]; vertex + 1 < edgeVertexStart[edge + 1]; vertex++) {
			const lonA = vertexLon[vertex];
			const latA = vertexLat[vertex];
			const lonB = vertexLon[vertex + 1];
			const latB = vertexLat[vertex + 1];
			tree.add(Math.min(lonA, lonB), Math.min(latA, latB), Math.max(lonA, lonB), Math.max(latA, latB));
			segmentEdge[segment] = edge;
			segmentVertex[segment++] = vertex;
		}
	}
	tree.finish();
	return { tree, segmentEdge, segmentVertex };
}
