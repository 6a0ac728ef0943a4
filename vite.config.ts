import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	worker: { format: 'es' },
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	build: { chunkSizeWarningLimit: 4096 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
