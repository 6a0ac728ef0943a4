import type { PickingInfo } from '@deck.gl/core';
import type { Facility } from '$lib/engine/types';
import type { Dataset } from '$lib/io/dataset';
import type { Language, Translate } from '$lib/i18n';
import { cellAreaKm2 } from '$lib/map/cell-geometry';
import { formatNumber } from './format';

export interface PickContext {
	dataset: Dataset;
	access: { minutes: Float32Array; unreachable: Uint8Array } | null;
	language: Language;
	translate: Translate;
}

/** The hover text of a map object, as plain text (never HTML: names come from the planner's files). */
export function describePick(info: PickingInfo, context: PickContext): string | null {
	if (!info.picked || !info.layer) return null;
	if (info.layer.id === 'facilities') return describeFacility(info.object as Facility, context);
	if (info.layer.id === 'population') return describeCell(info.object as number, context);
	if (info.layer.id === 'subdistrict-fill') {
		const code = (info.object as { code: string }).code;
		const subdistrict = context.dataset.subdistricts.find((candidate) => candidate.code === code);
		return subdistrict ? (context.language === 'en' ? subdistrict.nameEn : subdistrict.name) : null;
	}
	return null;
}

function describeFacility(facility: Facility, { translate: t, language }: PickContext): string {
	const unknown = t('tooltip.unknown');
	return [
		facility.name,
		t('tooltip.type', { values: { value: t(`facility.${facility.type}`) } }),
		t('tooltip.status', { values: { value: t(`status.${facility.status}`) } }),
		t('tooltip.area', { values: { value: facility.areaM2 === null ? unknown : formatNumber(facility.areaM2, language) } }),
		t('tooltip.beds', { values: { value: facility.beds === null ? unknown : formatNumber(facility.beds, language) } })
	].join('\n');
}

function describeCell(index: number, { dataset, access, translate: t, language }: PickContext): string {
	const residents = dataset.cells.pop[index];
	const lines = [
		t('tooltip.residents', { values: { value: formatNumber(residents, language) } }),
		t('tooltip.density', { values: { value: formatNumber(residents / cellAreaKm2(dataset.cellShape), language) } })
	];
	if (access) {
		const minutes = access.minutes[index];
		if (access.unreachable[index]) lines.push(t('tooltip.unreachable'));
		else lines.push(t('tooltip.minutes', { values: { value: Number.isFinite(minutes) ? formatNumber(minutes, language, 1) : '> 30' } }));
	}
	return lines.join('\n');
}
