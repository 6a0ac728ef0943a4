/**
 * `--scenario FILE` for the command-line tools: reads a scenario file exported by the app, checks it
 * against the loaded inputs (same fingerprint, edits that apply) and gives the scenario's facility
 * list. A file that cannot be used is a UsageError: one line naming the file, exit code 2.
 */
import { subdistrictAssigner } from '$lib/engine/point-in-polygon';
import { applyEdits } from '$lib/engine/scenario/edits';
import type { Facility, Subdistrict } from '$lib/engine/types';
import { parseScenarioFile, type DatasetParts, type Scenario, type ScenarioFileProblem } from '$lib/io/scenario-file';
import { readInputFile, UsageError } from './load-inputs';

/** The scenario of FILE, checked against the inputs; throws UsageError listing every problem on one line. */
export function loadScenarioFile(path: string, inputs: DatasetParts): Scenario {
	const result = parseScenarioFile(readInputFile(path, '--scenario').toString('utf8'), inputs);
	if (result.ok) return result.scenario;
	throw new UsageError(`--scenario ${path}: refused, ${result.problems.map(describeScenarioProblem).join('; ')}`);
}

/** A problem in plain English for the terminal (the app shows the translated `scenarioFile.problem.*` message). */
export function describeScenarioProblem(problem: ScenarioFileProblem): string {
	const { params } = problem;
	const inEdit = Number(params.edit) > 0 ? `edit ${params.edit}: ` : '';
	switch (problem.code) {
		case 'not-json':
			return 'not JSON';
		case 'wrong-format':
			return 'not a Health Circle scenario file';
		case 'newer-version':
			return `written by a newer version (file format ${params.version}; this tool reads up to ${params.supported})`;
		case 'bad-structure':
			return `${inEdit}"${params.field}" is missing or has a wrong value`;
		case 'other-dataset':
			return `made for other data ("${params.name}"), not these input files`;
		case 'edits-do-not-apply':
			return `${inEdit}does not apply to these inputs (${params.reason}: ${params.detail})`;
	}
}

/** The scenario's facilities: the baseline with the edits applied; moved and added ones get their sub-district again. */
export function applyScenario(baseline: readonly Facility[], scenario: Scenario, subdistricts: Subdistrict[]): Facility[] {
	return applyEdits(baseline, scenario.edits, subdistrictAssigner(subdistricts));
}
