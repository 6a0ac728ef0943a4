import { area, multiPolygon } from '@turf/turf';
import type { SqlConnection } from '$lib/db/connection';
import { createSchema } from '$lib/db/schema';
import { loadFacilities, loadPopulation, loadSubdistricts } from '$lib/db/load';
import { subdistrictOverview, type SubdistrictOverviewRow } from '$lib/db/queries';
import type { Dataset } from '$lib/io/dataset';

/** Puts a dataset into DuckDB (replacing what was there) and reads back the per-sub-district overview. */
export async function loadDatasetIntoDb(
	conn: SqlConnection,
	dataset: Dataset,
	cellSubdistrict: Int32Array
): Promise<SubdistrictOverviewRow[]> {
	await createSchema(conn);
	const areasKm2 = dataset.subdistricts.map((subdistrict) => area(multiPolygon(subdistrict.polygons)) / 1e6);
	await loadSubdistricts(conn, dataset.subdistricts, areasKm2);
	await loadFacilities(conn, dataset.facilities);
	const codes = Array.from(cellSubdistrict, (index) => (index >= 0 ? dataset.subdistricts[index].code : null));
	await loadPopulation(conn, dataset.cells, codes);
	return subdistrictOverview(conn);
}
