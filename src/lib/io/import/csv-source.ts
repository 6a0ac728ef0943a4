import Papa from 'papaparse';
import { FileFormatError } from '../load-result';
import type { ImportKind } from './formats';
import { chooseHeaderRow } from './header-row';
import { checkColumnCount, headerNames, PREVIEW_ROWS, type RawRow, type TableSource } from './table-source';

export interface CsvSourceOptions {
	fileLabel?: string;
	/** The kind being imported: the header is the row that names its columns (see header-row.ts). */
	kind?: ImportKind;
	/** The planner's header row (file row number, 1-based); default: detected. */
	headerRow?: number;
}

const CHUNK_CHARS = 4 * 1024 * 1024;

/**
 * A CSV table over decoded text. The preview parses only the first rows; forEachRow streams the whole text
 * through papaparse in chunks, so a 200 MB file never exists as one array of rows. Row numbers are record
 * numbers of the file, as in a spreadsheet (blank lines and title lines above the header count, as in Excel).
 */
export function csvTableSource(text: string, options: CsvSourceOptions = {}): TableSource {
	const { fileLabel = 'CSV' } = options;
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const head = Papa.parse<string[]>(source.slice(0, 256 * 1024), { preview: PREVIEW_ROWS + 200, skipEmptyLines: false });
	const delimiter = head.meta.delimiter || ',';
	if (!head.data.some((cells) => cells.some((cell) => cell.trim() !== ''))) throw new FileFormatError(`${fileLabel}: the file is empty (or its first rows are blank)`);
	// The header is one of these first rows: none may be wider than a table can be (checked before scoring them).
	checkColumnCount(head.data.reduce((widest, cells) => Math.max(widest, cells.length), 0));
	const header = chooseHeaderRow(
		head.data.map((cells, index) => ({ row: index + 1, cells })),
		options.kind ?? null,
		options.headerRow
	);
	const headerIndex = header.row - 1;
	const headers = headerNames(head.data[headerIndex]);
	const preview: RawRow[] = [];
	for (let index = headerIndex + 1; index < head.data.length && preview.length < PREVIEW_ROWS; index++) {
		// The last previewed line may be cut by the 256 KB slice: only complete lines are kept.
		if (index === head.data.length - 1 && source.length > 256 * 1024) break;
		const cells = head.data[index];
		if (cells.every((cell) => cell.trim() === '')) continue;
		preview.push({ row: index + 1, cells });
	}
	return {
		headers,
		hasGeometry: false,
		preview,
		header,
		rowCount: null,
		forEachRow: async (visit, onProgress) => streamRows(source, delimiter, headerIndex, visit, onProgress)
	};
}

function streamRows(
	source: string,
	delimiter: string,
	headerIndex: number,
	visit: (row: RawRow) => void,
	onProgress?: (fraction: number) => void
): void {
	let recordIndex = 0;
	// papaparse streams strings in chunks too (StringStreamer), synchronously; its types only describe files.
	Papa.parse<string[]>(source, {
		delimiter,
		skipEmptyLines: false,
		chunkSize: CHUNK_CHARS,
		chunk(results: Papa.ParseResult<string[]>) {
			for (const cells of results.data) {
				const index = recordIndex++;
				if (index <= headerIndex) continue;
				if (cells.length === 1 && cells[0].trim() === '') continue;
				if (cells.every((cell) => cell.trim() === '')) continue;
				visit({ row: index + 1, cells });
			}
			onProgress?.(Math.min(1, results.meta.cursor / Math.max(1, source.length)));
		},
		complete() {}
	});
}
