/**
 * IncrementalCoverage against full recomputation: after every scenario edit, `sync` must give the
 * same minutes, covered, unreachable, area sums (all bit for bit), unsnapped facilities and standards
 * indicators as computeCoverage on the same facility list, and a different nearest facility only on
 * an exact tie.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_BANDS, computeCoverage, prepareNetwork, type CoverageInput, type CoverageParams, type CoverageResult } from '$lib/engine/coverage';
import type { AreaCoverage } from '$lib/engine/bands';
import { buildWalkGraph, type WalkGraph } from '$lib/engine/graph';
import { DEFAULT_COVERAGE_PARAMS } from '$lib/engine/params';
import { assignPointsToPolygons, subdistrictAssigner } from '$lib/engine/point-in-polygon';
import { applyEdits, type ScenarioEdit } from '$lib/engine/scenario/edits';
import { IncrementalCoverage } from '$lib/engine/scenario/incremental';
import { FACILITY_TYPES, type Facility, type FacilityType, type NetworkLine, type PopulationCells, type Position, type Subdistrict } from '$lib/engine/types';
import { loadInputs } from '../../../../scripts/lib/load-inputs';
import { facility, line, offset } from '../fixtures';
import { seededRandom } from '../../../../scripts/demo/geometry';
import { computeIndicators } from '$lib/engine/standards/compute-indicators';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';

// ---------------------------------------------------------------------------------------------
// Comparison with a full recomputation

/** Sums are compared exactly: an area touched by an edit is summed again in the full pass's order. */
function expectSameAreas(actual: AreaCoverage, expected: AreaCoverage, label: string): void {
	const close = (a: number, b: number, field: string) => expect(a, `${label} ${field}`).toBe(b);
	expect(actual.code, label).toBe(expected.code);
	expect(actual.cells, label).toBe(expected.cells);
	close(actual.residents, expected.residents, 'residents');
	close(actual.coveredResidents, expected.coveredResidents, 'coveredResidents');
	close(actual.unreachableResidents, expected.unreachableResidents, 'unreachableResidents');
	expect(actual.coveragePct, `${label} coveragePct`).toBe(expected.coveragePct);
	TIME_BANDS.forEach((band, b) => close(actual.bandResidents[b], expected.bandResidents[b], `band ${band.label}`));
}

/** Minutes of each listed cell with only `facility` in the list: equal to the full minutes exactly when it ties for nearest. */
function minutesWithOnly(input: CoverageInput, facility: Facility, cells: number[]): number[] {
	const alone = computeCoverage({ ...input, facilities: [facility] });
	return cells.map((cell) => alone.minutes[cell]);
}

function expectSameAsFull(incremental: IncrementalCoverage, input: CoverageInput, step: string): CoverageResult {
	const full = computeCoverage(input);
	const cellCount = full.minutes.length;
	for (let cell = 0; cell < cellCount; cell++) {
		if (!Object.is(incremental.minutes[cell], full.minutes[cell])) expect.fail(`${step}: cell ${cell} minutes ${incremental.minutes[cell]} vs full ${full.minutes[cell]}`);
		if (incremental.covered[cell] !== full.covered[cell]) expect.fail(`${step}: cell ${cell} covered`);
		if (incremental.unreachable[cell] !== full.unreachable[cell]) expect.fail(`${step}: cell ${cell} unreachable`);
	}
	expectTiesOnly(incremental, full, input, step);
	full.bySubdistrict.forEach((area, index) => expectSameAreas(incremental.bySubdistrict[index], area, `${step} ${area.code}`));
	expectSameAreas(incremental.outside, full.outside, `${step} outside`);
	expectSameAreas(incremental.total, full.total, `${step} total`);
	expect(incremental.unsnappedFacilities, step).toEqual(full.unsnappedFacilities);
	expect(indicatorsOf(incremental, input), `${step}: indicators`).toEqual(indicatorsOf(full, input));
	return full;
}

/** Every standards indicator (Shanghai 2023: coverage target 100 %, where a last-bit drift would flip the rule). */
function indicatorsOf(figures: Pick<CoverageResult, 'bySubdistrict' | 'outside'>, input: CoverageInput) {
	return computeIndicators({ subdistricts: input.subdistricts, facilities: input.facilities, coverage: { bySubdistrict: figures.bySubdistrict, outside: figures.outside }, profile: SHANGHAI_2023 });
}

