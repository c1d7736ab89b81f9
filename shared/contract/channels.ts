/**
 * The IPC contract: one table of channels, each with its request and response schema.
 *
 * The main process builds its handlers from this table and validates every request against it
 * (the renderer is untrusted); the preload and the browser host build `window.ledger` from the
 * same table, so a channel cannot exist on one side only. Capabilities add their channels in
 * their own files and spread them in here.
 */
import { z } from 'zod';
import {
  anomalyFilterRequest,
  anomalyKindSchema,
  anomalyRecord,
  eventDetail,
  eventRecord,
  importReport,
  journalFilter,
  operatorRecord,
  orderRecord,
  rejectedLineRecord,
  statusCountsRecord,
  verifyReport,
} from './records';
import { correctionChannels } from './corrections';
import { exportChannels, exportPushes } from './export';
import { historyChannels } from './history';
import { rulesChannels } from './rules';
import { searchChannels } from './search';
import { practiceStateRecord, trainingChannels } from './training';
import { fileId, type FileChooser } from './files';
import type { ExportFolderChooser } from './export';
import { signInAttemptRecord } from './signIn';
import { channel, type ChannelDef } from './channel';
import { requestChannels } from './requests';
import { LEDGER_ERROR_CODES } from './constants';
import { operatorChannels } from './operators';

export type { ChannelDef } from './channel';
export { ipcChannel, ipcPushChannel } from './ipc';

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);

export const jobId = z.string().min(1).max(64);

/** The columns the orders list sorts by. */
export const ORDER_SORTS = ['orderId', 'status', 'customer', 'lines', 'events', 'openAnomalies', 'lastEvent'] as const;

/** The Orders page's filter, but for the status (its chips count under the rest). */
const ordersFilterRequest = z.object({
  withAnomalies: z.boolean().optional(),
  search: z.string().max(128).optional(),
  /** The order's latest main-system event, ISO times with an offset, inclusive. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

export const sessionState = z.object({
  journalPath: z.string(),
  /** Whether the journal has any operator yet (if not, the first Supervisor is created). */
  hasOperators: z.boolean(),
  operator: operatorRecord.nullable(),
  /** A training journal is never the real one; the UI shows it with a constant marker. */
  training: z.boolean(),
  events: z.number().int(),
  /**
   * The practice this window is in: the views then read its training journal. Null or absent when
   * it is not practising (the handler always says null; fakes in tests may leave it out).
   */
  practice: practiceStateRecord.nullable().optional(),
  /**
   * Set when this window's session ended because it went unused for `idleMinutes`: who was
   * signed in, so the window can ask for that operator's password again over the page it shows.
   */
  idleEnded: operatorRecord.nullable().optional(),
});

/** One event with its neighbours (kept beside the records so the corrections contract can name it too). */
export { eventDetail };

/** The dashboard's date range: ISO times with an offset, both inclusive; without them, the journal's last day. */
export const dashboardRequest = z
  .object({ from: z.string().max(40).optional(), to: z.string().max(40).optional() })
  .strict();

export const dashboardRecord = z.object({
  /** Each bar's start (UTC ISO); a bar is `bucketHours` long (an hour, or a day over long ranges). */
  eventsPerHour: z.array(z.object({ hour: z.string(), events: z.number().int() })),
  bucketHours: z.number().int().positive(),
  /** The range the chart shows, whole hours: its first hour's start and its last hour's end (UTC ISO); null without events. */
  range: z.object({ from: z.string(), to: z.string() }).nullable(),
  openByKind: z.array(z.object({ kind: anomalyKindSchema, count: z.number().int() })),
  openByInitiator: z.array(z.object({ initiatorId: z.string(), name: z.string().optional(), count: z.number().int() })),
  statusCounts: statusCountsRecord,
});

export { IDLE_MINUTES_DEFAULT } from './constants';
export const idleMinutes = z.number().int().min(1).max(480);

export const settingsRecord = z.object({
  /**
   * The watched import folder (named "Import folder" in the app; the anomaly page is the inbox).
   * The key keeps its old name for the settings files already on workstations.
   */
  inboxFolder: z.string().nullable(),
  /** A window unused this long asks for its operator's password again (it keeps its page). */
  idleMinutes,
});

/**
 * What a window may change of the settings. The import folder is never named by a window (a path in
 * a message is anyone's path): under Electron the main process shows a folder dialog and hands the
 * worker what the person picked; in the browser host it is set from the command line
 * (`warehouse-ledger settings import-folder DIR`). A window may only turn it off (null); a path here
 * is refused as an invalid request.
 */
