/**
 * Export settings (destination, schedule, workstation name) live under the `export` key of the
 * workstation's settings file (../settings/store keeps keys it does not know), because they belong
 * to this machine, not to the journal.
 */
import os from 'node:os';
import { exportSettingsRecord, type ExportSettings } from '../../shared/contract/export';

/** What export needs of the settings store. */
export interface SettingsFile {
  raw(): Readonly<Record<string, unknown>>;
  update(change: Record<string, unknown>): unknown;
}

export const SETTINGS_KEY = 'export';

/** The machine's name made into a workstation name (letters, digits, dots and dashes). */
export function defaultWorkstation(hostname: string = os.hostname()): string {
  const name = hostname
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 64);
  return name === '' ? 'workstation' : name;
}

/**
 * Hourly unless a Supervisor says otherwise: every export anchors the head of the chain, and the
 * events after the last anchor are what an insider could still remove without a trace.
 */
export function defaultExportSettings(): ExportSettings {
  return { destination: null, schedule: { kind: 'every', hours: 1 }, workstation: defaultWorkstation() };
}

/** The stored settings; anything damaged or missing falls back to the default, field by field. */
export function readExportSettings(store: SettingsFile): ExportSettings {
  const stored = store.raw()[SETTINGS_KEY];
  const defaults = defaultExportSettings();
  if (!stored || typeof stored !== 'object') return defaults;
  const s = stored as Record<string, unknown>;
  const shape = exportSettingsRecord.shape;
  const field = <K extends keyof ExportSettings>(key: K): ExportSettings[K] => {
    const parsed = shape[key].safeParse(s[key]);
    return parsed.success ? (parsed.data as ExportSettings[K]) : defaults[key];
  };
  return { destination: field('destination'), schedule: field('schedule'), workstation: field('workstation') };
}

export function writeExportSettings(store: SettingsFile, settings: ExportSettings): ExportSettings {
  const checked = exportSettingsRecord.parse(settings);
  store.update({ [SETTINGS_KEY]: checked });
  return checked;
}
