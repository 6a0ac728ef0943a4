import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './load-inputs';

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

/**
 * Runs a CLI script's main: a UsageError (a problem the user can fix) is printed as one line with exit
 * code 2; anything else is printed in full with exit code 1.
 */
export function runMain(main: () => Promise<void>): void {
	main().catch((error: unknown) => {
		if (error instanceof UsageError) {
			console.error(`error: ${error.message}`);
			process.exit(2);
		}
		console.error(error);
		process.exit(1);
	});
}
