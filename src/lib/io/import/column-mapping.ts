import type { ImportKind } from './formats';

/** Every target field a column can be mapped to, across the dataset kinds. */
export type TargetField =
	| 'id'
	| 'name'
	| 'type'
	| 'subdistrict'
	| 'lon'
	| 'lat'
	| 'area_m2'
	| 'beds'
	| 'status'
	| 'parent_id'
	| 'pop'
	| 'h3'
	| 'code'
	| 'name_en'
	| 'population';

/** Target field → column index in the table's headers. Unmapped fields are absent. */
export type ColumnMapping = Partial<Record<TargetField, number>>;

export interface FieldSpec {
	field: TargetField;
	/** Required unless the rows carry a geometry that supplies it (lon/lat) or an alternative is mapped (h3). */
	required: boolean;
}

/** The fields each kind reads, in the order the dialog lists them. */
export const FIELDS_BY_KIND: Record<ImportKind, FieldSpec[]> = {
	facilities: [
		{ field: 'name', required: true },
		{ field: 'type', required: true },
		{ field: 'lon', required: true },
		{ field: 'lat', required: true },
		{ field: 'id', required: false },
		{ field: 'subdistrict', required: false },
		{ field: 'area_m2', required: false },
		{ field: 'beds', required: false },
		{ field: 'status', required: false },
		{ field: 'parent_id', required: false }
	],
	population: [
		{ field: 'pop', required: true },
		{ field: 'lon', required: true },
		{ field: 'lat', required: true },
		{ field: 'h3', required: false }
	],
	subdistricts: [
		{ field: 'name', required: true },
		{ field: 'code', required: false },
		{ field: 'name_en', required: false },
		{ field: 'population', required: false }
	],
	network: [],
	/** Candidate parcels for site suggestion: a position, and the planner's name and id when the file has them. */
	parcels: [
		{ field: 'name', required: false },
		{ field: 'id', required: false },
		{ field: 'lon', required: true },
		{ field: 'lat', required: true }
	]
};

/**
 * Header synonyms per field, written in normalised form (see normaliseHeader). Order matters only for
 * readability; the matcher prefers exact matches, then the longest synonym contained in a header.
 */
const SYNONYMS: Record<TargetField, string[]> = {
	id: ['id', '编号', '机构编号', '机构代码', '序号', 'fid', 'objectid', 'facilityid', 'facility_id', 'no'],
	name: ['name', '名称', '机构名称', '单位名称', '站点名称', '机构', 'facilityname', 'facility', '名字'],
	type: ['type', '类型', '机构类型', '类别', '机构类别', 'category', 'kind', 'facilitytype', '设施类型'],
	subdistrict: ['subdistrict', '街道', '街镇', '所属街道', '所属街镇', '街道办事处', 'street', 'town', '镇', 'subdistrictname', '所在街道', '所在街镇'],
	lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度', '东经', 'x坐标', '坐标x', 'pointx', 'xcoord', 'easting', '横坐标'],
	lat: ['lat', 'latitude', 'y', '纬度', '北纬', 'y坐标', '坐标y', 'pointy', 'ycoord', 'northing', '纵坐标'],
	area_m2: ['area_m2', 'aream2', 'area', '建筑面积', '面积', 'buildingarea', '业务用房面积', '用房面积'],
	beds: ['beds', 'bed', '床位', '床位数', '床位数量', '核定床位', '开放床位', '住院床位', '编制床位'],
	status: ['status', '状态', '建设状态', '现状', '建设情况', 'state'],
	parent_id: ['parent_id', 'parentid', 'parent', '上级', '上级编号', '上级机构', '所属中心', '所属机构', '上级机构编号'],
	pop: ['pop', 'population', '人口', '常住人口', '人口数', '人数', 'residents', '总人口', 'value'],
	h3: ['h3', 'h3index', 'h3_index', 'h3cell', 'h3_cell', 'hex', 'hexid', 'cell'],
	code: ['code', '代码', '编码', '编号', '行政区划代码', 'adcode', '街道代码', '街镇代码', 'id'],
	name_en: ['name_en', 'nameen', '英文名', '英文名称', 'english', 'englishname', 'name_english'],
	population: ['population', 'pop', '人口', '常住人口', '人口数', '总人口', 'residents']
};

