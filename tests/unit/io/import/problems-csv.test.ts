import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { problemsToCsv, PROBLEM_CSV_COLUMNS } from '$lib/io/import/problems-csv';

const HEADERS = { row: '行号', name: '名称', column: '列', value: '原值', problem: '问题', outcome: '处理结果' };

describe('problem list download', () => {
	test('UTF-8 BOM, CRLF, quoted where needed, formula-like text neutralised; parses back to the same cells', () => {
		const csv = problemsToCsv(HEADERS, [
			{ row: 31, name: '床位为负服务站', column: '床位数', value: '-5', problem: '床位数“-5”不是有效数字', outcome: '已载入' },
			{ row: 25, name: '=HYPERLINK("http://x","点我")', column: '经度', value: '', problem: 'a, "b"\nc', outcome: '未载入' }
		]);
		expect(csv.startsWith('\ufeff')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
		expect(parsed[0]).toEqual(PROBLEM_CSV_COLUMNS.map((column) => HEADERS[column]));
		expect(parsed[1]).toEqual(['31', '床位为负服务站', '床位数', "'-5", '床位数“-5”不是有效数字', '已载入']);
		expect(parsed[2]).toEqual(['25', `'=HYPERLINK("http://x","点我")`, '经度', '', 'a, "b"\nc', '未载入']);
	});
});
