/**
 * Incremental coverage for what-if scenarios: after a full network computation, each edit (add,
 * move, close a facility, change its type) recomputes only what it can change: the nodes the
 * facility serves or would serve, the cells on edges touching those nodes or holding the facility,
 * and the cells of a network component that gains its first or loses its last counted facility.
 * The figures are identical to computeCoverage on the same list: minutes bit for bit, the nearest
 * facility up to exact distance ties (see src/lib/engine/README.md, "Incremental updates").
 */
import { allocateCellAccess, seedDistanceAtFrom, seedDistanceAtTo, type AccessModel, type CellAccess, type FacilityField } from '../access-model';
import type { AreaCoverage } from '../bands';
import type { CoverageInput, CoverageResult, PreparedNetwork } from '../coverage';
import type { NodeDistances } from '../dijkstra';
import { groupFacilitiesByEdge, type EdgeFacilities } from '../edge-facilities';
import type { WalkGraph } from '../graph';
import type { CoverageParams } from '../params';
import type { Facility, FacilityType } from '../types';
import { AreaSums } from './area-sums';
import { CellCollector, groupCellsByKey, type CellGroups } from './cell-index';
import { NodeClaim } from './claim';
import { FacilitySlots, type SlotSeeding } from './facility-slots';
import { NodeRepair, labelsAreRooted } from './repair';
import { SeedLookup } from './seed-lookup';

export interface CellChanges {
	/** Cells whose minutes, covered, unreachable or nearest-facility *id* changed since the previous state, ascending. */
	cells: Int32Array;
	/** True when the facility list's id order changed so every cell's facilityIndex was rewritten (send them all). */
	remapped: boolean;
}

/** What one sync does to the search: slots that stop seeding (with their old snap) and slots that start. */
interface SeedingPlan {
	removed: (SlotSeeding & { slot: number })[];
	added: number[];
	remapped: boolean;
	/** Slot of each entry of the new list. */
	listed: Int32Array;
}

/** Per-dataset indexes, built once: cells by edge and by component, and the scratch they need. */
interface CellIndexes {
	onEdge: CellGroups;
	inComponent: CellGroups;
	collector: CellCollector;
	/** The rescored cells' figures, before they are compared with the current ones. */
	scratch: CellAccess;
	edgeStamp: Int32Array;
}

export class IncrementalCoverage {
	readonly params: CoverageParams;
	minutes: Float32Array;
	facilityIndex: Int32Array;
	covered: Uint8Array;
	unreachable: Uint8Array;
	bySubdistrict: AreaCoverage[];
	outside: AreaCoverage;
	total: AreaCoverage;
	unsnappedFacilities: number[];

	private readonly searchLimitMinutes: number;
	private readonly graph: WalkGraph;
	private readonly countedTypes: ReadonlySet<FacilityType>;
	/** Per cell: the slot of its nearest facility (-1 when none); facilityIndex is this through the list order. */
	private readonly cellSlot: Int32Array;
	/** Per component: how many facilities seed it; 0 makes its cells unreachable (noFacility). */
	private readonly componentFacilities: Int32Array;
	private edgeFacilities: EdgeFacilities;
	private readonly repairer: NodeRepair;
	private readonly claimer: NodeClaim;
	private readonly areas: AreaSums;
	private readonly cellIndexes: CellIndexes;
	private edgeStampValue = 0;

