/** Facility fixtures as tables: GBK CSV with bad rows, UTF-8 CSV, projected CSV, GeoJSON, and the XLSX workbooks. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine, gbk, OUT, round, toGcj, toGk120 } from './common';
import { facilities } from './facility-truth';

/**
 * Rows of the GBK CSV that are bad on purpose (after the good ones), with the column at fault and what the
 * importer must do: reject the row, or keep the facility with that value unknown and a warning.
 */
export const GBK_BAD_ROWS: { cells: (string | number | null)[]; field: string; kept?: true }[] = [
	{ cells: ['X1', '缺经度服务站', '社区卫生服务站', '江宁路街道', '', 31.24, 200, '', '现有', ''], field: 'lon' },
	{ cells: ['X2', '纬度写错服务站', '社区卫生服务站', '江宁路街道', 121.44, '三十一', 200, '', '现有', ''], field: 'lat' },
	{ cells: ['X3', '经纬度颠倒服务站', '社区卫生服务站', '石门二路街道', 31.236, 121.455, 200, '', '现有', ''], field: 'lat' },
	{ cells: ['C1', '重复编号中心', '社区卫生服务中心', '江宁路街道', 121.448, 31.24, 6000, 100, '现有', ''], field: 'id' },
	{ cells: ['X5', '某诊所', '诊所', '南京西路街道', 121.452, 31.226, 300, '', '现有', ''], field: 'type' },
	{ cells: ['X6', '面积不详服务站', '社区卫生服务站', '南京西路街道', 121.453, 31.227, '约800', '', '现有', ''], field: 'area_m2', kept: true },
	{ cells: ['X7', '床位为负服务站', '社区卫生服务站', '静安寺街道', 121.437, 31.214, 220, -5, '现有', ''], field: 'beds', kept: true }
];
/** The spreadsheet row of the first bad row (the header is row 1). */
export const GBK_FIRST_BAD_ROW = facilities.length + 2;

/** Writes the four facility tables in CSV and GeoJSON. */
export function writeFacilityTables(): void {
	writeGbkCsv();
	writeUtf8Csv();
	writeProjectedCsv();
	writeGeoJson();
}

/** GBK, Chinese headers, GCJ-02 coordinates, Chinese type / status values, CRLF line ends (Excel's), bad rows at the end. */
function writeGbkCsv(): void {
	const gbkHeader = ['编号', '机构名称', '机构类型', '所属街道', '经度', '纬度', '建筑面积（㎡）', '床位数', '建设状态', '上级编号'];
	const gbkRows = facilities.map((facility) => {
		const [lon, lat] = toGcj(facility.lon, facility.lat);
		return [facility.id, facility.name, facility.typeZh, facility.subdistrict, round(lon, 6), round(lat, 6), facility.areaM2, facility.beds, facility.statusZh, facility.parentId];
	});
	writeFileSync(join(OUT, 'facilities-gbk-gcj02.csv'), gbk([gbkHeader, ...gbkRows, ...GBK_BAD_ROWS.map((bad) => bad.cells)].map(csvLine).join('\r\n') + '\r\n'));
}

/** UTF-8 with BOM, the canonical English columns, WGS84. */
function writeUtf8Csv(): void {
	const canonicalHeader = ['id', 'name', 'type', 'subdistrict', 'lon', 'lat', 'area_m2', 'beds', 'status', 'parent_id'];
	const canonicalRows = facilities.map((facility) => [facility.id, facility.name, facility.type, facility.subdistrict, facility.lon, facility.lat, facility.areaM2, facility.beds, facility.status, facility.parentId]);
	writeFileSync(join(OUT, 'facilities-utf8-bom.csv'), '\ufeff' + [canonicalHeader, ...canonicalRows].map(csvLine).join('\n') + '\n');
}

/** CGCS2000 / 3-degree Gauss-Krüger CM 120°E (EPSG:4549), easting X and northing Y in metres. */
function writeProjectedCsv(): void {
	const projectedRows = facilities.map((facility) => {
		const [x, y] = toGk120(facility.lon, facility.lat);
		return [facility.id, facility.name, facility.typeZh, round(x, 3), round(y, 3)];
	});
	writeFileSync(join(OUT, 'facilities-epsg4549.csv'), [['编号', '名称', '类型', 'X', 'Y'], ...projectedRows].map(csvLine).join('\n') + '\n');
}

/** GeoJSON points, WGS84, Chinese property names. */
function writeGeoJson(): void {
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
}
