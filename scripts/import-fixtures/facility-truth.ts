/** The true facilities (WGS84) every facility fixture is derived from, and the expected.json records of them. */
import { seededRandom } from '../demo/geometry';
import { round, SUBDISTRICTS } from './common';

/** Deterministic pseudo-random numbers, so the fixtures are the same on every run. */
const rand = seededRandom(20240611);

/** Per sub-district a centre, stations, one branch; one hospital. True positions in WGS84. */
export interface Truth {
	id: string;
	name: string;
	type: 'centre' | 'branch' | 'station' | 'hospital';
	typeZh: string;
	subdistrict: string;
	lon: number;
	lat: number;
	areaM2: number;
	beds: number | null;
	status: string;
	statusZh: string;
	parentId: string | null;
}
const STATUSES: [string, string][] = [
	['existing', '现有'],
	['under_construction', '在建'],
	['construction_starting', '启动建设'],
	['plan_adjusting', '调整优化'],
	['transitional', '过渡用房'],
	['proposed', '拟建']
];
export const facilities: Truth[] = [];
SUBDISTRICTS.forEach((area, areaIndex) => {
	const [west, south, east, north] = area.box;
	// Keep points 80 m inside the rectangle so that a true position is unambiguously inside it.
	const inside = () => [round(west + 0.0009 + rand() * (east - west - 0.0018), 6), round(south + 0.0008 + rand() * (north - south - 0.0016), 6)];
	const centreId = `C${areaIndex + 1}`;
	const [lon, lat] = inside();
	const [status, statusZh] = STATUSES[areaIndex % STATUSES.length];
	facilities.push({ id: centreId, name: `${area.name}社区卫生服务中心`, type: 'centre', typeZh: '社区卫生服务中心', subdistrict: area.name, lon, lat, areaM2: 5200 + areaIndex * 700, beds: 100 + areaIndex * 10, status, statusZh, parentId: null });
	for (let station = 1; station <= 4; station++) {
		const [sLon, sLat] = inside();
		const [stStatus, stStatusZh] = STATUSES[(areaIndex + station) % STATUSES.length];
		facilities.push({ id: `S${areaIndex + 1}${station}`, name: `${area.name}社区卫生服务站${station}`, type: 'station', typeZh: '社区卫生服务站', subdistrict: area.name, lon: sLon, lat: sLat, areaM2: 150 + station * 40, beds: null, status: stStatus, statusZh: stStatusZh, parentId: centreId });
	}
	if (areaIndex % 2 === 0) {
		const [bLon, bLat] = inside();
		facilities.push({ id: `B${areaIndex + 1}`, name: `${area.name}社区卫生服务分中心`, type: 'branch', typeZh: '社区卫生服务分中心', subdistrict: area.name, lon: bLon, lat: bLat, areaM2: 2100, beds: 30, status: 'existing', statusZh: '现有', parentId: centreId });
	}
});
facilities.push({ id: 'H1', name: '静安区中心医院', type: 'hospital', typeZh: '区级医院', subdistrict: '静安寺街道', lon: 121.4371, lat: 31.2187, areaM2: 42000, beds: 600, status: 'existing', statusZh: '现有', parentId: null });

