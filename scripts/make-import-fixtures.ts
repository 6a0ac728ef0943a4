/**
 * Writes the importer's test fixtures to tests/fixtures/import/ (run: npx tsx scripts/make-import-fixtures.ts).
 * Every file is derived from one set of true WGS84 positions in Jing'an, stored in expected.json, so that a
 * test can check an imported position against the truth, whatever the format, encoding or coordinate system.
 * The data are synthetic (positions, names, areas, beds); the four sub-district rectangles are not real borders.
 * How each file is made: see tests/fixtures/import/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import gcoord from 'gcoord';
import { writeArrayBuffer } from 'geotiff';
import { latLngToCell } from 'h3-js';
import proj4 from 'proj4';

const OUT = join(process.cwd(), 'tests/fixtures/import');
mkdirSync(OUT, { recursive: true });

/** Deterministic pseudo-random numbers (mulberry32), so the fixtures are the same on every run. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = random(20240611);
/** Timestamps inside archives are fixed so that re-running the script changes no bytes (XLSX aside: see README). */
const FIXED_DATE = new Date('2024-06-11T00:00:00Z');
const round = (value: number, digits: number) => Number(value.toFixed(digits));

// --- Sub-districts: a 2 × 2 tiling of the box around four real sub-district centres (domain brief). ---
const BOX = { west: 121.425, east: 121.465, south: 31.205, north: 31.255 };
const SPLIT = { lon: 121.4465, lat: 31.232 };
const SUBDISTRICTS = [
	{ code: '310106013', name: '江宁路街道', nameEn: 'Jiangning Road', population: 82000, box: [BOX.west, SPLIT.lat, SPLIT.lon, BOX.north] },
	{ code: '310106012', name: '石门二路街道', nameEn: 'Shimen Road No.2', population: 60000, box: [SPLIT.lon, SPLIT.lat, BOX.east, BOX.north] },
	{ code: '310106011', name: '南京西路街道', nameEn: 'West Nanjing Road', population: 55000, box: [SPLIT.lon, BOX.south, BOX.east, SPLIT.lat] },
	{ code: '310106014', name: '静安寺街道', nameEn: "Jing'an Temple", population: 48000, box: [BOX.west, BOX.south, SPLIT.lon, SPLIT.lat] }
] as const;