/** Where the nearest facility differs, both must reach the cell in exactly the full minutes. */
function expectTiesOnly(incremental: IncrementalCoverage, full: CoverageResult, input: CoverageInput, step: string): void {
	const differing = new Map<number, number[]>();
	for (let cell = 0; cell < full.facilityIndex.length; cell++) {
		const mine = incremental.facilityIndex[cell];
		if (mine === full.facilityIndex[cell]) continue;
		if (mine < 0 || full.facilityIndex[cell] < 0) expect.fail(`${step}: cell ${cell} facility ${mine} vs full ${full.facilityIndex[cell]}`);
		differing.set(mine, [...(differing.get(mine) ?? []), cell]);
	}
	for (const [index, cells] of differing) {
		const alone = minutesWithOnly(input, input.facilities[index], cells);
		cells.forEach((cell, i) => expect(Object.is(alone[i], full.minutes[cell]), `${step}: cell ${cell} given to ${input.facilities[index].id} without a tie (${alone[i]} vs ${full.minutes[cell]})`).toBe(true));
	}
}

/** The changed cells reported by sync must be exactly those whose figures differ from before. */
function expectChangesReported(before: CoverageResult, incremental: IncrementalCoverage, changed: Int32Array, beforeIds: string[], afterIds: string[]): void {
	const reported = new Set(changed);
	for (let cell = 0; cell < before.minutes.length; cell++) {
		const idBefore = before.facilityIndex[cell] >= 0 ? beforeIds[before.facilityIndex[cell]] : null;
		const idAfter = incremental.facilityIndex[cell] >= 0 ? afterIds[incremental.facilityIndex[cell]] : null;
		const differs = !Object.is(before.minutes[cell], incremental.minutes[cell]) || before.covered[cell] !== incremental.covered[cell] || before.unreachable[cell] !== incremental.unreachable[cell] || idBefore !== idAfter;
		expect(reported.has(cell), `cell ${cell} ${differs ? 'changed but not reported' : 'reported without a change'}`).toBe(differs);
	}
	for (let i = 1; i < changed.length; i++) expect(changed[i]).toBeGreaterThan(changed[i - 1]);
}

// ---------------------------------------------------------------------------------------------
// Random networks, cells, facilities and edit sequences

interface TestNetwork {
	lines: NetworkLine[];
	/** A point of the separate component (to move facilities into it). */
	island: Position;
}

const networkArbitrary = fc
	.record({
		size: fc.integer({ min: 2, max: 6 }),
		spacing: fc.integer({ min: 30, max: 120 }),
		jitter: fc.constantFrom(0, 0, 8, 25),
		seed: fc.integer({ min: 0, max: 1_000_000 }),
		missing: fc.double({ min: 0, max: 0.35, noNaN: true }),
		deadEnds: fc.integer({ min: 0, max: 4 }),
		islandSize: fc.integer({ min: 0, max: 3 })
	})
	.map(buildTestNetwork);

function hash(a: number, b: number, seed: number): number {
	let h = Math.imul(a ^ 0x27d4eb2d, 0x9e3779b1) ^ Math.imul(b + 0x165667b1, 0x85ebca77) ^ Math.imul(seed, 0xc2b2ae3d);
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}

