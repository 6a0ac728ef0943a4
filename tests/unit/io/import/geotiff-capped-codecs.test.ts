import fc from 'fast-check';
import * as geotiff from 'geotiff';
import { describe, expect, it } from 'vitest';
import { decodeLzwCapped, decodePackBitsCapped } from '$lib/io/import/geotiff-capped-codecs';
import { lzwEncode, packBitsEncode } from '../../../../scripts/hostile-fixtures';

/**
 * The capped strip decoders against geotiff's own (the independent reference: this file never registers the
 * capped ones, so geotiff's registry still holds its own decoders) and against the fixtures' encoders.
 */
const PARAMETERS = { tileWidth: 1, tileHeight: 1, predictor: 1, bitsPerSample: [8], planarConfiguration: 1 };

async function geotiffDecode(compression: number, packed: Uint8Array): Promise<Uint8Array | Error> {
	const decoder = await geotiff.getDecoder(compression, PARAMETERS as never);
	try {
		const buffer = packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength);
		return new Uint8Array(await decoder.decodeBlock(buffer));
	} catch (error) {
		return error as Error;
	}
}

const noLimit = 64 * 1024 * 1024;

/** Byte-for-byte equality by a loop (vitest's toEqual walks typed arrays element by element, slowly). */
function sameBytes(actual: Uint8Array | Error, expected: Uint8Array | Error): boolean {
	if (actual instanceof Error || expected instanceof Error) return false;
	return actual.length === expected.length && actual.every((byte, index) => byte === expected[index]);
}
const tooLarge = (produced: number) => new RangeError(`too large: ${produced}`);

function tryDecode(decode: typeof decodeLzwCapped, packed: Uint8Array): Uint8Array | Error {
	try {
		return decode(packed, noLimit, tooLarge);
	} catch (error) {
		return error as Error;
	}
}

/** Random data with long runs, so the encoders' repeat and dictionary paths are both taken. */
const runsOfBytes = fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 300 })), { maxLength: 40 }).map((runs) => Uint8Array.from(runs.flatMap(([byte, count]) => Array<number>(count).fill(byte))));

describe('capped LZW and PackBits decoders', () => {
	it('give back what was encoded, as geotiff does (LZW, 300 random inputs)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(runsOfBytes, fc.uint8Array({ maxLength: 3000 })), async (data) => {
				const packed = lzwEncode(data);
				expect(sameBytes(decodeLzwCapped(packed, noLimit, tooLarge), data)).toBe(true);
				expect(sameBytes(await geotiffDecode(5, packed), data)).toBe(true);
			}),
			{ numRuns: 300, seed: 26 }
		);
	});

	it('give back what was encoded, as geotiff does (PackBits, 300 random inputs)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(runsOfBytes, fc.uint8Array({ maxLength: 3000 })), async (data) => {
				const packed = packBitsEncode(data);
				expect(sameBytes(decodePackBitsCapped(packed, noLimit, tooLarge), data)).toBe(true);
				expect(sameBytes(await geotiffDecode(32773, packed), data)).toBe(true);
			}),
			{ numRuns: 300, seed: 26 }
		);
	});

	it('read any stream geotiff reads exactly as geotiff does (random bytes, 2,000 each)', async () => {
		for (const [compression, decode] of [[5, decodeLzwCapped], [32773, decodePackBitsCapped]] as const) {
			await fc.assert(
				fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (packed) => {
					const ours = tryDecode(decode, packed);
					// A corrupt stream may be refused where geotiff would read garbage; whatever we do read matches it.
					if (!(ours instanceof Error)) expect(sameBytes(await geotiffDecode(compression, packed), ours)).toBe(true);
				}),
				{ numRuns: 2000, seed: 26 }
			);
		}
	});

	it('stop at the cap: 4 MB of zeros in a few kilobytes of LZW or PackBits, where 1,024 bytes fit', () => {
		const zeros = new Uint8Array(4 * 1024 * 1024);
		const lzw = lzwEncode(zeros);
		expect(lzw.length).toBeLessThan(8 * 1024);
		const whole = decodeLzwCapped(lzw, zeros.length, tooLarge);
		// Compared by a loop: toEqual on 4 MB walks every element slowly.
		expect(whole.length === zeros.length && whole.every((byte) => byte === 0)).toBe(true);
		expect(() => decodeLzwCapped(lzw, 1024, tooLarge)).toThrow(/too large: \d+/);
		expect(() => decodePackBitsCapped(packBitsEncode(zeros), 1024, tooLarge)).toThrow(/too large: 1152/);
	});
});