/** A rectangle ring, densified (10 points per edge) so that it keeps its shape through a projection. */
function rectangleRing([west, south, east, north]: readonly number[]): [number, number][] {
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

// --- Facilities: per sub-district a centre, stations, one branch; one hospital. True positions in WGS84. ---
interface Truth {
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
const facilities: Truth[] = [];
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

const toGcj = (lon: number, lat: number) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
const GK120 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const toGk120 = (lon: number, lat: number) => proj4('WGS84', GK120, [lon, lat]) as [number, number];

function csvLine(cells: (string | number | null)[]): string {
	return cells.map((cell) => (cell === null ? '' : /[",\n]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell))).join(',');
}
function gbk(text: string): Buffer {
	// Debian's iconv: a GBK encoder is a large table; the system one is the reference implementation anyway.
	return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}

// 1. GBK, Chinese headers, GCJ-02 coordinates, Chinese type / status values, CRLF line ends (Excel's), bad rows at the end.
const gbkHeader = ['编号', '机构名称', '机构类型', '所属街道', '经度', '纬度', '建筑面积（㎡）', '床位数', '建设状态', '上级编号'];
const gbkRows = facilities.map((facility) => {
	const [lon, lat] = toGcj(facility.lon, facility.lat);
	return [facility.id, facility.name, facility.typeZh, facility.subdistrict, round(lon, 6), round(lat, 6), facility.areaM2, facility.beds, facility.statusZh, facility.parentId];
});
const firstBadRow = gbkRows.length + 2;
const badRows: { cells: (string | number | null)[]; field: string }[] = [
	{ cells: ['X1', '缺经度服务站', '社区卫生服务站', '江宁路街道', '', 31.24, 200, '', '现有', ''], field: 'lon' },
	{ cells: ['X2', '纬度写错服务站', '社区卫生服务站', '江宁路街道', 121.44, '三十一', 200, '', '现有', ''], field: 'lat' },
	{ cells: ['X3', '经纬度颠倒服务站', '社区卫生服务站', '石门二路街道', 31.236, 121.455, 200, '', '现有', ''], field: 'lat' },
	{ cells: ['C1', '重复编号中心', '社区卫生服务中心', '江宁路街道', 121.448, 31.24, 6000, 100, '现有', ''], field: 'id' },
	{ cells: ['X5', '某诊所', '诊所', '南京西路街道', 121.452, 31.226, 300, '', '现有', ''], field: 'type' },
	{ cells: ['X6', '面积不详服务站', '社区卫生服务站', '南京西路街道', 121.453, 31.227, '约800', '', '现有', ''], field: 'area_m2' },
	{ cells: ['X7', '床位为负服务站', '社区卫生服务站', '静安寺街道', 121.437, 31.214, 220, -5, '现有', ''], field: 'beds' }
];
writeFileSync(join(OUT, 'facilities-gbk-gcj02.csv'), gbk([gbkHeader, ...gbkRows, ...badRows.map((bad) => bad.cells)].map(csvLine).join('\r\n') + '\r\n'));

// 2. UTF-8 with BOM, the canonical English columns, WGS84.
const canonicalHeader = ['id', 'name', 'type', 'subdistrict', 'lon', 'lat', 'area_m2', 'beds', 'status', 'parent_id'];
const canonicalRows = facilities.map((facility) => [facility.id, facility.name, facility.type, facility.subdistrict, facility.lon, facility.lat, facility.areaM2, facility.beds, facility.status, facility.parentId]);
writeFileSync(join(OUT, 'facilities-utf8-bom.csv'), '\ufeff' + [canonicalHeader, ...canonicalRows].map(csvLine).join('\n') + '\n');

// 3. CGCS2000 / 3-degree Gauss-Krüger CM 120°E (EPSG:4549), easting X and northing Y in metres.
const projectedRows = facilities.map((facility) => {
	const [x, y] = toGk120(facility.lon, facility.lat);
	return [facility.id, facility.name, facility.typeZh, round(x, 3), round(y, 3)];
});
writeFileSync(join(OUT, 'facilities-epsg4549.csv'), [['编号', '名称', '类型', 'X', 'Y'], ...projectedRows].map(csvLine).join('\n') + '\n');

// 4. GeoJSON points, WGS84, Chinese property names.
writeFileSync(
	join(OUT, 'facilities.geojson'),
	JSON.stringify({
		type: 'FeatureCollection',
		features: facilities.map((facility) => ({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [facility.lon, facility.lat] },
			properties: { 编号: facility.id, 名称: facility.name, 类型: facility.typeZh, 街道: facility.subdistrict, 建筑面积: facility.areaM2, 床位: facility.beds, 状态: facility.statusZh }
		}))
	})
);

// 5. XLSX (exceljs): data on the first sheet with a title-free header, a formula and rich text; notes on a second sheet.
async function writeWorkbook(): Promise<void> {
	const workbook = new ExcelJS.Workbook();
	workbook.created = FIXED_DATE;
	workbook.modified = FIXED_DATE;
	const sheet = workbook.addWorksheet('机构清单');
	sheet.addRow(['ID', '名称', '类型', '街镇', '经度(lon)', '纬度(lat)', '面积', '床位', '状态']);
	facilities.forEach((facility, index) => {
		const row = sheet.addRow([facility.id, facility.name, facility.typeZh, facility.subdistrict, facility.lon, facility.lat, facility.areaM2, facility.beds, facility.statusZh]);
		if (index === 0) row.getCell(2).value = { richText: [{ text: facility.name.slice(0, 4), font: { bold: true } }, { text: facility.name.slice(4) }] };
		if (index === 1 && facility.beds !== null) row.getCell(8).value = { formula: `${facility.beds - 10}+10`, result: facility.beds };
	});
	const notes = workbook.addWorksheet('说明');
	notes.addRow(['本表为测试用合成数据 (synthetic test data)']);
	await workbook.xlsx.writeFile(join(OUT, 'facilities.xlsx'));
}

// 6. Sub-districts: GeoJSON (WGS84) and a zipped Shapefile in EPSG:4549 with a GBK .dbf and no .cpg.
writeFileSync(
	join(OUT, 'subdistricts.geojson'),
	JSON.stringify({
		type: 'FeatureCollection',
		features: SUBDISTRICTS.map((area) => ({
			type: 'Feature',
			geometry: { type: 'Polygon', coordinates: [rectangleRing(area.box)] },
			properties: { 街道代码: area.code, 街道名称: area.name, name_en: area.nameEn, 常住人口: area.population }
		}))
	})
);

function writeShapefile(): void {
	const rings = SUBDISTRICTS.map((area) => rectangleRing(area.box).map(([lon, lat]) => toGk120(lon, lat)));
	// Shapefile outer rings run clockwise: the densified rectangle runs counter-clockwise, so reverse it.
	const clockwise = rings.map((ring) => [...ring].reverse());
	const records = clockwise.map((ring) => {
		const content = Buffer.alloc(44 + 4 + ring.length * 16);
		const xs = ring.map(([x]) => x);
		const ys = ring.map(([, y]) => y);
		content.writeInt32LE(5, 0);
		[Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((value, index) => content.writeDoubleLE(value, 4 + index * 8));
		content.writeInt32LE(1, 36);
		content.writeInt32LE(ring.length, 40);
		content.writeInt32LE(0, 44);
		ring.forEach(([x, y], index) => {
			content.writeDoubleLE(x, 48 + index * 16);
			content.writeDoubleLE(y, 56 + index * 16);
		});
		return content;
	});
	const allX = rings.flat().map(([x]) => x);
	const allY = rings.flat().map(([, y]) => y);
	const header = (lengthBytes: number) => {
		const buffer = Buffer.alloc(100);
		buffer.writeInt32BE(9994, 0);
		buffer.writeInt32BE(lengthBytes / 2, 24);
		buffer.writeInt32LE(1000, 28);
		buffer.writeInt32LE(5, 32);
		[Math.min(...allX), Math.min(...allY), Math.max(...allX), Math.max(...allY)].forEach((value, index) => buffer.writeDoubleLE(value, 36 + index * 8));
		return buffer;
	};
	const shpParts: Buffer[] = [];
	const shxParts: Buffer[] = [];
	let offset = 100;
	records.forEach((content, index) => {
		const recordHeader = Buffer.alloc(8);
		recordHeader.writeInt32BE(index + 1, 0);
		recordHeader.writeInt32BE(content.length / 2, 4);
		shpParts.push(recordHeader, content);
		const indexEntry = Buffer.alloc(8);
		indexEntry.writeInt32BE(offset / 2, 0);
		indexEntry.writeInt32BE(content.length / 2, 4);
		shxParts.push(indexEntry);
		offset += 8 + content.length;
	});
	const shp = Buffer.concat([header(offset), ...shpParts]);
	const shx = Buffer.concat([header(100 + records.length * 8), ...shxParts]);

	const fields = [
		{ name: gbk('CODE'), type: 'C', length: 12 },
		{ name: gbk('名称'), type: 'C', length: 40 },
		{ name: gbk('NAME_EN'), type: 'C', length: 40 },
		{ name: gbk('常住人口'), type: 'N', length: 10 }
	];
	const recordLength = 1 + fields.reduce((total, field) => total + field.length, 0);
	const headerLength = 32 + 32 * fields.length + 1;
	const dbfHeader = Buffer.alloc(32);
	dbfHeader.writeUInt8(0x03, 0);
	dbfHeader.writeUInt8(124, 1);
	dbfHeader.writeUInt8(6, 2);
	dbfHeader.writeUInt8(11, 3);
	dbfHeader.writeUInt32LE(SUBDISTRICTS.length, 4);
	dbfHeader.writeUInt16LE(headerLength, 8);
	dbfHeader.writeUInt16LE(recordLength, 10);
	const descriptors = fields.map((field) => {
		const descriptor = Buffer.alloc(32);
		field.name.copy(descriptor, 0, 0, Math.min(10, field.name.length));
		descriptor.write(field.type, 11, 'latin1');
		descriptor.writeUInt8(field.length, 16);
		return descriptor;
	});
	const rows = SUBDISTRICTS.map((area) => {
		const row = Buffer.alloc(recordLength, 0x20);
		let cursor = 1;
		const values = [gbk(area.code), gbk(area.name), gbk(area.nameEn), Buffer.from(String(area.population).padStart(10, ' '), 'latin1')];
		values.forEach((value, index) => {
			value.copy(row, cursor, 0, Math.min(value.length, fields[index].length));
			cursor += fields[index].length;
		});
		return row;
	});
	const dbf = Buffer.concat([dbfHeader, ...descriptors, Buffer.from([0x0d]), ...rows, Buffer.from([0x1a])]);
	const prj =
		'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
		'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
		'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
		'PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
	const zip = zipSync({
		'jingan_subdistricts/街道.shp': new Uint8Array(shp),
		'jingan_subdistricts/街道.shx': new Uint8Array(shx),
		'jingan_subdistricts/街道.dbf': new Uint8Array(dbf),
		'jingan_subdistricts/街道.prj': new TextEncoder().encode(prj)
	}, { mtime: FIXED_DATE });
	writeFileSync(join(OUT, 'subdistricts-gk120-gbk.zip'), zip);
}

// 7. Population: a 200 m grid of points over the box (UTF-8 CSV with a few bad rows), the same as H3 res-9 cells,
//    as 200 m squares in GeoJSON, and as a WorldPop-style GeoTIFF.
const grid: { lon: number; lat: number; pop: number }[] = [];
for (let row = 0; row < 27; row++) {
	for (let column = 0; column < 19; column++) {
		grid.push({ lon: round(BOX.west + 0.001 + column * 0.0021, 6), lat: round(BOX.south + 0.001 + row * 0.0018, 6), pop: 150 + ((row * 7 + column * 13) % 40) * 10 });
	}
}
const gridBad = [
	['121.44', '31.23', '-20'],
	['121.45', '', '300'],
	['121.45', '31.24', 'many'],
	['abc', '31.24', '100']
];
writeFileSync(join(OUT, 'population-points.csv'), [['lon', 'lat', 'pop'], ...grid.map((cell) => [cell.lon, cell.lat, cell.pop]), ...gridBad].map(csvLine).join('\n') + '\n');

const h3Cells = new Map<string, number>();
for (const cell of grid) {
	const index = latLngToCell(cell.lat, cell.lon, 9);
	h3Cells.set(index, (h3Cells.get(index) ?? 0) + cell.pop);
}
writeFileSync(join(OUT, 'population-h3.csv'), [['h3', '常住人口'], ...[...h3Cells].map(([index, pop]) => [index, pop]), ['not-a-cell', '100'], [latLngToCell(31.23, 121.44, 8), '50']].map(csvLine).join('\n') + '\n');

const half = { lon: 0.00105, lat: 0.0009 };
writeFileSync(
	join(OUT, 'population-polygons.geojson'),
	JSON.stringify({
		type: 'FeatureCollection',
		features: grid.slice(0, 60).map((cell) => ({
			type: 'Feature',
			geometry: {
				type: 'Polygon',
				coordinates: [rectangleRing([cell.lon - half.lon, cell.lat - half.lat, cell.lon + half.lon, cell.lat + half.lat])]
			},
			properties: { 常住人口: cell.pop }
		}))
	})
);

const RASTER = { originLon: 121.43, originLat: 31.26, pixel: 1 / 1200, width: 24, height: 30, noData: -99999 };
function writeRaster(): void {
	const values = new Float32Array(RASTER.width * RASTER.height);
	for (let row = 0; row < RASTER.height; row++) {
		for (let column = 0; column < RASTER.width; column++) {
			const index = row * RASTER.width + column;
			// Every 7th pixel is nodata, every 11th empty (0), one is negative (rejected); the rest hold residents.
			values[index] = index % 7 === 0 ? RASTER.noData : index % 11 === 0 ? 0 : index === 100 ? -3 : 5 + (index % 17) * 1.5;
		}
	}
	const buffer = writeArrayBuffer(values, {
		width: RASTER.width,
		height: RASTER.height,
		ModelPixelScale: [RASTER.pixel, RASTER.pixel, 0],
		ModelTiepoint: [0, 0, 0, RASTER.originLon, RASTER.originLat, 0],
		GeographicTypeGeoKey: 4326,
		GTModelTypeGeoKey: 2,
		GTRasterTypeGeoKey: 1,
		GDAL_NODATA: String(RASTER.noData)
	});
	writeFileSync(join(OUT, 'population-worldpop.tif'), new Uint8Array(buffer));
}

// 8. A street grid (WGS84) over the box: 300 m spacing, for the shift check and network import.
const streets = [];
for (let lon = BOX.west; lon <= BOX.east + 1e-9; lon += 0.00315) {
	streets.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[round(lon, 6), BOX.south], [round(lon, 6), BOX.north]] }, properties: { highway: 'residential' } });
}
for (let lat = BOX.south; lat <= BOX.north + 1e-9; lat += 0.0027) {
	streets.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[BOX.west, round(lat, 6)], [BOX.east, round(lat, 6)]] }, properties: { highway: 'tertiary' } });
}
writeFileSync(join(OUT, 'network.geojson'), JSON.stringify({ type: 'FeatureCollection', features: streets }));

