/**
 * The command line counts in real English plurals: "skipped 1 record", "skipped 2 records", never "record(s)".
 * printProblems' stderr lines are caught and compared with the words written out by hand.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { counted, printProblems, STDERR_PROBLEMS_PER_FILE, type CliProblem } from '../../../scripts/lib/cli-output';

const problem = (row: number): CliProblem => ({ file: 'population.csv', row, field: 'pop', code: 'pop-not-number', reason: 'not a number', outcome: 'rejected' });

describe('CLI plurals', () => {
	afterEach(() => vi.restoreAllMocks());

	it('counted() picks the singular for one and the plural otherwise', () => {
		expect([0, 1, 2, 21].map((count) => counted(count, 'record'))).toEqual(['0 records', '1 record', '2 records', '21 records']);
		expect(counted(1, 'more rejected row')).toBe('1 more rejected row');
	});

	it('printProblems says "skipped 1 record" and "1 more rejected row", and plural for more', () => {
		const lines: string[] = [];
		vi.spyOn(console, 'warn').mockImplementation((text: string) => void lines.push(text));
		const one = Array.from({ length: STDERR_PROBLEMS_PER_FILE + 1 }, (_, index) => problem(index + 2));
		printProblems('population.csv', 1, one);
		printProblems('population.csv', 2, [...one, problem(99)]);
		expect(lines).toContain('warning: population.csv: skipped 1 record');
		expect(lines).toContain('warning: population.csv: 1 more rejected row listed in problems.csv');
		expect(lines).toContain('warning: population.csv: skipped 2 records');
		expect(lines).toContain('warning: population.csv: 2 more rejected rows listed in problems.csv');
		expect(lines.join('\n')).not.toContain('(s)');
	});
});
