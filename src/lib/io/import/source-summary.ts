import type { SourceSummary } from '../dataset';
import { crsLabel } from './crs';
import type { ImportResult } from './types';

/** What a loaded file contributes to Dataset.sources (status bar, the report's data appendix). */
export function sourceSummary(result: ImportResult): SourceSummary {
	return {
		kind: result.kind,
		fileName: result.fileName,
		loaded: result.loaded,
		skipped: result.skipped,
		conversion: result.appliedConversion,
		coordinateSystem: { label: crsLabel(result.crs), chosenBy: result.crsChosenBy },
		encoding: result.encoding?.used ?? null,
		fromDemo: false
	};
}
