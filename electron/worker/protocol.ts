/**
 * The messages between the main process (or the browser host) and the journal worker.
 * Requests carry an id; the worker answers each id exactly once. Pushes have no id.
 */
import type { PushName } from '../../shared/contract/channels';
import type { LedgerResult } from '../../shared/contract/result';
import type { FileKind } from '../../shared/contract/files';
import type { FolderPurpose } from '../../shared/contract/ipc';
import type { FileToGrant } from '../files/grants';

export type ToWorker =
  /** Call a contract channel in the name of a session (a window, or a browser page). */
  | { type: 'call'; id: number; channel: string; request: unknown; session: string }
  /** Close the journal and open another (File > Open journal…); every session is signed out. */
  | { type: 'open'; id: number; path: string }
  /** Files a window chose (open dialog, confirmed drop, upload): answered with their ids. */
  | { type: 'grantFiles'; id: number; session: string; kind: FileKind; files: FileToGrant[] }
  /**
   * A folder a Supervisor's window picked in the main process's folder dialog, for the export
   * destination or the watched import folder: answered with the settings as saved. No contract
   * channel carries either path.
   */
  | { type: 'setChosenFolder'; id: number; session: string; purpose: FolderPurpose; folder: string }
  /** A window closed: forget its session. */
  | { type: 'endSession'; session: string }
  /** Cancel the jobs, close the journal, and stop. */
  | { type: 'close'; id: number }
  /** The answer to a `keyProtector` request: the bytes (base64), or why the keychain refused. */
  | { type: 'keyProtected'; id: number; ok: true; data: string }
  | { type: 'keyProtected'; id: number; ok: false; message: string };

export type FromWorker =
  | { type: 'ready'; journalPath: string }
  | { type: 'fatal'; message: string }
  | ({ type: 'result'; id: number } & LedgerResult)
  | { type: 'push'; name: PushName; payload: unknown }
  /**
   * Seal or unseal the signing key with the keychain the main process holds (Electron's
   * safeStorage is not there in a worker thread). `data` is base64.
   */
  | { type: 'keyProtector'; id: number; op: 'seal' | 'unseal'; data: string };

/** What the worker is started with (`workerData`). */
export interface WorkerOptions {
  journalPath: string;
  /** The settings JSON (user data folder); `null` keeps settings in memory. */
  settingsFile: string | null;
  /** better-sqlite3's Electron-ABI binary when the worker runs inside Electron. */
  nativeBinding?: string;
  /** Check answers against the contract (tests, development). */
  validateResponses?: boolean;
  /** Watch the inbox folder of the settings (the desktop app does; the browser host only when asked). */
  watchInbox?: boolean;
  /** The signing key's folder; default: `signing-key` in the settings file's folder, else in the user data folder. */
  keyDir?: string;
  /** Set (to the protector's kind) when the parent seals the key: the worker asks it through `keyProtector`. */
  sealedKeys?: string;
}
