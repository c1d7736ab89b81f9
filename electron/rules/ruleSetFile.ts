/**
 * Reading a rule set from a JSON file (the handbook's format). A supervisor types or picks the
 * path, so every problem names the file and the place in it: "rules.json: transitions.3.to: …".
 */
import { readFileSync } from 'node:fs';
import { parseRuleSet, type RuleSet } from '../../shared/rules/ruleSet';

export class RuleSetFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
    this.name = 'RuleSetFileError';
  }
}

/** Decode and validate a rule set given as JSON text; `file` names it in messages. */
export function parseRuleSetText(text: string, file: string): RuleSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RuleSetFileError(file, [`not valid JSON (${(e as Error).message})`]);
  }
  const r = parseRuleSet(value);
  if (!r.ok) throw new RuleSetFileError(file, r.problems);
  return r.ruleSet;
}

export function readRuleSetFile(path: string): RuleSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
    throw new RuleSetFileError(path, [why]);
  }
  return parseRuleSetText(text, path);
}
