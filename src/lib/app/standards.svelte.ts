import { computeCentreIndicators, type CentreIndicatorInputs } from '$lib/engine/standards/compute-centre-indicators';
import { computeIndicators, type IndicatorInputs } from '$lib/engine/standards/compute-indicators';
import type { CentreIndicators, DistrictIndicators, ServicePopulationDefinition, SubdistrictIndicators } from '$lib/engine/standards/indicators';
import type { StandardsProfile } from '$lib/engine/standards/profile';
import type { E2sfcaByArea } from '$lib/engine/e2sfca-areas';
import { loadActiveProfile, loadServicePopulation, saveActiveProfile, saveServicePopulation } from '$lib/io/profile-store';
import { markStartup, STARTUP_MARK } from './startup-marks';

/** What the baseline's indicators are computed from: the dataset, its coverage run and its nearest-centre run (the engine's own input types). */
export type BaselineInputs = Pick<IndicatorInputs, 'subdistricts' | 'facilities'> & { coverage: NonNullable<IndicatorInputs['coverage']> } & Pick<CentreIndicatorInputs, 'cellPop' | 'nearestCentre'>;

/**
 * The standards in use, and what each sub-district and centre achieves against them. The figures come
 * from the TypeScript indicators (engine/standards/compute-indicators.ts), the same producer as a
 * scenario's, so a figure reads the same with and without a scenario; the SQL in src/lib/db/indicators.ts
 * computes them independently for the CLI and is held equal to them by tests/unit/engine/standards/compute*.test.ts.
 */
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
		saveActiveProfile(profile);
	}

	setServicePopulation(definition: ServicePopulationDefinition): void {
		this.servicePopulation = definition;
		saveServicePopulation(definition);
	}

	/** The baseline's indicators under the current profile and service-population definition. */
	computeBaseline(inputs: BaselineInputs): void {
		try {
			const { rows, district } = computeIndicators({ subdistricts: inputs.subdistricts, facilities: inputs.facilities, coverage: inputs.coverage, profile: this.profile });
			this.centres = computeCentreIndicators({
				facilities: inputs.facilities,
				subdistrictResidents: rows,
				nearestCentre: inputs.nearestCentre,
				cellPop: inputs.cellPop,
				profile: this.profile,
				servicePopulation: this.servicePopulation
			});
			this.rows = rows;
			this.district = district;
			this.error = null;
			markStartup(STARTUP_MARK.indicators);
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		}
	}
}