	private constructor(
		input: CoverageInput,
		result: CoverageResult,
		private readonly prepared: PreparedNetwork,
		private readonly field: NodeDistances,
		private readonly slots: FacilitySlots,
		/** The cost rule of the full computation this state started from. */
		private readonly access: AccessModel
	) {
		this.params = { ...result.params, facilityTypes: [...result.params.facilityTypes] };
		this.searchLimitMinutes = result.searchLimitMinutes;
		this.graph = prepared.graph;
		this.countedTypes = new Set(this.params.facilityTypes);
		this.minutes = result.minutes.slice();
		this.facilityIndex = result.facilityIndex.slice();
		this.cellSlot = result.facilityIndex.slice();
		this.covered = result.covered.slice();
		this.unreachable = result.unreachable.slice();
		this.unsnappedFacilities = [...result.unsnappedFacilities];
		this.componentFacilities = new Int32Array(this.graph.componentCount);
		for (let slot = 0; slot < slots.count; slot++) if (slots.active[slot]) this.componentFacilities[this.componentOfEdge(slots.snap.edge[slot])]++;
		this.edgeFacilities = groupFacilitiesByEdge(slots.snap, slots.active, this.graph.edgeCount);
		this.repairer = new NodeRepair(this.graph, access.maxDistance);
		this.claimer = new NodeClaim(this.graph, access.maxDistance);
		const cellCount = this.minutes.length;
		this.cellIndexes = {
			onEdge: groupCellsByKey(prepared.cellSnap.edge, this.graph.edgeCount),
			inComponent: groupCellsByKey(prepared.cellComponent, this.graph.componentCount),
			collector: new CellCollector(cellCount),
			scratch: allocateCellAccess(cellCount),
			edgeStamp: new Int32Array(this.graph.edgeCount)
		};
		this.areas = new AreaSums(input.subdistricts, input.cellSubdistrict, input.cells.pop, this.minutes, this.covered, this.unreachable);
		({ bySubdistrict: this.bySubdistrict, outside: this.outside, total: this.total } = this.areas.summary());
	}

	/** Starts from a full network computation (result.network must be non-null) of `input` (input.facilities is the starting list). */
	static fromResult(input: CoverageInput, result: CoverageResult): IncrementalCoverage {
		const network = result.network;
		if (!network) throw new RangeError('IncrementalCoverage needs a network result (not the straight-line fallback)');
		if (result.facilityIndex.length !== input.cells.lon.length) throw new RangeError('result and input have different cells');
		const field: NodeDistances = { distance: network.nodes.distance.slice(), source: network.nodes.source.slice() };
		const slots = FacilitySlots.fromList(input.facilities, network.facilitySnap, network.counted);
		const coverage = new IncrementalCoverage(input, result, network.prepared, field, slots, network.access);
		coverage.rootLabels();
		return coverage;
	}

	/**
	 * Brings the state to `facilities` (matched by id, in any order): added ids, removed ids, moved
	 * positions and type changes that make a facility counted or not. Returns the cells that changed.
	 */
	sync(facilities: readonly Facility[]): CellChanges {
		const plan = this.planSeeding(facilities);
		const flipped = this.updateComponentCounts(plan);
		const changedNodes = this.updateNodes(plan);
		const cells = this.cellsToRecompute(plan, changedNodes, flipped);
		const changed = this.recomputeCells(cells);
		this.updateListOrder(plan, changed);
		this.unsnappedFacilities = this.unsnappedListIndices(facilities, plan.listed);
		({ bySubdistrict: this.bySubdistrict, outside: this.outside, total: this.total } = this.areas.summary());
		return { cells: changed.sort(), remapped: plan.remapped };
	}

	/** A CoverageResult-shaped snapshot (copies); network is null. */
	snapshot(): CoverageResult {
		const copyArea = (area: AreaCoverage): AreaCoverage => ({ ...area, bandResidents: [...area.bandResidents] });
		return {
			params: { ...this.params, facilityTypes: [...this.params.facilityTypes] },
			approximate: false,
			minutes: this.minutes.slice(),
			facilityIndex: this.facilityIndex.slice(),
			covered: this.covered.slice(),
			unreachable: this.unreachable.slice(),
			bySubdistrict: this.bySubdistrict.map(copyArea),
			outside: copyArea(this.outside),
			total: copyArea(this.total),
			searchLimitMinutes: this.searchLimitMinutes,
			unsnappedFacilities: [...this.unsnappedFacilities],
			network: null
		};
	}

