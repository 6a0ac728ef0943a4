/**
 * Issue 24 (walkthrough): the printed legend had no line for the hospitals' H, the PNG legend none for a
 * scenario's proposed and closed sites. One model lists the symbols the map draws, and only those.
 */
import { describe, expect, it } from 'vitest';
import { facilityLegendLines } from '$lib/app/legend-text';
import type { Facility } from '$lib/engine/types';

const facility = (id: string, type: Facility['type'], status: Facility['status'] = 'existing'): Facility => ({
	id,
	name: id,
	type,
	subdistrict: 'a',
	lon: 121.45,
	lat: 31.25,
	areaM2: null,
	beds: null,
	status,
	parentId: null
});
const t = (key: string) => `<${key}>`;

describe('the facility lines of a map picture legend', () => {
	it('list each drawn type once, in the types order, the hospitals H only when a hospital is drawn', () => {
		const drawn = [facility('s', 'station'), facility('c', 'centre'), facility('h', 'hospital'), facility('s2', 'station')];
		expect(facilityLegendLines({ facilities: drawn, closed: [] }, t).map((line) => [line.label, line.facility?.mark])).toEqual([
			['<facility.centre>', 'drawn'],
			['<facility.station>', 'drawn'],
			['<facility.hospital>', 'drawn']
		]);
		expect(facilityLegendLines({ facilities: drawn.filter((f) => f.type !== 'hospital'), closed: [] }, t).map((line) => line.label)).not.toContain('<facility.hospital>');
	});

	it('add the proposed ring and the closed strike only when the scenario has them', () => {
		const drawn = [facility('c', 'centre'), facility('p', 'station', 'proposed')];
		const lines = facilityLegendLines({ facilities: drawn, closed: [facility('x', 'branch')] }, t);
		expect(lines.map((line) => [line.label, line.facility])).toEqual([
			['<facility.centre>', { type: 'centre', mark: 'drawn' }],
			['<facility.station>', { type: 'station', mark: 'drawn' }],
			['<legend.proposed>', { type: 'station', mark: 'proposed' }],
			['<legend.closed>', { type: 'branch', mark: 'closed' }]
		]);
		expect(facilityLegendLines({ facilities: [facility('c', 'centre')], closed: [] }, t).map((line) => line.label)).toEqual(['<facility.centre>']);
	});
});
