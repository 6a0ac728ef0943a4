import { isBlank, readNumber } from '../fields';

/**
 * The units that may follow each quantity in district lists (after NFKC: ㎡ and m² become "m2"). Each its own:
 * an area of "300张" or a bed count of "300㎡" is a figure in the wrong column, not one to read.
 */
const UNITS = { area: /\s*(平方米|平米|平方|m2|sqm)$/iu, beds: /\s*(张|床|个)$/iu } as const;
export type FacilityQuantity = keyof typeof UNITS;

/** `negative`: a number below zero (worded as such), not text that is no number at all. */
export type QuantityReading = { ok: true; value: number | null } | { ok: false; raw: string; negative: boolean };

/**
 * An area or bed count as district lists write it: "1,200 m²", "1200平方米", "20张", full-width "５００"
 * are exact and read as numbers; blank (or 无, —) is unknown. Anything else — "暂无", "待核实", an
 * approximation ("约300", "300左右"), a range ("200-300"), a negative count — is not a figure a plan can
 * rest on: the caller keeps the facility with the value unknown (null, never 0) and lists a warning.
 */
export function readFacilityQuantity(raw: unknown, quantity: FacilityQuantity): QuantityReading {
	if (isBlank(raw)) return { ok: true, value: null };
	if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? { ok: true, value: raw } : { ok: false, raw: String(raw), negative: raw < 0 };
	const text = String(raw).normalize('NFKC').trim();
	const parsed = readNumber(text.replace(UNITS[quantity], ''));
	if (!parsed.ok || parsed.value < 0) return { ok: false, raw: String(raw).trim(), negative: parsed.ok };
	return { ok: true, value: parsed.value };
}
