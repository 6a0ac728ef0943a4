import { centroid, distance, insideRing, toLocal, toLonLat, type Point } from './geometry';
import type { PopulationCell } from './population';
import type { Unit } from './subdistricts';

export interface DemoFacility {
	id: string;
	name: string;
	type: 'centre' | 'branch' | 'station' | 'hospital';
	subdistrict: string;
	lon: number;
	lat: number;
	area_m2: number | null;
	beds: number | null;
	status: string;
	parent_id: string;
}

/**
 * Centre building area as a share of the required area (max(5,000, 0.1 × residents)) and beds per
 * 1,000 residents, per unit in file order: chosen so that about half the units fail the space standard
 * and several fail the 1.0 beds per 1,000 rule, as the 2023 plan's building programme implies.
 */
const AREA_SHARE_OF_REQUIRED = [1.08, 0.62, 1.15, 1.3, 0.72, 0.55, 0.58, 0.86, 0.74, 0.9, 1.05, 0.6, 1.18, 0.5];
const BEDS_PER_THOUSAND = [1.25, 0.8, 1.4, 1.1, 1.02, 0.3, 0.45, 1.05, 0.95, 1.2, 1.12, 0.7, 1.3, 0.4];

const HOSPITALS: [string, number, number][] = [
	['静安区示例医院（南部）', 121.4455, 31.2295],
	['静安区示例医院（中部）', 121.4555, 31.2635],
	['静安区示例医院（东部）', 121.4648, 31.2835],
	['静安区示例医院（北部）', 121.4485, 31.3065]
];

export function generateFacilities(units: Unit[], unitRings: Point[][], cells: PopulationCell[], random: () => number): DemoFacility[] {
	const residents = units.map((_, unit) => cells.reduce((sum, cell) => (cell.unit === unit ? sum + cell.pop : sum), 0));
	const facilities: DemoFacility[] = [];
	const placed: Point[] = [];
	units.forEach((unit, index) => {
		const at = centrePosition(unit, unitRings[index], random);
		placed.push(at);
		const required = Math.max(5000, 0.1 * residents[index]);
		facilities.push({
			id: `C${String(index + 1).padStart(2, '0')}`,
			name: `${unit.name}社区卫生服务中心`,
			type: 'centre',
			subdistrict: unit.code,
			...lonLat(at),
			area_m2: Math.round((required * AREA_SHARE_OF_REQUIRED[index]) / 10) * 10,
			beds: Math.round((residents[index] / 1000) * BEDS_PER_THOUSAND[index]),
			status: unit.centre_status,
			parent_id: ''
		});
	});
	const pengpuxincun = units.findIndex((unit) => unit.code === 'pengpuxincun');
	const branchAt = pointInside(unitRings[pengpuxincun], toLocal(121.4365, 31.3205), random);
	placed.push(branchAt);
	facilities.push({
		id: 'B01',
		name: '彭浦新村街道社区卫生服务分中心',
		type: 'branch',
		subdistrict: 'pengpuxincun',
		...lonLat(branchAt),
		area_m2: 3200,
		beds: 0,
		status: 'under_construction',
		parent_id: `C${String(pengpuxincun + 1).padStart(2, '0')}`
	});
	facilities.push(...generateStations(units, unitRings, cells, placed, random));
	HOSPITALS.forEach(([name, lon, lat], index) => {
		const unit = unitRings.findIndex((ring) => insideRing(toLocal(lon, lat), ring));
		facilities.push({ id: `H${index + 1}`, name, type: 'hospital', subdistrict: units[unit].code, lon, lat, area_m2: null, beds: null, status: 'existing', parent_id: '' });
	});
	return facilities;
}

/** Stations in populated places, spaced apart; sparser in the big northern units so some pockets stay beyond 15 minutes. */
function generateStations(units: Unit[], unitRings: Point[][], cells: PopulationCell[], placed: Point[], random: () => number): DemoFacility[] {
	const stations: DemoFacility[] = [];
	units.forEach((unit, index) => {
		const sparse = unit.code === 'pengpuzhen' || unit.code === 'daninglu';
		const wanted = Math.max(2, Math.round(unit.committees / (sparse ? 9 : 5.2)));
		// Stations follow dense housing: weight by residents squared.
		const unitCells = cells.filter((cell) => cell.unit === index).map((cell) => ({ ...cell, pop: cell.pop * cell.pop }));
		const totalPop = unitCells.reduce((sum, cell) => sum + cell.pop, 0);
		for (let tries = 0, made = 0; made < wanted && tries < 400; tries++) {
			const cell = pickWeighted(unitCells, totalPop, random);
			const at = toLocal(cell.lon, cell.lat);
			if (placed.some((other) => distance(other, at) < 380)) continue;
			// In the big northern units the stations cluster near the old centre, leaving outer pockets unserved.
			if (sparse && distance(at, placed[index]) > 1300) continue;
			placed.push(at);
			made++;
			const number = stations.length + 1;
			// Every fourth station is small (under the 200 m² standard), the rest 200–600 m².
			const area = number % 4 === 0 ? 110 + Math.round(random() * 17) * 5 : 200 + Math.round(random() * 80) * 5;
			stations.push({
				id: `S${String(number).padStart(3, '0')}`,
				name: `${unit.name}第${made}社区卫生服务站`,
				type: 'station',
				subdistrict: unit.code,
				...lonLat([at[0] + (random() - 0.5) * 40, at[1] + (random() - 0.5) * 40], unitRings[index]),
				area_m2: area,
				beds: 0,
				status: 'existing',
				parent_id: `C${String(index + 1).padStart(2, '0')}`
			});
		}
	});
	return stations;
}

function pickWeighted(cells: PopulationCell[], total: number, random: () => number): PopulationCell {
	let target = random() * total;
	for (const cell of cells) {
		target -= cell.pop;
		if (target <= 0) return cell;
	}
	return cells[cells.length - 1];
}

/** The gazetteer point, jittered a little, moved inside the unit's polygon when the power diagram left it outside. */
function centrePosition(unit: Unit, ring: Point[], random: () => number): Point {
	return pointInside(ring, toLocal(unit.lon, unit.lat), random);
}

function pointInside(ring: Point[], wanted: Point, random: () => number): Point {
	const middle = centroid(ring);
	for (let t = 0; t <= 1; t += 0.05) {
		const candidate: Point = [wanted[0] + (middle[0] - wanted[0]) * t + (random() - 0.5) * 60, wanted[1] + (middle[1] - wanted[1]) * t + (random() - 0.5) * 60];
		if (insideWithMargin(candidate, ring, 60)) return candidate;
	}
	return middle;
}

function insideWithMargin(p: Point, ring: Point[], margin: number): boolean {
	return [
		[0, 0],
		[margin, 0],
		[-margin, 0],
		[0, margin],
		[0, -margin]
	].every(([dx, dy]) => insideRing([p[0] + dx, p[1] + dy], ring));
}

function lonLat(p: Point, ring?: Point[]): { lon: number; lat: number } {
	const safe = ring && !insideRing(p, ring) ? centroid(ring) : p;
	const [lon, lat] = toLonLat(safe);
	return { lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) };
}
