import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DATASET_KINDS, FIELDS_BY_KIND, IMPORT_FORMATS, TEXT_ENCODINGS } from '$lib/io/import';
import en from '$lib/i18n/import.en.json';
import zh from '$lib/i18n/import.zh-CN.json';

const IMPORT_DIR = join(process.cwd(), 'src/lib/io/import');

/** Every note key the importer can emit, read from its source (so a new note without a message fails here). */
function emittedNoteKeys(): string[] {
	const keys = new Set<string>();
	for (const file of readdirSync(IMPORT_DIR).filter((name) => name.endsWith('.ts'))) {
		const source = readFileSync(join(IMPORT_DIR, file), 'utf8');
		for (const match of source.matchAll(/key: '([^']+)'/g)) keys.add(match[1]);
		for (const match of source.matchAll(/key: `([^`$]+)\$\{[^}]+\}`/g)) for (const suffix of ['gcj02', 'bd09']) keys.add(`${match[1]}${suffix}`);
	}
	return [...keys];
}

describe('import messages', () => {
	test('Chinese and English bundles have the same keys, all prefixed "import." and non-empty', () => {
		expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
		for (const [key, value] of [...Object.entries(en), ...Object.entries(zh)]) {
			expect(key.startsWith('import.')).toBe(true);
			expect(value.trim().length).toBeGreaterThan(0);
		}
	});

	test('every note, format, encoding, kind, field and CRS reason the code can show has a message', () => {
		const needed = [
			...emittedNoteKeys().map((key) => `import.note.${key}`),
			...IMPORT_FORMATS.map((format) => `import.format.${format}`),
			...TEXT_ENCODINGS.map((encoding) => `import.encoding.${encoding}`),
			...DATASET_KINDS.flatMap((kind) => [`import.kind.${kind}`, `import.kind.help.${kind}`]),
			...Object.values(FIELDS_BY_KIND).flatMap((specs) => specs.map((spec) => `import.field.${spec.field}`)),
			...['bom', 'ascii', 'valid-utf8', 'detector', 'fallback'].map((reason) => `import.encodingReason.${reason}`),
			...['declared', 'geographic', 'web-mercator', 'zone-prefixed-gauss-kruger', 'projected-unknown-zone', 'no-coordinates', 'unrecognised'].map((reason) => `import.crsReason.${reason}`),
			...['decode', 'parse', 'validate', 'assign', 'check'].map((stage) => `import.progress.${stage}`)
		];
		expect(emittedNoteKeys().length).toBeGreaterThan(10);
		const missing = needed.filter((key) => !(key in en) || !(key in zh));
		expect(missing).toEqual([]);
	});
});
