import { SaxesParser } from 'saxes';
import { FileFormatError } from '../load-result';
import { NodeReader, osmLoadResult, WayCollector, type OsmRead, type RawWay } from './osm-ways';

// Exported for the tests only: the reader tests check the lines and statistics, which parseOsmXml drops.
/**
 * Reads an OpenStreetMap `.osm` XML extract into walkable lines (see walk-tags.ts for the rules); nodes with
 * impossible coordinates are refused and listed (see NodeReader).
 */
export function readOsmXml(text: string, onProgress?: (fraction: number) => void): OsmRead {
	const nodes = new NodeReader();
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
				// A node without an id cannot be referenced by any way; its coordinates are checked by NodeReader.
				if (attributes.id !== undefined && attributes.id.trim() !== '') nodes.add(Number(attributes.id), attributes.lon, attributes.lat);
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
		const detail = (error as Error).message.split('\n')[0].slice(0, 200);
		throw new FileFormatError(`not a well-formed OSM XML file: ${detail}`, 'damaged', { format: 'osm-xml', detail });
	}
	if (!sawOsmRoot) throw new FileFormatError('not an OSM XML file: no <osm> element', 'damaged', { format: 'osm-xml', detail: 'no <osm> element' });
	const read = nodes.finish(ways);
	onProgress?.(1);
	return read;
}

export function parseOsmXml(text: string, onProgress?: (fraction: number) => void): ReturnType<typeof osmLoadResult> {
	return osmLoadResult(readOsmXml(text, onProgress));
}
