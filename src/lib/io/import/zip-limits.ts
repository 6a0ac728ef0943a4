import { Inflate, type UnzipFileFilter } from 'fflate';
import { FileFormatError } from '../load-result';
import type { ImportFormat } from './formats';

/** Deflate's largest expansion (a 258-byte match per 2 bits): 1,032 to 1. */
const DEFLATE_MAX_RATIO = 1032;
/**
 * Unpacked bytes an archive may declare per packed byte, over all its entries. Shapefiles and workbooks
 * pack 3–20 to 1 (a .dbf of blank padding up to ~100); a bomb packs ~1,000 to 1. Small archives may always
 * unpack to ZIP_FLOOR_BYTES, so a tiny but honest file is never refused by the ratio.
 */
const ZIP_MAX_RATIO = 250;
const ZIP_FLOOR_BYTES = 16 * 1024 * 1024;

/** The most an archive of this size may unpack to, in bytes. */
export function zipUnpackLimit(zipBytes: number): number {
	return Math.max(ZIP_FLOOR_BYTES, zipBytes * ZIP_MAX_RATIO);
}

/**
 * Unpacks the entries `keep` selects after checking what the archive declares, before anything is unpacked:
 * an entry may not declare more than deflate can produce from its packed size, and the entries together not
 * more than zipUnpackLimit. Each entry is then inflated in small steps into a buffer of its declared size: an
 * entry that holds more than it declares is refused as soon as it passes that size, one that holds less is
 * damaged. Refusals are code "inflate-limit" or "damaged".
 */
export function unzipWithinLimits(bytes: Uint8Array, format: ImportFormat, keep: UnzipFileFilter = () => true): Record<string, Uint8Array> {
	const wanted = zipEntries(bytes, format).filter(
		(entry) => !entry.name.endsWith('/') && keep({ name: entry.name, size: entry.packedBytes, originalSize: entry.declaredBytes, compression: entry.method })
	);
	checkDeclaredSizes(wanted, bytes.length, format);
	const files: Record<string, Uint8Array> = {};
	for (const entry of wanted) files[entry.name] = unpackEntry(bytes, entry, format);
	return files;
}

interface ZipEntry {
	name: string;
	/** 0 = stored, 8 = deflate. */
	method: number;
	packedBytes: number;
	declaredBytes: number;
	localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** Packed bytes inflated per step: one step yields at most 1,032 × this, so an overflow is caught within ~4 MB. */
const INFLATE_STEP_BYTES = 4 * 1024;

/** A size or offset of 0xFFFFFFFF means "in the ZIP64 records": only archives beyond 4 GB need them, far beyond what is loaded here. */
const ZIP64_MARK = 0xffffffff;

function zip64(format: ImportFormat): FileFormatError {
	return damaged(format, 'a ZIP64 archive: save or zip it again as a plain ZIP');
}

function damaged(format: ImportFormat, detail: string): FileFormatError {
	return new FileFormatError(`damaged ZIP archive (${detail})`, 'damaged', { format, detail });
}

/** The entries as the central directory lists them: read once, then checked (checkDeclaredSizes) and unpacked (unpackEntry). */
function zipEntries(bytes: Uint8Array, format: ImportFormat): ZipEntry[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const lowest = Math.max(0, bytes.length - 22 - 65_535);
	let end = bytes.length - 22;
	while (end >= lowest && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end--;
	if (end < lowest) throw damaged(format, 'no central directory');
	const count = view.getUint16(end + 10, true);
	let offset = view.getUint32(end + 16, true);
	if (count === 0xffff || offset === ZIP64_MARK) throw zip64(format);
	const entries: ZipEntry[] = [];
	for (let index = 0; index < count; index++) {
		if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) throw damaged(format, 'central directory entry out of place');
		const nameLength = view.getUint16(offset + 28, true);
		const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
		// Bit 11: the name is UTF-8; otherwise each byte is one character (as fflate reads it), so names never collide.
		const utf8 = (view.getUint16(offset + 8, true) & 0x800) !== 0;
		const entry: ZipEntry = {
			name: utf8 ? new TextDecoder().decode(nameBytes) : String.fromCharCode(...nameBytes),
			method: view.getUint16(offset + 10, true),
			packedBytes: view.getUint32(offset + 20, true),
			declaredBytes: view.getUint32(offset + 24, true),
			localHeaderOffset: view.getUint32(offset + 42, true)
		};
		if ([entry.packedBytes, entry.declaredBytes, entry.localHeaderOffset].includes(ZIP64_MARK)) throw zip64(format);
		entries.push(entry);
		offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
	}
	return entries;
}

function unpackEntry(bytes: Uint8Array, entry: ZipEntry, format: ImportFormat): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const local = entry.localHeaderOffset;
	if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_FILE_HEADER) throw damaged(format, `${entry.name}: local header out of place`);
	const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
	if (start + entry.packedBytes > bytes.length) throw damaged(format, `${entry.name} runs past the end of the file`);
	const packed = bytes.subarray(start, start + entry.packedBytes);
	if (entry.method === 0) {
		if (entry.packedBytes !== entry.declaredBytes) throw damaged(format, `${entry.name}: stored size differs from its declared size`);
		return packed.slice();
	}
	if (entry.method !== 8) throw damaged(format, `${entry.name}: compression method ${entry.method} is not supported`);
	const out = inflateAtMost(packed, entry, format);
	if (out.length < entry.declaredBytes) throw damaged(format, `${entry.name} holds ${out.length} of the ${entry.declaredBytes} bytes it declares`);
	return out;
}

