/**
 * Workstation settings: a small JSON file in the user data folder (not in the journal, because
 * they belong to this machine: another workstation opening the same journal has its own inbox).
 * Unknown keys are kept, so capabilities that add their own settings do not erase each other's.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { IDLE_MINUTES_DEFAULT, settingsRecord } from '../../shared/contract/channels';
import type { z } from 'zod';

export type Settings = z.infer<typeof settingsRecord>;

export const DEFAULT_SETTINGS: Settings = { inboxFolder: null, idleMinutes: IDLE_MINUTES_DEFAULT };

export const SETTINGS_FILE = 'settings.json';

export class SettingsStore {
  private listeners = new Set<(settings: Settings) => void>();

  constructor(
    /** The JSON file; `null` keeps settings in memory only (tests, the browser host without --settings). */
    readonly file: string | null,
    private memory: Record<string, unknown> = {},
  ) {
    if (file && existsSync(file)) this.memory = readSettingsFile(file);
  }

  get(): Settings {
    const parsed = settingsRecord.safeParse({ ...DEFAULT_SETTINGS, ...this.memory });
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  }

  /** Everything in the file, including what other capabilities keep there. */
  raw(): Readonly<Record<string, unknown>> {
    return this.memory;
  }

  update(change: Partial<Settings> & Record<string, unknown>): Settings {
    this.memory = { ...this.memory, ...change };
    if (this.file) writeSettingsFile(this.file, this.memory);
    const now = this.get();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function readSettingsFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the settings file ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: a damaged settings file must not keep the app from starting
  }
  console.warn(`[settings] ${file} is not a JSON object; starting from the defaults`);
  return {};
}

/** Write to a temporary file and rename, so a crash never leaves half a settings file. */
function writeSettingsFile(file: string, value: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, file);
}
