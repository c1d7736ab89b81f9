/**
 * `LedgerApi` from any transport: one method per channel of the contract, each resolving with
 * the answer or rejecting with a `LedgerCallError` that carries the contract's error code.
 * The Electron preload and the browser host differ only in how a call and a push travel.
 */
import type { LedgerApi, LedgerErrorShape, PushName } from '../../shared/contract/channels';
// The names and codes only, not the schemas: a window's first requests are made before those are built.
import { CHANNEL_NAMES, LEDGER_ERROR_CODES, type LedgerErrorCode } from '../../shared/contract/constants';
import type { ChosenFile, FileKind, OfferedFile } from '../../shared/contract/files';
import type { LedgerResult } from '../../shared/contract/result';

/** The contract's result envelope (shared/contract/result), as a transport hands it back. */
export type Envelope = LedgerResult;

/**
 * How calls, pushes and chosen files travel: Electron IPC (the preload's bridge: the main
 * process's open dialog, dropped files by their path) or HTTP + Server-Sent Events (a file input,
 * and the file's bytes uploaded). Either way the page gets ids of chosen files, never paths.
 */
export interface LedgerTransport {
  invoke(channel: string, request: unknown): Promise<Envelope>;
  subscribe(push: PushName, listener: (payload: unknown) => void): () => void;
  chooseFiles(kind: FileKind): Promise<Envelope>;
  offerFiles(files: readonly OfferedFile[], kind: FileKind): Promise<Envelope>;
  /**
   * The export destination from a folder dialog of the main process (Electron); a transport
   * without one (the browser host) answers a refusal saying where the destination is set.
   */
  chooseExportFolder(): Promise<Envelope>;
  /** The import folder, the same way (a refusal without a dialog). */
  chooseImportFolder(): Promise<Envelope>;
  /** Whether `chooseExportFolder` / `chooseImportFolder` can show a dialog at all. */
  readonly canChooseFolders: boolean;
}

export class LedgerCallError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly channel: string,
  ) {
    super(message);
    this.name = 'LedgerCallError';
  }
}

function asError(channel: string, envelope: unknown): LedgerCallError {
  const error = (envelope as { error?: Partial<LedgerErrorShape> } | null)?.error;
  const code =
    typeof error?.code === 'string' && (LEDGER_ERROR_CODES as readonly string[]).includes(error.code)
      ? error.code
      : 'internal';
  const message = typeof error?.message === 'string' ? error.message : `"${channel}" failed.`;
  return new LedgerCallError(code, message, channel);
}

export function buildLedger(transport: LedgerTransport): LedgerApi {
  const unwrap = async (what: string, envelope: Promise<Envelope>): Promise<ChosenFile[]> => {
    const e = await envelope;
    if (e && typeof e === 'object' && e.ok === true) return e.response as ChosenFile[];
    throw asError(what, e);
  };
  const api: Record<string, unknown> = {
    on: (push: PushName, listener: (payload: unknown) => void) => transport.subscribe(push, listener),
    chooseFiles: (kind: FileKind) => unwrap('chooseFiles', transport.chooseFiles(kind)),
    offerFiles: (files: readonly OfferedFile[], kind: FileKind) =>
      files.length === 0 ? Promise.resolve([]) : unwrap('offerFiles', transport.offerFiles(files, kind)),
    canChooseFolders: transport.canChooseFolders === true,
    chooseExportFolder: async () => {
      const e = await transport.chooseExportFolder();
      if (e && typeof e === 'object' && e.ok === true) return e.response ?? null;
      throw asError('chooseExportFolder', e);
    },
    chooseImportFolder: async () => {
      const e = await transport.chooseImportFolder();
      if (e && typeof e === 'object' && e.ok === true) return e.response ?? null;
      throw asError('chooseImportFolder', e);
    },
  };
  for (const name of CHANNEL_NAMES) {
    api[name] = async (request: unknown) => {
      const envelope = await transport.invoke(name, request ?? {});
      if (envelope && typeof envelope === 'object' && envelope.ok === true) return envelope.response;
      throw asError(name, envelope);
    };
  }
  return api as unknown as LedgerApi;
}