/** Inflates into a buffer of the declared size, refusing the entry once its output passes that size. */
function inflateAtMost(packed: Uint8Array, entry: ZipEntry, format: ImportFormat): Uint8Array {
	const out = new Uint8Array(entry.declaredBytes);
	let written = 0;
	const inflater = new Inflate((chunk) => {
		if (written + chunk.length > entry.declaredBytes) {
			throw new FileFormatError(`ZIP entry ${entry.name} unpacks to more than the ${entry.declaredBytes} bytes it declares (damaged or forged)`, 'inflate-limit', {
				format,
				limitBytes: entry.declaredBytes
			});
		}
		out.set(chunk, written);
		written += chunk.length;
	});
	try {
		for (let from = 0; from < packed.length || from === 0; from += INFLATE_STEP_BYTES) {
			const to = Math.min(packed.length, from + INFLATE_STEP_BYTES);
			inflater.push(packed.subarray(from, to), to >= packed.length);
			if (to >= packed.length) break;
		}
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		throw damaged(format, `${entry.name}: ${(error as Error).message.slice(0, 200)}`);
	}
	return out.subarray(0, written);
}

/** What the archive declares for the entries to unpack, checked before any is unpacked. */
function checkDeclaredSizes(entries: ZipEntry[], zipBytes: number, format: ImportFormat): void {
	const limitBytes = zipUnpackLimit(zipBytes);
	let total = 0;
	for (const entry of entries) {
		const mostDeflateGives = entry.packedBytes * DEFLATE_MAX_RATIO + 1024;
		if (entry.declaredBytes > mostDeflateGives) {
			throw new FileFormatError(
				`ZIP entry ${entry.name} declares ${entry.declaredBytes} bytes from ${entry.packedBytes} packed: more than deflate can produce (damaged or forged)`,
				'inflate-limit',
				{ format, limitBytes: mostDeflateGives }
			);
		}
		total += entry.declaredBytes;
		if (total > limitBytes) {
			throw new FileFormatError(`the ZIP archive unpacks to more than ${limitBytes} bytes (${ZIP_MAX_RATIO} × its size): a decompression bomb`, 'inflate-limit', { format, limitBytes });
		}
	}
}
