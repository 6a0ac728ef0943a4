/**
 * When the values cannot settle the coordinate system (WGS84, GCJ-02 and BD-09 look alike; a Gauss-Krüger
 * easting without its zone), the planner must choose; what was chosen, and by whom, reaches the
 * provenance (issue 24). A sure guess and a file's own declaration need no choice.
 */
import { describe, expect, test } from 'vitest';
import { crsChoiceNeeded, guessCrs, importFile, sourceSummary } from '$lib/io/import';
import { fixtureBytes } from './fixtures';

const degrees = new TextEncoder().encode('名称,类型,经度,纬度\n静安寺中心,社区卫生服务中心,121.445,31.225\n');

describe('the coordinate system choice', () => {
	test('asked for degrees and zone-less eastings; not for Web Mercator, zone-prefixed eastings or a declaration', () => {
		expect(crsChoiceNeeded(guessCrs([[121.445, 31.225]]))).toBe(true);
		expect(crsChoiceNeeded(guessCrs([[552_000, 3_453_000]]))).toBe(true);
		expect(crsChoiceNeeded(guessCrs([[13_519_000, 3_662_000]]))).toBe(false);
		expect(crsChoiceNeeded(guessCrs([[40_552_000, 3_453_000]]))).toBe(false);
		expect(crsChoiceNeeded({ crs: 'epsg:4549', confident: true, reason: 'declared', swapped: false })).toBe(false);
		expect(crsChoiceNeeded(null)).toBe(false);
	});

	test('the planner’s choice is recorded as theirs, in the result and the layer’s provenance', async () => {
		const chosen = await importFile({ kind: 'facilities', fileName: 'f.csv', bytes: degrees, options: { crs: 'gcj02', crsChosenByPlanner: true }, context: {} });
		expect(chosen.crsChosenBy).toBe('planner');
		expect(sourceSummary(chosen).coordinateSystem).toEqual({ label: 'GCJ-02', chosenBy: 'planner' });
		// The same system passed back unchosen (the dialog echoing its guess) is not called the planner's.
		const echoed = await importFile({ kind: 'facilities', fileName: 'f.csv', bytes: degrees, options: { crs: 'wgs84' }, context: {} });
		expect(echoed.crsChosenBy).toBe('detected');
	});

	test('a Shapefile whose .prj declares its system: recorded as the file’s, and still so when passed back', async () => {
		const declared = await importFile({ kind: 'subdistricts', fileName: 's.zip', bytes: fixtureBytes('subdistricts-gk120-gbk.zip'), options: {}, context: {} });
		expect(declared.crsChosenBy).toBe('file');
		expect(crsChoiceNeeded(declared.crsGuess)).toBe(false);
		const again = await importFile({ kind: 'subdistricts', fileName: 's.zip', bytes: fixtureBytes('subdistricts-gk120-gbk.zip'), options: { crs: declared.crs }, context: {} });
		expect(again.crsChosenBy).toBe('file');
		expect(again.crsGuess?.reason).toBe('declared');
	});
});
