/** Sub-district fixtures: GeoJSON (WGS84) and a zipped Shapefile in EPSG:4549 with a GBK .dbf and no .cpg. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { FIXED_DATE, gbk, OUT, rectangleRing, SUBDISTRICTS, toGk120 } from './common';

export function writeSubdistrictFixtures(): void {
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
	writeShapefile();
}

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

