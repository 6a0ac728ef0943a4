import { LABEL_FONT_FAMILY } from '$lib/map/layers';
import { drawFacilitySymbol } from '$lib/map/facility-icons';
import { NORTH_ARROW_BOX, NORTH_ARROW_PATH, scaleBar } from '$lib/report/map-furniture';
import type { LegendLine } from './legend-text';
import type { MapSheetText } from './map-sheet';

/** Everything drawn around and over the map picture. */
export interface MapSheet extends MapSheetText {
	legendTitle: string;
	legend: LegendLine[];
	/** Ground width of the picture (metres) and the map's bearing (degrees), as for the printed report. */
	widthMetres: number;
	bearing: number;
	scaleText: (metres: number) => string;
	northLetter: string;
}

const HEADER = 64;
const FOOTER_LINE = 18;
const PAD = 12;

function loadImage(url: string): Promise<HTMLImageElement> {
	return new Promise((resolve, reject) => {
		const image = new Image();
		image.onload = () => resolve(image);
		image.onerror = () => reject(new Error('the map picture could not be read'));
		image.src = url;
	});
}

const font = (size: number, weight = 400) => `${weight} ${size}px ${LABEL_FONT_FAMILY}`;
const rgba = (color: readonly number[]) => `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${Math.max(color[3], 160) / 255})`;

/**
 * The map as a picture a planner can paste into a document: a title band (dataset, scenario, view,
 * threshold), the map with its legend, scale bar and north arrow, and a footer (date, data source,
 * which layers are synthetic). The scale bar and north arrow are the printed report's (report/map-furniture).
 */
export async function composeMapPng(mapUrl: string, sheet: MapSheet): Promise<string> {
	const map = await loadImage(mapUrl);
	const ratio = window.devicePixelRatio || 1;
	const mapWidth = map.width / ratio;
	const mapHeight = map.height / ratio;
	const canvas = document.createElement('canvas');
	const measure = canvas.getContext('2d');
	if (!measure) throw new Error('no 2D canvas');
	// The legend stands in a column right of the map, never over it (over it, it hid the district's south at 1024 px).
	const legend = legendSize(measure, sheet);
	const width = mapWidth + legend.width + 2 * PAD;
	measure.font = font(12);
	// Footer lines wrap at the picture's width (a long list of files is never squeezed or cut).
	const footer = sheet.footer.flatMap((line) => wrapText(measure, line, width - 2 * PAD));
	const footerHeight = PAD + footer.length * FOOTER_LINE + PAD / 2;
	const height = HEADER + Math.max(mapHeight, legend.height) + footerHeight;
	canvas.width = Math.round(width * ratio);
	canvas.height = Math.round(height * ratio);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no 2D canvas');
	context.scale(ratio, ratio);
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.textBaseline = 'top';

	// Title band.
	context.fillStyle = '#111';
	context.font = font(20, 700);
	context.fillText(sheet.title, PAD, PAD, width - 2 * PAD);
	context.font = font(14);
	context.fillStyle = '#333';
	context.fillText(sheet.subtitle, PAD, PAD + 28, width - 2 * PAD);

	context.drawImage(map, 0, HEADER, mapWidth, mapHeight);
	context.strokeStyle = '#999';
	context.strokeRect(0.5, HEADER + 0.5, mapWidth - 1, mapHeight - 1);

	drawLegend(context, sheet, mapWidth + PAD, HEADER, legend);
	drawScaleBar(context, sheet, mapWidth - PAD, HEADER + mapHeight - PAD, mapWidth);
	drawNorthArrow(context, sheet, mapWidth - PAD - 18, HEADER + PAD);

	// Footer.
	context.font = font(12);
	context.fillStyle = '#333';
	const footerTop = HEADER + Math.max(mapHeight, legend.height);
	footer.forEach((line, index) => context.fillText(line, PAD, footerTop + PAD / 2 + index * FOOTER_LINE + 4, width - 2 * PAD));
	return canvas.toDataURL('image/png');
}

/** Lines no wider than `maxWidth`: breaks after a space or list separator, else between characters (CJK). */
function wrapText(context: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
	const tokens = text.split(/(?<=[\s；;、，,])/);
	const lines: string[] = [];
	let line = '';
	for (const token of tokens.flatMap((part) => (context.measureText(part).width > maxWidth ? [...part] : [part]))) {
		if (line !== '' && context.measureText(line + token).width > maxWidth) {
			lines.push(line.trimEnd());
			line = token.trimStart();
		} else line += token;
	}
	if (line !== '') lines.push(line.trimEnd());
	return lines;
}