	/**
	 * Repairs need rooted labels (repair.ts). multiSourceDijkstra's bucket queue almost always gives
	 * them; when it did not, one heap-ordered search relabels ties (the costs cannot change) and the
	 * cells take their facility from the new labels.
	 */
	private rootLabels(): void {
		if (labelsAreRooted(this.graph, this.field, this.seedLookup())) return;
		this.repairer.recomputeAll(this.field, this.seedLookup());
		const perCell = this.cellIndexes.scratch;
		this.access.writeCells(this.facilityField(), perCell);
		for (let cell = 0; cell < this.cellSlot.length; cell++) {
			this.cellSlot[cell] = perCell.facility[cell];
			this.facilityIndex[cell] = perCell.facility[cell] >= 0 ? this.slots.listIndex[perCell.facility[cell]] : -1;
		}
	}

	/** Matches the list to slots, re-snaps moved facilities and decides which slots stop or start seeding. */
	private planSeeding(facilities: readonly Facility[]): SeedingPlan {
		const { slots } = this;
		const listed = new Int32Array(facilities.length);
		facilities.forEach((facility, index) => (listed[index] = slots.slotFor(facility.id)));
		const inList = new Int32Array(slots.count).fill(-1);
		listed.forEach((slot, index) => {
			if (inList[slot] >= 0) throw new RangeError(`duplicate facility id ${slots.ids[slot]}`);
			inList[slot] = index;
		});
		const plan: SeedingPlan = { removed: [], added: [], remapped: false, listed };
		for (let slot = 0; slot < slots.count; slot++) {
			const before = slots.seeding(slot);
			const index = inList[slot];
			if (index >= 0 && slots.listIndex[slot] >= 0 && slots.listIndex[slot] !== index) plan.remapped = true;
			const facility = index >= 0 ? facilities[index] : null;
			if (facility && slots.movedTo(slot, facility.lon, facility.lat)) slots.place(slot, facility.lon, facility.lat, this.graph, this.prepared.segments);
			const seeds = facility !== null && this.countedTypes.has(facility.type) && slots.snap.edge[slot] >= 0;
			const unchanged = seeds && before.edge === slots.snap.edge[slot] && before.along === slots.snap.along[slot] && before.connector === slots.snap.connector[slot];
			if (before.edge >= 0 && !unchanged) plan.removed.push({ slot, ...before });
			if (seeds && !unchanged) plan.added.push(slot);
			// Added slots start seeding only after the repair (updateNodes), so the repair sees the remaining facilities alone.
			slots.active[slot] = unchanged ? 1 : 0;
		}
		return plan;
	}

	/** Updates the per-component facility counts; returns the components whose cells become reachable or unreachable. */
	private updateComponentCounts(plan: SeedingPlan): number[] {
		const touched = new Map<number, number>();
		const adjust = (edge: number, by: number) => {
			const component = this.componentOfEdge(edge);
			if (!touched.has(component)) touched.set(component, this.componentFacilities[component]);
			this.componentFacilities[component] += by;
		};
		for (const removed of plan.removed) adjust(removed.edge, -1);
		for (const slot of plan.added) adjust(this.slots.snap.edge[slot], 1);
		return [...touched].filter(([component, before]) => (before === 0) !== (this.componentFacilities[component] === 0)).map(([component]) => component);
	}

	/** Repairs the nodes served by removed facilities, then lets added ones claim theirs. Returns every node written. */
	private updateNodes(plan: SeedingPlan): Int32Array[] {
		const changed: Int32Array[] = [];
		const { slots, graph } = this;
		if (plan.removed.length > 0) {
			this.edgeFacilities = groupFacilitiesByEdge(slots.snap, slots.active, graph.edgeCount, this.edgeFacilities);
			const removedFlag = new Uint8Array(slots.count);
			const roots: number[] = [];
			for (const { slot, edge } of plan.removed) {
				removedFlag[slot] = 1;
				roots.push(graph.edgeFrom[edge], graph.edgeTo[edge]);
			}
			const region = this.repairer.servedRegion(this.field, roots, removedFlag);
			changed.push(this.repairer.repair(this.field, region, this.seedLookup()));
		}
		if (plan.added.length === 0) return changed;
		for (const slot of plan.added) slots.active[slot] = 1;
		this.edgeFacilities = groupFacilitiesByEdge(slots.snap, slots.active, graph.edgeCount, this.edgeFacilities);
		for (const slot of plan.added) {
			const edge = slots.snap.edge[slot];
			const weight = this.access.connectorWeight;
			const seedCosts = [seedDistanceAtFrom(slots.snap, slot, weight), seedDistanceAtTo(graph, slots.snap, slot, weight)];
			changed.push(this.claimer.claim(this.field, slot, [graph.edgeFrom[edge], graph.edgeTo[edge]], seedCosts));
		}
		return changed;
	}

