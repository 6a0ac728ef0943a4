/**
 * The independent computation for indicators.test.ts: the raw files parsed here (CSV and GeoJSON read
 * directly, own point-in-polygon), sums and rules written out again from the profile's text. Only the
 * travel times come from the engine (tested on their own in tests/unit/engine/coverage.test.ts).
 */
import Papa from 'papaparse';
import type { RuleId, RuleOutcome } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import type { Position } from '$lib/engine/types';
import type { RawFiles } from './fixtures';

interface RawFacility {
	id: string;
	type: string;
	subdistrict: string;
	lon: number;
	lat: number;
	area: number | null;
	beds: number | null;
	status: string;
	parent: string;
}

interface RawArea {
	code: string;
	name: string;
	census: number | null;
	rings: Position[][][];
}

function optionalNumber(text: string | undefined): number | null {
	return text === undefined || text.trim() === '' ? null : Number(text);
}

export function readRaw(files: RawFiles) {
	const collection = JSON.parse(files.subdistrictsGeoJson) as { features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] };
	const areas: RawArea[] = collection.features.map((feature) => {
		const census = feature.properties.population;
		return {
			code: String(feature.properties.code),
			name: String(feature.properties.name),
			census: census === undefined || census === null || String(census).trim() === '' ? null : Number(census),
			rings: feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates as Position[][]] : (feature.geometry.coordinates as Position[][][])
		};
	});
	const facilityRows = Papa.parse<Record<string, string>>(files.facilitiesCsv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
	const facilities: RawFacility[] = facilityRows.map((row) => ({
		id: row.id,
		type: row.type,
		subdistrict: (row.subdistrict ?? '').trim(),
		lon: Number(row.lon),
		lat: Number(row.lat),
		area: optionalNumber(row.area_m2),
		beds: optionalNumber(row.beds),
		status: (row.status ?? '').trim() || 'existing',
		parent: (row.parent_id ?? '').trim()
	}));
	const cellRows = Papa.parse<Record<string, string>>(files.populationCsv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
	const cells = cellRows.map((row) => ({ lon: Number(row.lon), lat: Number(row.lat), pop: Number(row.pop) }));
	// Where a point lies: the first area (file order) whose polygon holds it, by ray casting over all rings.
	const areaOf = (lon: number, lat: number): string | null => {
		for (const area of areas) {
			for (const polygon of area.rings) {
				let crossings = 0;
				for (const ring of polygon) {
					for (let i = 0; i + 1 < ring.length; i++) {
						const [x1, y1] = ring[i];
						const [x2, y2] = ring[i + 1];
						if (y1 > lat !== y2 > lat && lon < x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)) crossings++;
					}
				}
				if (crossings % 2 === 1) return area.code;
			}
		}
		return null;
	};
	const codes = new Set(areas.map((area) => area.code));
	for (const facility of facilities) if (!codes.has(facility.subdistrict)) facility.subdistrict = areaOf(facility.lon, facility.lat) ?? facility.subdistrict;
	return { areas, facilities, cells: cells.map((cell) => ({ ...cell, area: areaOf(cell.lon, cell.lat) })) };
}

export type Raw = ReturnType<typeof readRaw>;

export interface CellTimes {
	/** The engine's minutes to the nearest facility of the coverage types (NaN = unreachable). */
	minutes: ArrayLike<number>;
	unreachable: ArrayLike<number>;
	/** The engine's nearest facility of the capacity types, by index into the file's facilities. */
	nearestCentre: ArrayLike<number>;
}

