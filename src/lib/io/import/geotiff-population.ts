import { positionProblem, quantityProblem } from '$lib/engine/plausibility';
import { tooLargeProblem } from '../fields';
import { FileFormatError, problemAt } from '../load-result';
import { explain } from '../problem-codes';
import { conversionLabel, makeToWgs84, parseCrs, type CrsId } from './crs';
import { registerCappedDecoders } from './geotiff-decoders';
import type { CrsGuess } from './crs-guess';
import { FloatColumn, formatPosition, ProblemList } from './pipeline';
import { estimateSpacingMetres } from './population-import';
import type { ImportContext, ImportNote, ImportOptions, PopulationImport, ProgressCallback, RasterInfo } from './types';
import { assignPointsToPolygons } from '$lib/engine/point-in-polygon';

/** User-defined GeoKey value: the raster carries its own parameters, which this importer does not read. */
const USER_DEFINED = 32767;

interface OpenedRaster {
	info: RasterInfo;
	origin: [number, number];
	declaredCrs: CrsId | null;
	readBand: () => Promise<ArrayLike<number>>;
}

/** Opens the first image of a GeoTIFF and reads its georeferencing (origin, pixel size, CRS, nodata). */
/** 50 million pixels: a 100 m WorldPop raster of all of China's east coast; far beyond one city. */
const MAX_RASTER_PIXELS = 50_000_000;

export async function openGeoTiff(bytes: Uint8Array): Promise<OpenedRaster> {
	const geotiff = await import('geotiff');
	registerCappedDecoders(geotiff);
	const { fromArrayBuffer } = geotiff;
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	try {
		const tiff = await fromArrayBuffer(buffer);
		const image = await tiff.getImage();
		const [originX, originY] = image.getOrigin();
		const [resolutionX, resolutionY] = image.getResolution();
		const info: RasterInfo = {
			width: image.getWidth(),
			height: image.getHeight(),
			bands: image.getSamplesPerPixel(),
			noData: image.getGDALNoData(),
			pixelSize: [resolutionX, resolutionY]
		};
		// A damaged or hostile header can claim billions of pixels; refuse before allocating for them.
		if (!(info.width > 0 && info.height > 0) || info.width * info.height > MAX_RASTER_PIXELS) {
			throw new FileFormatError(`the GeoTIFF claims ${info.width} × ${info.height} pixels: more than the ${MAX_RASTER_PIXELS.toLocaleString('en')} this tool reads`);
		}
		return {
			info,
			origin: [originX, originY],
			declaredCrs: rasterCrs(image.getGeoKeys() ?? {}),
			readBand: async () => {
				try {
					const bands = await image.readRasters({ samples: [0] });
					return bands[0] as ArrayLike<number>;
				} catch (error) {
					if (error instanceof FileFormatError) throw error;
					const detail = (error as Error).message.slice(0, 200);
					throw new FileFormatError(`the GeoTIFF's pixel data is damaged or uses an unsupported layout (${detail})`, 'damaged', { format: 'geotiff', detail });
				}
			}
		};
	} catch (error) {
		if (error instanceof FileFormatError) throw error;
		const detail = (error as Error).message.slice(0, 200);
		throw new FileFormatError(`cannot read this GeoTIFF (${detail}); it must be georeferenced (origin and pixel size)`, 'damaged', { format: 'geotiff', detail });
	}
}

function rasterCrs(keys: Record<string, unknown>): CrsId | null {
	const projected = keys.ProjectedCSTypeGeoKey;
	const geographic = keys.GeographicTypeGeoKey;
	if (typeof projected === 'number' && projected !== USER_DEFINED) return parseCrs(`EPSG:${projected}`);
	if (typeof geographic === 'number' && geographic !== USER_DEFINED) return parseCrs(`EPSG:${geographic}`);
	return null;
}

/**
 * A population raster (WorldPop 100 m, or any georeferenced single-band GeoTIFF): every pixel with a
 * positive value becomes a cell at the pixel centre; nodata, zero and NaN pixels are empty. Negative values
 * are rejected, reported by raster row and column.
 */