/** A jittered grid with missing pieces, shape points, dead-end spurs and a separate square "island". */
function buildTestNetwork(spec: { size: number; spacing: number; jitter: number; seed: number; missing: number; deadEnds: number; islandSize: number }): TestNetwork {
	const { size, spacing, jitter, seed } = spec;
	const node = (i: number, j: number): Position => offset(i * spacing + (hash(i, j, seed) - 0.5) * jitter, j * spacing + (hash(j, i, seed + 1) - 0.5) * jitter);
	const lines: NetworkLine[] = [];
	const piece = (a: Position, b: Position, k: number) => {
		// Every third piece bends through a shape point.
		if (k % 3 === 0) lines.push(line(a, [(a[0] + b[0]) / 2 + 2e-5, (a[1] + b[1]) / 2], b));
		else lines.push(line(a, b));
	};
	let k = 0;
	for (let i = 0; i < size; i++) {
		for (let j = 0; j < size; j++) {
			if (i + 1 < size && hash(i, j, seed + 2) >= spec.missing) piece(node(i, j), node(i + 1, j), k++);
			if (j + 1 < size && hash(i, j, seed + 3) >= spec.missing) piece(node(i, j), node(i, j + 1), k++);
		}
	}
	for (let d = 0; d < spec.deadEnds; d++) {
		const i = Math.floor(hash(d, 7, seed) * size);
		const j = Math.floor(hash(d, 8, seed) * size);
		const from = node(i, j);
		lines.push(line(from, offset((i + 0.4) * spacing, (j - 0.45) * spacing)));
	}
	const islandOrigin = (size + 1.5) * spacing;
	const island = (i: number, j: number) => offset(islandOrigin + i * spacing, j * spacing);
	for (let i = 0; i < spec.islandSize; i++) {
		lines.push(line(island(i, 0), island(i + 1, 0)));
		lines.push(line(island(i, 0), island(i, 1)));
	}
	if (lines.length === 0) lines.push(line(node(0, 0), node(1, 0)));
	return { lines, island: island(0.3, 0.1) };
}

/** A point in the test area (grid and island) and a bit beyond, so some cells do not snap. */
const areaPoint = fc.tuple(fc.double({ min: -150, max: 1300, noNaN: true }), fc.double({ min: -150, max: 800, noNaN: true })).map(([east, north]) => offset(east, north));

const typeArbitrary = fc.constantFrom<FacilityType>(...FACILITY_TYPES);

/** An edit intent: resolved against the live facilities when applied (indices are taken modulo their count). */
type Intent =
	| { kind: 'add'; at: Position; type: FacilityType }
	| { kind: 'move'; pick: number; at: Position }
	| { kind: 'move-onto'; pick: number; other: number; nudge: number }
	| { kind: 'move-island'; pick: number }
	| { kind: 'close'; pick: number }
	| { kind: 'type'; pick: number; type: FacilityType }
	| { kind: 'figures'; pick: number; area: number }
	| { kind: 'shuffle'; seed: number };

const pick = fc.nat(1000);
const intentArbitrary: fc.Arbitrary<Intent> = fc.oneof(
	{ arbitrary: fc.record({ kind: fc.constant('add' as const), at: areaPoint, type: typeArbitrary }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('move' as const), pick, at: areaPoint }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('move-onto' as const), pick, other: pick, nudge: fc.constantFrom(0, 0, 1e-6, -3e-5) }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('move-island' as const), pick }), weight: 1 },
	{ arbitrary: fc.record({ kind: fc.constant('close' as const), pick }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('type' as const), pick, type: typeArbitrary }), weight: 2 },
	{ arbitrary: fc.record({ kind: fc.constant('figures' as const), pick, area: fc.integer({ min: 0, max: 3000 }) }), weight: 1 },
	{ arbitrary: fc.record({ kind: fc.constant('shuffle' as const), seed: fc.nat() }), weight: 1 }
);

/** The edit an intent stands for, or null (nothing live to pick, or a shuffle). */
function resolveIntent(intent: Intent, live: Facility[], island: Position, nextId: () => string): ScenarioEdit | null {
	if (intent.kind === 'add') return { kind: 'add', facility: { ...facility(nextId(), intent.at, intent.type), status: 'proposed' } };
	if (intent.kind === 'shuffle' || live.length === 0) return null;
	const chosen = live[intent.pick % live.length];
	switch (intent.kind) {
		case 'move':
			return { kind: 'move', id: chosen.id, lon: intent.at[0], lat: intent.at[1] };
		case 'move-onto': {
			const other = live[intent.other % live.length];
			return { kind: 'move', id: chosen.id, lon: other.lon + intent.nudge, lat: other.lat };
		}
		case 'move-island':
			return { kind: 'move', id: chosen.id, lon: island[0], lat: island[1] };
		case 'close':
			return { kind: 'close', id: chosen.id };
		case 'type':
			return { kind: 'update', id: chosen.id, changes: { type: intent.type } };
		case 'figures':
			return { kind: 'update', id: chosen.id, changes: { areaM2: intent.area, beds: intent.area % 7 } };
	}
}

