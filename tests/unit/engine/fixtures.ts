/** Random networks (fast-check) and small hand-made ones for the engine tests. */
import fc from 'fast-check';
import type { Facility, FacilityType, NetworkLine, Position } from '$lib/engine/types';

/** Origin of the test area, in Jing'an. */
export const ORIGIN: Position = [121.45, 31.23];
/** About 10 m in each direction at this latitude. */
export const LATTICE_STEP = 1e-4;

/** A point `east` and `north` metres from ORIGIN (flat approximation; fine for building fixtures). */
export function offset(east: number, north: number): Position {
	const metresPerDegreeLat = (6_371_008.8 * Math.PI) / 180;
	const metresPerDegreeLon = metresPerDegreeLat * Math.cos((ORIGIN[1] * Math.PI) / 180);
	return [ORIGIN[0] + east / metresPerDegreeLon, ORIGIN[1] + north / metresPerDegreeLat];
}

export function facility(id: string, position: Position, type: FacilityType = 'centre'): Facility {
	return { id, name: id, type, subdistrict: '', lon: position[0], lat: position[1], areaM2: null, beds: null, status: 'existing', parentId: null };
}

export function line(...coords: Position[]): NetworkLine {
	return { coords, highway: 'residential' };
}

const latticePoint = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([i, j]): Position => [ORIGIN[0] + i * LATTICE_STEP, ORIGIN[1] + j * LATTICE_STEP]);

/** A free point anywhere in the ~600 m test square (not on the lattice, so exact ties are rare). */
export const freePoint = fc
	.tuple(fc.double({ min: -5, max: 65, noNaN: true }), fc.double({ min: -5, max: 65, noNaN: true }))
	.map(([i, j]): Position => [ORIGIN[0] + i * LATTICE_STEP, ORIGIN[1] + j * LATTICE_STEP]);

/**
 * Random networks whose lines pick vertices from a small shared pool (so they meet at junctions,
 * cross themselves, or repeat a vertex) mixed with private shape points.
 */
export const randomNetwork = fc
	.array(latticePoint, { minLength: 2, maxLength: 10 })
	.chain((pool) =>
		fc.array(
			fc.array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]), weight: 3 }, { arbitrary: latticePoint, weight: 1 }), { minLength: 2, maxLength: 6 }).map((coords) => line(...coords)),
			{ minLength: 2, maxLength: 10 }
		)
	);

/** Mostly counted types; a hospital now and then (not counted by default). */
const facilityType = fc.constantFrom<FacilityType>('centre', 'centre', 'branch', 'station', 'station', 'hospital');

export const randomFacilities = fc.array(fc.tuple(freePoint, facilityType), { minLength: 1, maxLength: 5 }).map((list) => list.map(([position, type], i) => facility(`f${i}`, position, type)));

export const randomCells = fc.array(fc.tuple(freePoint, fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 12 });

/** A grid of streets `count` × `count` with `spacing` metres between streets, each street one line. */
export function gridLines(count: number, spacing: number, skip: (kind: 'row' | 'column', index: number) => boolean = () => false): NetworkLine[] {
	const lines: NetworkLine[] = [];
	for (let row = 0; row < count; row++) {
		if (!skip('row', row)) lines.push(line(...Array.from({ length: count }, (_, column) => offset(column * spacing, row * spacing))));
	}
	for (let column = 0; column < count; column++) {
		if (!skip('column', column)) lines.push(line(...Array.from({ length: count }, (_, row) => offset(column * spacing, row * spacing))));
	}
	return lines;
}
