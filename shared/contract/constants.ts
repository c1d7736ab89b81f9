/**
 * The contract's plain values, without a schema: what the renderer needs to connect and make
 * its first requests (the channels' names, the error codes, the transports' refusals), in a
 * module that does not import zod. Building the contract's schemas is a large part of a page
 * load's script time; a window's first requests go out before it (renderer/boot.ts).
 *
 * The schema modules (channels.ts, files.ts, export.ts) re-export these, so the rest of the app
 * imports them from where they always were.
 */
import type { ChannelName } from './channels';

/** Every channel of the table (channels.ts), by name: the renderer's `window.ledger` has one method each. */
export const CHANNEL_NAMES = [
  'session',
  'signIn',
  'signOut',
  'stillHere',
  'signInAttempts',
  'createFirstSupervisor',
  'listOperators',
  'addOperator',
  'listOrders',
  'statusCounts',
  'getOrder',
  'orderHistory',
  'journalPage',
  'eventDetail',
  'listAnomalies',
  'anomalyTotals',
  'dashboard',
  'importFiles',
  'loadSample',
  'rebuild',
  'cancelJob',
  'rejectedLines',
  'retryRejectedLine',
  'verify',
  'getSettings',
  'setSettings',
  'correctionContext',
  'correct',
  'dismiss',
  'correctionsLog',
  'ruleSets',
  'ruleSetHistory',
  'loadRuleSetFile',
  'startObservedTransitions',
  'observedTransitionsResult',
  'transitionEvents',
  'startRulePreview',
  'previewResult',
  'activateRuleSet',
  'search',
  'listScenarios',
  'startScenario',
  'leavePractice',
  'submitAnswer',
  'trainingProgress',
  'trainingCoverage',
  'scenarioFromAnomaly',
  'exportStatus',
  'exportNow',
  'setExportSettings',
  'rotateExportKey',
  'journalPosition',
  'orderAsOf',
  'ordersAsOf',
  'anomaliesAsOf',
  'people',
  'activity',
  'handover',
  'incidentReport',
  'requestCorrection',
  'declineRequest',
  'correctionRequests',
  'disableOperator',
  'resetPassword',
] as const satisfies readonly ChannelName[];

type Unlisted = Exclude<ChannelName, (typeof CHANNEL_NAMES)[number]>;
/** Compiles only while every channel of the table is listed above (the error names the one missing). */
export const CHANNEL_NAMES_COMPLETE: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;

/** How long a window may go without use before its session ends (minutes). */
export const IDLE_MINUTES_DEFAULT = 15;

/** Every failure crosses IPC as one of these, with a sentence a person can read. */
export const LEDGER_ERROR_CODES = [
  'invalid-request',
  'not-signed-in',
  'not-allowed',
  'not-found',
  'refused',
  'stale',
  'internal',
] as const;
export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[number];

/** What a chosen file is for: events to import, or a rule set to load. */
export const FILE_KINDS = ['events', 'ruleSet'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** What a dialog offers to pick, per kind. */
export const FILE_EXTENSIONS: Record<FileKind, readonly string[]> = {
  events: ['ndjson', 'jsonl', 'json', 'csv'],
  ruleSet: ['json'],
};

/** Said in the browser host, where no folder dialog exists, on the page and by `chooseExportFolder`. */
export const EXPORT_FOLDER_FROM_COMMAND_LINE =
  'In the browser the export destination is set from the command line: warehouse-ledger export settings --destination DIR (with the same --settings FILE the web host was started with), then restart the web host.';

/** Said in the browser host, where no folder dialog exists, on the page and by `chooseImportFolder`. */
export const IMPORT_FOLDER_FROM_COMMAND_LINE =
  'In the browser the import folder is set from the command line: warehouse-ledger settings import-folder DIR (with the same --settings FILE the web host was started with), then restart the web host.';
