import { unzipSync, type UnzipFileFilter } from 'fflate';
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
 * more than zipUnpackLimit. fflate then unpacks each entry into a buffer of exactly its declared size, so an
 * entry that lies about its size cannot grow beyond it either. Refusals are code "inflate-limit".
 */
export function unzipWithinLimits(bytes: Uint8Array, format: ImportFormat, keep: UnzipFileFilter = () => true): Record<string, Uint8Array> {
	checkZipDeclaredSizes(bytes, format, keep);
	try {
		return unzipSync(bytes, { filter: keep });
	} catch (error) {
		const detail = (error as Error).message.slice(0, 200);
		throw new FileFormatError(`damaged ZIP archive (${detail})`, 'damaged', { format, detail });
	}
}

/** The check alone, for readers that unpack with another library (exceljs): the declared sizes of the entries `keep` selects. */
export function checkZipDeclaredSizes(bytes: Uint8Array, format: ImportFormat, keep: UnzipFileFilter = () => true): void {
	const limitBytes = zipUnpackLimit(bytes.length);
	let total = 0;
	try {
		unzipSync(bytes, {
			filter: (file) => {
				if (!keep(file)) return false;
				const claimed = file.originalSize;
				if (claimed > file.size * DEFLATE_MAX_RATIO + 1024) {
					throw new FileFormatError(
						`ZIP entry ${file.name} declares ${claimed} bytes from ${file.size} packed: more than deflate can produce (damaged or forged)`,
						'inflate-limit',
						{ format, limitBytes: file.size * DEFLATE_MAX_RATIO + 1024 }
					);
				}
				total += claimed;
				if (total > limitBytes) {
					throw new FileFormatError(`the ZIP archive unpacks to more than ${limitBytes} bytes (${ZIP_MAX_RATIO} × its size): a decompression bomb`, 'inflate-limit', {
						format,
						limitBytes
					});
				}
				return false;
			}
		});
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		const detail = (error as Error).message.slice(0, 200);
		throw new FileFormatError(`damaged ZIP archive (${detail})`, 'damaged', { format, detail });
	}
}
