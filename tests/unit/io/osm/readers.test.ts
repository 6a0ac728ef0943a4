import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOsmXml } from '$lib/io/osm/osm-xml';
import { readOsmPbf } from '$lib/io/osm/osm-pbf';
import { isWalkableWay } from '$lib/io/osm/walk-tags';

const DIR = 'tests/fixtures/osm';
const xml = readOsmXml(readFileSync(`${DIR}/walk.osm`, 'utf8'));
const pbf = readOsmPbf(new Uint8Array(readFileSync(`${DIR}/walk.osm.pbf`)));
const rawPbf = readOsmPbf(new Uint8Array(readFileSync(`${DIR}/walk-uncompressed.osm.pbf`)));

/** The fixture's nodes, written out again here (not read from the file). */
const NODE: Record<number, [number, number]> = {
	1: [121.45, 31.23], 2: [121.451, 31.23], 3: [121.452, 31.23], 4: [121.451, 31.231], 5: [121.451, 31.229],
	6: [121.453, 31.23], 7: [121.45, 31.231], 8: [121.452, 31.232], 9: [121.454, 31.231], 10: [121.454, 31.229]
};

function haversine([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
	const radians = Math.PI / 180;
	const h = Math.sin(((lat2 - lat1) * radians) / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(((lon2 - lon1) * radians) / 2) ** 2;
	return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

describe('OSM walking-network readers', () => {
	it('keep exactly the ways a pedestrian may use, split at a missing node', () => {
		// Kept by hand: 101 residential (1-2-3), 102 footway (4-2-5), 103 steps (3-6), 104 primary (6-9),
		// 108 private service with foot=yes (7-4), 109 residential after its missing node (9-10).
		const expected = [[1, 2, 3], [4, 2, 5], [3, 6], [6, 9], [7, 4], [9, 10]].map((ids) => ids.map((id) => NODE[id]));
		expect(xml.lines.map((line) => line.coords)).toEqual(expected);
		expect(xml.lines.map((line) => line.highway)).toEqual(['residential', 'footway', 'steps', 'primary', 'service', 'residential']);
		expect(xml.stats).toMatchObject({ nodes: 10, ways: 10, walkableWays: 6, missingNodeRefs: 1, waysWithMissingNodes: 1 });
		// Dropped: the foot=no primary, the motorway, the private service road and a building outline.
		expect(Object.values(xml.stats.droppedByTag).reduce((a, b) => a + b, 0)).toBe(4);
	});

	it('read the same lines and coordinates from .osm and from zlib and uncompressed .osm.pbf', () => {
		expect(pbf.lines).toEqual(xml.lines);
		expect(rawPbf.lines).toEqual(xml.lines);
		expect(pbf.stats).toEqual(xml.stats);
	});

	it('give the hand-computed total walkable length', () => {
		const segments: [number, number][] = [[1, 2], [2, 3], [4, 2], [2, 5], [3, 6], [6, 9], [7, 4], [9, 10]];
		const expectedMetres = segments.reduce((sum, [a, b]) => sum + haversine(NODE[a], NODE[b]), 0);
		const readMetres = xml.lines.reduce((sum, line) => sum + line.coords.slice(1).reduce((s, point, i) => s + haversine(line.coords[i], point), 0), 0);
		expect(readMetres).toBeCloseTo(expectedMetres, 6);
		expect(expectedMetres).toBeGreaterThan(700);
	});

	it('apply the tag rules', () => {
		expect(isWalkableWay({ highway: 'residential' })).toBe(true);
		expect(isWalkableWay({ highway: 'primary', foot: 'no' })).toBe(false);
		expect(isWalkableWay({ highway: 'trunk' })).toBe(false);
		expect(isWalkableWay({ highway: 'trunk', foot: 'yes' })).toBe(true);
		expect(isWalkableWay({ highway: 'cycleway' })).toBe(false);
		expect(isWalkableWay({ highway: 'cycleway', foot: 'designated' })).toBe(true);
		expect(isWalkableWay({ highway: 'footway', area: 'yes' })).toBe(false);
		expect(isWalkableWay({ highway: 'construction' })).toBe(false);
		expect(isWalkableWay({ building: 'yes' })).toBe(false);
	});

	it('refuse malformed input with a message, never hang', () => {
		expect(() => readOsmXml('<html><body/></html>')).toThrow(/not an OSM XML file/);
		expect(() => readOsmXml('<osm><node')).toThrow(/OSM XML/);
		expect(() => readOsmPbf(new Uint8Array(0))).toThrow(/OSMHeader/);
		const whole = new Uint8Array(readFileSync(`${DIR}/walk.osm.pbf`));
		expect(() => readOsmPbf(whole.subarray(0, whole.length - 20))).toThrow(/truncated|corrupt/);
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
				try {
					readOsmPbf(bytes);
				} catch (error) {
					expect((error as Error).message.length).toBeGreaterThan(5);
				}
			}),
			{ numRuns: 300 }
		);
	});
});