export function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/** What a sub-district should show, computed from scratch. */
export function expectedArea(raw: Raw, times: CellTimes, profile: StandardsProfile, code: string) {
	const { rules } = profile;
	const area = raw.areas.find((a) => a.code === code)!;
	const cellIndexes = raw.cells.flatMap((cell, index) => (cell.area === code ? [index] : []));
	const cellResidents = sum(cellIndexes.map((i) => raw.cells[i].pop));
	const residents = area.census ?? cellResidents;
	const here = raw.facilities.filter((f) => f.subdistrict === code);
	const capacity = here.filter((f) => (profile.capacityTypes as string[]).includes(f.type));
	const areaKnown = sum(capacity.map((f) => f.area ?? 0));
	const areaUnknown = capacity.filter((f) => f.area === null).length;
	const bedsKnown = sum(capacity.map((f) => f.beds ?? 0));
	const bedsUnknown = capacity.filter((f) => f.beds === null).length;
	let required: number | null = null;
	if (residents > 0) {
		const proportional = (rules.centreAreaPerThousand.value * residents) / 1000;
		required = rules.centreAreaMinimum.enabled && residents < rules.centreAreaMinimum.belowPopulation ? Math.max(rules.centreAreaMinimum.value, proportional) : proportional;
	}
	const decided = (enabled: boolean, applicable: boolean, meets: boolean, unknown: number): RuleOutcome =>
		!enabled ? 'off' : !applicable ? 'na' : meets ? 'pass' : unknown > 0 ? 'incomplete' : 'fail';
	const perFacility = (enabled: boolean, set: RawFacility[], value: (f: RawFacility) => number | null, minimum: number): RuleOutcome => {
		if (!enabled) return 'off';
		if (set.length === 0) return 'na';
		if (set.some((f) => value(f) !== null && value(f)! < minimum)) return 'fail';
		return set.some((f) => value(f) === null) ? 'incomplete' : 'pass';
	};
	const bedsNeeded = (enabled: boolean, rate: number): number | null => {
		if (!enabled) return null;
		const needed = (rate * residents) / 1000;
		if (residents <= 0 || bedsKnown >= needed) return 0;
		return bedsUnknown > 0 ? null : Math.ceil(Number((needed - bedsKnown).toFixed(6)));
	};
	const stations = here.filter((f) => f.type === 'station');
	const newCentres = here.filter((f) => f.type === 'centre' && (rules.newCentreBeds.statuses as string[]).includes(f.status));
	const threshold = rules.coverageMinutes.value;
	const covered = sum(cellIndexes.filter((i) => times.minutes[i] <= threshold).map((i) => raw.cells[i].pop));
	const uncovered = sum(cellIndexes.filter((i) => !(times.minutes[i] <= threshold)).map((i) => raw.cells[i].pop));
	const unreachable = sum(cellIndexes.filter((i) => times.unreachable[i] !== 0).map((i) => raw.cells[i].pop));
	const areaOn = rules.centreAreaPerThousand.enabled;
	const rulesOut: Record<RuleId, RuleOutcome> = {
		centreArea: decided(areaOn, residents > 0, required !== null && areaKnown >= required, areaUnknown),
		bedsMin: decided(rules.bedsPerThousandMin.enabled, residents > 0, bedsKnown * 1000 >= rules.bedsPerThousandMin.value * residents, bedsUnknown),
		newCentreBeds: perFacility(rules.newCentreBeds.enabled, newCentres, (f) => f.beds, rules.newCentreBeds.value),
		stationArea: perFacility(rules.stationAreaMin.enabled, stations, (f) => f.area, rules.stationAreaMin.value),
		coverage: !rules.coverageTargetPct.enabled ? 'off' : cellResidents <= 0 ? 'na' : (covered / cellResidents) * 100 >= rules.coverageTargetPct.value - 1e-9 ? 'pass' : 'fail'
	};
	return {
		code,
		name: area.name,
		residents,
		residentsSource: area.census === null ? 'cells' : 'census',
		cellResidents,
		censusPopulation: area.census,
		capacityFacilities: capacity.length,
		centres: here.filter((f) => f.type === 'centre').length,
		branches: here.filter((f) => f.type === 'branch').length,
		centreStatuses: here.filter((f) => f.type === 'centre').sort((a, b) => (a.id < b.id ? -1 : 1)).map((f) => f.status),
		centreAreaM2: areaKnown,
		areaUnknownCount: areaUnknown,
		areaPerThousand: residents > 0 && areaUnknown === 0 ? (areaKnown * 1000) / residents : null,
		requiredAreaM2: areaOn ? required : null,
		areaGapM2: !areaOn || required === null ? null : areaKnown >= required ? 0 : areaUnknown > 0 ? null : required - areaKnown,
		beds: bedsKnown,
		bedsUnknownCount: bedsUnknown,
		bedsPerThousand: residents > 0 && bedsUnknown === 0 ? (bedsKnown * 1000) / residents : null,
		bedsNeededMin: bedsNeeded(rules.bedsPerThousandMin.enabled, rules.bedsPerThousandMin.value),
		bedsNeededTarget: bedsNeeded(rules.bedsPerThousandTarget.enabled, rules.bedsPerThousandTarget.value),
		newCentres: newCentres.length,
		newCentresUnderBeds: newCentres.filter((f) => f.beds !== null && f.beds < rules.newCentreBeds.value).length,
		newCentresBedsUnknown: newCentres.filter((f) => f.beds === null).length,
		stations: stations.length,
		stationsUnderArea: stations.filter((f) => f.area !== null && f.area < rules.stationAreaMin.value).length,
		stationsAreaUnknown: stations.filter((f) => f.area === null).length,
		coveredResidents: covered,
		coveragePct: cellResidents > 0 ? (covered / cellResidents) * 100 : null,
		uncoveredResidents: uncovered,
		unreachableResidents: unreachable,
		rules: rulesOut,
		failedRules: Object.values(rulesOut).filter((o) => o === 'fail').length
	};
}

/** Per-centre figures from scratch: groups (a centre and the counted facilities whose parent it is) and populations. */
export function expectedCentres(raw: Raw, times: CellTimes, profile: StandardsProfile) {
	const capacity = raw.facilities.filter((f) => (profile.capacityTypes as string[]).includes(f.type));
	const centreIds = new Set(capacity.filter((f) => f.type === 'centre').map((f) => f.id));
	const headOf = (f: RawFacility) => (f.type !== 'centre' && centreIds.has(f.parent) ? f.parent : f.id);
	const administrative = new Map(raw.areas.map((area) => [area.code, area.census ?? sum(raw.cells.filter((c) => c.area === area.code).map((c) => c.pop))]));
	const catchment = new Map<string, number>();
	raw.cells.forEach((cell, index) => {
		const nearest = times.nearestCentre[index];
		if (nearest < 0) return;
		const head = headOf(raw.facilities[nearest]);
		catchment.set(head, (catchment.get(head) ?? 0) + cell.pop);
	});
	return capacity
		.filter((f) => headOf(f) === f.id)
		.map((head) => {
			const members = capacity.filter((f) => headOf(f) === head.id);
			return {
				id: head.id,
				memberIds: [head.id, ...members.filter((m) => m.id !== head.id).map((m) => m.id).sort()],
				areaM2: sum(members.map((m) => m.area ?? 0)),
				areaUnknownCount: members.filter((m) => m.area === null).length,
				beds: sum(members.map((m) => m.beds ?? 0)),
				administrativePopulation: administrative.get(head.subdistrict) ?? null,
				catchmentPopulation: catchment.get(head.id) ?? 0
			};
		})
		.sort((a, b) => (a.id < b.id ? -1 : 1));
}
