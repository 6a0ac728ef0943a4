import type { Page } from '@playwright/test';

export interface PixelCensus {
	sampled: number;
	/** Pixels that are neither the map background nor blank white/black. */
	drawn: number;
	/** Pixels close to the centre symbol's red. */
	centreRed: number;
	/** Pixels in the purple ramp of the population grid. */
	populationPurple: number;
}

/** Reads the map's WebGL canvas back (preserveDrawingBuffer is on) and counts what kind of pixels it shows. */
export async function mapPixelCensus(page: Page): Promise<PixelCensus> {
	return page.evaluate(async () => {
		const canvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
		if (!canvas) throw new Error('no map canvas');
		const image = new Image();
		image.src = canvas.toDataURL('image/png');
		await image.decode();
		const copy = document.createElement('canvas');
		copy.width = image.width;
		copy.height = image.height;
		const context = copy.getContext('2d');
		if (!context) throw new Error('no 2d context');
		context.drawImage(image, 0, 0);
		const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height);
		const census = { sampled: 0, drawn: 0, centreRed: 0, populationPurple: 0 };
		for (let y = 0; y < height; y += 2) {
			for (let x = 0; x < width; x += 2) {
				const offset = (y * width + x) * 4;
				const [red, green, blue] = [data[offset], data[offset + 1], data[offset + 2]];
				census.sampled++;
				const background = Math.abs(red - 0xe9) + Math.abs(green - 0xed) + Math.abs(blue - 0xf1) < 6;
				const blank = (red > 250 && green > 250 && blue > 250) || red + green + blue < 10;
				if (!background && !blank) census.drawn++;
				if (red > 170 && green < 80 && blue < 100) census.centreRed++;
				if (blue > red + 15 && blue > green + 15 && red > 60) census.populationPurple++;
			}
		}
		return census;
	});
}

type RGB = [number, number, number];

/** Of the map pixels that are drawn (not the background), how many lie within `tolerance` (per channel) of one of `colours`. */
export async function pixelsNear(page: Page, colours: RGB[], tolerance: number): Promise<{ drawn: number; matching: number }> {
	return page.evaluate(
		async ({ colours, tolerance }) => {
			const canvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
			if (!canvas) throw new Error('no map canvas');
			const image = new Image();
			image.src = canvas.toDataURL('image/png');
			await image.decode();
			const copy = document.createElement('canvas');
			copy.width = image.width;
			copy.height = image.height;
			const context = copy.getContext('2d');
			if (!context) throw new Error('no 2d context');
			context.drawImage(image, 0, 0);
			const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height);
			let drawn = 0;
			let matching = 0;
			for (let y = 0; y < height; y += 2) {
				for (let x = 0; x < width; x += 2) {
					const offset = (y * width + x) * 4;
					const [red, green, blue] = [data[offset], data[offset + 1], data[offset + 2]];
					if (Math.abs(red - 0xe9) + Math.abs(green - 0xed) + Math.abs(blue - 0xf1) < 6) continue;
					drawn++;
					if (colours.some(([r, g, b]) => Math.abs(red - r) <= tolerance && Math.abs(green - g) <= tolerance && Math.abs(blue - b) <= tolerance)) matching++;
				}
			}
			return { drawn, matching };
		},
		{ colours, tolerance }
	);
}

/**
 * The middles (in CSS pixels from the map's top left) of the centre symbols on the map: connected blobs of the
 * centre's red, about a symbol's size. The middle of a centre symbol is its white cross.
 */
export async function centreSymbolMiddles(page: Page): Promise<{ x: number; y: number }[]> {
	return page.evaluate(async () => {
		const canvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
		if (!canvas) throw new Error('no map canvas');
		const image = new Image();
		image.src = canvas.toDataURL('image/png');
		await image.decode();
		const copy = document.createElement('canvas');
		copy.width = image.width;
		copy.height = image.height;
		const context = copy.getContext('2d');
		if (!context) throw new Error('no 2d context');
		context.drawImage(image, 0, 0);
		const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height);
		const red = (index: number) => data[index * 4] > 170 && data[index * 4 + 1] < 80 && data[index * 4 + 2] < 100;
		const seen = new Uint8Array(width * height);
		const scale = canvas.width / canvas.getBoundingClientRect().width;
		const middles: { x: number; y: number }[] = [];
		for (let start = 0; start < width * height; start++) {
			if (seen[start] || !red(start)) continue;
			const stack = [start];
			seen[start] = 1;
			let [minX, minY, maxX, maxY] = [width, height, 0, 0];
			while (stack.length > 0) {
				const index = stack.pop()!;
				const x = index % width;
				const y = (index - x) / width;
				[minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
				for (const next of [index - 1, index + 1, index - width, index + width]) {
					if (next >= 0 && next < width * height && !seen[next] && red(next)) {
						seen[next] = 1;
						stack.push(next);
					}
				}
			}
			const [w, h] = [(maxX - minX) / scale, (maxY - minY) / scale];
			if (w >= 14 && w <= 40 && Math.abs(w - h) <= 3) middles.push({ x: (minX + maxX) / 2 / scale, y: (minY + maxY) / 2 / scale });
		}
		return middles;
	});
}

/** Pixels of a picture (a data URL) within `tolerance` (sum of channel differences) of `colour`, counted in the page. */
export async function picturePixelsNear(page: Page, url: string, colour: [number, number, number], tolerance: number): Promise<number> {
	return page.evaluate(
		async ({ url, colour, tolerance }) => {
			const image = new Image();
			image.src = url;
			await image.decode();
			const canvas = document.createElement('canvas');
			canvas.width = image.width;
			canvas.height = image.height;
			const context = canvas.getContext('2d')!;
			context.drawImage(image, 0, 0);
			const { data } = context.getImageData(0, 0, image.width, image.height);
			let count = 0;
			for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - colour[0]) + Math.abs(data[i + 1] - colour[1]) + Math.abs(data[i + 2] - colour[2]) <= tolerance) count++;
			return count;
		},
		{ url, colour, tolerance }
	);
}
