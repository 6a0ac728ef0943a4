/**
 * What the command-line tools print and write about bad input: text from the planner's files echoed with
 * its control characters escaped (a file must not retitle the terminal, clear it or hide text with NUL),
 * every rejected row and warning in `problems.csv` beside the outputs (the first ones on stderr too), and
 * the one way a script ends on an error: one line, exit code 2 for bad input, never a stack trace.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { csvField } from '$lib/engine/spreadsheet-text';
import type { LoadResult, RowProblem } from '$lib/io/load-result';
import { FileFormatError } from '$lib/io/load-result';

/** A problem the user can fix: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Parsed command-line values (no option is `multiple`, so each is one string or boolean). */
export type ArgValues = Record<string, string | boolean | undefined>;

/**
 * A script's arguments: `options` plus --help, which prints `usage` and exits 0. An unknown or malformed
 * option is a UsageError.
 */
export function readArgs(argv: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): ArgValues {
	let values: ArgValues;
	try {
		({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', default: false } } }) as { values: ArgValues });
	} catch (error) {
		throw new UsageError(`${(error as Error).message} (--help for usage)`);
	}
	if (values.help) {
		console.log(usage);
		process.exit(0);
	}
	return values;
}

/** Problems of one file printed to stderr; the rest are only in problems.csv. */
export const STDERR_PROBLEMS_PER_FILE = 20;
export const PROBLEMS_FILE = 'problems.csv';

/**
 * C0 and C1 control characters (ESC starts terminal sequences, NUL, BEL, …), DEL, and the bidirectional
 * controls that reorder what follows them, as visible \\u escapes; tab stays a tab.
 */
export function printable(text: string): string {
	return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const ENGLISH_PLURAL = new Intl.PluralRules('en');

/** A count with its noun in real English ("1 record", "2 records"): the command line never says "record(s)". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
	return `${count} ${ENGLISH_PLURAL.select(count) === 'one' ? singular : plural}`;
}

export function warn(text: string): void {
	console.warn(`warning: ${printable(text)}`);
}

/** One listed problem of an input file: rejected (the row was not loaded) or a warning (kept). */
export interface CliProblem extends RowProblem {
	file: string;
	outcome: 'rejected' | 'warning';
}

export function describeProblem(problem: RowProblem): string {
	return `row ${problem.row}${problem.field ? ` ${problem.field}` : ''}: ${problem.reason}`;
}

/** The problems of one loaded file, rejected rows then warnings, each in row order. */
export function problemsOf(file: string, result: Pick<LoadResult<unknown>, 'problems'> & { warnings?: RowProblem[] }): CliProblem[] {
	const rejected = result.problems.map((problem): CliProblem => ({ ...problem, file, outcome: 'rejected' }));
	const warnings = (result.warnings ?? []).map((problem): CliProblem => ({ ...problem, file, outcome: 'warning' }));
	return [...rejected, ...warnings];
}

/** The first problems of a file on stderr, with a pointer to problems.csv for the rest. */
export function printProblems(file: string, skipped: number, problems: readonly CliProblem[]): void {
	const rejected = problems.filter((problem) => problem.outcome === 'rejected');
	const warnings = problems.filter((problem) => problem.outcome === 'warning');
	if (skipped > 0) warn(`${file}: skipped ${counted(skipped, 'record')}`);
	for (const [label, list] of [['rejected', rejected], ['kept', warnings]] as const) {
		for (const problem of list.slice(0, STDERR_PROBLEMS_PER_FILE)) warn(`${file}: ${label} ${describeProblem(problem)}`);
		if (list.length > STDERR_PROBLEMS_PER_FILE) warn(`${file}: ${counted(list.length - STDERR_PROBLEMS_PER_FILE, `more ${label} row`)} listed in ${PROBLEMS_FILE}`);
	}
}

/** What summary.json and indicators.json say of the problems: the file and the counts. */
export interface ProblemsSummary {
	file: string | null;
	rejectedRows: number;
	warnings: number;
	byInput: Record<string, { rejectedRows: number; warnings: number }>;
}

/**
 * Writes DIR/problems.csv (file, row, field, code, problem, outcome; UTF-8 with BOM; text neutralised against
 * formulas and control characters escaped) when there is any problem, and returns its summary.
 */
export function writeProblems(outDir: string, problems: readonly CliProblem[]): ProblemsSummary {
	const byInput: ProblemsSummary['byInput'] = {};
	for (const problem of problems) {
		const counts = (byInput[problem.file] ??= { rejectedRows: 0, warnings: 0 });
		if (problem.outcome === 'rejected') counts.rejectedRows++;
		else counts.warnings++;
	}
	const rejectedRows = problems.filter((problem) => problem.outcome === 'rejected').length;
	if (problems.length === 0) return { file: null, rejectedRows: 0, warnings: 0, byInput };
	const lines = ['file,row,field,code,problem,outcome'];
	for (const problem of problems) lines.push([csvField(printable(problem.file)), problem.row, csvField(problem.field ?? ''), problem.code, csvField(printable(problem.reason)), problem.outcome].join(','));
	writeFileSync(join(outDir, PROBLEMS_FILE), `\ufeff${lines.join('\r\n')}\r\n`);
	return { file: PROBLEMS_FILE, rejectedRows, warnings: problems.length - rejectedRows, byInput };
}

/**
 * Runs a script's main: bad input (a UsageError, a file that cannot be read) is one line and exit code 2;
 * anything else is one line and exit code 1. Never a stack trace: input too deep or too large for the
 * engine is still bad input, and the line says what failed.
 */
export function runCli(main: () => Promise<void>): void {
	main().catch((error: unknown) => {
		const message = printable(error instanceof Error ? error.message : String(error)).split('\\u000a')[0];
		if (error instanceof UsageError || error instanceof FileFormatError) {
			console.error(`error: ${message}`);
			process.exit(2);
		}
		console.error(`error: internal failure (${message}); please report it with the command line`);
		process.exit(1);
	});
}
