/**
 * The handbook's training cases, parsed once. A broken file fails loudly at start-up, naming the
 * file and what is wrong in it: the cases are part of the product, not user input.
 */
import { HANDBOOK_SCENARIO_FILES } from './catalog';
import { loadScenario, type Scenario } from './scenario';

let parsed: readonly Scenario[] | undefined;

/** Every shipped scenario, in the catalog's order. */
export function handbookScenarios(): readonly Scenario[] {
  parsed ??= HANDBOOK_SCENARIO_FILES.map((f) => loadScenario(f.json, f.file));
  return parsed;
}
