/** The street fixture: a grid of LineStrings over the box. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOX, OUT, round } from './common';

/** 300 m spacing, WGS84: for the shift check and network import. */
export function writeNetwork(): void {
	const streets = [];
for (let lon = BOX.west; lon <= BOX.east + 1e-9; lon += 0.00315) {
	streets.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[round(lon, 6), BOX.south], [round(lon, 6), BOX.north]] }, properties: { highway: 'residential' } });
}
for (let lat = BOX.south; lat <= BOX.north + 1e-9; lat += 0.0027) {
	streets.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[BOX.west, round(lat, 6)], [BOX.east, round(lat, 6)]] }, properties: { highway: 'tertiary' } });
}
writeFileSync(join(OUT, 'network.geojson'), JSON.stringify({ type: 'FeatureCollection', features: streets }));
}
