/**
 * Download file names in the report's language: 健康圈缺口报告-2026-12-04.xlsx or
 * health-circle-gap-report-2026-12-04.xlsx; a scenario's report carries the scenario's name, made
 * safe for Windows, macOS and Linux file systems. The date is the report's own (its time zone), not
 * UTC's: before 08:00 in Shanghai UTC still has yesterday.
 */
import type { Translate } from './translate';

/** Longest name part kept from a planner's text (file systems allow 255 bytes; CJK takes 3 each). */
const MAX_PART = 60;

// Exported for the tests only, which check unsafe names one by one.
/**
 * A planner's text as part of a file name: characters Windows forbids (\ / : * ? " < > |) and control
 * characters become '-', white space runs one '-', leading and trailing dots, dashes and spaces go
 * (Windows drops a trailing dot), and it is cut to MAX_PART characters. '' when nothing is left.
 */
export function safeFileNamePart(text: string): string {
	const cleaned = text
		// eslint-disable-next-line no-control-regex
		.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '-')
		.replace(/\s+/g, '-')
		.replace(/-{2,}/g, '-');
	return [...cleaned].slice(0, MAX_PART).join('').replace(/^[-.]+|[-.]+$/g, '');
}

// Exported for the tests only, which check the date part across time zones.
/** YYYY-MM-DD of `date` in `timeZone` (default: the runtime's). */
export function fileDate(date: Date, timeZone?: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
	const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `<prefix>[-<name>]-<date>` with the prefix from the report bundle (`report.file.<kind>`). */
export function fileStem(translate: Translate, kind: 'report' | 'scenario', date: Date, name: string | null, timeZone?: string): string {
	const named = name === null ? '' : safeFileNamePart(name);
	return [translate(`report.file.${kind}`), named, fileDate(date, timeZone)].filter((part) => part !== '').join('-');
}

