import type { FacilityChanges, ScenarioEdit } from '$lib/engine/scenario/edits';
import type { Facility } from '$lib/engine/types';
import type { Translate } from '$lib/i18n';
import { defaultFacilityName, PROPOSED_SITE_ID_PREFIX } from '$lib/report/facility-name';
import { newId, type ScenarioState } from './scenarios.svelte';

// The proposable types and their starting figures are the engine's (siting suggests the same ones).
import { PROPOSABLE_TYPES, PROPOSED_DEFAULTS, type ProposableType } from '$lib/engine/siting/site-types';
export { PROPOSABLE_TYPES, PROPOSED_DEFAULTS, type ProposableType };

/** A new site's default number ("拟建服务站 3"): after the facilities of that type the scenario already proposes. */
function nextDefaultNumber(edits: readonly ScenarioEdit[], type: ProposableType): number {
	return edits.filter((edit) => edit.kind === 'add' && edit.facility.type === type).length + 1;
}

/**
 * Turns what the planner does on the map and in the panel into scenario edits: add a proposed
 * facility where they click, drag proposed ones, change area and beds (改扩建), close a facility.
 */
export class ScenarioEditor {
	/** The type being placed by clicking the map; null when clicks select instead. */
	placing = $state<ProposableType | null>(null);
	/** The facility whose figures the panel shows. */
	selectedId = $state<string | null>(null);

	constructor(private readonly scenarios: ScenarioState) {}

	/**
	 * Adds a proposed facility at a position (WGS84) with the app's default name; returns its id. The name is
	 * stored as worded now and marked as the default (its number), so every view words it in the reader's language.
	 */
	addAt(type: ProposableType, lon: number, lat: number, translate: Translate): string {
		const defaults = PROPOSED_DEFAULTS[type];
		const defaultNumber = nextDefaultNumber(this.scenarios.active?.edits ?? [], type);
		const name = defaultFacilityName(type, defaultNumber, translate);
		const facility: Facility = { id: newId(PROPOSED_SITE_ID_PREFIX), name, defaultNumber, type, subdistrict: '', lon, lat, areaM2: defaults.areaM2, beds: defaults.beds, status: 'proposed', parentId: null };
		this.scenarios.edit({ kind: 'add', facility });
		this.selectedId = facility.id;
		return facility.id;
	}

	/** Only facilities a scenario proposes may be dragged; existing buildings are edited or closed, not moved. */
	canDrag(facility: Facility): boolean {
		return this.scenarios.active !== null && (facility.status === 'proposed' || this.addedHere(facility.id));
	}

	dragTo(id: string, lon: number, lat: number): void {
		this.scenarios.preview = { id, lon, lat };
	}

	dragEnd(): void {
		const preview = this.scenarios.preview;
		if (preview) this.scenarios.edit({ kind: 'move', ...preview });
	}

	update(id: string, changes: FacilityChanges): void {
		if (Object.keys(changes).length > 0) this.scenarios.edit({ kind: 'update', id, changes });
	}

	close(id: string): void {
		this.scenarios.edit({ kind: 'close', id });
		if (this.selectedId === id) this.selectedId = null;
	}

	private addedHere(id: string): boolean {
		return this.scenarios.active?.edits.some((edit) => edit.kind === 'add' && edit.facility.id === id) ?? false;
	}
}
