import { SaxesParser } from 'saxes';
import type { NetworkLine } from '$lib/engine/types';
import { NodeTable, WayCollector, type OsmStats, type RawWay } from './osm-ways';

// Exported for the tests only: the reader tests check the lines and statistics, which parseOsmXml drops.
/** Reads an OpenStreetMap `.osm` XML extract into walkable lines (see walk-tags.ts for the rules). */
export function readOsmXml(text: string, onProgress?: (fraction: number) => void): { lines: NetworkLine[]; stats: OsmStats } {
	const nodes = new NodeTable();
	const ways = new WayCollector();
	let current: RawWay | null = null;
	let sawOsmRoot = false;
	const parser = new SaxesParser();
	parser.on('opentag', (tag) => {
		const attributes = tag.attributes as Record<string, string>;
		switch (tag.name) {
			case 'osm':
				sawOsmRoot = true;
				break;
			case 'node': {
				const id = Number(attributes.id);
				const lon = Number(attributes.lon);
				const lat = Number(attributes.lat);
				if (Number.isFinite(id) && Number.isFinite(lon) && Number.isFinite(lat)) nodes.add(id, lon, lat);
				break;
			}
			case 'way':
				current = { refs: [], tags: {} };
				break;
			case 'nd':
				if (current) current.refs.push(Number(attributes.ref));
				break;
			case 'tag':
				if (current && attributes.k !== undefined) current.tags[attributes.k] = attributes.v ?? '';
				break;
		}
	});
	parser.on('closetag', (tag) => {
		if (tag.name === 'way' && current) {
			ways.add(current.refs, current.tags);
			current = null;
		}
	});
	const chunk = 1 << 20;
	try {
		for (let offset = 0; offset < text.length; offset += chunk) {
			parser.write(text.slice(offset, offset + chunk));
			onProgress?.(Math.min(1, (offset + chunk) / text.length) * 0.9);
		}
		parser.close();
	} catch (error) {
		throw new Error(`not a well-formed OSM XML file: ${(error as Error).message.split('\n')[0]}`);
	}
	if (!sawOsmRoot) throw new Error('not an OSM XML file: no <osm> element');
	const lines = ways.toLines(nodes);
	onProgress?.(1);
	return { lines, stats: ways.stats };
}

export function parseOsmXml(text: string, onProgress?: (fraction: number) => void): NetworkLine[] {
	return readOsmXml(text, onProgress).lines;
}
