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

/** A file name stem with the date, e.g. health-circle-gap-report-2026-11-23. */
export function reportFileStem(now: Date): string {
	return `health-circle-gap-report-${now.toISOString().slice(0, 10)}`;
}
