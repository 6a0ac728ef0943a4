/**
 * TIFF LZW and PackBits strip decoders that never produce more than the strip can hold. geotiff's own
 * decoders grow a plain array without a limit: a 16 × 16 raster whose LZW strip of a few kilobytes unpacks
 * to gigabytes would exhaust memory before anything could check the size. These write into a buffer of the
 * strip's size (rows × width × bytes per pixel) and throw what `tooLarge` builds as soon as a code would
 * pass it. Their output equals geotiff's for every stream geotiff reads (tests/unit/io/import/geotiff-capped-codecs.test.ts
 * compares them on random streams), so rasters that loaded before load the same.
 */

const CLEAR_CODE = 256;
const END_CODE = 257;
const FIRST_FREE_CODE = 258;
const MIN_CODE_BITS = 9;
const MAX_CODE_BITS = 12;
const TABLE_SIZE = 1 << MAX_CODE_BITS;

/** Output of at most `capBytes`; `tooLarge(bytesNeeded)` is thrown when a stream would unpack to more. */
class CappedOutput {
	readonly bytes: Uint8Array;
	length = 0;
	constructor(
		private readonly capBytes: number,
		private readonly tooLarge: (producedBytes: number) => Error
	) {
		this.bytes = new Uint8Array(capBytes);
	}
	/** Reserves `count` bytes and returns where they start. */
	reserve(count: number): number {
		const start = this.length;
		if (start + count > this.capBytes) throw this.tooLarge(start + count);
		this.length += count;
		return start;
	}
	result(): Uint8Array {
		return this.bytes.subarray(0, this.length);
	}
}

/**
 * TIFF's LZW (compression 5): codes of 9 to 12 bits, most significant bit first, the code width growing one
 * code early, as geotiff reads it (a code past the end of the strip ends it; a strip cut inside a code reads
 * the missing bits as zeros).
 */
export function decodeLzwCapped(input: Uint8Array, capBytes: number, tooLarge: (producedBytes: number) => Error): Uint8Array {
	const prefix = new Uint16Array(TABLE_SIZE);
	const last = new Uint8Array(TABLE_SIZE);
	const first = new Uint8Array(TABLE_SIZE);
	const length = new Uint16Array(TABLE_SIZE);
	for (let code = 0; code < 256; code++) {
		last[code] = code;
		first[code] = code;
		length[code] = 1;
	}
	const out = new CappedOutput(capBytes, tooLarge);
	let bitPosition = 0;
	let codeBits = MIN_CODE_BITS;
	let nextCode = FIRST_FREE_CODE;

	const readCode = (): number => {
		if (bitPosition >> 3 >= input.length) return END_CODE;
		let code = 0;
		for (let bit = 0; bit < codeBits; bit++) {
			const at = bitPosition + bit;
			const byte = at >> 3 < input.length ? input[at >> 3] : 0;
			code = (code << 1) | ((byte >> (7 - (at & 7))) & 1);
		}
		bitPosition += codeBits;
		return code;
	};
	const emit = (code: number): void => {
		const start = out.reserve(length[code]);
		for (let at = start + length[code] - 1, entry = code; at >= start; at--, entry = prefix[entry]) out.bytes[at] = last[entry];
	};
	const add = (prefixCode: number, byte: number): void => {
		prefix[nextCode] = prefixCode;
		last[nextCode] = byte;
		first[nextCode] = first[prefixCode];
		length[nextCode] = length[prefixCode] + 1;
		nextCode++;
	};

	let previous = -1;
	let code = readCode();
	while (code !== END_CODE) {
		if (code === CLEAR_CODE) {
			nextCode = FIRST_FREE_CODE;
			codeBits = MIN_CODE_BITS;
			do code = readCode();
			while (code === CLEAR_CODE);
			if (code === END_CODE) break;
			if (code > CLEAR_CODE) throw new Error(`corrupted LZW code ${code} after a clear code`);
			emit(code);
			previous = code;
		} else if (code < nextCode) {
			emit(code);
			if (previous >= 0) add(previous, first[code]);
			previous = code;
		} else if (code === nextCode && previous >= 0) {
			// The code being defined: the previous string and its own first byte.
			add(previous, first[previous]);
			emit(code);
			previous = code;
		} else {
			throw new Error(`invalid LZW code ${code} (${nextCode} codes defined)`);
		}
		if (nextCode + 1 >= 1 << codeBits) {
			if (codeBits === MAX_CODE_BITS) previous = -1;
			else codeBits++;
		}
		code = readCode();
	}
	return out.result();
}

/** PackBits (compression 32773), read as geotiff reads it: a header n ≥ 0 copies n + 1 bytes, n < 0 repeats the next byte 1 − n times. */
export function decodePackBitsCapped(input: Uint8Array, capBytes: number, tooLarge: (producedBytes: number) => Error): Uint8Array {
	const out = new CappedOutput(capBytes, tooLarge);
	for (let at = 0; at < input.length; ) {
		const header = (input[at] << 24) >> 24;
		if (header < 0) {
			if (at + 1 >= input.length) throw new RangeError('PackBits run cut short at the end of the strip');
			const start = out.reserve(1 - header);
			out.bytes.fill(input[at + 1], start, start + 1 - header);
			at += 2;
		} else {
			if (at + 2 + header > input.length) throw new RangeError('PackBits literal cut short at the end of the strip');
			const start = out.reserve(header + 1);
			out.bytes.set(input.subarray(at + 1, at + 2 + header), start);
			at += header + 2;
		}
	}
	return out.result();
}