/** Name-like headers for sub-district polygons ("街道名称"); checked before the generic synonyms. */
const SUBDISTRICT_NAME_SYNONYMS = ['name', '名称', '街道', '街镇', '街道名称', '街镇名称', '乡镇', '乡镇名称'];

/** Parcel names and ids ("地块名称", "地块编号", "label"); checked before the generic synonyms. */
const PARCEL_SYNONYMS: Partial<Record<TargetField, string[]>> = {
	name: ['地块名称', '地块名', '地块', 'parcel', 'parcelname', 'plot', 'plotname', 'site', 'sitename', 'label', ...SYNONYMS.name],
	id: ['地块编号', '地块代码', '地块号', 'parcelid', 'plotid', 'siteid', ...SYNONYMS.id]
};

/** Lower case; drops spaces, brackets and the unit in headers like "建筑面积（㎡）" or "Area (m²)". */
export function normaliseHeader(header: string): string {
	return header
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[（(［\[【][^）)］\]】]*[）)］\]】]/g, '')
		.replace(/(平方米|㎡|m²|m2|张|个|人)$/u, '')
		.replace(/[\s\-_.:：*]/g, '')
		.trim();
}

/**
 * Proposes a mapping from the headers: an exact synonym wins, then the longest synonym that a header
 * contains (so "所属街道名称" goes to the sub-district, not to the name). One column per field and one
 * field per column. Single-letter synonyms (x, y) must match exactly.
 */
export function detectMapping(headers: readonly string[], kind: ImportKind): ColumnMapping {
	const fields = FIELDS_BY_KIND[kind].map((spec) => spec.field);
	const normalised = headers.map(normaliseHeader);
	const synonymsOf = (field: TargetField) =>
		kind === 'subdistricts' && field === 'name' ? SUBDISTRICT_NAME_SYNONYMS : kind === 'parcels' ? (PARCEL_SYNONYMS[field] ?? SYNONYMS[field]) : SYNONYMS[field];
	const mapping: ColumnMapping = {};
	const usedColumns = new Set<number>();

	const exact: { field: TargetField; column: number; rank: number }[] = [];
	for (const field of fields) {
		synonymsOf(field).forEach((synonym, rank) => {
			normalised.forEach((header, column) => {
				if (header === normaliseHeader(synonym)) exact.push({ field, column, rank });
			});
		});
	}
	exact.sort((a, b) => a.rank - b.rank || a.column - b.column);
	for (const { field, column } of exact) assign(field, column);

	const partial: { field: TargetField; column: number; length: number }[] = [];
	for (const field of fields) {
		for (const synonym of synonymsOf(field)) {
			const wanted = normaliseHeader(synonym);
			if (wanted.length < 2) continue;
			normalised.forEach((header, column) => {
				if (header !== wanted && header.includes(wanted)) partial.push({ field, column, length: wanted.length });
			});
		}
	}
	partial.sort((a, b) => b.length - a.length || a.column - b.column);
	for (const { field, column } of partial) assign(field, column);
	return mapping;

	function assign(field: TargetField, column: number): void {
		if (mapping[field] !== undefined || usedColumns.has(column)) return;
		mapping[field] = column;
		usedColumns.add(column);
	}
}

/** Required fields the mapping leaves out; lon/lat are not needed when rows carry geometry, nor when h3 is mapped. */
export function missingFields(mapping: ColumnMapping, kind: ImportKind, hasGeometry: boolean): TargetField[] {
	return FIELDS_BY_KIND[kind]
		.filter((spec) => spec.required && mapping[spec.field] === undefined)
		.map((spec) => spec.field)
		.filter((field) => !((field === 'lon' || field === 'lat') && (hasGeometry || mapping.h3 !== undefined)));
}

/** Keeps only fields of the kind that point at existing columns (a mapping from the dialog is untrusted input). */
export function sanitiseMapping(mapping: ColumnMapping, kind: ImportKind, columnCount: number): ColumnMapping {
	const allowed = new Set(FIELDS_BY_KIND[kind].map((spec) => spec.field));
	const clean: ColumnMapping = {};
	for (const [field, column] of Object.entries(mapping) as [TargetField, number | undefined][]) {
		if (allowed.has(field) && Number.isInteger(column) && column !== undefined && column >= 0 && column < columnCount) clean[field] = column;
	}
	return clean;
}
