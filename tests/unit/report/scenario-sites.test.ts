/**
 * A site the scenario proposes and then closes is in neither facility list. Its report row was read as present
 * and threw (“reading 'defaultNumber'”), which stopped the page's update: the figures went on counting the site.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, type ScenarioEdit } from '$lib/engine/scenario/edits';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';
import type { Facility } from '$lib/engine/types';
import { rowFacility, scenarioSiteColumns, scenarioSiteRows } from '$lib/report/scenario-sites';
import { reportTranslator } from '$lib/report/translate';

const BASELINE: Facility[] = [{ id: 'C1', name: '中心', type: 'centre', subdistrict: 'a', lon: 121.44, lat: 31.24, areaM2: 5000, beds: 80, status: 'existing', parentId: null }];
const PROPOSED: Facility = { id: 'proposed-x', name: '拟建服务站 1', defaultNumber: 1, type: 'station', subdistrict: 'a', lon: 121.47, lat: 31.26, areaM2: 150, beds: 0, status: 'proposed', parentId: null };

describe('scenario sites: a proposed site closed again', () => {
	const edits: ScenarioEdit[] = [
		{ kind: 'add', facility: PROPOSED },
		{ kind: 'close', id: PROPOSED.id }
	];
	const scenario = applyEdits(BASELINE, edits);

	it('counts nowhere, and its row reads as proposed and closed, every column without throwing', () => {
		expect(scenario.map((facility) => facility.id)).toEqual(['C1']);
		const rows = scenarioSiteRows(edits, BASELINE, scenario);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ kinds: ['add', 'close'], before: null, after: null });
		expect(rowFacility(rows[0])).toBe(PROPOSED);
		const columns = scenarioSiteColumns({ translate: reportTranslator('en'), language: 'en', profile: SHANGHAI_2023, thresholdMinutes: 15 }, () => 'A Road');
		const values = Object.fromEntries(columns.map((column) => [column.key, column.value(rows[0])]));
		expect(values).toMatchObject({ id: '1', name: 'Proposed station 1', statusBefore: null, statusAfter: null, lon: 121.47 });
	});
});
