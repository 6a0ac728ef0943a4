/**
 * A deterministic synthetic city for the benchmark: a jittered street grid with curved blocks
 * (shape points), missing street pieces, two rivers crossed only by bridges, and parks without
 * streets; population cells on a regular grid with several dense centres; facilities placed where
 * people live. Every random choice is a hash of grid indices, so a window of the city (for the
 * networkx comparison) has exactly the streets of the full city inside it.
 */
import type { Facility, FacilityType, NetworkLine, PopulationCells, Position, Subdistrict } from '$lib/engine/types';

export interface CityScale {
	/** Street grid is gridSize × gridSize intersections. */
	gridSize: number;
	/** Metres between parallel streets. */
	spacingM: number;
	/** Population cells: cellColumns × cellRows on a regular grid over the city. */
	cellColumns: number;
	cellRows: number;
	facilities: number;
	/** Sub-districts: subdistrictGrid × subdistrictGrid rectangles. */
	subdistrictGrid: number;
}

/** A rectangle of grid intersections [i0, i1) × [j0, j1). */
export interface GridWindow {
	i0: number;
	i1: number;
	j0: number;
	j1: number;
}

const ORIGIN_LON = 121.0;
const ORIGIN_LAT = 30.8;
const METRES_PER_DEGREE_LAT = (6_371_008.8 * Math.PI) / 180;
const METRES_PER_DEGREE_LON = METRES_PER_DEGREE_LAT * Math.cos((ORIGIN_LAT * Math.PI) / 180);

