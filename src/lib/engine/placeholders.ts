/**
 * Fills `{name}` placeholders of an English message from its params: the one rule behind every coded
 * problem's English reason (import rows, standards profiles). A missing param stays visible as `{name}`
 * rather than vanishing.
 */
export function fillPlaceholders(template: string, params: Readonly<Record<string, string | number>> = {}): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
