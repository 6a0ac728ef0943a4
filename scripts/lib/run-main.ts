import { UsageError } from './load-inputs';

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
