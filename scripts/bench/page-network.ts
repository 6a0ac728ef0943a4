/**
 * The page's side of loading a large walking network: how long the main thread is blocked, in the built app,
 * from choosing a 60 MB city-like .osm.pbf in the import dialog until the coverage is ready.
 *
 *   tsx scripts/bench/page-network.ts [--quick] [--streets-only] [--no-build]
 *
 * Writes the synthetic extract of scripts/bench/synthetic-pbf.ts (≈ 60 MB, 40% of ways walkable; ≈ 6 MB with
 * --quick; --streets-only: 88% walkable, the worst case), builds the app (vite build, skipped with
 * --no-build), serves it with vite preview on 127.0.0.1:4190, and drives headless Chromium (SwiftShader, as
 * the end-to-end tests) through the import dialog. Printed: the longest main-thread task (PerformanceObserver
 * 'longtask' entries; the page's own thread, not its workers), the number and sum of long tasks, and the total
 * time. A figure for the README, not a test: it asserts nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get } from 'node:http';
import { chromium, type Page } from '@playwright/test';
import { OSM_PBF_FULL, OSM_PBF_QUICK, writeSyntheticPbf } from './synthetic-pbf';

const PORT = 4190;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = join(ROOT, 'node_modules/.bin/vite');
/**
 * The end-to-end tests' Chromium flags: no GPU, WebGL through SwiftShader. 4190 (ManageSieve) is on the
 * browsers' list of blocked ports, so Chromium must be told to allow it (and Node's fetch refuses it: the
 * readiness check uses node:http).
 */
