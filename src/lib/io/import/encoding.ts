import * as jschardet from 'jschardet';
import { FileFormatError } from '../load-result';

/**
 * Text encodings a planner's file may use. GBK files are decoded with the GB18030 decoder, its superset
 * (the WHATWG "gbk" label maps to the same decoder); Big5 covers files from Hong Kong and Taiwan.
 */
export const TEXT_ENCODINGS = ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

export interface EncodingGuess {
	encoding: TextEncodingName;
	/** False when the bytes fit more than one encoding: the dialog then asks the planner to check the preview. */
	confident: boolean;
	/** How the guess was made, for the dialog (an i18n key suffix: import.encodingReason.<reason>). */
	reason: 'bom' | 'ascii' | 'valid-utf8' | 'detector' | 'fallback';
	/** True when a byte-order mark was found (and will be dropped). */
	bom: boolean;
}

const SAMPLE_BYTES = 1 << 20;

export function isTextEncoding(value: unknown): value is TextEncodingName {
	return typeof value === 'string' && (TEXT_ENCODINGS as readonly string[]).includes(value);
}

/**
 * Guesses the encoding from the bytes: a BOM decides; text that decodes as strict UTF-8 is UTF-8 (random GBK
 * text almost never does, because GBK's trail bytes break UTF-8's continuation pattern); otherwise jschardet's
 * statistical detector chooses between GB18030 and Big5, defaulting to GB18030, the Chinese Excel default.
 */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', confident: true, reason: 'bom', bom: true };
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', confident: true, reason: 'bom', bom: true };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', confident: true, reason: 'bom', bom: true };
	const sample = bytes.subarray(0, SAMPLE_BYTES);
	if (sample.every((byte) => byte < 0x80)) return { encoding: 'utf-8', confident: true, reason: 'ascii', bom: false };
	if (decodesStrictly(sample, 'utf-8')) return chooseBetweenValidUtf8AndGbk(sample);

	const detected = runDetector(sample);
	if (detected && detected.encoding !== 'utf-8' && decodesStrictly(sample, detected.encoding)) {
		return { encoding: detected.encoding, confident: detected.confidence >= 0.8, reason: 'detector', bom: false };
	}
	return { encoding: 'gb18030', confident: false, reason: 'fallback', bom: false };
}

/** Decodes the whole file in the chosen encoding, dropping a BOM. Undecodable bytes become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(encoding, { ignoreBOM: false });
	} catch {
		throw new FileFormatError(`this browser cannot decode ${encoding} text`);
	}
	const text = decoder.decode(bytes);
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes at most maxBytes from the start (for previews of large files); a character cut at the end is dropped. */
export function decodeTextPrefix(bytes: Uint8Array, encoding: TextEncodingName, maxBytes: number): string {
	if (bytes.length <= maxBytes) return decodeText(bytes, encoding);
	const decoder = new TextDecoder(encoding);
	const text = decoder.decode(bytes.subarray(0, maxBytes), { stream: true });
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Short GBK text can be valid UTF-8 by accident ("站" is D5 BE, which UTF-8 reads as Armenian "վ"). So valid
 * UTF-8 is accepted outright only when its non-ASCII characters look like Chinese-file text (CJK, full-width
 * forms, units, Latin-1); otherwise the decoding with more such characters wins, unconfidently.
 */
function chooseBetweenValidUtf8AndGbk(sample: Uint8Array): EncodingGuess {
	const asUtf8 = plausibleShare(new TextDecoder('utf-8').decode(sample));
	if (asUtf8.share >= 0.9) return { encoding: 'utf-8', confident: true, reason: 'valid-utf8', bom: false };
	if (decodesStrictly(sample, 'gb18030')) {
		const asGbk = plausibleShare(new TextDecoder('gb18030').decode(sample));
		if (asGbk.share > asUtf8.share) return { encoding: 'gb18030', confident: asGbk.share >= 0.9 && asGbk.count >= 20, reason: 'detector', bom: false };
	}
	return { encoding: 'utf-8', confident: false, reason: 'valid-utf8', bom: false };
}

/** Share of non-ASCII characters in ranges Chinese data files use. */
function plausibleShare(text: string): { share: number; count: number } {
	let count = 0;
	let plausible = 0;
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x80) continue;
		count++;
		if (
			(code >= 0x4e00 && code <= 0x9fff) ||
			(code >= 0x3400 && code <= 0x4dbf) ||
			(code >= 0x3000 && code <= 0x33ff) ||
			(code >= 0xff00 && code <= 0xffef) ||
			(code >= 0x2000 && code <= 0x215f) ||
			(code >= 0x00a0 && code <= 0x00ff) ||
			code === 0xfeff
		) {
			plausible++;
		}
	}
	return { share: count === 0 ? 1 : plausible / count, count };
}

function decodesStrictly(sample: Uint8Array, encoding: TextEncodingName): boolean {
	try {
		// stream: true so that a multi-byte character cut by the sample's end is not an error.
		new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
		return true;
	} catch {
		return false;
	}
}

const DETECTOR_NAMES: Record<string, TextEncodingName> = {
	'GB2312': 'gb18030',
	'GB18030': 'gb18030',
	'GBK': 'gb18030',
	'Big5': 'big5',
	'UTF-8': 'utf-8'
};

function runDetector(sample: Uint8Array): { encoding: TextEncodingName; confidence: number } | null {
	// jschardet reads a "binary string" (one char per byte) in browsers, where there is no Buffer.
	const head = sample.subarray(0, 64 * 1024);
	let binary = '';
	for (let start = 0; start < head.length; start += 8192) binary += String.fromCharCode(...head.subarray(start, start + 8192));
	try {
		const result = jschardet.detect(binary, { detectEncodings: ['UTF-8', 'GB2312', 'Big5'] });
		const encoding = result.encoding ? DETECTOR_NAMES[result.encoding] : undefined;
		return encoding ? { encoding, confidence: result.confidence } : null;
	} catch {
		return null;
	}
}
