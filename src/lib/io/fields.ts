/** Small, strict readers for one cell of a table: they return a value or a reason it was rejected. */

export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const MISSING = new Set(['', 'na', 'n/a', 'null', '-', '—', '无']);

export function isBlank(raw: unknown): boolean {
	return raw === null || raw === undefined || MISSING.has(String(raw).trim().toLowerCase());
}

/** Parses a number written with optional thousands separators ("1,200", "1 200") or full-width digits. */
export function readNumber(raw: unknown): FieldResult<number> {
	if (typeof raw === 'number') {
		return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, reason: 'not a finite number' };
	}
	const text = String(raw ?? '')
		.trim()
		.replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
		.replace(/(?<=\d)[,\s](?=\d{3}\b)/g, '');
	if (text === '') return { ok: false, reason: 'missing' };
	if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return { ok: false, reason: `not a number: "${clip(String(raw))}"` };
	const value = Number(text);
	// "1e309" matches the pattern but is Infinity: not a quantity anyone can plan with.
	if (!Number.isFinite(value)) return { ok: false, reason: `not a finite number: "${clip(String(raw))}"` };
	return { ok: true, value };
}

/** An optional non-negative quantity (area, beds): blank is unknown (null), never zero. */
export function readOptionalQuantity(raw: unknown): FieldResult<number | null> {
	if (isBlank(raw)) return { ok: true, value: null };
	const parsed = readNumber(raw);
	if (!parsed.ok) return parsed;
	if (parsed.value < 0) return { ok: false, reason: `negative: ${parsed.value}` };
	return parsed;
}

export function clip(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}
