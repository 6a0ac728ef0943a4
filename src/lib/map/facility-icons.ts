import type { FacilityType } from '$lib/engine/types';

/** A tiny icon atlas drawn at run time (no image request): one mask shape per facility type. */
const ICON_SIZE = 64;
const ORDER: FacilityType[] = ['centre', 'branch', 'station', 'village_clinic', 'hospital'];

export interface IconAtlas {
	/** A data: URL, so deck.gl loads it without any network request. */
	url: string;
	mapping: Record<string, { x: number; y: number; width: number; height: number; mask: boolean }>;
}

export function drawFacilityIconAtlas(): IconAtlas {
	const canvas = document.createElement('canvas');
	canvas.width = ICON_SIZE * ORDER.length;
	canvas.height = ICON_SIZE;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('2D canvas unavailable');
	const mapping: IconAtlas['mapping'] = {};
	ORDER.forEach((type, index) => {
		context.save();
		context.translate(index * ICON_SIZE + ICON_SIZE / 2, ICON_SIZE / 2);
		context.fillStyle = '#fff';
		drawShape(context, type, ICON_SIZE / 2 - 3);
		context.restore();
		mapping[type] = { x: index * ICON_SIZE, y: 0, width: ICON_SIZE, height: ICON_SIZE, mask: true };
	});
	return { url: canvas.toDataURL('image/png'), mapping };
}

/** Centre: a cross in a circle; branch: a diamond; station: a square; clinic: a triangle; hospital: an H. */
function drawShape(context: CanvasRenderingContext2D, type: FacilityType, radius: number): void {
	const bar = radius * 0.42;
	context.beginPath();
	switch (type) {
		case 'centre':
			context.arc(0, 0, radius, 0, Math.PI * 2);
			context.fill();
			context.globalCompositeOperation = 'destination-out';
			context.fillRect(-bar / 2, -radius * 0.62, bar, radius * 1.24);
			context.fillRect(-radius * 0.62, -bar / 2, radius * 1.24, bar);
			return;
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
	context.fill();
}
