/**
 * Reading a command's words with `node:util` parseArgs, turning its TypeErrors into usage errors
 * that say which option was wrong, and opening the journal the command works on.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Journal } from '../journal';
import { UsageError, type CliIo } from './command';

/** Options every command takes. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

type Options = NonNullable<ParseArgsConfig['options']>;

export function readArgs<T extends Options>(args: string[], options: T) {
  type Config = { args: string[]; options: typeof COMMON_OPTIONS & T; allowPositionals: true; strict: true };
  try {
    return parseArgs<Config>({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    // parseArgs' messages already name the option ("Unknown option '--foo'"); drop its hints.
    const message = err instanceof Error ? err.message.split('. To specify')[0]! : String(err);
    throw new UsageError(message);
  }
}

/** Refuse words a command does not take, naming the first one. */
export function expectPositionals(positionals: string[], min: number, max: number, what: string): void {
  if (positionals.length < min) throw new UsageError(`missing ${what}`);
  if (positionals.length > max) throw new UsageError(`unexpected argument "${positionals[max]}"`);
}

/** A whole non-negative number from an option, or a usage error naming the option. */
export function wholeNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${option} must be a whole number (got "${value}")`);
  return Number(value);
}

/** The journal at `--db` (or the default), opened for the command and closed when it is done. */
export async function withJournal<T>(
  db: string | undefined,
  io: CliIo,
  fn: (journal: Journal) => T | Promise<T>,
  options: { create?: boolean } = {},
): Promise<T> {
  const path = db ?? io.defaultDb;
  // A command that may create the journal also creates its folder (the app's data folder on first use).
  if (options.create) mkdirSync(dirname(path), { recursive: true });
  const journal = Journal.open(path, { create: options.create ?? false });
  try {
    return await fn(journal);
  } finally {
    journal.close();
  }
}
