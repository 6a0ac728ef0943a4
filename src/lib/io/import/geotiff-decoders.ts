import { inflateZlibCapped } from '../inflate-capped';
import { FileFormatError } from '../load-result';

type GeoTiffModule = typeof import('geotiff');
type DecoderParameters = InstanceType<GeoTiffModule['BaseDecoder']>['parameters'];

/**
 * The most a strip or tile can hold: rows × width × bytes per pixel (all samples, rows padded to whole
 * bytes). A block that unpacks to more is damaged or a bomb: a 16 × 16 raster whose strip unpacked to 2 GB.
 */
export function blockBytes(parameters: DecoderParameters): number {
	const bits = typeof parameters.bitsPerSample === 'number' ? [parameters.bitsPerSample] : Array.from(parameters.bitsPerSample);
	const bitsPerPixel = parameters.planarConfiguration === 2 ? Math.max(...bits) : bits.reduce((total, value) => total + value, 0);
	return Math.ceil((parameters.tileWidth * bitsPerPixel) / 8) * parameters.tileHeight;
}

let registered = false;

/**
 * Replaces geotiff's deflate decoder (compression 8 and 32946, which unpacks without a limit) by one held to
 * blockBytes; the refusal is code "inflate-limit". Registered once per module instance.
 */
export function registerCappedDecoders(geotiff: GeoTiffModule): void {
	if (registered) return;
	registered = true;
	class CappedDeflateDecoder extends geotiff.BaseDecoder {
		decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
			const limitBytes = blockBytes(this.parameters);
			const tooLarge = (produced: number) =>
				new FileFormatError(`a GeoTIFF strip or tile unpacks to ${produced} bytes or more; its ${this.parameters.tileWidth} × ${this.parameters.tileHeight} pixels hold ${limitBytes}`, 'inflate-limit', {
					format: 'geotiff',
					limitBytes
				});
			const out = inflateZlibCapped(new Uint8Array(buffer), limitBytes, tooLarge);
			return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
		}
	}
	geotiff.addDecoder([8, 32946], async () => CappedDeflateDecoder, undefined, false);
}
