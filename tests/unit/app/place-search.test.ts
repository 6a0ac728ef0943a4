import { describe, expect, it } from 'vitest';
import { match } from 'pinyin-pro';
import { searchPlaces } from '$lib/app/place-search';
import { facilityNamesInEveryLanguage } from '$lib/report/facility-name';
import { reportTranslator } from '$lib/report/translate';
import type { Facility, Subdistrict } from '$lib/engine/types';

const subdistrict = (code: string, name: string, nameEn: string): Subdistrict => ({ code, name, nameEn, population: null, polygons: [] });
const facility = (id: string, name: string, code: string): Facility => ({ id, name, type: 'station', subdistrict: code, lon: 121.4, lat: 31.2, areaM2: null, beds: null, status: 'existing', parentId: null });

const places = {
	subdistricts: [subdistrict('pengpuz', '彭浦镇', 'Pengpu Town'), subdistrict('daninglu', '大宁路街道', 'Daning Road'), subdistrict('jingansi', '静安寺街道', "Jing'an Temple")],
	facilities: [facility('f1', '彭浦新村街道社区卫生服务站', 'pengpuz'), facility('f2', '大宁路街道社区卫生服务中心', 'daninglu')]
};
const pinyin = (text: string, query: string) => match(text, query);
const ids = (query: string) => searchPlaces(query, places, pinyin).map((hit) => hit.id);

describe('searchPlaces', () => {
	it('finds a sub-district by its Chinese name, its English name and its pinyin, sub-districts before facilities', () => {
		expect(ids('彭浦')).toEqual(['pengpuz', 'f1']);
		expect(ids('pengpu town')).toEqual(['pengpuz']);
		expect(ids('Daning')).toEqual(['daninglu', 'f2']);
		expect(ids('jingansi')).toEqual(['jingansi']);
		expect(ids('temple')).toEqual(['jingansi']);
	});

	it('finds a facility by its Chinese name or pinyin, with its position and its sub-district', () => {
		const [hit] = searchPlaces('服务中心', places, pinyin);
		expect(hit).toEqual({ kind: 'facility', id: 'f2', name: '大宁路街道社区卫生服务中心', subdistrictCode: 'daninglu', point: [121.4, 31.2] });
		expect(ids('pengpuxincun')).toEqual(['f1']);
	});

	it('finds nothing for an empty query or a name that is not there', () => {
		expect(ids('  ')).toEqual([]);
		expect(ids('虹口')).toEqual([]);
		expect(ids('hongkou')).toEqual([]);
	});
});

describe('searchPlaces: a proposed site with the default name', () => {
	// Stored in Chinese (made on a Chinese page); the page is now English and shows "Proposed station 1".
	const proposed: Facility = { ...facility('p1', '拟建服务站 1', 'pengpuz'), status: 'proposed', defaultNumber: 1 };
	const typed: Facility = { ...facility('p2', '彭浦拟建站', 'pengpuz'), status: 'proposed' };
	const withSites = { subdistricts: [], facilities: [proposed, typed] };
	const english = reportTranslator('en');
	const namesInEnglish = (query: string) => searchPlaces(query, withSites, pinyin, (site) => facilityNamesInEveryLanguage(site, english)).map((hit) => [hit.id, hit.name]);

	it('is found by the name the planner sees in the page’s language, and listed under it', () => {
		expect(namesInEnglish('Proposed station')).toEqual([['p1', 'Proposed station 1']]);
		expect(namesInEnglish('proposed station 1')).toEqual([['p1', 'Proposed station 1']]);
	});

	it('is found by the other language’s form too; a typed name only as typed', () => {
		expect(namesInEnglish('拟建服务站')).toEqual([['p1', 'Proposed station 1']]);
		expect(namesInEnglish('拟建')).toEqual([
			['p1', 'Proposed station 1'],
			['p2', '彭浦拟建站']
		]);
		expect(facilityNamesInEveryLanguage(typed, english)).toEqual(['彭浦拟建站']);
		expect(facilityNamesInEveryLanguage(proposed, reportTranslator('zh-CN'))).toEqual(['拟建服务站 1', 'Proposed station 1']);
	});
});