// 9. Parquet: a minimal writer (one row group, one PLAIN uncompressed data page per column, all columns
//    REQUIRED), enough for hyparquet to read; GeoParquet adds the "geo" metadata and WKB geometry.
type ParquetColumn = { name: string; kind: 'double'; values: number[] } | { name: string; kind: 'string' | 'wkb'; values: Uint8Array[] };

/** Thrift compact protocol, just the parts Parquet's footer needs. */
class CompactWriter {
	bytes: number[] = [];
	private lastField: number[] = [0];
	varint(value: bigint | number): void {
		let rest = BigInt(value);
		while (rest >= 0x80n) {
			this.bytes.push(Number((rest & 0x7fn) | 0x80n));
			rest >>= 7n;
		}
		this.bytes.push(Number(rest));
	}
	zigzag(value: number): void {
		const big = BigInt(value);
		this.varint(big >= 0n ? big << 1n : ((-big) << 1n) - 1n);
	}
	fieldHeader(id: number, type: number): void {
		const delta = id - this.lastField[this.lastField.length - 1];
		if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
		else {
			this.bytes.push(type);
			this.zigzag(id);
		}
		this.lastField[this.lastField.length - 1] = id;
	}
	i32(id: number, value: number): void {
		this.fieldHeader(id, 5);
		this.zigzag(value);
	}
	i64(id: number, value: number): void {
		this.fieldHeader(id, 6);
		this.zigzag(value);
	}
	binary(id: number, value: Uint8Array | string): void {
		this.fieldHeader(id, 8);
		this.rawBinary(value);
	}
	rawBinary(value: Uint8Array | string): void {
		const data = typeof value === 'string' ? new TextEncoder().encode(value) : value;
		this.varint(data.length);
		this.bytes.push(...data);
	}
	beginStruct(id: number): void {
		this.fieldHeader(id, 12);
		this.lastField.push(0);
	}
	endStruct(): void {
		this.bytes.push(0);
		this.lastField.pop();
	}
	/** A list header; elements follow (structs via listStruct). */
	list(id: number, elementType: number, size: number): void {
		this.fieldHeader(id, 9);
		this.bytes.push(size < 15 ? (size << 4) | elementType : 0xf0 | elementType);
		if (size >= 15) this.varint(size);
	}
	listStruct(write: () => void): void {
		this.lastField.push(0);
		write();
		this.bytes.push(0);
		this.lastField.pop();
	}
	stop(): void {
		this.bytes.push(0);
	}
}

