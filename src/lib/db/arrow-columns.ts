/**
 * Builds Arrow columns straight from typed arrays (no per-value builder), so that
 * 600k-row tables turn into IPC bytes in milliseconds rather than seconds.
 */
import {
	Bool,
	Float64,
	Int32,
	makeData,
	makeVector,
	Utf8,
	type Vector
} from 'apache-arrow';

/** Validity bitmap (bit set = value present), least significant bit first, as Arrow wants. */
function validityBitmap(length: number, isPresent: (index: number) => boolean): { bitmap: Uint8Array; nullCount: number } {
	const bitmap = new Uint8Array(Math.ceil(length / 8));
	let nullCount = 0;
	for (let index = 0; index < length; index++) {
		if (isPresent(index)) bitmap[index >> 3] |= 1 << (index & 7);
		else nullCount += 1;
	}
	return { bitmap, nullCount };
}

/** Doubles; `null` (and, for typed arrays, non-finite values) become SQL NULL. */
export function float64Column(values: ArrayLike<number | null>): Vector<Float64> {
	const length = values.length;
	const present = (index: number): boolean => {
		const value = values[index];
		return value !== null && Number.isFinite(value);
	};
	const { bitmap, nullCount } = validityBitmap(length, present);
	const data = new Float64Array(length);
	for (let index = 0; index < length; index++) {
		// A null slot's value is never read; 0 keeps the buffer free of NaN.
		if (present(index)) data[index] = values[index] as number;
	}
	return makeVector(
		makeData({ type: new Float64(), length, nullCount, nullBitmap: nullCount > 0 ? bitmap : undefined, data })
	);
}

/** 32-bit integers without nulls. */
export function int32Column(values: Int32Array): Vector<Int32> {
	return makeVector(makeData({ type: new Int32(), length: values.length, nullCount: 0, data: values }));
}

/** Row numbers 0..length-1, used as cell ids (the index into the engine's typed arrays). */
export function rowIndexColumn(length: number): Vector<Int32> {
	const ids = new Int32Array(length);
	for (let index = 0; index < length; index++) ids[index] = index;
	return int32Column(ids);
}

/** Booleans from 0/1 bytes (any non-zero byte is true), without nulls. */
export function boolColumn(flags: Uint8Array): Vector<Bool> {
	const length = flags.length;
	const { bitmap } = validityBitmap(length, (index) => flags[index] !== 0);
	return makeVector(makeData({ type: new Bool(), length, nullCount: 0, data: bitmap }));
}

/**
 * UTF-8 strings; `null` becomes SQL NULL. Repeated values (sub-district codes, facility ids
 * in cell_access) are encoded once and reused, which is where the speed comes from.
 */
export function utf8Column(values: ArrayLike<string | null>): Vector<Utf8> {
	const length = values.length;
	const encoder = new TextEncoder();
	const encodedByValue = new Map<string, Uint8Array>();
	const encoded: (Uint8Array | null)[] = new Array<Uint8Array | null>(length);
	let byteLength = 0;
	for (let index = 0; index < length; index++) {
		const value = values[index];
		if (value === null) {
			encoded[index] = null;
			continue;
		}
		let bytes = encodedByValue.get(value);
		if (bytes === undefined) {
			bytes = encoder.encode(value);
			encodedByValue.set(value, bytes);
		}
		encoded[index] = bytes;
		byteLength += bytes.length;
	}
	const valueOffsets = new Int32Array(length + 1);
	const data = new Uint8Array(byteLength);
	let offset = 0;
	for (let index = 0; index < length; index++) {
		const bytes = encoded[index];
		if (bytes !== null) {
			data.set(bytes, offset);
			offset += bytes.length;
		}
		valueOffsets[index + 1] = offset;
	}
	const { bitmap, nullCount } = validityBitmap(length, (index) => encoded[index] !== null);
	return makeVector(
		makeData({
			type: new Utf8(),
			length,
			nullCount,
			nullBitmap: nullCount > 0 ? bitmap : undefined,
			valueOffsets,
			data
		})
	);
}
