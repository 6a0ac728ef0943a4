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
		// Ceilings, not assertions about speed: on a busy CI machine (builds, a browser and disk traffic
		// beside the suite) opening DuckDB-WASM or computing the demo in a beforeAll has taken more than
		// vitest's 10 s hook default. Speed is measured by `npm run bench`, never here.
		testTimeout: 600_000,
		hookTimeout: 300_000,
		teardownTimeout: 60_000
	}
});
