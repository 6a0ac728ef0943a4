import type { FacilityType } from '$lib/engine/types';
import { FACILITY_COLORS, type RGBA } from './colors';

/** A tiny icon atlas drawn at run time (no image request): one coloured symbol per facility type, and its closed variant. */
const ICON_SIZE = 64;
const ORDER: FacilityType[] = ['centre', 'branch', 'station', 'village_clinic', 'hospital'];
const CLOSED_FILL = 'rgb(150, 150, 150)';
const STRIKE = 'rgb(40, 40, 40)';

export interface IconAtlas {
	/** A data: URL, so deck.gl loads it without any network request. */
	url: string;
	mapping: Record<string, { x: number; y: number; width: number; height: number; mask: boolean }>;
}

/** The atlas key of a facility's symbol: closed facilities are drawn grey and struck through. */
export function iconKey(type: FacilityType, closed: boolean): string {
	return closed ? `${type}-closed` : type;
}

/**
 * Every pixel inside a symbol is opaque, the centre's white cross included: deck.gl's IconLayer
 * discards pixels below its alpha cut-off when picking too, so a cross cut out as a hole let the
 * pointer fall through to whatever lies below (the sub-district) instead of the centre.
 */
export function drawFacilityIconAtlas(): IconAtlas {
	const canvas = document.createElement('canvas');
	canvas.width = ICON_SIZE * ORDER.length;
	canvas.height = ICON_SIZE * 2;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('2D canvas unavailable');
	const mapping: IconAtlas['mapping'] = {};
	for (const closed of [false, true]) {
		ORDER.forEach((type, index) => {
			const x = index * ICON_SIZE;
			const y = closed ? ICON_SIZE : 0;
			context.save();
			context.translate(x + ICON_SIZE / 2, y + ICON_SIZE / 2);
			drawShape(context, type, ICON_SIZE / 2 - 4, closed ? CLOSED_FILL : css(FACILITY_COLORS[type]));
			if (closed) strike(context, ICON_SIZE / 2 - 2);
			context.restore();
			mapping[iconKey(type, closed)] = { x, y, width: ICON_SIZE, height: ICON_SIZE, mask: false };
		});
	}
	return { url: canvas.toDataURL('image/png'), mapping };
}

function css([red, green, blue]: RGBA): string {
	return `rgb(${red}, ${green}, ${blue})`;
}

/**
 * A facility's map symbol drawn at `size` px centred on (`x`, `y`): the atlas's drawing, for the legends of
 * the map PNG and the printed report, so a legend shows the very symbol the map draws. A proposed site
 * carries the map's ring (facility-rings in layers.ts), a closed one the grey fill and the strike.
 */
export function drawFacilitySymbol(context: CanvasRenderingContext2D, type: FacilityType, mark: FacilityMark, x: number, y: number, size: number): void {
	const scale = size / ICON_SIZE;
	context.save();
	context.translate(x, y);
	if (mark === 'proposed') {
		context.beginPath();
		context.arc(0, 0, size * 0.75, 0, Math.PI * 2);
		context.fillStyle = 'rgba(255, 255, 255, 0.6)';
		context.fill();
		context.lineWidth = 2;
		context.strokeStyle = css(FACILITY_COLORS[type]);
		context.stroke();
	}
	context.scale(scale, scale);
	drawShape(context, type, ICON_SIZE / 2 - 4, mark === 'closed' ? CLOSED_FILL : css(FACILITY_COLORS[type]));
	if (mark === 'closed') strike(context, ICON_SIZE / 2 - 2);
	context.restore();
}

/** How a facility is drawn: as it is, proposed by the scenario (ringed), or closed by it (grey, struck through). */
export type FacilityMark = 'drawn' | 'proposed' | 'closed';

/** A legend symbol as a PNG data URL (the printed report's legend is HTML). */
export function facilitySymbolUrl(type: FacilityType, mark: FacilityMark, size = 28): string {
	const canvas = document.createElement('canvas');
	canvas.width = size * 2;
	canvas.height = size * 2;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('2D canvas unavailable');
	drawFacilitySymbol(context, type, mark, size, size, mark === 'proposed' ? size * 1.2 : size * 1.6);
	return canvas.toDataURL('image/png');
}

/** Centre: a white cross in a circle; branch: a diamond; station: a square; clinic: a triangle; hospital: an H. A white edge keeps each legible on dark cells. */
function drawShape(context: CanvasRenderingContext2D, type: FacilityType, radius: number, fill: string): void {
	const bar = radius * 0.42;
	context.beginPath();
	switch (type) {
		case 'centre':
			context.arc(0, 0, radius, 0, Math.PI * 2);
			break;
		case 'branch':
			context.moveTo(0, -radius);
			context.lineTo(radius, 0);
			context.lineTo(0, radius);
			context.lineTo(-radius, 0);
			break;
		case 'station':
			context.rect(-radius * 0.78, -radius * 0.78, radius * 1.56, radius * 1.56);
			break;
		case 'village_clinic':
			context.moveTo(0, -radius);
			context.lineTo(radius, radius * 0.8);
			context.lineTo(-radius, radius * 0.8);
			break;
		case 'hospital':
			context.rect(-radius * 0.8, -radius, bar, radius * 2);
			context.rect(radius * 0.8 - bar, -radius, bar, radius * 2);
			context.rect(-radius * 0.8, -bar / 2, radius * 1.6, bar);
			break;
	}
	context.closePath();
	context.lineWidth = 4;
	context.strokeStyle = '#fff';
	context.stroke();
	context.fillStyle = fill;
	context.fill();
	if (type === 'centre') {
		context.fillStyle = '#fff';
		context.fillRect(-bar / 2, -radius * 0.62, bar, radius * 1.24);
		context.fillRect(-radius * 0.62, -bar / 2, radius * 1.24, bar);
	}
}

/** A diagonal bar across a closed facility's symbol. */
function strike(context: CanvasRenderingContext2D, radius: number): void {
	context.beginPath();
	context.moveTo(-radius, radius);
	context.lineTo(radius, -radius);
	context.lineWidth = 7;
	context.strokeStyle = STRIKE;
	context.lineCap = 'round';
	context.stroke();
}