export async function importGeoTiffPopulation(
	fileName: string,
	bytes: Uint8Array,
	options: ImportOptions,
	context: ImportContext,
	onProgress: ProgressCallback = () => {}
): Promise<PopulationImport> {
	const raster = await openGeoTiff(bytes);
	const notes: ImportNote[] = [];
	const crs = options.crs ?? raster.declaredCrs ?? 'wgs84';
	if (!options.crs && !raster.declaredCrs) notes.push({ key: 'rasterCrsAssumed' });
	const guess: CrsGuess = { crs, confident: Boolean(raster.declaredCrs), reason: raster.declaredCrs ? 'declared' : 'no-coordinates', swapped: false };
	const toWgs84 = makeToWgs84(crs);
	onProgress('parse', 0);
	const values = await raster.readBand();
	const { width, height, noData, pixelSize } = raster.info;
	const [originX, originY] = raster.origin;
	const lon = new FloatColumn();
	const lat = new FloatColumn();
	const pop = new FloatColumn();
	// Each cell's pixel (raster row and column, from 1): how a cell outside every sub-district is listed.
	const pixelRows = new FloatColumn();
	const pixelColumns = new FloatColumn();
	const problems = new ProblemList();
	let nonEmpty = 0;
	for (let row = 0; row < height; row++) {
		for (let column = 0; column < width; column++) {
			const value = values[row * width + column];
			if (!Number.isFinite(value) || value === noData || value === 0) continue;
			nonEmpty++;
			if (value < 0) {
				problems.add(problemAt(row + 1, 'pixel', explain('pixel-negative', { column: String(column + 1), value: String(value) })));
				continue;
			}
			if (quantityProblem('residentsPerCell', value) !== null) {
				problems.add(problemAt(row + 1, 'pixel', tooLargeProblem('residentsPerCell', value)));
				continue;
			}
			const [x, y] = toWgs84(originX + (column + 0.5) * pixelSize[0], originY + (row + 0.5) * pixelSize[1]);
			if (positionProblem(x, y) !== null) {
				problems.add(problemAt(row + 1, 'pixel', explain('pixel-not-convertible', { column: String(column + 1) })));
				continue;
			}
			lon.push(x);
			lat.push(y);
			pop.push(value);
			pixelRows.push(row + 1);
			pixelColumns.push(column + 1);
		}
		if (row % 64 === 0) onProgress('parse', row / height);
	}
	const cells = { lon: lon.toArray(), lat: lat.toArray(), pop: pop.toArray() };
	const sizeM = estimateSpacingMetres(cells.lon, cells.lat);
	notes.push({ key: 'rasterCells', params: { width, height, cells: cells.lon.length } });

	// Each pixel outside every sub-district is listed (by raster row and column), like a CSV row outside them.
	let outsideCount: number | null = null;
	const warnings = new ProblemList();
	if ((context.subdistricts ?? []).length > 0) {
		const rowOf = pixelRows.toArray();
		const columnOf = pixelColumns.toArray();
		assignPointsToPolygons(cells.lon, cells.lat, [...(context.subdistricts ?? [])]).forEach((area, cell) => {
			if (area >= 0) return;
			warnings.add({ ...problemAt(rowOf[cell], 'pixel', explain('pixel-outside-subdistricts', { column: String(columnOf[cell]) })), value: formatPosition(cells.lon[cell], cells.lat[cell]) });
		});
		outsideCount = warnings.items.length + warnings.omitted;
	}
	let total = 0;
	for (const value of cells.pop) total += value;
	return {
		kind: 'population',
		fileName,
		format: 'geotiff',
		encoding: null,
		crs,
		crsGuess: guess,
		crsChosenBy: options.crsChosenByPlanner ? 'planner' : raster.declaredCrs && (options.crs ?? raster.declaredCrs) === raster.declaredCrs ? 'file' : 'detected',
		appliedConversion: conversionLabel(crs),
		mapping: null,
		headers: [],
		records: cells,
		loaded: cells.lon.length,
		skipped: nonEmpty - cells.lon.length,
		problems: problems.sorted(),
		omittedProblems: problems.omitted,
		warnings: warnings.sorted(),
		omittedWarnings: warnings.omitted,
		notes,
		shift: null,
		cellShape: { kind: 'grid', sizeM },
		cellPolygons: null,
		outsideCount,
		totalPopulation: total
	};
}
