import { fileStem } from '$lib/report/file-name';
import { reportTranslator, type ReportLanguage } from '$lib/report/translate';

/** Saves bytes or text as a file through a temporary object URL: nothing leaves the browser. */
export function downloadFile(fileName: string, content: Uint8Array | string, mimeType: string): void {
	const blob = new Blob([typeof content === 'string' ? content : (content.slice().buffer as ArrayBuffer)], { type: mimeType });
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A scenario file's name without extension in the UI's language, e.g. 健康圈方案-彭浦镇新增站-2026-12-04
 * (the report's own file names are GapReport.fileStem).
 */
export function scenarioFileStem(name: string, language: ReportLanguage, now: Date): string {
	return fileStem(reportTranslator(language), 'scenario', now, name);
}
