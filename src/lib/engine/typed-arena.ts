/**
 * Several typed arrays carved out of one ArrayBuffer, each zero-filled and 8-byte aligned.
 *
 * Why: every large ArrayBuffer allocation reports external memory to the JS engine, and V8 answers
 * growth of it with a full (mark-compact) collection of the JS heap. With a big heap alive (the CLI
 * and the benchmark hold millions of street-point objects while the graph is built) each such
 * collection costs a quarter of a second, and a build that allocates a dozen arrays one by one
 * paid several of them. One allocation per phase pays at most one.
 *
 * The arrays share their buffer: `array.buffer` is the whole arena. Copy (`slice()`) an array
 * before transferring it to another thread.
 */
type ArrayConstructor = Float64ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Uint8ArrayConstructor;

/** Name → [array type, element count]. */
export type ArenaLayout = Record<string, readonly [ArrayConstructor, number]>;

export type ArenaArrays<L extends ArenaLayout> = { [K in keyof L]: InstanceType<L[K][0]> };

export function allocateTogether<const L extends ArenaLayout>(layout: L): ArenaArrays<L> {
	const entries = Object.entries(layout);
	let bytes = 0;
	const offsets: number[] = [];
	for (const [, [type, length]] of entries) {
		if (!(Number.isInteger(length) && length >= 0)) throw new RangeError(`allocateTogether: bad length ${length}`);
		bytes = Math.ceil(bytes / 8) * 8;
		offsets.push(bytes);
		bytes += type.BYTES_PER_ELEMENT * length;
	}
	const buffer = new ArrayBuffer(bytes);
	const arrays: Record<string, Float64Array | Int32Array | Uint32Array | Uint8Array> = {};
	entries.forEach(([name, [type, length]], k) => {
		arrays[name] = view(buffer, type, offsets[k], length);
	});
	return arrays as ArenaArrays<L>;
}

function view(buffer: ArrayBuffer, type: ArrayConstructor, offset: number, length: number): Float64Array | Int32Array | Uint32Array | Uint8Array {
	if (type === Float64Array) return new Float64Array(buffer, offset, length);
	if (type === Int32Array) return new Int32Array(buffer, offset, length);
	if (type === Uint32Array) return new Uint32Array(buffer, offset, length);
	return new Uint8Array(buffer, offset, length);
}
