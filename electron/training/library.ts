/**
 * The scenarios a trainee can pick: the handbook's cases shipped with the app, and the "real
 * mistake" cases Supervisors saved in the user data folder's `scenarios/`. A saved file that
 * does not parse is left out and reported, never fatal.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { handbookScenarios } from '../../shared/training/handbook';
import { parseScenario, scenarioToFile, type Scenario } from '../../shared/training/scenario';

export interface Library {
  scenarios: Scenario[];
  /** Saved files that were left out, each with why. */
  problems: string[];
}

/** Load the library; a saved scenario whose id is taken by a handbook case is left out. */
export function loadLibrary(savedFolder: string | null, statuses?: readonly string[]): Library {
  const scenarios = [...handbookScenarios()];
  const problems: string[] = [];
  if (savedFolder === null || !existsSync(savedFolder)) return { scenarios, problems };
  const taken = new Set(scenarios.map((s) => s.id));
  for (const file of readdirSync(savedFolder)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(savedFolder, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      problems.push(`${path}: not JSON (${(e as Error).message})`);
      continue;
    }
    const r = parseScenario(json, statuses ? { statuses } : {});
    if (!r.ok) {
      problems.push(`${path}: ${r.problems.join('; ')}`);
      continue;
    }
    if (taken.has(r.scenario.id)) {
      problems.push(`${path}: scenario id "${r.scenario.id}" is already taken`);
      continue;
    }
    taken.add(r.scenario.id);
    scenarios.push(r.scenario);
  }
  return { scenarios, problems };
}

/** Save a scenario as `<id>.json` in the folder; refuses to overwrite. Returns the file's path. */
export function saveScenario(savedFolder: string, scenario: Scenario): string {
  mkdirSync(savedFolder, { recursive: true });
  const path = join(savedFolder, `${scenario.id}.json`);
  writeFileSync(path, `${JSON.stringify(scenarioToFile(scenario), null, 2)}\n`, { flag: 'wx' });
  return path;
}
