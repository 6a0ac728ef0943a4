import type { NetworkLine, Position } from '$lib/engine/types';

/**
 * Walking-network lines as flat typed arrays: the form the network has on the page and across every boundary
 * (import worker → page, page → coverage worker, IndexedDB, the map's streets layer). A 60 MB .osm.pbf gives
 * about 6 million points: as NetworkLine objects every copy (structured clone to a worker or to IndexedDB, a
 * GeoJSON source for the map) blocked the page for 3–8 s; typed arrays are copied as whole buffers. Lines are
 * rebuilt (unpackLines) only where an algorithm needs them: in the coverage worker, or in Node.
 */
export interface PackedLines {
	/** lon, lat of every point, line after line. */
	coords: Float64Array;
	/** Line i has points offsets[i] … offsets[i + 1] − 1; offsets has one entry more than there are lines. */
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

/** The buffers to transfer with a PackedLines (only by a sender that no longer needs them). */
export function packedTransferables(packed: PackedLines): ArrayBuffer[] {
	return [packed.coords.buffer as ArrayBuffer, packed.offsets.buffer as ArrayBuffer, packed.highwayIndex.buffer as ArrayBuffer];
}

export function packedLineCount(packed: PackedLines): number {
	return packed.offsets.length - 1;
}

export function packedPointCount(packed: PackedLines): number {
	return packed.offsets[packed.offsets.length - 1];
}

/** Rebuilds the lines, for the graph builder and other code written for NetworkLine[]. Not for the page's main thread. */
export function unpackLines(packed: PackedLines): NetworkLine[] {
	const { coords, offsets, highwayIndex, highways } = packed;
	const count = packedLineCount(packed);
	const lines: NetworkLine[] = new Array(count);
	for (let index = 0; index < count; index++) {
		const start = offsets[index];
		const end = offsets[index + 1];
		const points: Position[] = new Array(end - start);
		for (let point = start; point < end; point++) points[point - start] = [coords[2 * point], coords[2 * point + 1]];
		lines[index] = { coords: points, highway: highways[highwayIndex[index]] };
	}
	return lines;
}

/** Checks a value read back from storage before trusting it as packed lines (a damaged record must not crash). */
export function isPackedLines(value: unknown): value is PackedLines {
	if (typeof value !== 'object' || value === null) return false;
	const packed = value as Partial<PackedLines>;
	if (!(packed.coords instanceof Float64Array) || !(packed.offsets instanceof Uint32Array) || !(packed.highwayIndex instanceof Uint32Array)) return false;
	if (!Array.isArray(packed.highways) || !packed.highways.every((highway) => typeof highway === 'string')) return false;
	const { offsets } = packed;
	if (offsets.length < 1 || offsets[0] !== 0 || packed.highwayIndex.length !== offsets.length - 1) return false;
	if (offsets[offsets.length - 1] * 2 !== packed.coords.length) return false;
	for (let index = 1; index < offsets.length; index++) if (offsets[index] < offsets[index - 1]) return false;
	return packed.highwayIndex.every((highway) => highway < (packed.highways?.length ?? 0));
}

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

/**
 * The lines whose bounding box meets `box`, packed anew (the original is left alone). One pass over the
 * points with no allocation but the result, so even 6 million points take a few tens of milliseconds.
 */
export function linesWithin(packed: PackedLines, box: LonLatBox): PackedLines {
	const [west, south, east, north] = box;
	const { coords, offsets } = packed;
	return selectLines(packed, (line) => {
		let lineWest = Infinity;
		let lineSouth = Infinity;
		let lineEast = -Infinity;
		let lineNorth = -Infinity;
		for (let point = offsets[line]; point < offsets[line + 1]; point++) {
			const lon = coords[2 * point];
			const lat = coords[2 * point + 1];
			if (lon < lineWest) lineWest = lon;
			if (lon > lineEast) lineEast = lon;
			if (lat < lineSouth) lineSouth = lat;
			if (lat > lineNorth) lineNorth = lat;
		}
		return lineWest <= east && lineEast >= west && lineSouth <= north && lineNorth >= south;
	});
}

/** The lines of the given highway classes, packed anew (the original itself when all are kept). */
export function linesOfHighways(packed: PackedLines, highways: ReadonlySet<string>): PackedLines {
	const wanted = Uint8Array.from(packed.highways, (highway) => (highways.has(highway) ? 1 : 0));
	return selectLines(packed, (line) => wanted[packed.highwayIndex[line]] === 1);
}

/** The lines `keep` accepts, packed anew in their order; the original itself when it keeps them all. */
function selectLines(packed: PackedLines, keep: (line: number) => boolean): PackedLines {
	const { coords, offsets, highwayIndex } = packed;
	const lineCount = packedLineCount(packed);
	const kept = new Uint8Array(lineCount);
	let keptLines = 0;
	let keptPoints = 0;
	for (let line = 0; line < lineCount; line++) {
		if (!keep(line)) continue;
		kept[line] = 1;
		keptLines++;
		keptPoints += offsets[line + 1] - offsets[line];
	}
	if (keptLines === lineCount) return packed;
	const result: PackedLines = {
		coords: new Float64Array(keptPoints * 2),
		offsets: new Uint32Array(keptLines + 1),
		highwayIndex: new Uint32Array(keptLines),
		highways: packed.highways
	};
	let line = 0;
	let point = 0;
	for (let source = 0; source < lineCount; source++) {
		if (!kept[source]) continue;
		result.offsets[line] = point;
		result.highwayIndex[line] = highwayIndex[source];
		result.coords.set(coords.subarray(2 * offsets[source], 2 * offsets[source + 1]), 2 * point);
		point += offsets[source + 1] - offsets[source];
		line++;
	}
	result.offsets[keptLines] = point;
	return result;
}