	/** Cells on edges touching a written node, on the edges facilities left or joined, and in flipped components. */
	private cellsToRecompute(plan: SeedingPlan, changedNodes: Int32Array[], flippedComponents: number[]): Int32Array {
		const { onEdge, inComponent, collector, edgeStamp } = this.cellIndexes;
		const { offsets, arcEdge } = this.graph;
		const stamp = ++this.edgeStampValue;
		collector.start();
		const addEdge = (edge: number) => {
			if (edgeStamp[edge] === stamp) return;
			edgeStamp[edge] = stamp;
			collector.addGroup(onEdge, edge);
		};
		for (const nodes of changedNodes) {
			for (const node of nodes) for (let arc = offsets[node], end = offsets[node + 1]; arc < end; arc++) addEdge(arcEdge[arc]);
		}
		// The same-edge shortcut (the access model's same-edge cost) changes on the edges a facility left or joined.
		for (const { edge } of plan.removed) addEdge(edge);
		for (const slot of plan.added) addEdge(this.slots.snap.edge[slot]);
		for (const component of flippedComponents) collector.addGroup(inComponent, component);
		return collector.cells();
	}

	/** Rescores the given cells by the access model, as computeCoverage does; updates the area sums; returns the cells that changed. */
	private recomputeCells(cells: Int32Array): Int32Array {
		const scored = this.cellIndexes.scratch;
		this.access.writeCells(this.facilityField(), scored, cells);
		const changed: number[] = [];
		for (const cell of cells) {
			const minutes = scored.minutes[cell];
			const covered = scored.covered[cell];
			const unreachable = scored.unreachable[cell];
			const slot = scored.facility[cell];
			const old = this.minutes[cell];
			const sameMinutes = old === minutes || (Number.isNaN(old) && Number.isNaN(minutes));
			if (sameMinutes && covered === this.covered[cell] && unreachable === this.unreachable[cell] && slot === this.cellSlot[cell]) continue;
			this.minutes[cell] = minutes;
			this.covered[cell] = covered;
			this.unreachable[cell] = unreachable;
			this.cellSlot[cell] = slot;
			this.areas.touch(cell);
			changed.push(cell);
		}
		return Int32Array.from(changed);
	}

	/** Records the new list order and writes facilityIndex: for every cell when the order changed, else for the changed cells. */
	private updateListOrder(plan: SeedingPlan, changed: Int32Array): void {
		const { listIndex } = this.slots;
		listIndex.fill(-1);
		plan.listed.forEach((slot, index) => (listIndex[slot] = index));
		const write = (cell: number) => (this.facilityIndex[cell] = this.cellSlot[cell] >= 0 ? listIndex[this.cellSlot[cell]] : -1);
		if (plan.remapped) for (let cell = 0; cell < this.facilityIndex.length; cell++) write(cell);
		else for (const cell of changed) write(cell);
	}

	/** List indices of counted facilities that did not snap (they reach nobody), ascending. */
	private unsnappedListIndices(facilities: readonly Facility[], listed: Int32Array): number[] {
		const unsnapped: number[] = [];
		facilities.forEach((facility, index) => {
			if (this.countedTypes.has(facility.type) && this.slots.snap.edge[listed[index]] < 0) unsnapped.push(index);
		});
		return unsnapped;
	}

	private componentOfEdge(edge: number): number {
		return this.graph.component[this.graph.edgeFrom[edge]];
	}

	private seedLookup(): SeedLookup {
		return new SeedLookup(this.graph, this.slots.snap, this.edgeFacilities, this.access.connectorWeight);
	}

	private facilityField(): FacilityField {
		return { nodes: this.field, facilitySnap: this.slots.snap, edgeFacilities: this.edgeFacilities, componentFacilities: this.componentFacilities };
	}
}
