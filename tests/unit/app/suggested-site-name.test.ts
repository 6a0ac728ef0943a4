/**
 * A suggested site's default name ("建议站点 n") follows the reader's language like a proposed site's: a
 * suggestion applied on the Chinese page reads "Suggested station 1" in English (page, report, scenario file),
 * a name the planner types instead stays as typed. The expected names are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, type ScenarioEdit } from '$lib/engine/scenario/edits';
import { suggestionEdits } from '$lib/engine/siting/edits';
import type { Candidate } from '$lib/engine/siting/candidates';
import { SHANGHAI_2023 } from '$lib/engine/standards/profile';
import { computeCentreIndicators } from '$lib/engine/standards/compute-centre-indicators';
import type { Facility } from '$lib/engine/types';
import { MESSAGES, type Language, type Translate } from '$lib/i18n';
import { messageTranslator } from '$lib/i18n/message';
import { readScenario, type ScenarioFileProblem } from '$lib/io/scenario-file';
import { centreColumns } from '$lib/report/columns';
import { facilityName, suggestedSiteNaming } from '$lib/report/facility-name';
import { reportTranslator } from '$lib/report/translate';

const translator = (language: Language): Translate => messageTranslator(MESSAGES[language], language, 'app');
const BASELINE: Facility[] = [{ id: 'C1', name: '中心', type: 'centre', subdistrict: 'a', lon: 121.44, lat: 31.24, areaM2: 5000, beds: 80, status: 'existing', parentId: null }];
const candidate = (lon: number, lat: number): Candidate => ({ source: 'grid', lon, lat, label: '', facilityId: null, subdistrict: 0 });
const SITES = [
	{ candidate: candidate(121.47, 31.26), rank: 1 },
	{ candidate: candidate(121.45, 31.25), rank: 2 }
];
const added = (edits: ScenarioEdit[]) => applyEdits(BASELINE, edits, () => 'a').filter((facility) => facility.id !== 'C1');

describe('suggested site names', () => {
	it('a suggestion applied in Chinese reads "Suggested station n" in English, and back', () => {
		const sites = added(suggestionEdits(SITES, 'station', BASELINE, suggestedSiteNaming('station', translator('zh-CN'))));
		expect(sites.map((site) => site.name)).toEqual(['建议站点 1', '建议站点 2']);
		expect(sites.map((site) => facilityName(site, translator('en')))).toEqual(['Suggested station 1', 'Suggested station 2']);
		expect(sites.map((site) => facilityName(site, reportTranslator('zh-CN')))).toEqual(['建议站点 1', '建议站点 2']);
		const english = added(suggestionEdits(SITES, 'station', BASELINE, suggestedSiteNaming('station', translator('en'))));
		expect(english.map((site) => facilityName(site, translator('zh-CN')))).toEqual(['建议站点 1', '建议站点 2']);
	});

	it('a name typed over it stays as typed in every language', () => {
		const edits = suggestionEdits(SITES, 'station', BASELINE, suggestedSiteNaming('station', translator('zh-CN')));
		const id = edits[0].kind === 'add' ? edits[0].facility.id : '';
		const renamed = added([...edits, { kind: 'update', id, changes: { name: '彭浦新村站' } }]);
		expect(facilityName(renamed[0], translator('en'))).toBe('彭浦新村站');
		expect(renamed[0].defaultName).toBeUndefined();
		expect(facilityName(renamed[1], translator('en'))).toBe('Suggested station 2');
	});

	it('a scenario file keeps the marker and refuses an unknown one', () => {
		const [site] = added(suggestionEdits(SITES, 'station', BASELINE, suggestedSiteNaming('station', translator('zh-CN'))));
		const scenario = (extra: object) => ({ id: 's1', name: 'x', createdAt: '', updatedAt: '', edits: [{ kind: 'add', facility: { ...site, subdistrict: '', ...extra } }] });
		const problems: ScenarioFileProblem[] = [];
		const read = readScenario(JSON.parse(JSON.stringify(scenario({}))), problems);
		expect(problems).toEqual([]);
		const edit = read?.edits[0];
		expect(edit?.kind === 'add' && facilityName(edit.facility, translator('en'))).toBe('Suggested station 1');
		expect(readScenario(scenario({ defaultName: 'proposed' }), problems)).toBeNull();
		expect(problems.map((problem) => problem.params.field)).toEqual(['facility.defaultName']);
	});

	it('a suggested centre is named in the reader’s language in the centre check and the report', () => {
		const facilities = applyEdits(BASELINE, suggestionEdits(SITES.slice(0, 1), 'centre', BASELINE, suggestedSiteNaming('centre', translator('zh-CN'))), () => 'a');
		const centres = computeCentreIndicators({ facilities, subdistrictResidents: [{ code: 'a', residents: 50_000 }], nearestCentre: null, cellPop: [], profile: SHANGHAI_2023 });
		const nameColumn = centreColumns({ translate: reportTranslator('en'), language: 'en', profile: SHANGHAI_2023, thresholdMinutes: 15 }, () => null).find((column) => column.key === 'name')!;
		expect(centres.map((centre) => nameColumn.value(centre))).toEqual(['中心', 'Suggested centre 1']);
	});
});
