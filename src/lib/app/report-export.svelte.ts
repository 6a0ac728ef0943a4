import { tick } from 'svelte';
import { buildGapReport, type GapReport } from '$lib/report/model';
import { gapReportToCsv } from '$lib/report/csv';
import { gapReportToXlsx } from '$lib/report/xlsx';
import { gapReportToGeoJson } from '$lib/report/geojson';
import type { Language, Translate } from '$lib/i18n';
import { downloadFile } from './download';
import { composeMapPng, type MapSheet } from './map-png';
import { scenarioName } from './scenario-name';
import type { CoverageController } from './coverage.svelte';
import type { ScenarioWorkspace } from './scenario-workspace.svelte';
import type { Session } from './session.svelte';
import type { ShownFigures } from './shown.svelte';
import type { StandardsState } from './standards.svelte';

export type ExportFormat = 'xlsx' | 'csv' | 'geojson' | 'pdf' | 'png';
export type CaptureView = 'status' | 'coverage';

/** A captured map with what the report's scale bar and north arrow need. */
export interface MapImage {
	url: string;
	widthMetres: number;
	bearing: number;
}

/** What the report needs of the map: a picture of the whole district (the same framing for the PDF and the PNG), with its ground width and bearing. */
export interface MapPicture {
	districtPicture(): Promise<MapImage | null>;
}

/**
 * The gap report of what is shown (scenario or baseline) and its exports. The report model is built
 * here from the shown figures only, so the XLSX, CSV, GeoJSON and print versions read what the panel reads.
 */
export class ReportExport {
	exporting = $state(false);
	/** While map images for the report are captured, the map shows this instead of the planner's view. */
	captureView = $state<CaptureView | null>(null);
	mapImages = $state<{ status: MapImage | null; coverage: MapImage | null }>({ status: null, coverage: null });
	readonly report: GapReport | null;

	constructor(
		private readonly session: Session,
		private readonly coverage: CoverageController,
		private readonly standards: StandardsState,
		private readonly workspace: ScenarioWorkspace,
		private readonly shown: ShownFigures,
		private readonly language: () => Language,
		private readonly translate: () => Translate,
		private readonly map: () => MapPicture | null,
		/** What the map PNG says around the picture (title, legend, footer), for the view on screen. */
		private readonly mapSheet: () => Omit<MapSheet, 'widthMetres' | 'bearing'> | null
	) {
		this.report = $derived(this.build());
	}

	private build(): GapReport | null {
		const { dataset } = this.session;
		const { district, rows, centres } = this.shown;
		const baselineRun = this.coverage.result;
		// The baseline's centres wait for their nearest-centre run: the report never lists none while they are pending.
		if (!dataset || !district || !centres || !baselineRun) return null;
		const active = this.workspace.scenarios.active;
		const comparison = this.shown.comparison;
		return buildGapReport({
			language: this.language(),
			generatedAt: new Date(),
			dataset,
			profile: this.standards.profile,
			rows,
			district,
			centres,
			coverageParams: baselineRun.params,
			approximate: baselineRun.approximate,
			servicePopulation: this.standards.servicePopulation,
			scenario:
				this.shown.inScenario && active && comparison
					? {
							name: scenarioName(active, this.translate()),
							baselineRows: comparison.baseline.rows,
							baselineDistrict: comparison.baseline.district,
							edits: active.edits,
							baselineFacilities: dataset.facilities,
							facilities: this.shown.facilities
						}
					: null
		});
	}

	/** Writes the report in one format (a download, or the print dialog for PDF). */
	async export(format: ExportFormat): Promise<void> {
		const dataset = this.session.dataset;
		const figures = this.shown.access;
		const report = this.report;
		if (!report || !dataset || !figures) return;
		this.exporting = true;
		const stem = report.fileStem;
		try {
			if (format === 'csv') downloadFile(`${stem}.csv`, gapReportToCsv(report), 'text/csv;charset=utf-8');
			else if (format === 'xlsx') downloadFile(`${stem}.xlsx`, await gapReportToXlsx(report), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
			else if (format === 'geojson') {
				const uncovered = { cells: dataset.cells, shape: dataset.cellShape, cellSubdistrict: this.coverage.cellSubdistrict ?? new Int32Array(0), covered: figures.covered };
				downloadFile(`${stem}.geojson`, JSON.stringify(gapReportToGeoJson(report, dataset.subdistricts, uncovered)), 'application/geo+json');
			} else if (format === 'png') {
				const picture = await this.map()?.districtPicture();
				const sheet = this.mapSheet();
				if (picture && sheet) downloadFile(`${report.mapFileStem}.png`, dataUrlBytes(await composeMapPng(picture.url, { ...sheet, widthMetres: picture.widthMetres, bearing: picture.bearing })), 'image/png');
			} else {
				this.mapImages = { status: await this.capture('status'), coverage: await this.capture('coverage') };
				this.captureView = null;
				await tick();
				window.print();
			}
		} finally {
			this.captureView = null;
			this.exporting = false;
		}
	}

	/** Draws the map in the given view and reads it back as a PNG data URL. */
	private async capture(view: CaptureView): Promise<MapImage | null> {
		this.captureView = view;
		await tick();
		await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
		await new Promise((resolve) => setTimeout(resolve, 300));
		return (await this.map()?.districtPicture()) ?? null;
	}
}

function dataUrlBytes(dataUrl: string): Uint8Array {
	const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