function shuffled<T>(list: T[], seed: number): T[] {
	const copy = [...list];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(hash(i, 3, seed) * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

function rectangle(code: string, west: Position, east: Position): Subdistrict {
	const ring: Position[] = [west, [east[0], west[1]], east, [west[0], east[1]], west];
	return { code, name: code, nameEn: code, population: null, polygons: [[ring]] };
}

/** Two sub-districts over part of the area; the rest of the cells are outside. */
const SUBDISTRICTS = [rectangle('A', offset(-100, -100), offset(250, 700)), rectangle('B', offset(250, -100), offset(600, 700))];

const assignToTestAreas = subdistrictAssigner(SUBDISTRICTS);

/**
 * Runs a random scenario: a full computation, then each intent applied with applyEdits and synced,
 * compared with a full recomputation after every step.
 */
function checkScenario(network: TestNetwork, cellPoints: [Position, number][], initial: [Position, FacilityType][], intents: Intent[], params: CoverageParams, graph: WalkGraph = buildWalkGraph(network.lines)): void {
	const cells: PopulationCells = {
		lon: Float64Array.from(cellPoints, ([p]) => p[0]),
		lat: Float64Array.from(cellPoints, ([p]) => p[1]),
		pop: Float64Array.from(cellPoints, ([, pop]) => pop)
	};
	const baseline = initial.map(([position, type], i) => facility(`f${i}`, position, type));
	const prepared = prepareNetwork(graph, cells, params.maxSnapM);
	const input: CoverageInput = { graph, prepared, facilities: baseline, cells, cellSubdistrict: assignPointsToPolygons(cells.lon, cells.lat, SUBDISTRICTS), subdistricts: SUBDISTRICTS, params };
	let previous = computeCoverage(input);
	const incremental = IncrementalCoverage.fromResult(input, previous);
	let previousIds = baseline.map((f) => f.id);
	const edits: ScenarioEdit[] = [];
	let added = 0;
	intents.forEach((intent, step) => {
		const live = applyEdits(baseline, edits, assignToTestAreas);
		const edit = resolveIntent(intent, live, network.island, () => `new${added++}`);
		if (edit) edits.push(edit);
		let list = applyEdits(baseline, edits, assignToTestAreas);
		if (intent.kind === 'shuffle') list = shuffled(list, intent.seed);
		const changes = incremental.sync(list);
		const stepInput = { ...input, facilities: list };
		const label = `step ${step} (${intent.kind})`;
		const full = expectSameAsFull(incremental, stepInput, label);
		const ids = list.map((f) => f.id);
		const reordered = ids.some((id, index) => previousIds.includes(id) && previousIds.indexOf(id) !== index);
		expect(changes.remapped, `${label}: remapped`).toBe(reordered);
		if (!changes.remapped) expectChangesReported(previous, incremental, changes.cells, previousIds, ids);
		previous = { ...full, minutes: incremental.minutes.slice(), facilityIndex: incremental.facilityIndex.slice(), covered: incremental.covered.slice(), unreachable: incremental.unreachable.slice() };
		previousIds = ids;
	});
}

const scenarioArbitrary = fc.record({
	network: networkArbitrary,
	cells: fc.array(fc.tuple(areaPoint, fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constantFrom(0.5, 12.25, 1e-3))), { minLength: 1, maxLength: 40 }),
	facilities: fc.array(fc.tuple(areaPoint, typeArbitrary), { minLength: 0, maxLength: 6 }),
	intents: fc.array(intentArbitrary, { minLength: 1, maxLength: 12 })
});

const PARAM_CASES: [string, Partial<CoverageParams>][] = [
	['walk, 15 minutes', {}],
	['cycle (connector weight 12/4.5)', { mode: 'cycle', thresholdMinutes: 2 }],
	['a slow speed, so the 30-minute search bound cuts the network', { speedKmh: 0.2, thresholdMinutes: 12, maxSnapM: 120 }],
	['exact minutes everywhere (searchLimitMinutes: Infinity), elderly, stations only', { mode: 'elderly', searchLimitMinutes: Infinity, thresholdMinutes: 3, facilityTypes: ['station', 'village_clinic'] }]
];

describe('IncrementalCoverage matches full recomputation after every edit', () => {
	for (const [name, overrides] of PARAM_CASES) {
		it(name, () => {
			const params: CoverageParams = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes], maxSnapM: 80, ...overrides };
			fc.assert(
				fc.property(scenarioArbitrary, ({ network, cells, facilities, intents }) => checkScenario(network, cells, facilities, intents, params)),
				{ numRuns: 150 }
			);
		});
	}

	it('handles exact ties on a regular grid: facilities on the same spot and on the same edge', () => {
		const network = buildTestNetwork({ size: 5, spacing: 60, jitter: 0, seed: 1, missing: 0, deadEnds: 0, islandSize: 2 });
		const cells: [Position, number][] = [];
		for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) cells.push([offset(i * 25 - 20, j * 25 - 20), 10 + i + j]);
		const spot = offset(120, 120);
		const intents: Intent[] = [
			{ kind: 'add', at: spot, type: 'station' },
			{ kind: 'move-onto', pick: 1, other: 0, nudge: 0 },
			{ kind: 'move', pick: 0, at: offset(150, 120) },
			{ kind: 'close', pick: 1 },
			{ kind: 'move-island', pick: 0 },
			{ kind: 'add', at: offset(90, 120), type: 'centre' },
			{ kind: 'type', pick: 0, type: 'hospital' },
			{ kind: 'type', pick: 0, type: 'centre' }
		];
		const params = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes], speedKmh: 1, maxSnapM: 50 };
		checkScenario(network, cells, [[spot, 'centre']], intents, params);
	});
});

