import { PLAUSIBLE_LIMITS, quantityProblem, type PlausibleQuantity } from '$lib/engine/plausibility';
import { explain, type Explained, type RowProblemCode } from './problem-codes';

/** Small, strict readers for one cell of a table: they return a value or a reason it was rejected. */

/** Why a number was rejected; `raw` is the cell as written (clipped), for the message. */
export type NumberFailure = 'missing' | 'not-number' | 'not-finite' | 'negative' | 'too-large';
export type FieldResult<T, F extends NumberFailure = NumberFailure> = { ok: true; value: T } | { ok: false; failure: F; raw: string; reason: string };

const MISSING = new Set(['', 'na', 'n/a', 'null', '-', '—', '无']);

export function isBlank(raw: unknown): boolean {
	return raw === null || raw === undefined || MISSING.has(String(raw).trim().toLowerCase());
}

/** Parses a number written with optional thousands separators ("1,200", "1 200") or full-width digits. */
export function readNumber(raw: unknown): FieldResult<number, 'missing' | 'not-number' | 'not-finite'> {
	if (typeof raw === 'number') {
		return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, failure: 'not-finite', raw: String(raw), reason: 'not a finite number' };
	}
	const text = String(raw ?? '')
		.trim()
		.replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
		.replace(/(?<=\d)[,\s](?=\d{3}\b)/g, '');
	if (text === '') return { ok: false, failure: 'missing', raw: '', reason: 'missing' };
	if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return { ok: false, failure: 'not-number', raw: clip(String(raw)), reason: `not a number: "${clip(String(raw))}"` };
	const value = Number(text);
	// "1e309" matches the pattern but is Infinity: not a quantity anyone can plan with.
	if (!Number.isFinite(value)) return { ok: false, failure: 'not-finite', raw: clip(String(raw)), reason: `not a finite number: "${clip(String(raw))}"` };
	return { ok: true, value };
}

/** An optional quantity (area, beds): blank is unknown (null), never zero; a number within the plausible limits. */
export function readOptionalQuantity(raw: unknown, kind: 'areaM2' | 'beds'): FieldResult<number | null, 'not-number' | 'not-finite' | 'negative' | 'too-large'> {
	if (isBlank(raw)) return { ok: true, value: null };
	const parsed = readNumber(raw);
	// Blank was handled above, so a failure here is never "missing".
	if (!parsed.ok) return { ...parsed, failure: parsed.failure === 'missing' ? 'not-number' : parsed.failure };
	const problem = quantityProblem(kind, parsed.value);
	if (problem === 'negative') return { ok: false, failure: 'negative', raw: String(parsed.value), reason: `negative: ${parsed.value}` };
	if (problem === 'too-large') return { ok: false, failure: 'too-large', raw: String(parsed.value), reason: `above ${PLAUSIBLE_LIMITS[kind]}: ${parsed.value}` };
	return parsed;
}

/** The problem of a quantity above its plausible limit (area, beds, a cell's or a sub-district's residents). */
export function tooLargeProblem(kind: PlausibleQuantity, value: number): Explained {
	const params = { value: String(value), limit: String(PLAUSIBLE_LIMITS[kind]) };
	if (kind === 'areaM2') return explain('area-too-large', params);
	if (kind === 'beds') return explain('beds-too-large', params);
	return explain('pop-too-large', params);
}

/**
 * The problem for a rejected number in a named column: `lat` + not-number → "lat-not-number" with the raw
 * value. Negative values have their own codes where they are a rule of the data (negative-population).
 */
export function numberProblem(
	column: 'lon' | 'lat' | 'x' | 'y' | 'pop',
	failed: { failure: 'missing' | 'not-number' | 'not-finite'; raw: string }
): Explained;
export function numberProblem(column: 'area' | 'beds', failed: { failure: 'not-number' | 'not-finite' | 'negative' | 'too-large'; raw: string }): Explained;
export function numberProblem(column: string, failed: { failure: NumberFailure; raw: string }): Explained {
	if (failed.failure === 'too-large') return tooLargeProblem(column === 'area' ? 'areaM2' : 'beds', Number(failed.raw));
	const code = `${column}-${failed.failure}` as RowProblemCode;
	return failed.failure === 'missing' ? explain(code) : explain(code, { value: failed.raw });
}

export function clip(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A count of residents (a population cell's, or a sub-district's census figure): a finite, non-negative
 * number within its plausible limit, or the explained reason it is not one.
 */
export function readResidents(raw: unknown, kind: 'residentsPerCell' | 'subdistrictResidents'): { ok: true; value: number } | ({ ok: false } & Explained) {
	const parsed = readNumber(raw);
	if (!parsed.ok) return { ok: false, ...numberProblem('pop', parsed) };
	const problem = quantityProblem(kind, parsed.value);
	if (problem === 'negative') return { ok: false, ...explain('negative-population', { value: String(parsed.value) }) };
	if (problem === 'too-large') return { ok: false, ...tooLargeProblem(kind, parsed.value) };
	return parsed;
}
