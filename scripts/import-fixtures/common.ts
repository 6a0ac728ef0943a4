/** What every fixture family shares: the output folder, the box and sub-districts, the projections, the writers of CSV and GBK. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import gcoord from 'gcoord';
import proj4 from 'proj4';

export const OUT = join(process.cwd(), 'tests/fixtures/import');
mkdirSync(OUT, { recursive: true });

/** Timestamps inside archives are fixed so that re-running the script changes no bytes. */
export const FIXED_DATE = new Date('2024-06-11T00:00:00Z');
export const round = (value: number, digits: number) => Number(value.toFixed(digits));

// Sub-districts: a 2 × 2 tiling of the box around four real sub-district centres (domain brief). ---
export const BOX = { west: 121.425, east: 121.465, south: 31.205, north: 31.255 };
export const SPLIT = { lon: 121.4465, lat: 31.232 };
export const SUBDISTRICTS = [
	{ code: '310106013', name: '江宁路街道', nameEn: 'Jiangning Road', population: 82000, box: [BOX.west, SPLIT.lat, SPLIT.lon, BOX.north] },
	{ code: '310106012', name: '石门二路街道', nameEn: 'Shimen Road No.2', population: 60000, box: [SPLIT.lon, SPLIT.lat, BOX.east, BOX.north] },
	{ code: '310106011', name: '南京西路街道', nameEn: 'West Nanjing Road', population: 55000, box: [SPLIT.lon, BOX.south, BOX.east, SPLIT.lat] },
	{ code: '310106014', name: '静安寺街道', nameEn: "Jing'an Temple", population: 48000, box: [BOX.west, BOX.south, SPLIT.lon, SPLIT.lat] }
] as const;

/** A rectangle ring, densified (10 points per edge) so that it keeps its shape through a projection. */
export function rectangleRing([west, south, east, north]: readonly number[]): [number, number][] {
	const corners: [number, number][] = [
		[west, south],
		[east, south],
		[east, north],
		[west, north],
		[west, south]
	];
	const ring: [number, number][] = [];
	for (let corner = 0; corner < 4; corner++) {
		const [x1, y1] = corners[corner];
		const [x2, y2] = corners[corner + 1];
		for (let step = 0; step < 10; step++) ring.push([round(x1 + ((x2 - x1) * step) / 10, 7), round(y1 + ((y2 - y1) * step) / 10, 7)]);
	}
	ring.push(ring[0]);
	return ring;
}

export const toGcj = (lon: number, lat: number) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
const GK120 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
export const toGk120 = (lon: number, lat: number) => proj4('WGS84', GK120, [lon, lat]) as [number, number];

export function csvLine(cells: (string | number | null)[]): string {
	return cells.map((cell) => (cell === null ? '' : /[",\n]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell))).join(',');
}
export function gbk(text: string): Buffer {
	// Debian's iconv: a GBK encoder is a large table; the system one is the reference implementation anyway.
	return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}

