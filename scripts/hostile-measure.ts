/**
 * Time and memory of the readers on the hostile files of issue 26, at the issue's sizes. Each case runs in
 * its own process under /usr/bin/time -v (peak resident memory), reading a file written beforehand, through
 * importFile / inspectFile as the dialog's worker calls them (and loadNetworkFile for the CLI's networks):
 *
 *   tsx scripts/hostile-measure.ts            # writes the files to /tmp/hostile-files, measures every case
 *   tsx scripts/hostile-measure.ts read NAME  # one case (what the loop runs)
 *
 * Results go to stdout as a table; README "Loading a planner's own data" → Limits quotes them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile, inspectFile, type DatasetKind } from '$lib/io/import';
import { parseOsmPbf } from '$lib/io/osm/osm-pbf';
import { parseOsmXml } from '$lib/io/osm/osm-xml';
import { loadNetworkFile } from './lib/load-inputs';
import {
	geoTiffStripBomb,
	osmBadCoordinatesXml,
	osmWideIdsXml,
	parquetClaimingRows,
	pbfZlibBomb,
	shapefileZipBomb,
	shapefileZipClaimingRecords,
	wideCsv,
	zipWithDeclaredSize
} from './hostile-fixtures';

const DIR = '/tmp/hostile-files';
const GB = 1024 * 1024 * 1024;

interface Case {
	name: string;
	file: string;
	kind: DatasetKind;
	/** inspect: what the dialog runs when the file is chosen; import: the import itself; cli: loadNetworkFile. */
	entry: 'inspect' | 'import' | 'cli';
	build: () => Uint8Array;
}

const CASES: Case[] = [
	{ name: 'item 1: GeoParquet footer claiming 19,999,999 rows', file: 'rows.parquet', kind: 'facilities', entry: 'import', build: () => parquetClaimingRows(19_999_999) },
	{ name: 'item 2: CSV with 20,000 columns (inspection)', file: 'wide.csv', kind: 'facilities', entry: 'inspect', build: () => wideCsv(20_000) },
	{ name: 'item 3: .osm.pbf blob of 1 GB zeros (dialog)', file: 'bomb.osm.pbf', kind: 'network', entry: 'import', build: () => pbfZlibBomb(GB) },
	{ name: 'item 3: .osm.pbf blob of 1 GB zeros (CLI)', file: 'bomb.osm.pbf', kind: 'network', entry: 'cli', build: () => pbfZlibBomb(GB) },
	{ name: 'item 3: 16 × 16 GeoTIFF, strip of 1 GB zeros', file: 'bomb.tif', kind: 'population', entry: 'import', build: () => geoTiffStripBomb(GB) },
	{ name: 'item 3: zipped Shapefile, .dbf of 1 GB zeros', file: 'bomb.zip', kind: 'subdistricts', entry: 'import', build: () => shapefileZipBomb(GB) },
	{
		name: 'item 3: .xlsx with an entry of 1 GB zeros declaring 1,000 bytes',
		file: 'lying.xlsx',
		kind: 'facilities',
		entry: 'import',
		build: () => zipWithDeclaredSize(shapefileZipBomb(GB), 'areas.dbf', 1000)
	},
	{ name: 'item 4: zipped Shapefile, .dbf claiming 2 × 10^9 records', file: 'records.zip', kind: 'subdistricts', entry: 'inspect', build: () => shapefileZipClaimingRecords(2_000_000_000) },
	{ name: 'item 5: .osm with lat −5000, lon 1e300, NaN', file: 'coords.osm', kind: 'network', entry: 'import', build: () => new TextEncoder().encode(osmBadCoordinatesXml()) },
	{ name: 'item 14: .osm with 231 ids spanning 2^53', file: 'ids.osm', kind: 'network', entry: 'import', build: () => new TextEncoder().encode(osmWideIdsXml().xml) }
];

async function readCase(caseName: string): Promise<void> {
	const entry = CASES.find((candidate) => candidate.name === caseName);
	if (!entry) throw new Error(`no case ${caseName}`);
	const path = join(DIR, entry.file);
	const bytes = new Uint8Array(readFileSync(path));
	const start = performance.now();
	let outcome: string;
	try {
		if (entry.entry === 'cli') {
			const result = loadNetworkFile(path);
			outcome = `${result.loaded} lines, ${result.skipped} skipped`;
		} else if (entry.entry === 'inspect') {
			const inspection = await inspectFile({ kind: entry.kind, fileName: entry.file, bytes });
			outcome = `inspected: ${inspection.headers.length} columns`;
		} else {
			const result = await importFile({ kind: entry.kind, fileName: entry.file, bytes, osmReaders: { osmXml: parseOsmXml, osmPbf: parseOsmPbf } });
			outcome = `${result.loaded} loaded, ${result.skipped} skipped${result.problems[0] ? ` (${result.problems[0].reason})` : ''}`;
		}
	} catch (error) {
		const coded = error as Error & { code?: string };
		outcome = `refused${coded.code ? ` [${coded.code}]` : ''}: ${coded.message.slice(0, 110)}`;
	}
	console.log(JSON.stringify({ ms: Math.round(performance.now() - start), outcome }));
}

function measureAll(): void {
	mkdirSync(DIR, { recursive: true });
	for (const entry of CASES) {
		const path = join(DIR, entry.file);
		if (!existsSync(path)) writeFileSync(path, entry.build());
	}
	console.log('| case | file size | reader time | peak RSS (process) | outcome |');
	console.log('|---|---|---|---|---|');
	for (const entry of CASES) {
		const run = spawnSync('/usr/bin/time', ['-v', 'npx', 'tsx', 'scripts/hostile-measure.ts', 'read', entry.name], { encoding: 'utf8' });
		const line = run.stdout.split('\n').find((text) => text.startsWith('{'));
		const read = line ? (JSON.parse(line) as { ms: number; outcome: string }) : { ms: -1, outcome: `${run.stdout}${run.stderr}`.slice(0, 200) };
		// Peak resident memory of the whole process (Node + tsx + the reader), as /usr/bin/time reports it.
		const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
		const rssMb = maxRss ? Math.round(Number(maxRss[1]) / 1024) : -1;
		const size = statSync(join(DIR, entry.file)).size;
		console.log(`| ${entry.name} | ${size.toLocaleString('en')} B | ${read.ms} ms | ${rssMb} MB | ${read.outcome.replace(/\|/g, '/')} |`);
	}
}

if (process.argv[2] === 'read') await readCase(process.argv.slice(3).join(' '));
else measureAll();