export const settingsChange = z
  .object({ inboxFolder: z.null().optional(), idleMinutes: idleMinutes.optional() })
  .strict();

export { IMPORT_FOLDER_FROM_COMMAND_LINE } from './constants';

/** How the Settings page sets the import folder: a folder dialog of the main process (Electron only). */
export interface ImportFolderChooser {
  /**
   * Ask the person for the import folder in a native folder dialog (a Supervisor's window);
   * resolves with the settings as saved, or null when they cancel.
   */
  chooseImportFolder(): Promise<z.infer<typeof settingsRecord> | null>;
}

export const coreChannels = {
  // --- session and operators
  session: channel('public', none, sessionState, 'Which journal is open and who is signed in.'),
  signIn: channel(
    'public',
    z.object({ operatorId: z.string().min(1).max(128), password: z.string().min(1).max(1024) }),
    operatorRecord,
    'Sign in with an operator of this journal (slowed down, then locked, after wrong passwords).',
  ),
  signOut: channel('public', none, ok, 'Sign out.'),
  // Public so that a Trainee and a window in practice send it too; it refuses a window nobody is signed in to.
  stillHere: channel(
    'public',
    none,
    ok,
    'The person at this window is using it (a key, a click): the idle time of its session starts again.',
  ),
  signInAttempts: channel(
    'supervisor',
    z.object({ limit: limit(1000, 200), beforeId: z.number().int().positive().optional() }),
    z.array(signInAttemptRecord),
    'Sign-in attempts, newest first: wrong passwords, attempts refused while waiting or locked, and sign-ins.',
  ),
  createFirstSupervisor: channel(
    'public',
    z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(128), password: z.string().min(8) }),
    operatorRecord,
    'Create the first Supervisor of a journal that has no operators (refused once one exists).',
  ),
  listOperators: channel('operator', none, z.array(operatorRecord), 'Every operator of this journal.'),
  addOperator: channel(
    'supervisor',
    z.object({
      id: z.string().min(1).max(64),
      name: z.string().min(1).max(128),
      role: operatorRecord.shape.role,
      password: z.string().min(8),
    }),
    operatorRecord,
    'Add an operator.',
  ),

  // --- orders
  listOrders: channel(
    'operator',
    ordersFilterRequest.extend({
      status: z.string().optional(),
      sort: z.enum(ORDER_SORTS).optional(),
      descending: z.boolean().optional(),
      /** Keyset: the last orderId of the previous page (sorted by order id). */
      afterOrderId: z.string().optional(),
      /** Keyset for any sort: the previous page's last sort value and order id. */
      after: z.object({ key: z.union([z.string(), z.number()]), orderId: z.string() }).optional(),
      limit: limit(1000, 200),
    }),
    z.object({ rows: z.array(orderRecord), total: z.number().int() }),
    'Running status of orders, filtered, in order-id order.',
  ),
  statusCounts: channel(
    'operator',
    ordersFilterRequest.strict(),
    statusCountsRecord,
    'How many orders are in each status (under the Orders page filter, when one is given).',
  ),
  getOrder: channel('operator', z.object({ orderId: z.string().min(1) }), orderRecord.nullable(), 'One order.'),
  orderHistory: channel(
    'operator',
    z.object({ orderId: z.string().min(1) }),
    z.array(eventRecord.extend({ statusAfter: z.string().nullable() })),
    "An order's events in journal order, with the status after each.",
  ),

  // --- journal
  journalPage: channel(
    'operator',
    z.object({
      filter: journalFilter.default({}),
      beforeSeq: z.number().int().positive().optional(),
      limit: limit(1000, 200),
    }),
    z.object({ rows: z.array(eventRecord), nextBeforeSeq: z.number().int().nullable() }),
    'A page of the journal, newest first, keyset-paged by seq.',
  ),
  eventDetail: channel(
    'operator',
    z.union([z.object({ seq: z.number().int().positive() }), z.object({ eventId: z.string().min(1) })]),
    eventDetail.nullable(),
    'One event with its neighbours in its order and its trace.',
  ),

  // --- anomalies
  listAnomalies: channel(
    'operator',
    anomalyFilterRequest.extend({
      kind: anomalyKindSchema.optional(),
      severity: z.enum(['error', 'warning']).optional(),
      beforeId: z.number().int().positive().optional(),
      limit: limit(1000, 200),
    }),
    z.object({ rows: z.array(anomalyRecord), nextBeforeId: z.number().int().nullable() }),
    'Anomalies, newest first.',
  ),
  anomalyTotals: channel(
    'operator',
    anomalyFilterRequest,
    z.object({
      total: z.number().int(),
      bySeverity: z.record(z.string(), z.number().int()),
      byKind: z.record(z.string(), z.number().int()),
    }),
    'Exact totals of the anomalies under the inbox filter, per severity and per kind.',
  ),
  dashboard: channel(
    'operator',
    dashboardRequest,
    dashboardRecord,
    'Figures for the dashboard: events per hour over a date range, open anomalies, orders by status.',
  ),

  // --- import and long jobs
  importFiles: channel(
    'operator',
    // Files the person chose (shared/contract/files): never a path the renderer names.
    z.object({ files: z.array(fileId).min(1).max(100) }),
    z.object({ jobId }),
    'Start importing chosen files in the background; progress and the report come as pushes.',
  ),
  loadSample: channel(
    'operator',
    z.object({ orders: z.number().int().min(1).max(200_000).default(500), seed: z.number().int().default(1) }),
    z.object({ jobId }),
    'Fill an empty journal with the generated sample warehouse (the missing package among it).',
  ),
  rebuild: channel('supervisor', none, z.object({ jobId }), 'Recompute every projection from the events alone.'),
  cancelJob: channel('operator', z.object({ jobId }), ok, 'Ask a running job to stop.'),
  rejectedLines: channel(
    'operator',
    z.object({ file: z.string().optional(), limit: limit(10_000, 500) }),
    z.array(rejectedLineRecord),
    'Lines that were refused at import, with file, line number and reason.',
  ),
  retryRejectedLine: channel(
    'operator',
    z.object({ id: z.number().int().positive(), line: z.string().min(1).max(1_000_000) }),
    z.object({ outcome: z.enum(['recorded', 'duplicate']), seq: z.number().int(), eventId: z.string() }),
    'Import a refused line again once it is put right (the same checks as an import); it is then marked fixed.',
  ),
  verify: channel('operator', none, verifyReport, 'Recompute the hash chain and the projections.'),

  // --- settings
  getSettings: channel('operator', none, settingsRecord, 'Workstation settings.'),
  setSettings: channel('supervisor', settingsChange, settingsRecord, 'Change workstation settings.'),
} satisfies Record<string, ChannelDef>;

