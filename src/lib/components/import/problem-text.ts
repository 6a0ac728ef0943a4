import type { ImportFailure } from '$lib/app/import-workflow.svelte';
import type { Translate } from '$lib/i18n';
import type { RowProblem } from '$lib/io/load-result';

/**
 * A rejected row's reason in the page's language: the message `import.problem.<code>` with the problem's
 * params; the English reason when there is no such message (e.g. a result saved by an older version).
 */
export function problemText(translate: Translate, problem: Pick<RowProblem, 'code' | 'params' | 'reason'>): string {
	const key = `import.problem.${problem.code}`;
	const text = translate(key, problem.params ?? {});
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

/**
 * The failure in the page's language. A file refused for its size says how large it is and what fits
 * (sizes through `formatSize`); a worker that died says memory probably ran out; anything else wraps the
 * reader's own message.
 */
export function failureText(translate: Translate, failure: Failure, formatSize: (bytes: number) => string): string {
	const params = failure.params ?? {};
	if (failure.code === 'too-large' && typeof params.sizeBytes === 'number' && typeof params.limitBytes === 'number') {
		return translate('import.file.tooLarge', { size: formatSize(params.sizeBytes), limit: formatSize(params.limitBytes) });
	}
	if (failure.code === 'worker-stopped') return translate('import.error.workerStopped', { message: failure.message });
	return translate(failure.isFormatError ? 'import.error.format' : 'import.error.internal', { message: failure.message });
}
