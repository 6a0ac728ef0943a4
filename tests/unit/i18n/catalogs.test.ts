import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '$lib/i18n';

const en = MESSAGES.en;
const zhCN = MESSAGES['zh-CN'];

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();

describe('message bundles', () => {
	it('have the same keys and the same placeholders in Chinese and English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
		for (const key of Object.keys(en)) {
			expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
		}
	});

	it('cover every key the components and pages use', () => {
		const used = new Set<string>();
		const walk = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
				entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.svelte') ? [join(dir, entry.name)] : []
			);
		for (const file of walk('src')) {
			for (const match of readFileSync(file, 'utf8').matchAll(/\$_\('([\w.-]+)'/g)) used.add(match[1]);
		}
		const missing = [...used].filter((key) => !(key in en));
		expect(missing).toEqual([]);
	});

	it('never render with {@html}', () => {
		const walk = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
				entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.svelte') ? [join(dir, entry.name)] : []
			);
		for (const file of walk('src')) expect(readFileSync(file, 'utf8'), file).not.toContain('{@html');
	});
});
