/**
 * The one place the renderer's own views get the journal from. main.tsx hands in whatever the
 * transport built (Electron preload or the browser host); tests hand in a fake. Views never
 * know which.
 */
import type { LedgerApi } from '../../shared/contract/channels';
import { LEDGER_ERROR_CODES, type LedgerErrorCode } from '../../shared/contract/constants';

let current: LedgerApi | null = null;

export function setLedger(ledger: LedgerApi): void {
  current = ledger;
}

export function ledger(): LedgerApi {
  if (!current) throw new Error('The journal is not connected: the preload (or the browser host) did not load.');
  return current;
}

export interface Failure {
  code: LedgerErrorCode;
  message: string;
}

/** A failed call as `{code, message}`, without Electron's "Error invoking remote method" wrapping. */
export function failureOf(error: unknown): Failure {
  if (error !== null && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown };
    const raw = typeof e.message === 'string' ? e.message : String(error);
    const message = raw.replace(/^Error invoking remote method '[^']*':\s*(?:Error:\s*)?/, '');
    if (typeof e.code === 'string' && (LEDGER_ERROR_CODES as readonly string[]).includes(e.code)) {
      return { code: e.code as LedgerErrorCode, message };
    }
    return { code: 'internal', message };
  }
  return { code: 'internal', message: String(error) };
}

export const messageOf = (error: unknown): string => failureOf(error).message;
