import { Unzlib } from 'fflate';

/** zlib input is fed in pieces this large, so a bomb overshoots the cap by at most 1,032 × this before it is stopped. */
const PIECE_BYTES = 8 * 1024;

/**
 * Unpacks a zlib stream piece by piece and stops as soon as the output passes `capBytes`, throwing what
 * `tooLarge` builds (the caller's FileFormatError naming its format and limit). A 1 MB bomb that would unpack
 * to gigabytes costs at most the cap plus ~8 MB before it is refused. Corrupt data throws fflate's error.
 */
export function inflateZlibCapped(zlib: Uint8Array, capBytes: number, tooLarge: (producedBytes: number) => Error): Uint8Array {
	const chunks: Uint8Array[] = [];
	let total = 0;
	const inflater = new Unzlib((chunk) => {
		total += chunk.length;
		if (total > capBytes) throw tooLarge(total);
		chunks.push(chunk);
	});
	for (let start = 0; start < zlib.length; start += PIECE_BYTES) {
		const end = Math.min(zlib.length, start + PIECE_BYTES);
		inflater.push(zlib.subarray(start, end), end === zlib.length);
	}
	if (zlib.length === 0) inflater.push(zlib, true);
	if (chunks.length === 1) return chunks[0];
	const out = new Uint8Array(total);
	let position = 0;
	for (const chunk of chunks) {
		out.set(chunk, position);
		position += chunk.length;
	}
	return out;
}
