import { toLocal, type Point } from './geometry';

/** Suzhou Creek (苏州河), meandering west–east through the south of the district (WGS84 → local metres). */
export const CREEK: Point[] = [
	[121.412, 31.2355],
	[121.425, 31.2395],
	[121.432, 31.2445],
	[121.44, 31.2475],
	[121.448, 31.2465],
	[121.455, 31.2435],
	[121.462, 31.2412],
	[121.47, 31.2408],
	[121.485, 31.2422]
].map(([lon, lat]) => toLocal(lon, lat));

/** Railway lines north of Shanghai Railway Station: the main line west–east and a branch to the north-west. */
export const RAILWAYS: Point[][] = [
	[
		[121.412, 31.2548],
		[121.44, 31.254],
		[121.465, 31.2535],
		[121.485, 31.255]
	],
	[
		[121.4475, 31.254],
		[121.436, 31.2615],
		[121.425, 31.2668],
		[121.412, 31.2725]
	]
].map((line) => line.map(([lon, lat]) => toLocal(lon, lat)));

/** The rail yard beside the station: nobody lives there and no street crosses it. */
export const RAIL_YARD: Point[] = [
	[121.4465, 31.2498],
	[121.4625, 31.2495],
	[121.4625, 31.2532],
	[121.4465, 31.2537]
].map(([lon, lat]) => toLocal(lon, lat));

/** Parks (no residents; footpaths only): [name, centre lon, lat, width m, height m]. */
export const PARKS: { name: string; ring: Point[] }[] = (
	[
		['大宁公园（示意）', 121.4525, 31.2835, 620, 700],
		['静安公园（示意）', 121.4465, 31.2215, 260, 200],
		['闸北公园（示意）', 121.4665, 31.2725, 280, 380],
		['彭浦公园（示意）', 121.4405, 31.3005, 300, 280],
		['苏州河滨河绿地（示意）', 121.4505, 31.2455, 320, 90]
	] as const
).map(([name, lon, lat, width, height]) => {
	const [x, y] = toLocal(lon, lat);
	return {
		name,
		ring: [
			[x - width / 2, y - height / 2],
			[x + width / 2, y - height / 2],
			[x + width / 2, y + height / 2],
			[x - width / 2, y + height / 2]
		]
	};
});

/** Half-widths (m) within which nobody lives: the creek's water and the railway corridor. */
export const CREEK_HALF_WIDTH_M = 40;
export const RAIL_HALF_WIDTH_M = 25;