function writeParquet(columns: ParquetColumn[], keyValues: Record<string, string> = {}): Uint8Array {
	const rows = columns[0].values.length;
	const chunks: number[] = [...new TextEncoder().encode('PAR1')];
	const metas: { offset: number; size: number; column: ParquetColumn }[] = [];
	for (const column of columns) {
		const data: number[] = [];
		if (column.kind === 'double') {
			const view = new DataView(new ArrayBuffer(8 * rows));
			column.values.forEach((value, index) => view.setFloat64(index * 8, value, true));
			data.push(...new Uint8Array(view.buffer));
		} else {
			for (const value of column.values) {
				const length = new DataView(new ArrayBuffer(4));
				length.setUint32(0, value.length, true);
				data.push(...new Uint8Array(length.buffer), ...value);
			}
		}
		const header = new CompactWriter();
		header.i32(1, 0); // DATA_PAGE
		header.i32(2, data.length);
		header.i32(3, data.length);
		header.beginStruct(5);
		header.i32(1, rows);
		header.i32(2, 0); // PLAIN
		header.i32(3, 3); // RLE
		header.i32(4, 3);
		header.endStruct();
		header.stop();
		metas.push({ offset: chunks.length, size: header.bytes.length + data.length, column });
		chunks.push(...header.bytes, ...data);
	}
	const footer = new CompactWriter();
	footer.i32(1, 1);
	footer.list(2, 12, columns.length + 1);
	footer.listStruct(() => {
		footer.binary(4, 'schema');
		footer.i32(5, columns.length);
	});
	for (const column of columns) {
		footer.listStruct(() => {
			footer.i32(1, column.kind === 'double' ? 5 : 6); // DOUBLE or BYTE_ARRAY
			footer.i32(3, 0); // REQUIRED
			footer.binary(4, column.name);
			if (column.kind === 'string') footer.i32(6, 0); // UTF8
		});
	}
	footer.i64(3, rows);
	footer.list(4, 12, 1);
	footer.listStruct(() => {
		footer.list(1, 12, columns.length);
		for (const meta of metas) {
			footer.listStruct(() => {
				footer.i64(2, meta.offset);
				footer.beginStruct(3);
				footer.i32(1, meta.column.kind === 'double' ? 5 : 6);
				footer.list(2, 5, 1);
				footer.zigzag(0);
				footer.list(3, 8, 1);
				footer.rawBinary(meta.column.name);
				footer.i32(4, 0); // UNCOMPRESSED
				footer.i64(5, rows);
				footer.i64(6, meta.size);
				footer.i64(7, meta.size);
				footer.i64(9, meta.offset);
				footer.endStruct();
			});
		}
		footer.i64(2, metas.reduce((total, meta) => total + meta.size, 0));
		footer.i64(3, rows);
	});
	const entries = Object.entries(keyValues);
	if (entries.length > 0) {
		footer.list(5, 12, entries.length);
		for (const [key, value] of entries) {
			footer.listStruct(() => {
				footer.binary(1, key);
				footer.binary(2, value);
			});
		}
	}
	footer.binary(6, 'health-circle make-import-fixtures');
	footer.stop();
	const length = new DataView(new ArrayBuffer(4));
	length.setUint32(0, footer.bytes.length, true);
	return new Uint8Array([...chunks, ...footer.bytes, ...new Uint8Array(length.buffer), ...new TextEncoder().encode('PAR1')]);
}

