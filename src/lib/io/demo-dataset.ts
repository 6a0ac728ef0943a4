import type { Dataset, ContextFeature, SourceSummary } from './dataset';
import { parseFacilitiesCsv } from './facilities-csv';
import { readFeatureCollection } from './geojson';
import { FileFormatError, type LoadResult } from './load-result';
import { parseNetworkGeoJson } from './network-geojson';
import { packLines } from './network-pack';
import { parsePopulationCsv } from './population-csv';
import { parseSubdistrictsGeoJson } from './subdistricts-geojson';

interface DemoManifest {
	name: string;
	name_en: string;
	synthetic: boolean;
	population_cell: { kind: 'grid'; size_m: number };
	files: { facilities: string; population: string; subdistricts: string; network: string; context?: string };
}

/** The embedded demo's dataset id: never the id of a planner's saved dataset. */
export const DEMO_DATASET_ID = 'demo';

export type TextFetcher = (url: string) => Promise<string>;

/** Loads the embedded demo from the app's own origin (static/data/demo); every file goes through the same parsers as a planner's. */
export async function loadDemoDataset(baseUrl: string, fetchText: TextFetcher): Promise<Dataset> {
	const manifest = JSON.parse(await fetchText(`${baseUrl}/manifest.json`)) as DemoManifest;
	const file = (name: string) => fetchText(`${baseUrl}/${name}`);
	const [facilitiesText, populationText, subdistrictsText, networkText, contextText] = await Promise.all([
		file(manifest.files.facilities),
		file(manifest.files.population),
		file(manifest.files.subdistricts),
		file(manifest.files.network),
		manifest.files.context ? file(manifest.files.context) : Promise.resolve('{"type":"FeatureCollection","features":[]}')
	]);
	const facilities = requireClean(parseFacilitiesCsv(facilitiesText), manifest.files.facilities);
	const population = requireClean(parsePopulationCsv(populationText), manifest.files.population);
	const subdistricts = requireClean(parseSubdistrictsGeoJson(subdistrictsText), manifest.files.subdistricts);
	const network = requireClean(parseNetworkGeoJson(networkText), manifest.files.network);
	const sources: SourceSummary[] = [
		summary('facilities', manifest.files.facilities, facilities, manifest.synthetic),
		summary('population', manifest.files.population, population, manifest.synthetic),
		summary('subdistricts', manifest.files.subdistricts, subdistricts, manifest.synthetic),
		summary('network', manifest.files.network, network, manifest.synthetic)
	];
	return {
		id: DEMO_DATASET_ID,
		name: manifest.name,
		nameEn: manifest.name_en,
		facilities: facilities.records,
		cells: population.records,
		cellShape: { kind: 'grid', sizeM: manifest.population_cell.size_m },
		subdistricts: subdistricts.records,
		network: packLines(network.records),
		context: readFeatureCollection(contextText, manifest.files.context ?? 'context') as unknown as ContextFeature[],
		sources
	};
}

/** The demo is generated and tested: a rejected row means the files are corrupt, so fail loudly. */
function requireClean<T>(result: LoadResult<T>, fileName: string): LoadResult<T> {
	if (result.problems.length > 0) {
		const first = result.problems[0];
		throw new FileFormatError(`${fileName}: ${result.problems.length} bad rows (row ${first.row}: ${first.reason})`);
	}
	return result;
}

function summary<T>(kind: SourceSummary['kind'], fileName: string, result: LoadResult<T>, synthetic: boolean): SourceSummary {
	return { kind, fileName, loaded: result.loaded, skipped: result.skipped, conversion: null, fromDemo: synthetic };
}
