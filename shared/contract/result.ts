/**
 * The envelope every call answers with, whatever carries it (the journal worker's messages,
 * Electron IPC, the browser host's HTTP, the preload's bridge): the answer, or a failure a
 * person can read. Never a thrown Error: one crossing the contextBridge or a worker loses its code.
 */
import type { LedgerErrorShape } from './channels';

export type LedgerResult<Response = unknown> =
  { ok: true; response: Response } | { ok: false; error: LedgerErrorShape };
