import type { ServicePopulationDefinition } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import { loadActiveProfile, loadServicePopulation, localProfileStore, saveActiveProfile, saveServicePopulation } from '$lib/io/profile-store';

/**
 * The standards in use: the profile and the service-population definition, kept across reloads. What each
 * sub-district and centre achieves against them is derived where it is shown (shown.svelte.ts for the
 * baseline, scenario-workspace.svelte.ts for a scenario), both from the TypeScript indicators
 * (engine/standards/compute-indicators.ts), so a figure reads the same with and without a scenario; the SQL in
 * src/lib/db/indicators.ts computes them independently for the CLI and is held equal to them by
 * tests/unit/engine/standards/compute*.test.ts.
 */
export class StandardsState {
	profile = $state.raw<StandardsProfile>(loadActiveProfile());
	servicePopulation = $state<ServicePopulationDefinition>(loadServicePopulation());

	setProfile(profile: StandardsProfile): void {
		this.profile = profile;
		saveActiveProfile(profile);
	}

	/** Whether the planner saved a custom profile under this id (the editor's list of profiles). */
	isSaved(id: string): boolean {
		return localProfileStore().load().profiles.some((profile) => profile.id === id);
	}

	setServicePopulation(definition: ServicePopulationDefinition): void {
		this.servicePopulation = definition;
		saveServicePopulation(definition);
	}
}
