/**
 * Writes the importer's test fixtures to tests/fixtures/import/ (run: npx tsx scripts/make-import-fixtures.ts).
 * Every file is derived from one set of true WGS84 positions in Jing'an, stored in expected.json, so that a
 * test can check an imported position against the truth, whatever the format, encoding or coordinate system.
 * The data are synthetic (positions, names, areas, beds); the four sub-district rectangles are not real borders.
 * How each file is made: see tests/fixtures/import/README.md; one module per fixture family in import-fixtures/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT, SUBDISTRICTS } from './import-fixtures/common';
import { GBK_BAD_ROWS, GBK_FIRST_BAD_ROW, writeFacilityTables } from './import-fixtures/facility-tables';
import { facilities } from './import-fixtures/facility-truth';
import { TITLE_HEADER_ROW, UNKNOWN_QUANTITY_ROWS, writeTitleRowCsv, writeTitleRowWorkbook, writeWorkbook } from './import-fixtures/facility-workbooks';
import { writeNetwork } from './import-fixtures/network';
import { writeParquetFixtures } from './import-fixtures/parquet';
import { grid, GRID_BAD_ROW_NUMBERS, h3Cells, RASTER, writePopulationFixtures } from './import-fixtures/population';
import { writeSubdistrictFixtures } from './import-fixtures/subdistricts';

writeFacilityTables();
writeSubdistrictFixtures();
writePopulationFixtures();
writeNetwork();

// The truth the tests compare against.
writeFileSync(
	join(OUT, 'expected.json'),
	JSON.stringify(
		{
			note: 'Synthetic fixtures made by scripts/make-import-fixtures.ts; positions are WGS84 truth.',
			facilities,
			gbkBadRows: GBK_BAD_ROWS.flatMap((bad, index) => (bad.kept ? [] : [{ row: GBK_FIRST_BAD_ROW + index, id: bad.cells[0], field: bad.field }])),
			gbkWarningRows: GBK_BAD_ROWS.flatMap((bad, index) => (bad.kept ? [{ row: GBK_FIRST_BAD_ROW + index, id: bad.cells[0], name: bad.cells[1], field: bad.field, value: String(bad.cells[bad.field === 'beds' ? 7 : 6]) }] : [])),
			subdistricts: SUBDISTRICTS,
			grid,
			gridBadRows: GRID_BAD_ROW_NUMBERS,
			h3: { resolution: 9, cells: h3Cells.size },
			raster: RASTER,
			titleRow: {
				headerRow: TITLE_HEADER_ROW,
				firstDataRow: TITLE_HEADER_ROW + 1,
				unknownQuantities: UNKNOWN_QUANTITY_ROWS.map((row, index) => ({ row: TITLE_HEADER_ROW + 1 + facilities.length + index, id: row.id, name: row.name, area: row.area, beds: row.beds }))
			}
		},
		null,
		'\t'
	) + '\n'
);

writeParquetFixtures();
writeTitleRowCsv();
await writeWorkbook();
await writeTitleRowWorkbook();
console.log(`fixtures written to ${OUT}`);
