import { isolate } from '$lib/i18n/bidi';
import type { Dataset } from '$lib/io/dataset';
import type { Language, Translate } from '$lib/i18n';
import type { Facility } from '$lib/engine/types';
import { cellAreaKm2 } from '$lib/map/cell-geometry';
import type { MapPick } from '$lib/map/pick';
import type { SuggestedSiteMark } from '$lib/map/suggestion-layers';
import { formatNumber } from '$lib/i18n/format';
import { facilityName } from '$lib/report/facility-name';
import { suggestedSiteLabel } from './suggested-site-label';

export interface PickContext {
	dataset: Dataset;
	access: { minutes: Float32Array; unreachable: Uint8Array } | null;
	language: Language;
	translate: Translate;
}

/** The hover text of what the pointer is on, as plain text (never HTML: names come from the planner's files). */
export function describePick(pick: MapPick, context: PickContext): string | null {
	if (pick.kind === 'facility') return describeFacility(pick, context);
	if (pick.kind === 'cell') return describeCell(pick.index, pick.subdistrictCode, context);
	if (pick.kind === 'suggested') return describeSuggestedSite(pick.site, context.translate, context.language);
	return subdistrictName(pick.code, context);
}

/** A suggested site: its rank, what it is (a parcel by its name and id, as in the table), and the residents it newly covers. */
export function describeSuggestedSite(site: SuggestedSiteMark, t: Translate, language: Language): string {
	return [t('tooltip.suggested', { rank: site.rank }), suggestedSiteLabel(site.candidate, t), t('tooltip.suggestedResidents', { value: formatNumber(site.newResidents, language) })].join('\n');
}

function subdistrictName(code: string, { dataset, language }: PickContext): string | null {
	const subdistrict = dataset.subdistricts.find((candidate) => candidate.code === code);
	return subdistrict ? (language === 'en' ? subdistrict.nameEn : subdistrict.name) : null;
}

function describeFacility(pick: Extract<MapPick, { kind: 'facility' }>, context: PickContext): string {
	const { translate: t, language } = context;
	const facility: Facility = pick.facility;
	const unknown = t('tooltip.unknown');
	const lines = [
		isolate(facilityName(facility, t)),
		t('tooltip.type', { value: t(`facility.${facility.type}`) }),
		pick.closed ? t('tooltip.closed') : t('tooltip.status', { value: t(`status.${facility.status}`) }),
		t('tooltip.area', { value: facility.areaM2 === null ? unknown : formatNumber(facility.areaM2, language) }),
		t('tooltip.beds', { value: facility.beds === null ? unknown : formatNumber(facility.beds, language) })
	];
	const area = subdistrictName(facility.subdistrict, context);
	if (area) lines.push(t('tooltip.subdistrict', { value: isolate(area) }));
	if (pick.scenarioNewlyCovered !== null) lines.push(t('tooltip.scenarioNewlyCovered', { value: formatNumber(pick.scenarioNewlyCovered, language) }));
	return lines.join('\n');
}

function describeCell(index: number, subdistrictCode: string, context: PickContext): string {
	const { dataset, access, translate: t, language } = context;
	const residents = dataset.cells.pop[index];
	const lines = [
		t('tooltip.residents', { value: formatNumber(residents, language) }),
		t('tooltip.density', { value: formatNumber(residents / cellAreaKm2(dataset.cellShape), language) })
	];
	if (access) {
		const minutes = access.minutes[index];
		if (access.unreachable[index]) lines.push(t('tooltip.unreachable'));
		else lines.push(t('tooltip.minutes', { value: Number.isFinite(minutes) ? formatNumber(minutes, language, 1) : '> 30' }));
	}
	const area = subdistrictName(subdistrictCode, context);
	if (area) lines.push(t('tooltip.subdistrict', { value: isolate(area) }));
	return lines.join('\n');
}
