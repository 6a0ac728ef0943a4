/** The part of shpjs 6 the importer uses (the package ships no types). */
declare module 'shpjs' {
	/** Geometries of a .shp, reprojected to WGS84 only when a .prj text is given. */
	export function parseShp(shp: DataView | ArrayBuffer | Uint8Array, prj?: string): unknown[];
	/** Attribute rows of a .dbf, decoded with the .cpg encoding label when given. */
	export function parseDbf(dbf: DataView | ArrayBuffer | Uint8Array, cpg?: string): Record<string, unknown>[];
	export default function getShapefile(base: ArrayBuffer | Uint8Array | string): Promise<unknown>;
}
