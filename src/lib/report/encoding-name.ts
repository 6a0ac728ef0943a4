import { TEXT_ENCODINGS } from '$lib/io/import/encoding';
import type { Translate } from './translate';

/**
 * A text encoding as a planner reads it ("GB18030（简体中文）" / "GB18030 (Simplified Chinese)"), never the
 * decoder's label ("gb18030"): the one wording of the report, the CSV/XLSX provenance and the data-sources panel.
 * A label outside the import's encodings is shown as given, in capitals.
 */
export function encodingName(encoding: string, translate: Translate): string {
	const known = (TEXT_ENCODINGS as readonly string[]).includes(encoding.toLowerCase());
	return known ? translate(`report.encoding.${encoding.toLowerCase()}`) : translate('report.encoding.other', { name: encoding.toUpperCase() });
}