// ---------------------------------------------------------------------------------------------
// The Jing'an demo


describe('IncrementalCoverage on the Jing\'an demo', () => {
	it('matches full recomputation through 20 random edits', () => {
		const demo = 'static/data/demo';
		const inputs = loadInputs({ network: `${demo}/network.geojson`, facilities: `${demo}/facilities.csv`, population: `${demo}/population.csv`, subdistricts: `${demo}/subdistricts.geojson` });
		const graph = buildWalkGraph(inputs.network!);
		const params: CoverageParams = { ...DEFAULT_COVERAGE_PARAMS, facilityTypes: [...DEFAULT_COVERAGE_PARAMS.facilityTypes] };
		const input: CoverageInput = { graph, prepared: prepareNetwork(graph, inputs.cells, params.maxSnapM), facilities: inputs.facilities, cells: inputs.cells, cellSubdistrict: inputs.cellSubdistrict, subdistricts: inputs.subdistricts, params };
		const incremental = IncrementalCoverage.fromResult(input, computeCoverage(input));
		const next = seededRandom(20260101);
		const cellAt = () => Math.floor(next() * inputs.cells.lon.length);
		const near = (k: number): [number, number] => [inputs.cells.lon[k] + (next() - 0.5) * 0.004, inputs.cells.lat[k] + (next() - 0.5) * 0.004];
		const edits: ScenarioEdit[] = [];
		for (let step = 0; step < 20; step++) {
			const live = applyEdits(inputs.facilities, edits);
			const chosen = live[Math.floor(next() * live.length)];
			const roll = next();
			if (roll < 0.3) {
				const [lon, lat] = near(cellAt());
				edits.push({ kind: 'add', facility: { ...facility(`proposed-${step}`, [lon, lat], next() < 0.7 ? 'station' : 'centre'), status: 'proposed' } });
			} else if (roll < 0.6) {
				const [lon, lat] = near(cellAt());
				edits.push({ kind: 'move', id: chosen.id, lon, lat });
			} else if (roll < 0.75) edits.push({ kind: 'close', id: chosen.id });
			else if (roll < 0.9) edits.push({ kind: 'update', id: chosen.id, changes: { type: chosen.type === 'hospital' ? 'station' : 'hospital' } });
			else edits.push({ kind: 'update', id: chosen.id, changes: { areaM2: 500 + step, beds: step } });
			const list = applyEdits(inputs.facilities, edits);
			incremental.sync(list);
			expectSameAsFull(incremental, { ...input, facilities: list }, `demo step ${step} (${edits[edits.length - 1].kind})`);
		}
	});
});
