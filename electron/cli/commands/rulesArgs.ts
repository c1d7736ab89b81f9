/**
 * Arguments of the `rules preview` and `rules activate` commands: `--flag value` pairs and bare
 * words, every mistake named ("--reason needs a value"), so a typo never runs a command half-understood.
 */
export class RulesUsageError extends Error {}

export interface RulesCliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface RulesCliOptions {
  /** The journal (`--db`), resolved by the command line's default when not given in argv. */
  db?: string;
}

export function parseRulesArgs(argv: readonly string[], switches: readonly string[], valued: readonly string[]) {
  const words: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      words.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
    if (switches.includes(name)) {
      if (eq !== -1) throw new RulesUsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (valued.includes(name)) {
      const value = eq !== -1 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq === -1 && value.startsWith('--'))) {
        throw new RulesUsageError(`--${name} needs a value`);
      }
      flags.set(name, value);
    } else {
      throw new RulesUsageError(`unknown option --${name}`);
    }
  }
  const text = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  return { words, has: (name: string) => flags.has(name), text };
}
