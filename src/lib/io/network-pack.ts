import type { NetworkLine, Position } from '$lib/engine/types';

/**
 * Walking-network lines as flat typed arrays, for handing a large network from the import worker to the page:
 * the buffers are transferred (no copy, no structured-clone walk over millions of small arrays), then the page
 * rebuilds the lines in slices between which it stays responsive. A 60 MB .osm.pbf gives about 6 million
 * points: cloning them as objects took ~9 s of main-thread time in scripts/bench/osm-pbf.ts.
 */
export interface PackedLines {
	/** lon, lat of every point, line after line. */
	coords: Float64Array;
	/** Line i has points offsets[i] … offsets[i + 1] − 1. */
	offsets: Uint32Array;
	/** Line i's highway is highways[highwayIndex[i]]. */
	highwayIndex: Uint32Array;
	highways: string[];
}

export function packLines(lines: readonly NetworkLine[]): PackedLines {
	let points = 0;
	for (const line of lines) points += line.coords.length;
	const coords = new Float64Array(points * 2);
	const offsets = new Uint32Array(lines.length + 1);
	const highwayIndex = new Uint32Array(lines.length);
	const highways: string[] = [];
	const indexOf = new Map<string, number>();
	let point = 0;
	lines.forEach((line, index) => {
		offsets[index] = point;
		for (const [lon, lat] of line.coords) {
			coords[2 * point] = lon;
			coords[2 * point + 1] = lat;
			point++;
		}
		let highway = indexOf.get(line.highway);
		if (highway === undefined) {
			highway = highways.length;
			highways.push(line.highway);
			indexOf.set(line.highway, highway);
		}
		highwayIndex[index] = highway;
	});
	offsets[lines.length] = point;
	return { coords, offsets, highwayIndex, highways };
}

/** The buffers to transfer with a PackedLines. */
export function packedTransferables(packed: PackedLines): ArrayBuffer[] {
	return [packed.coords.buffer as ArrayBuffer, packed.offsets.buffer as ArrayBuffer, packed.highwayIndex.buffer as ArrayBuffer];
}

/** A pause that lets the page handle input and paint (a macrotask). */
export const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Rebuilds the lines, pausing every `slice` lines so the page never blocks for long. */
export async function unpackLines(packed: PackedLines, slice = 20_000, pause: () => Promise<void> = yieldToPage): Promise<NetworkLine[]> {
	const { coords, offsets, highwayIndex, highways } = packed;
	const count = offsets.length - 1;
	const lines: NetworkLine[] = new Array(count);
	for (let index = 0; index < count; index++) {
		const start = offsets[index];
		const end = offsets[index + 1];
		const points: Position[] = new Array(end - start);
		for (let point = start; point < end; point++) points[point - start] = [coords[2 * point], coords[2 * point + 1]];
		lines[index] = { coords: points, highway: highways[highwayIndex[index]] };
		if ((index + 1) % slice === 0 && index + 1 < count) await pause();
	}
	return lines;
}