/** Every channel of the app. Capabilities (export, training, rules) spread theirs in here. */
export const channels = {
  ...coreChannels,
  ...correctionChannels,
  ...rulesChannels,
  ...searchChannels,
  ...trainingChannels,
  ...exportChannels,
  ...historyChannels,
  ...requestChannels,
  ...operatorChannels,
} satisfies Record<string, ChannelDef>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<K extends ChannelName> = z.input<Channels[K]['request']>;
export type ResponseOf<K extends ChannelName> = z.output<Channels[K]['response']>;

/** What the main process pushes to every window. */
export const pushes = {
  journalChanged: z.object({
    lastSeq: z.number().int(),
    orderIds: z.array(z.string()).max(1000),
    truncated: z.boolean(),
  }),
  newErrorAnomalies: z.object({ count: z.number().int(), examples: z.array(anomalyRecord).max(5) }),
  jobProgress: z.object({
    jobId,
    kind: z.string(),
    done: z.number(),
    total: z.number().nullable(),
    message: z.string(),
  }),
  jobFinished: z.object({
    jobId,
    kind: z.string(),
    ok: z.boolean(),
    error: z.string().nullable(),
    reports: z.array(importReport),
  }),
  ...exportPushes,
} satisfies Record<string, z.ZodType>;
export type Pushes = typeof pushes;
export type PushName = keyof Pushes;

export { LEDGER_ERROR_CODES, type LedgerErrorCode } from './constants';
export const ledgerError = z.object({ code: z.enum(LEDGER_ERROR_CODES), message: z.string() });
export type LedgerErrorShape = z.infer<typeof ledgerError>;

/** What `window.ledger` looks like, derived from the table: one async method per channel. */
export type LedgerApi = {
  [K in ChannelName]: (request: RequestOf<K>) => Promise<ResponseOf<K>>;
} & FileChooser &
  ExportFolderChooser &
  ImportFolderChooser & {
    on<P extends PushName>(push: P, listener: (payload: z.output<Pushes[P]>) => void): () => void;
  };
