/**
 * Text from the planner's files (facility, sub-district, scenario and file names) shown next to other text
 * must not reorder it: a name holding a right-to-left override (U+202E) would otherwise reverse the
 * coordinates or figures that follow it. Wrapping it in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
 * (the plain-text form of <bdi>) confines its direction to itself; unterminated embeddings and overrides
 * inside it end at the PDI. Works inside i18n messages, attributes, tooltips and <option>s alike.
 */
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

export function isolate(text: string): string {
	return `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}`;
}
