import type { ImportFailure } from '$lib/app/import-workflow.svelte';
import type { Translate } from '$lib/i18n';
import { isolate } from '$lib/i18n/bidi';
import type { RowProblem } from '$lib/io/load-result';

/** How a value from the planner's file is set inside a message: isolated on screen, as written in a downloaded CSV. */
export type ValueWrap = (value: string) => string;
export const asWritten: ValueWrap = (value) => value;

/** A coded problem: a row's (RowProblem) or a standards profile's (ProfileProblem), with its English reason. */
export type CodedProblem = Pick<RowProblem, 'reason'> & { code: string; params?: Readonly<Record<string, string | number>> };

/**
 * A rejected row's reason in the page's language: the message `<namespace>.<code>` with the problem's
 * params; the English reason when there is no such message (e.g. a result saved by an older version).
 * Text params come from the file (a cell, a name, an id): on screen they are bidi-isolated, so a value
 * holding a right-to-left override cannot reorder the words and figures around it. The namespace is
 * `import.problem` for a file's rows, `standards.problem` for a standards profile.
 */
export function problemText(translate: Translate, problem: CodedProblem, wrapValue: ValueWrap = isolate, namespace = 'import.problem'): string {
	const key = `${namespace}.${problem.code}`;
	const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([name, value]) => [name, typeof value === 'string' ? wrapValue(value) : value]));
	const text = translate(key, params);
	return text === key ? problem.reason : text;
}

/** A field name in the page's language; the raw name when there is no message for it. */
export function fieldText(translate: Translate, field: string | undefined): string {
	if (!field) return '';
	const key = `import.field.${field}`;
	const text = translate(key);
	return text === key ? field : text;
}

export type Failure = ImportFailure;

/** Whole-file refusals worded from their params (see FileErrorCode in io/load-result.ts): i18n key per code. */
const CODED_FAILURES: Record<string, string> = {
	damaged: 'import.error.damaged',
	'inflate-limit': 'import.error.inflateLimit',
	'claims-beyond-file': 'import.error.claimsBeyondFile',
	'too-many-columns': 'import.error.tooManyColumns'
};

/** A failure as the dialog shows it: a sentence in the page's language, and apart from it the reader's own words. */
export interface FailureDescription {
	sentence: string;
	/** The technical detail from the reader (exceljs, fflate, the OSM readers: English); null when there is none. */
	detail: string | null;
}

/**
 * The failure in the page's language, naming the file. A file refused for its size says how large it is and
 * what fits (sizes through `formatSize`); a worker that died says memory probably ran out; a damaged file, a
 * decompression bomb, a header claiming more rows than the file holds and a too-wide table are worded from
 * their params. The readers' own messages are English: they never enter the sentence, and are given as the
 * detail, which the dialog marks as technical.
 */
export function describeFailure(translate: Translate, failure: Failure, formatSize: (bytes: number) => string, rawFileName: string): FailureDescription {
	const params = failure.params ?? {};
	// The file's name is the planner's text: isolated like every other name from their files.
	const fileName = isolate(rawFileName);
	const detailOf = (text: unknown) => (typeof text === 'string' && text.trim() !== '' ? text : null);
	if (failure.code === 'too-large' && typeof params.sizeBytes === 'number' && typeof params.limitBytes === 'number') {
		return { sentence: translate('import.file.tooLarge', { size: formatSize(params.sizeBytes), limit: formatSize(params.limitBytes) }), detail: null };
	}
	// Files the importer cannot read at all: worded in the page's language, not the reader's English.
	if (failure.code === 'unrecognised-format') {
		return { sentence: translate('import.error.unrecognised-format', { name: typeof params.name === 'string' && params.name ? isolate(params.name) : fileName }), detail: null };
	}
	if (failure.code === 'worker-stopped') return { sentence: translate('import.error.workerStopped'), detail: detailOf(failure.message) };
	const key = failure.code ? CODED_FAILURES[failure.code] : undefined;
	if (key) {
		const values: Record<string, string | number> = { ...params, file: fileName };
		if (typeof params.format === 'string') values.format = translate(`import.format.${params.format}`);
		// A byte limit (decompression) is shown as a size; a column limit stays a count.
		if (typeof params.limitBytes === 'number') values.limit = formatSize(params.limitBytes);
		return { sentence: translate(key, values), detail: detailOf(params.detail) };
	}
	return { sentence: translate(failure.isFormatError ? 'import.error.format' : 'import.error.internal', { file: fileName }), detail: detailOf(failure.message) };
}

/** The failure's sentence alone (see describeFailure). */
export function failureText(translate: Translate, failure: Failure, formatSize: (bytes: number) => string, rawFileName: string): string {
	return describeFailure(translate, failure, formatSize, rawFileName).sentence;
}
