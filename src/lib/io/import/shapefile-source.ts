import { FileFormatError } from '../load-result';
import { crsFromPrj, type CrsId } from './crs';
import { detectEncoding, type EncodingGuess, type TextEncodingName } from './encoding';
import { featureTableSource } from './feature-source';
import type { TableSource } from './table-source';
import { unzipWithinLimits } from './zip-limits';

export interface ShapefileTable {
	source: TableSource;
	/** From the .prj, when there is one. */
	declaredCrs: CrsId | null;
	/** Of the .dbf attribute text: from the .cpg when present, else detected. */
	encoding: EncodingGuess;
	layerName: string;
}

const CPG_LABELS: Record<string, TextEncodingName> = {
	'utf-8': 'utf-8',
	utf8: 'utf-8',
	'65001': 'utf-8',
	gbk: 'gb18030',
	gb2312: 'gb18030',
	gb18030: 'gb18030',
	'936': 'gb18030',
	cp936: 'gb18030',
	big5: 'big5',
	'950': 'big5'
};

/**
 * Reads the first layer of a zipped Shapefile: .shp geometry and .dbf attributes through shpjs, with the
 * coordinates left as they are (the importer converts them, so every format shares one CRS path). Chinese
 * .dbf files are usually GBK without a .cpg, so the attribute encoding is detected when none is declared.
 */
export async function readZippedShapefile(bytes: Uint8Array, encodingOverride?: TextEncodingName): Promise<ShapefileTable> {
	const files = unzipWithinLimits(bytes, 'shapefile-zip', (file) => !file.name.includes('__MACOSX') && /\.(shp|dbf|prj|cpg)$/i.test(file.name));
	const shpName = Object.keys(files).find((name) => name.toLowerCase().endsWith('.shp'));
	if (!shpName) throw new FileFormatError('the ZIP archive holds no .shp file');
	const base = shpName.slice(0, -4);
	const part = (extension: string) => files[Object.keys(files).find((name) => name.toLowerCase() === `${base.toLowerCase()}.${extension}`) ?? ''];
	const dbf = part('dbf');
	const prj = part('prj');
	const cpg = part('cpg');

	const encoding = dbfEncoding(dbf, cpg, encodingOverride);
	const { parseShp, parseDbf } = await import('shpjs');
	let geometries: unknown[];
	let attributes: Record<string, unknown>[] = [];
	try {
		checkShpRecords(files[shpName], shpName);
		if (dbf) checkDbfRecords(dbf, `${base}.dbf`);
		geometries = parseShp(toDataView(files[shpName]));
		if (dbf) attributes = parseDbf(toDataView(dbf), encoding.encoding);
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		const detail = (error as Error).message.slice(0, 200);
		throw new FileFormatError(`damaged Shapefile ${shpName} (${detail})`, 'damaged', { format: 'shapefile-zip', detail });
	}
	const features = geometries.map((geometry, index) => ({ type: 'Feature', geometry, properties: attributes[index] ?? {} }));
	const declaredCrs = prj ? crsFromPrj(new TextDecoder().decode(prj)) : null;
	return { source: featureTableSource(features), declaredCrs, encoding, layerName: base.split('/').pop() ?? base };
}

/**
 * Walks the .shp record headers before shpjs does: shpjs advances by each record's declared length, so a
 * damaged length of zero or less would loop forever (found by the fuzz test). Lengths are in 16-bit words.
 */
function checkShpRecords(shp: Uint8Array, name: string): void {
	const view = toDataView(shp);
	if (shp.byteLength < 100 || view.getInt32(0, false) !== 9994) throw new FileFormatError(`${name} is not a Shapefile (bad file header)`);
	let record = 0;
	for (let offset = 100; offset + 8 <= shp.byteLength; record++) {
		const contentBytes = view.getInt32(offset + 4, false) * 2;
		if (contentBytes < 4 || offset + 8 + contentBytes > shp.byteLength) {
			throw new FileFormatError(`damaged Shapefile ${name}: record ${record + 1} at byte ${offset} declares ${contentBytes} bytes`);
		}
		offset += 8 + contentBytes;
	}
}

/**
 * The .dbf header's record count against what the file holds (header length + count × record length):
 * shpjs reads as many records as the header claims, so a 515-byte archive claiming 2 × 10^9 records would
 * run until memory ran out. A missing end-of-file marker is tolerated.
 */
function checkDbfRecords(dbf: Uint8Array, name: string): void {
	if (dbf.length < 32) throw new FileFormatError(`${name} is not a dBASE file (header cut short)`, 'damaged', { format: 'shapefile-zip', detail: `${name}: header cut short` });
	const view = toDataView(dbf);
	const claimed = view.getUint32(4, true);
	const headerLength = view.getUint16(8, true);
	const recordLength = view.getUint16(10, true);
	if (headerLength < 33 || recordLength < 1) {
		throw new FileFormatError(`${name}: damaged dBASE header`, 'damaged', { format: 'shapefile-zip', detail: `${name}: header length ${headerLength}, record length ${recordLength}` });
	}
	const possible = Math.max(0, Math.floor((dbf.length - headerLength) / recordLength));
	if (claimed > possible) {
		throw new FileFormatError(`${name} claims ${claimed} records, but its ${dbf.length} bytes hold at most ${possible}: damaged or forged header`, 'claims-beyond-file', {
			format: 'shapefile-zip',
			claimed,
			possible
		});
	}
}

function dbfEncoding(dbf: Uint8Array | undefined, cpg: Uint8Array | undefined, override?: TextEncodingName): EncodingGuess {
	if (override) return { encoding: override, confident: true, reason: 'detector', bom: false };
	const declared = cpg ? CPG_LABELS[new TextDecoder().decode(cpg).trim().toLowerCase()] : undefined;
	if (declared) return { encoding: declared, confident: true, reason: 'detector', bom: false };
	if (!dbf || dbf.length < 32) return { encoding: 'utf-8', confident: false, reason: 'fallback', bom: false };
	// Only the header's field names and the records are text; detection runs on the records.
	const headerLength = dbf[8] | (dbf[9] << 8);
	return detectEncoding(dbf.subarray(Math.min(headerLength, dbf.length)));
}

function toDataView(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