/** WKB (little-endian) for a one-ring polygon. */
function polygonWkb(ring: [number, number][]): Uint8Array {
	const view = new DataView(new ArrayBuffer(1 + 4 + 4 + 4 + ring.length * 16));
	view.setUint8(0, 1);
	view.setUint32(1, 3, true);
	view.setUint32(5, 1, true);
	view.setUint32(9, ring.length, true);
	ring.forEach(([x, y], index) => {
		view.setFloat64(13 + index * 16, x, true);
		view.setFloat64(21 + index * 16, y, true);
	});
	return new Uint8Array(view.buffer);
}

function writeParquetFixtures(): void {
	const utf8 = (text: string) => new TextEncoder().encode(text);
	writeFileSync(
		join(OUT, 'subdistricts.parquet'),
		writeParquet(
			[
				{ name: '街道代码', kind: 'string', values: SUBDISTRICTS.map((area) => utf8(area.code)) },
				{ name: '街道名称', kind: 'string', values: SUBDISTRICTS.map((area) => utf8(area.name)) },
				{ name: 'name_en', kind: 'string', values: SUBDISTRICTS.map((area) => utf8(area.nameEn)) },
				{ name: '常住人口', kind: 'double', values: SUBDISTRICTS.map((area) => area.population) },
				{ name: 'geometry', kind: 'wkb', values: SUBDISTRICTS.map((area) => polygonWkb(rectangleRing(area.box))) }
			],
			{ geo: JSON.stringify({ version: '1.1.0', primary_column: 'geometry', columns: { geometry: { encoding: 'WKB', geometry_types: ['Polygon'] } } }) }
		)
	);
	writeFileSync(
		join(OUT, 'population-points.parquet'),
		writeParquet([
			{ name: 'lon', kind: 'double', values: grid.map((cell) => cell.lon) },
			{ name: 'lat', kind: 'double', values: grid.map((cell) => cell.lat) },
			{ name: 'pop', kind: 'double', values: grid.map((cell) => cell.pop) }
		])
	);
}

// The truth the tests compare against.
writeFileSync(
	join(OUT, 'expected.json'),
	JSON.stringify(
		{
			note: 'Synthetic fixtures made by scripts/make-import-fixtures.ts; positions are WGS84 truth.',
			facilities,
			gbkBadRows: badRows.map((bad, index) => ({ row: firstBadRow + index, id: bad.cells[0], field: bad.field })),
			subdistricts: SUBDISTRICTS,
			grid,
			gridBadRows: gridBad.map((_, index) => grid.length + 2 + index),
			h3: { resolution: 9, cells: h3Cells.size },
			raster: RASTER
		},
		null,
		'\t'
	) + '\n'
);

writeShapefile();
writeRaster();
writeParquetFixtures();
await writeWorkbook();
console.log(`fixtures written to ${OUT}`);