/** Hash of integers to [0, 1): the city's only source of randomness. */
export function hashUnit(a: number, b: number, salt: number): number {
	let h = Math.imul(a ^ 0x27d4eb2d, 0x9e3779b1) ^ Math.imul(b + 0x165667b1, 0x85ebca77) ^ Math.imul(salt, 0xc2b2ae3d);
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
	return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

function toLonLat(eastM: number, northM: number): Position {
	return [ORIGIN_LON + eastM / METRES_PER_DEGREE_LON, ORIGIN_LAT + northM / METRES_PER_DEGREE_LAT];
}

export class SyntheticCity {
	readonly extentM: number;
	private readonly parks: GridWindow[];
	private readonly riverRow: number;
	private readonly riverColumn: number;

	constructor(readonly scale: CityScale) {
		this.extentM = (scale.gridSize - 1) * scale.spacingM;
		this.riverRow = Math.floor(scale.gridSize * 0.55);
		this.riverColumn = Math.floor(scale.gridSize * 0.3);
		const parkSize = Math.max(4, Math.round(1500 / scale.spacingM));
		this.parks = Array.from({ length: 6 }, (_, k) => {
			const i0 = Math.floor(hashUnit(k, 1, 91) * (scale.gridSize - parkSize));
			const j0 = Math.floor(hashUnit(k, 2, 91) * (scale.gridSize - parkSize));
			return { i0, i1: i0 + parkSize, j0, j1: j0 + parkSize };
		});
	}

	/** Intersection (i, j): a regular grid point moved by up to ±12 m. */
	node(i: number, j: number): Position {
		const s = this.scale.spacingM;
		return toLonLat(i * s + (hashUnit(i, j, 1) - 0.5) * 24, j * s + (hashUnit(i, j, 2) - 0.5) * 24);
	}

	private inPark(i: number, j: number): boolean {
		return this.parks.some((p) => i >= p.i0 && i < p.i1 && j >= p.j0 && j < p.j1);
	}

	/** Is the street piece from (i, j) to the next intersection east (row) or north (column) there? */
	private hasStreet(kind: 'row' | 'column', i: number, j: number): boolean {
		const [i2, j2] = kind === 'row' ? [i + 1, j] : [i, j + 1];
		if (i2 >= this.scale.gridSize || j2 >= this.scale.gridSize) return false;
		if (this.inPark(i, j) || this.inPark(i2, j2)) return false;
		if (hashUnit(i, j, kind === 'row' ? 3 : 4) < 0.07) return false;
		// Rivers: only every 18th (or 25th) street crosses, on a bridge.
		if (kind === 'column' && j === this.riverRow && i % 18 !== 0) return false;
		if (kind === 'row' && i === this.riverColumn && j % 25 !== 0) return false;
		return true;
	}

	/** A curved block: about 30% of street pieces get a bent midpoint (a shape point, not a node). */
	private bend(kind: 'row' | 'column', i: number, j: number): Position | null {
		if (hashUnit(i, j, kind === 'row' ? 5 : 6) >= 0.3) return null;
		const [a, b] = [this.node(i, j), kind === 'row' ? this.node(i + 1, j) : this.node(i, j + 1)];
		const sideways = (hashUnit(i, j, 7) - 0.5) * 16;
		const mid: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
		return kind === 'row' ? [mid[0], mid[1] + sideways / METRES_PER_DEGREE_LAT] : [mid[0] + sideways / METRES_PER_DEGREE_LON, mid[1]];
	}

	/** Streets as polylines: each row and column of the grid, cut where a piece is missing. */
	lines(window: GridWindow = { i0: 0, i1: this.scale.gridSize, j0: 0, j1: this.scale.gridSize }): NetworkLine[] {
		const lines: NetworkLine[] = [];
		const sweep = (kind: 'row' | 'column', outer0: number, outer1: number, inner0: number, inner1: number) => {
			for (let outer = outer0; outer < outer1; outer++) {
				let coords: Position[] = [];
				for (let inner = inner0; inner < inner1; inner++) {
					const [i, j] = kind === 'row' ? [inner, outer] : [outer, inner];
					const inWindow = inner + 1 < inner1;
					if (coords.length === 0) coords.push(this.node(i, j));
					if (inWindow && this.hasStreet(kind, i, j)) {
						const bend = this.bend(kind, i, j);
						if (bend) coords.push(bend);
						coords.push(kind === 'row' ? this.node(i + 1, j) : this.node(i, j + 1));
					} else {
						if (coords.length >= 2) lines.push({ coords, highway: 'residential' });
						coords = [];
					}
				}
			}
		};
		sweep('row', window.j0, window.j1, window.i0, window.i1);
		sweep('column', window.i0, window.i1, window.j0, window.j1);
		return lines;
	}

	/**
	 * Residents per square km at a point: several dense centres over a suburban floor. Scaled so the
	 * full city holds about 25 million people, Shanghai's order of magnitude.
	 */
	private density(eastM: number, northM: number): number {
		const e = this.extentM;
		const centres: [number, number, number, number][] = [
			[0.55, 0.55, 0.12, 16_000],
			[0.35, 0.62, 0.08, 10_000],
			[0.7, 0.4, 0.1, 8_000],
			[0.25, 0.3, 0.09, 6_000]
		];
		let value = 600;
		for (const [cx, cy, radius, peak] of centres) {
			const dx = eastM - cx * e;
			const dy = northM - cy * e;
			value += peak * Math.exp(-(dx * dx + dy * dy) / (2 * (radius * e) ** 2));
		}
		return value;
	}

	cells(): PopulationCells {
		const { cellColumns, cellRows } = this.scale;
		const count = cellColumns * cellRows;
		const cells: PopulationCells = { lon: new Float64Array(count), lat: new Float64Array(count), pop: new Float64Array(count) };
		const cellWidth = this.extentM / cellColumns;
		const cellHeight = this.extentM / cellRows;
		const cellKm2 = (cellWidth * cellHeight) / 1e6;
		let cell = 0;
		for (let row = 0; row < cellRows; row++) {
			for (let column = 0; column < cellColumns; column++) {
				const east = (column + 0.5) * cellWidth;
				const north = (row + 0.5) * cellHeight;
				[cells.lon[cell], cells.lat[cell]] = toLonLat(east, north);
				cells.pop[cell++] = Math.round(this.density(east, north) * cellKm2 * (0.6 + 0.8 * hashUnit(row, column, 8)));
			}
		}
		return cells;
	}

	/** Facilities where people live (rejection sampling on density): centres, branches and stations. */
	facilities(): Facility[] {
		const facilities: Facility[] = [];
		const peak = 18_000;
		for (let attempt = 0; facilities.length < this.scale.facilities; attempt++) {
			const east = hashUnit(attempt, 0, 9) * this.extentM;
			const north = hashUnit(attempt, 1, 9) * this.extentM;
			if (hashUnit(attempt, 2, 9) * peak > this.density(east, north)) continue;
			const n = facilities.length;
			const type: FacilityType = n % 24 < 5 ? 'centre' : n % 24 === 5 ? 'branch' : 'station';
			const [lon, lat] = toLonLat(east, north);
			facilities.push({ id: `F${n}`, name: `${type} ${n}`, type, subdistrict: '', lon, lat, areaM2: null, beds: null, status: 'existing', parentId: null });
		}
		return facilities;
	}

	subdistricts(): Subdistrict[] {
		const n = this.scale.subdistrictGrid;
		const size = this.extentM / n;
		const areas: Subdistrict[] = [];
		for (let row = 0; row < n; row++) {
			for (let column = 0; column < n; column++) {
				const [w, s] = toLonLat(column * size, row * size);
				const [e, nn] = toLonLat((column + 1) * size, (row + 1) * size);
				const code = `S${String(row * n + column).padStart(3, '0')}`;
				const ring: Position[] = [
					[w, s],
					[e, s],
					[e, nn],
					[w, nn],
					[w, s]
				];
				areas.push({ code, name: code, nameEn: code, population: null, polygons: [[ring]] });
			}
		}
		return areas;
	}

	/** Bounding box (lon/lat) of a window of intersections, for picking the cells and facilities inside it. */
	windowBounds(window: GridWindow): { west: number; south: number; east: number; north: number } {
		const s = this.scale.spacingM;
		const [west, south] = toLonLat(window.i0 * s, window.j0 * s);
		const [east, north] = toLonLat((window.i1 - 1) * s, (window.j1 - 1) * s);
		return { west, south, east, north };
	}
}
