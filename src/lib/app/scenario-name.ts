import type { Translate } from '$lib/i18n';
import type { Scenario } from '$lib/io/scenario-file';

/**
 * A scenario's name as the reader sees it, on the page and in every export: the app's default name
 * ("方案 n" / "Scenario n") in the language in effect now, a name the planner typed exactly as typed.
 */
export function scenarioName(scenario: Pick<Scenario, 'name' | 'defaultNumber'>, translate: Translate): string {
	return scenario.defaultNumber === undefined ? scenario.name : translate('scenario.defaultName', { number: scenario.defaultNumber });
}
