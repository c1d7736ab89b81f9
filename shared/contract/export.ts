/**
 * Export to corporate: the settings, the status the Export page shows, and the
 * channels. Spread into `channels` in ./channels.
 */
import { z } from 'zod';
import { channel, type ChannelDef } from './channel';

const none = z.object({}).strict();

/** `HH:MM`, 24-hour, local time of the workstation. */
export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is written HH:MM (00:00 to 23:59)');

/** When exports run on their own: never (only "Export now"), every N hours, or daily at a time. */
export const exportSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off') }),
  z.object({ kind: z.literal('every'), hours: z.number().int().min(1).max(168) }),
  z.object({ kind: z.literal('daily'), at: timeOfDay }),
]);
export type ExportSchedule = z.infer<typeof exportSchedule>;

/**
 * A workstation name as it appears in bundle names: letters, digits, dot, dash and underscore,
 * so it is a safe folder name on every share and cannot be confused with the seq range.
 */
export const workstationName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/,
    'a workstation name is 1 to 64 letters, digits, dots or dashes, starting with a letter or digit',
  );

export const exportSettingsRecord = z.object({
  /** The destination folder (a network share in practice); null until set. */
  destination: z.string().min(1).nullable(),
  schedule: exportSchedule,
  workstation: workstationName,
});
export type ExportSettings = z.infer<typeof exportSettingsRecord>;

/**
 * What a window may change of the settings: the schedule and the workstation name. The
 * destination is never sent by a window (a path in a message is anyone's path): under Electron
 * the main process shows a folder dialog and hands the worker what the person picked; in the
 * browser host, which has no such dialog, it is set from the command line
 * (`warehouse-ledger export settings --destination DIR`). A `destination` here is refused.
 */
export const exportSettingsChange = exportSettingsRecord.omit({ destination: true }).strict();
export type ExportSettingsChange = z.infer<typeof exportSettingsChange>;

/** How the page sets the destination: a folder dialog of the main process, or nothing (browser host). */
export interface ExportFolderChooser {
  /** Whether this window can show a folder dialog (false in the browser host). */
  readonly canChooseFolders: boolean;
  /**
   * Ask the person for the export destination in a native folder dialog (a Supervisor's window);
   * resolves with the settings as saved, or null when they cancel.
   */
  chooseExportFolder(): Promise<ExportSettings | null>;
}

export { EXPORT_FOLDER_FROM_COMMAND_LINE } from './constants';

/** One successful export, as the journal recorded it. */
export const exportEntryRecord = z.object({
  id: z.number().int(),
  bundle: z.string(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  events: z.number().int(),
  destination: z.string(),
  at: z.string(),
});
export type ExportEntryRecord = z.infer<typeof exportEntryRecord>;

/** What one export did: with nothing new since the last one, no bundle and `events: 0`. */
export const exportResultRecord = z.object({
  bundle: z.string().nullable(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  events: z.number().int(),
});
export type ExportResult = z.infer<typeof exportResultRecord>;

/** The latest failure, kept until an export succeeds. */
export const exportFailureRecord = z.object({
  message: z.string(),
  at: z.string(),
  /** Failed attempts in a row. */
  attempts: z.number().int(),
  /** When the scheduler tries again (back-off), or null when it will not on its own. */
  retryAt: z.string().nullable(),
});
export type ExportFailure = z.infer<typeof exportFailureRecord>;

export const exportStatusRecord = z.object({
  settings: exportSettingsRecord,
  /** The last seq exported, and the journal's last seq: the difference waits for the next export. */
  cursor: z.number().int(),
  lastSeq: z.number().int(),
  /** Newest first. */
  history: z.array(exportEntryRecord),
  nextRun: z.string().nullable(),
  running: z.boolean(),
  failure: exportFailureRecord.nullable(),
  /** A training journal is never exported: the page says so instead of offering to. */
  training: z.boolean(),
  /** The workstation's public key (PEM), for corporate to verify bundles with. */
  publicKey: z.string().nullable(),
  /** After a key rotation: the new key's fingerprint, until the next export announces it. */
  pendingKey: z.string().nullable().optional(),
});
export type ExportStatus = z.infer<typeof exportStatusRecord>;

export const exportChannels = {
  exportStatus: channel(
    'operator',
    none,
    exportStatusRecord,
    'Export settings, the last exports, the next run and any failure.',
  ),
  exportNow: channel(
    'operator',
    none,
    exportResultRecord,
    'Export everything not yet exported to the destination now (one bundle; none when nothing is new).',
  ),
  setExportSettings: channel(
    'supervisor',
    exportSettingsChange,
    exportSettingsRecord,
    'Set the export schedule and workstation name (the destination is chosen in a folder dialog, never sent).',
  ),
  rotateExportKey: channel(
    'supervisor',
    none,
    z.object({ fingerprint: z.string(), publicKey: z.string() }),
    'Make a new signing key: the next export is signed by the current key and announces the new one to corporate.',
  ),
} satisfies Record<string, ChannelDef>;

/** Pushed to every window after each export attempt (the main process notifies a failure). */
export const exportPushes = {
  exportFinished: z.object({
    ok: z.boolean(),
    trigger: z.enum(['schedule', 'retry', 'button']),
    result: exportResultRecord.nullable(),
    failure: exportFailureRecord.nullable(),
  }),
} satisfies Record<string, z.ZodType>;
