import type { SqlConnection } from '$lib/db/connection';
import { centreIndicators, loadNearestCentres } from '$lib/db/indicator-centres';
import { districtIndicators, subdistrictIndicators } from '$lib/db/indicators';
import type { CentreIndicators, DistrictIndicators, ServicePopulationDefinition, SubdistrictIndicators } from '$lib/engine/standards/indicators';
import { cloneProfile, SHANGHAI_2023, type StandardsProfile } from '$lib/engine/standards/profile';
import { validateProfile } from '$lib/engine/standards/validate';
import type { E2sfcaByArea } from '$lib/engine/e2sfca-areas';
import { markStartup, STARTUP_MARK } from './startup-marks';

const ACTIVE_PROFILE_KEY = 'health-circle.active-profile';
const SERVICE_POPULATION_KEY = 'health-circle.service-population';

/** The standards in use, and what SQL says each sub-district and centre achieves against them. */
export class StandardsState {
	profile = $state.raw<StandardsProfile>(loadActiveProfile());
	servicePopulation = $state<ServicePopulationDefinition>(loadServicePopulation());
	rows = $state.raw<SubdistrictIndicators[]>([]);
	district = $state.raw<DistrictIndicators | null>(null);
	centres = $state.raw<CentreIndicators[]>([]);
	error = $state<string | null>(null);
	/** E2SFCA per sub-district, in the order of the dataset's sub-districts. */
	e2sfca = $state.raw<E2sfcaByArea | null>(null);

	/** Forgets the indicators of a dataset that is being replaced, so nothing stale is shown or exported. */
	clear(): void {
		this.rows = [];
		this.district = null;
		this.centres = [];
		this.e2sfca = null;
	}

	setProfile(profile: StandardsProfile): void {
		this.profile = profile;
		globalThis.localStorage?.setItem(ACTIVE_PROFILE_KEY, JSON.stringify(profile));
	}

	setServicePopulation(definition: ServicePopulationDefinition): void {
		this.servicePopulation = definition;
		globalThis.localStorage?.setItem(SERVICE_POPULATION_KEY, definition);
	}

	/** Stores the nearest-centre run (for catchment service populations). */
	async storeNearestCentres(conn: SqlConnection, rows: { minutes: Float32Array; facilityId: (string | null)[] }): Promise<void> {
		await loadNearestCentres(conn, rows);
	}

	async refresh(conn: SqlConnection, coverageMinutes: number): Promise<void> {
		try {
			const options = { coverageMinutes };
			const [rows, district, centres] = await Promise.all([
				subdistrictIndicators(conn, this.profile, options),
				districtIndicators(conn, this.profile, options),
				centreIndicators(conn, this.profile, { servicePopulation: this.servicePopulation })
			]);
			this.rows = rows;
			this.district = district;
			this.centres = centres;
			this.error = null;
			markStartup(STARTUP_MARK.indicators);
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		}
	}
}

/** The profile chosen last time, validated again; the Shanghai 2023 profile when there is none or it no longer validates. */
function loadActiveProfile(): StandardsProfile {
	try {
		const stored = globalThis.localStorage?.getItem(ACTIVE_PROFILE_KEY);
		if (stored) {
			const result = validateProfile(JSON.parse(stored));
			if (result.ok) return result.profile;
		}
	} catch {
		// A corrupt entry falls back to the default profile.
	}
	return cloneProfile(SHANGHAI_2023);
}

function loadServicePopulation(): ServicePopulationDefinition {
	return globalThis.localStorage?.getItem(SERVICE_POPULATION_KEY) === 'catchment' ? 'catchment' : 'administrative';
}
