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
