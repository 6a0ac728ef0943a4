/**
 * What a map picture needs to be read on paper, computed once for the printed report (ReportMap) and the
 * map PNG (app/map-png.ts): a round scale-bar length and the north arrow's outline.
 */

/** A round bar length (1, 2 or 5 × 10ⁿ m) near a fifth of the picture's ground width, and its share of that width. */
export function scaleBar(widthMetres: number): { metres: number; fraction: number } {
	const target = widthMetres / 5;
	const power = 10 ** Math.floor(Math.log10(target));
	const metres = [5, 2, 1].map((step) => step * power).find((length) => length <= target) ?? power;
	return { metres, fraction: metres / widthMetres };
}

/** The bar's length as text: kilometres from 1 km up, metres below (numbers through the caller's formatter). */
export function scaleBarText(metres: number, format: (value: number) => string): string {
	return metres >= 1000 ? `${format(metres / 1000)} km` : `${format(metres)} m`;
}

/** The north arrow in a 20 × 28 box, tip up (an SVG path, also drawn on a canvas with Path2D). */
export const NORTH_ARROW_PATH = 'M10 0 L18 24 L10 18 L2 24 Z';
export const NORTH_ARROW_BOX = { width: 20, height: 28 } as const;