const LEGEND_LINE = 17;

/** The legend box's size for its title and lines. */
function legendSize(context: CanvasRenderingContext2D, sheet: MapSheet): { width: number; height: number } {
	context.font = font(12, 700);
	const title = context.measureText(sheet.legendTitle).width + 16;
	context.font = font(12);
	const lines = Math.max(...sheet.legend.map((entry) => context.measureText(entry.label).width + 38));
	return { width: Math.ceil(Math.max(title, lines)), height: 24 + sheet.legend.length * LEGEND_LINE + 6 };
}

/** The legend in a box with its top-left corner at (`left`, `top`). */
function drawLegend(context: CanvasRenderingContext2D, sheet: MapSheet, left: number, top: number, size: { width: number; height: number }): void {
	const line = LEGEND_LINE;
	const { width, height } = size;
	context.strokeStyle = '#999';
	context.strokeRect(left + 0.5, top + 0.5, width - 1, height - 1);
	context.fillStyle = '#111';
	context.font = font(12, 700);
	context.fillText(sheet.legendTitle, left + 8, top + 6);
	context.font = font(12);
	sheet.legend.forEach((entry, index) => {
		const y = top + 24 + index * line;
		if (entry.facility) {
			// The map's own symbol (the hospitals' H, a proposed site's ring, a closure's strike), not a colour.
			drawFacilitySymbol(context, entry.facility.type, entry.facility.mark, left + 16, y + 7.5, entry.facility.mark === 'proposed' ? 11 : 15);
			context.fillStyle = '#111';
			context.fillText(entry.label, left + 30, y);
			return;
		}
		// On white, as on the printed report: the swatch reads the same whatever map lies under the box.
		context.fillStyle = '#fff';
		context.fillRect(left + 8, y + 2, 16, 11);
		context.fillStyle = rgba(entry.color);
		context.fillRect(left + 8, y + 2, 16, 11);
		context.strokeStyle = '#666';
		context.strokeRect(left + 8.5, y + 2.5, 15, 10);
		context.fillStyle = '#111';
		context.fillText(entry.label, left + 30, y);
	});
}

/** The scale bar at the map's lower-right corner (right edge `right`, bottom edge `bottom`). */
function drawScaleBar(context: CanvasRenderingContext2D, sheet: MapSheet, right: number, bottom: number, mapWidth: number): void {
	const bar = scaleBar(sheet.widthMetres);
	const length = bar.fraction * mapWidth;
	const text = sheet.scaleText(bar.metres);
	context.font = font(12);
	const width = Math.max(length, context.measureText(text).width) + 16;
	const left = right - width;
	context.fillStyle = 'rgba(255, 255, 255, 0.9)';
	context.fillRect(left, bottom - 32, width, 32);
	context.strokeStyle = '#111';
	context.lineWidth = 2;
	context.beginPath();
	context.moveTo(left + 8, bottom - 14);
	context.lineTo(left + 8, bottom - 8);
	context.lineTo(left + 8 + length, bottom - 8);
	context.lineTo(left + 8 + length, bottom - 14);
	context.stroke();
	context.lineWidth = 1;
	context.fillStyle = '#111';
	context.fillText(text, left + 8, bottom - 29);
}

/** The north arrow, turned by the map's bearing, with its letter below; centred on `centreX`. */
function drawNorthArrow(context: CanvasRenderingContext2D, sheet: MapSheet, centreX: number, top: number): void {
	context.fillStyle = 'rgba(255, 255, 255, 0.9)';
	context.fillRect(centreX - 14, top, 28, 50);
	context.save();
	context.translate(centreX, top + 4 + NORTH_ARROW_BOX.height / 2);
	context.rotate((-sheet.bearing * Math.PI) / 180);
	context.translate(-NORTH_ARROW_BOX.width / 2, -NORTH_ARROW_BOX.height / 2);
	context.fillStyle = '#111';
	context.fill(new Path2D(NORTH_ARROW_PATH));
	context.restore();
	context.font = font(12, 700);
	context.textAlign = 'center';
	context.fillText(sheet.northLetter, centreX, top + 34);
	context.textAlign = 'left';
}
