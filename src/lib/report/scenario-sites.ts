/**
 * The scenario's sites for the report: every facility an edit touches (proposed, moved, changed,
 * closed), one row each in the order of its first edit, with its figures before → after. The rows
 * come from the edit list and the two facility lists the page (or the CLI) already has, so the
 * report shows exactly what the map and the indicators used.
 */
import type { ScenarioEdit, ScenarioEditKind } from '$lib/engine/scenario/edits';
import type { Facility } from '$lib/engine/types';
import { numberColumn, textColumn, type ColumnContext } from './columns';
import { facilityName, siteNumber } from './facility-name';
import type { ReportColumn, ReportTable } from './table';

export interface ScenarioSiteRow {
	id: string;
	/** Kinds of edit, in the order first made (an added site later changed: add, update). */
	kinds: ScenarioEditKind[];
	/** The facility in the baseline; null for a proposed site. */
	before: Facility | null;
	/** The facility in the scenario; null for a closed one. */
	after: Facility | null;
	/** The site as its add edit proposed it; null for a baseline facility. */
	proposed: Facility | null;
}

/**
 * The facility a row describes: as in the scenario, else as in the baseline, else as proposed (a site the
 * scenario adds and then closes is in neither list; reading it as present threw, and stopped the page's update).
 */
export const rowFacility = (row: ScenarioSiteRow): Facility => (row.after ?? row.before ?? row.proposed)!;

const editedId = (edit: ScenarioEdit) => (edit.kind === 'add' ? edit.facility.id : edit.id);

export function scenarioSiteRows(edits: readonly ScenarioEdit[], baseline: readonly Facility[], scenario: readonly Facility[]): ScenarioSiteRow[] {
	const before = new Map(baseline.map((facility) => [facility.id, facility]));
	const after = new Map(scenario.map((facility) => [facility.id, facility]));
	const rows = new Map<string, ScenarioSiteRow>();
	for (const edit of edits) {
		const id = editedId(edit);
		const row = rows.get(id) ?? { id, kinds: [], before: before.get(id) ?? null, after: after.get(id) ?? null, proposed: edit.kind === 'add' ? edit.facility : null };
		if (!row.kinds.includes(edit.kind)) row.kinds.push(edit.kind);
		rows.set(id, row);
	}
	return [...rows.values()];
}

/** Columns: change, id, name, type, sub-district, then status, area and beds before → after, position. */
export function scenarioSiteColumns(context: ColumnContext, subdistrictName: (code: string) => string | null): ReportColumn<ScenarioSiteRow>[] {
	const { translate: t, language } = context;
	const header = (key: string) => t(`report.site.${key}`);
	const list = (values: string[]) => values.join(language === 'en' ? ', ' : '、');
	const current = rowFacility;
	const status = (facility: Facility | null) => (facility ? t(`report.facilityStatus.${facility.status}`) : null);
	return [
		textColumn('change', header('change'), (row) => list(row.kinds.map((kind) => t(`report.site.kind.${kind}`)))),
		// The planner's own number: an existing facility's id from their file; a site the scenario adds, the number of
		// its default name ("拟建服务站 3" → 3), never the app's internal id ("proposed-…").
		textColumn('id', header('id'), (row) => siteNumber(current(row))),
		textColumn('name', header('name'), (row) => facilityName(current(row), t)),
		textColumn('type', header('type'), (row) => t(`report.facility.${current(row).type}`)),
		// A site outside every 街镇 is said so (its area and beds count in no 街镇 and not in the district total), never a bare "—".
		textColumn('subdistrict', header('subdistrict'), (row) => (current(row).subdistrict === '' ? header('outsideSubdistricts') : subdistrictName(current(row).subdistrict))),
		textColumn('statusBefore', header('statusBefore'), (row) => status(row.before)),
		textColumn('statusAfter', header('statusAfter'), (row) => status(row.after)),
		numberColumn('areaBefore', header('areaBefore'), 0, (row) => row.before?.areaM2 ?? null),
		numberColumn('areaAfter', header('areaAfter'), 0, (row) => row.after?.areaM2 ?? null),
		numberColumn('bedsBefore', header('bedsBefore'), 0, (row) => row.before?.beds ?? null),
		numberColumn('bedsAfter', header('bedsAfter'), 0, (row) => row.after?.beds ?? null),
		numberColumn('lon', header('lon'), 6, (row) => current(row).lon),
		numberColumn('lat', header('lat'), 6, (row) => current(row).lat)
	];
}

export function scenarioSitesTable(context: ColumnContext, rows: ScenarioSiteRow[], subdistrictName: (code: string) => string | null): ReportTable<ScenarioSiteRow> {
	return {
		id: 'sites',
		title: context.translate('report.section.sites'),
		sheetName: context.translate('report.sheet.sites'),
		columns: scenarioSiteColumns(context, subdistrictName),
		rows,
		total: null
	};
}
