import { defineConfig } from '@playwright/test';

/** E2E_PORT lets several checkouts on one machine run their suites side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4173);

/**
 * End-to-end tests run against the built static site served on 127.0.0.1, in Debian's Chromium
 * (Playwright cannot download its own browsers here). WebGL runs through SwiftShader.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	// Ceilings, not assertions about speed: CI's machine may be running builds and another browser beside
	// the suite. Load and frame times are recorded as figures (bench/e2e-*.json), never asserted.
	timeout: 300_000,
	expect: { timeout: 60_000 },
	fullyParallel: false,
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 1400, height: 860 },
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--use-angle=swiftshader',
				'--enable-unsafe-swiftshader'
			]
		}
	},
	webServer: {
		command: `npm run build && ./node_modules/.bin/vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
		url: `http://127.0.0.1:${PORT}`,
		timeout: 600_000,
		reuseExistingServer: false
	}
});