const CHROMIUM_ARGS = [`--explicitly-allowed-ports=${PORT}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

interface LongTask {
	startMs: number;
	durationMs: number;
}

export interface PageNetworkFigures {
	fileMB: number;
	/** From choosing the file to the coverage being ready again (dialog clicks included: a few ms each). */
	totalSeconds: number;
	/** From the "load" click (the dialog hands the network to the page) to the coverage being ready. */
	afterLoadSeconds: number;
	longestTaskMs: number;
	longTasks: number;
	longTasksTotalMs: number;
	/** The five longest, with their start relative to choosing the file. */
	longest: LongTask[];
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const answered = await new Promise<boolean>((resolve) => {
			get(url, (response) => {
				response.resume();
				resolve(response.statusCode === 200);
			}).on('error', () => resolve(false));
		});
		if (answered) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`vite preview did not answer on ${url}`);
}

/**
 * Records long tasks and the coverage-ready flag's changes from the start, with page timestamps. Plain
 * JavaScript text: a function would be compiled by tsx with helpers (__name) that do not exist in the page.
 */
const INSTRUMENT = `
window.__longTasks = [];
window.__coverageFlips = [];
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) window.__longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
}).observe({ type: 'longtask', buffered: true });
function watchCoverageFlag() {
	const app = document.querySelector('.app');
	if (!app) return void requestAnimationFrame(watchCoverageFlag);
	new MutationObserver(() => window.__coverageFlips.push({ at: performance.now(), ready: app.getAttribute('data-coverage-ready') }))
		.observe(app, { attributes: true, attributeFilter: ['data-coverage-ready'] });
}
document.addEventListener('DOMContentLoaded', watchCoverageFlag);
`;

async function measure(page: Page, path: string, fileMB: number): Promise<PageNetworkFigures> {
	await page.goto(ORIGIN);
	await page.locator('.app[data-coverage-ready="true"][data-db-ready="true"]').waitFor({ timeout: 120_000 });
	await page.locator('[data-testid="map-ready"]').waitFor({ state: 'attached', timeout: 120_000 });
	await page.getByTestId('open-import').click();
	const dialog = page.getByTestId('import-dialog');
	await dialog.getByTestId('import-kind-network').check();
	if (!(await page.evaluate(() => Array.isArray((window as unknown as { __coverageFlips?: unknown }).__coverageFlips)))) throw new Error('the page was not instrumented');
	const chosenAt = await page.evaluate(() => performance.now());
	await dialog.getByTestId('import-file').setInputFiles(path);
	await dialog.getByTestId('import-run').click({ timeout: 300_000 });
	await dialog.getByTestId('import-loaded').waitFor({ timeout: 600_000 });
	const loadAt = await page.evaluate(() => performance.now());
	await dialog.getByTestId('import-load').click();
	// Ready again: the flag went false (the new dataset is being prepared) and then true.
	await page.waitForFunction(
		(since) => {
			const flips = (window as unknown as { __coverageFlips: { at: number; ready: string | null }[] }).__coverageFlips.filter((flip) => flip.at >= since);
			const cleared = flips.findIndex((flip) => flip.ready === 'false');
			return cleared >= 0 && flips.slice(cleared).some((flip) => flip.ready === 'true');
		},
		loadAt,
		{ timeout: 300_000, polling: 100 }
	);
	const readyAt = await page.evaluate(
		(since) => (window as unknown as { __coverageFlips: { at: number; ready: string | null }[] }).__coverageFlips.filter((flip) => flip.at >= since && flip.ready === 'true').pop()?.at ?? 0,
		loadAt
	);
	// A task still running when the flag flipped is reported once it ends: give the observer a moment.
	await page.waitForTimeout(1000);
	const tasks = (await page.evaluate(() => (window as unknown as { __longTasks: LongTask[] }).__longTasks)).filter(
		(task) => task.startMs + task.durationMs >= chosenAt && task.startMs <= readyAt
	);
	const sorted = [...tasks].sort((a, b) => b.durationMs - a.durationMs);
	return {
		fileMB,
		totalSeconds: (readyAt - chosenAt) / 1000,
		afterLoadSeconds: (readyAt - loadAt) / 1000,
		longestTaskMs: sorted[0]?.durationMs ?? 0,
		longTasks: tasks.length,
		longTasksTotalMs: tasks.reduce((sum, task) => sum + task.durationMs, 0),
		longest: sorted.slice(0, 5).map((task) => ({ startMs: Math.round(task.startMs - chosenAt), durationMs: Math.round(task.durationMs) }))
	};
}

export async function benchPageNetwork(options: { quick: boolean; streetsOnly: boolean; build: boolean }): Promise<PageNetworkFigures> {
	const scale = { ...(options.quick ? OSM_PBF_QUICK : OSM_PBF_FULL), ...(options.streetsOnly ? { walkableShare: 0.88 } : {}) };
	const directory = mkdtempSync(join(tmpdir(), 'health-circle-page-network-'));
	let server: ChildProcess | null = null;
	try {
		const file = writeSyntheticPbf(join(directory, 'city.osm.pbf'), scale);
		if (options.build) {
			const build = spawnSync(VITE, ['build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
			if (build.status !== 0) throw new Error('vite build failed');
		}
		server = spawn(VITE, ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore' });
		await waitForServer(ORIGIN, 60_000);
		const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
		try {
			const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
			await page.addInitScript({ content: INSTRUMENT });
			return await measure(page, file.path, file.bytes / (1024 * 1024));
		} finally {
			await browser.close();
		}
	} finally {
		server?.kill();
		rmSync(directory, { recursive: true, force: true });
	}
}

export function printPageNetwork(figures: PageNetworkFigures): void {
	console.log(`\nPage while loading a ${figures.fileMB.toFixed(1)} MB .osm.pbf through the import dialog (built app, headless Chromium):`);
	console.log(`  total ${figures.totalSeconds.toFixed(1)} s from choosing the file to coverage ready (${figures.afterLoadSeconds.toFixed(1)} s after "load")`);
	console.log(`  longest main-thread task ${figures.longestTaskMs.toFixed(0)} ms; ${figures.longTasks} long tasks (> 50 ms), ${(figures.longTasksTotalMs / 1000).toFixed(1)} s in all`);
	console.log(`  longest: ${figures.longest.map((task) => `${task.durationMs} ms at +${(task.startMs / 1000).toFixed(1)} s`).join(', ')}`);
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
	const figures = await benchPageNetwork({ quick: process.argv.includes('--quick'), streetsOnly: process.argv.includes('--streets-only'), build: !process.argv.includes('--no-build') });
	printPageNetwork(figures);
	console.log(JSON.stringify(figures, null, 2));
}
