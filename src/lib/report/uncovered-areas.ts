/**
 * Where the residents not covered live, as polygons per sub-district: the population cells beyond the
 * time budget (with residents), dissolved into one MultiPolygon. Grid cells are merged along the
 * lattice they sit on (dissolve-grid.ts); H3 cells through h3-js's own set-to-polygon. The squares are
 * not clipped to the sub-district boundary: they show the cells the figures are summed over.
 */
import { cellsToMultiPolygon, latLngToCell } from 'h3-js';
import type { CellShape, MultiPolygonCoords, PopulationCells, Position } from '$lib/engine/types';
import { dissolveLatticeCells, signedArea2 } from './dissolve-grid';

const METRES_PER_DEGREE = 111_320;
/** A cell farther than this share of a step from the fitted lattice means the grid is not regular. */
const LATTICE_TOLERANCE = 0.1;
const COORDINATE_DECIMALS = 7;

export interface UncoveredCellsInput {
	cells: PopulationCells;
	shape: CellShape;
	/** Sub-district index per cell; -1 = in none (those cells are left out, as in the indicators). */
	cellSubdistrict: Int32Array;
	/** Per cell: 1 when covered within the threshold (CoverageResult.covered). */
	covered: Uint8Array;
}

export interface UncoveredArea {
	/** Index of the sub-district in the list the cells were assigned with. */
	subdistrictIndex: number;
	residents: number;
	cells: number;
	polygons: MultiPolygonCoords;
}

export interface GridLattice {
	lon0: number;
	lat0: number;
	lonStep: number;
	latStep: number;
	/** Lattice column and row of every cell. */
	column: Int32Array;
	row: Int32Array;
}

/** One axis of the lattice: origin at the smallest value, step refined by least squares from the guess. */
function fitAxis(values: Float64Array, guess: number): { origin: number; step: number; index: Int32Array } | null {
	let origin = Infinity;
	for (const value of values) origin = Math.min(origin, value);
	let step = guess;
	for (let pass = 0; pass < 2; pass++) {
		let products = 0;
		let squares = 0;
		for (const value of values) {
			const index = Math.round((value - origin) / step);
			products += index * (value - origin);
			squares += index * index;
		}
		if (squares > 0) step = products / squares;
	}
	if (!(step > guess * 0.5 && step < guess * 2)) return null;
	const index = Int32Array.from(values, (value) => Math.round((value - origin) / step));
	for (let cell = 0; cell < values.length; cell++) {
		if (Math.abs(values[cell] - origin - index[cell] * step) > LATTICE_TOLERANCE * step) return null;
	}
	return { origin, step, index };
}

// Exported for the tests only: the GeoJSON tests check the fitted lattice directly.
/** The regular lattice the grid cells sit on, or null when they do not sit on one. */
export function fitGridLattice(cells: PopulationCells, sizeM: number): GridLattice | null {
	const count = cells.lat.length;
	if (count === 0 || !(sizeM > 0)) return null;
	let latSum = 0;
	for (const lat of cells.lat) latSum += lat;
	const meanLat = latSum / count;
	const lat = fitAxis(cells.lat, sizeM / METRES_PER_DEGREE);
	const lon = fitAxis(cells.lon, sizeM / (METRES_PER_DEGREE * Math.cos((meanLat * Math.PI) / 180)));
	if (!lat || !lon) return null;
	return { lon0: lon.origin, lat0: lat.origin, lonStep: lon.step, latStep: lat.step, column: lon.index, row: lat.index };
}

const fixed = (value: number) => Number(value.toFixed(COORDINATE_DECIMALS));

function latticePolygons(lattice: GridLattice, members: readonly number[]): MultiPolygonCoords {
	const polygons = dissolveLatticeCells(
		members.map((cell) => lattice.column[cell]),
		members.map((cell) => lattice.row[cell])
	);
	// Corner k of the lattice lies half a step before cell centre k.
	const toPosition = ([x, y]: [number, number]): Position => [fixed(lattice.lon0 + (x - 0.5) * lattice.lonStep), fixed(lattice.lat0 + (y - 0.5) * lattice.latStep)];
	return polygons.map((polygon) => polygon.map((ring) => ring.map(toPosition)));
}

/** Fallback for an irregular grid: each cell its own square, not merged. */
function separateSquares(cells: PopulationCells, sizeM: number, members: readonly number[]): MultiPolygonCoords {
	return members.map((cell) => {
		const lon = cells.lon[cell];
		const lat = cells.lat[cell];
		const halfLat = sizeM / 2 / METRES_PER_DEGREE;
		const halfLon = sizeM / 2 / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));
		const ring: Position[] = [
			[lon - halfLon, lat - halfLat],
			[lon + halfLon, lat - halfLat],
			[lon + halfLon, lat + halfLat],
			[lon - halfLon, lat + halfLat]
		];
		return [[...ring, ring[0]].map(([x, y]): Position => [fixed(x), fixed(y)])];
	});
}

/** RFC 7946 winding: shells counter-clockwise, holes clockwise (h3-js does not promise an order). */
function rewound(polygons: MultiPolygonCoords): MultiPolygonCoords {
	return polygons.map((polygon) =>
		polygon.map((ring, index) => {
			const counterClockwise = signedArea2(ring.slice(0, -1)) > 0;
			const wanted = index === 0;
			return counterClockwise === wanted ? ring : [...ring].reverse();
		})
	);
}

function h3Polygons(cells: PopulationCells, resolution: number, members: readonly number[]): MultiPolygonCoords {
	const indexes = [...new Set(members.map((cell) => latLngToCell(cells.lat[cell], cells.lon[cell], resolution)))];
	const polygons = cellsToMultiPolygon(indexes, true) as Position[][][];
	return rewound(polygons.map((polygon) => polygon.map((ring) => ring.map(([x, y]): Position => [fixed(x), fixed(y)]))));
}

/** Uncovered cells with residents, dissolved per sub-district; sub-districts with none are left out. */
export function uncoveredAreas(input: UncoveredCellsInput, subdistrictCount: number): UncoveredArea[] {
	const { cells, shape, cellSubdistrict, covered } = input;
	if (covered.length !== cells.pop.length || cellSubdistrict.length !== cells.pop.length) throw new RangeError('covered and cellSubdistrict must have one entry per cell');
	const members: number[][] = Array.from({ length: subdistrictCount }, () => []);
	const residents = new Float64Array(subdistrictCount);
	for (let cell = 0; cell < cells.pop.length; cell++) {
		const area = cellSubdistrict[cell];
		if (covered[cell] || area < 0 || area >= subdistrictCount || !(cells.pop[cell] > 0)) continue;
		members[area].push(cell);
		residents[area] += cells.pop[cell];
	}
	const lattice = shape.kind === 'grid' ? fitGridLattice(cells, shape.sizeM) : null;
	const polygonsOf = (list: number[]): MultiPolygonCoords => {
		if (shape.kind === 'h3') return h3Polygons(cells, shape.resolution, list);
		return lattice ? latticePolygons(lattice, list) : separateSquares(cells, shape.sizeM, list);
	};
	return members.flatMap((list, subdistrictIndex) =>
		list.length === 0 ? [] : [{ subdistrictIndex, residents: residents[subdistrictIndex], cells: list.length, polygons: polygonsOf(list) }]
	);
}
