/**
 * How the correction views reach the journal: the app's `window.ledger` (renderer/app/ledger),
 * never anything else. Kept in one place so the stores can be handed a fake in tests.
 */
import type { LedgerApi } from '../../shared/contract/channels';
import { LEDGER_ERROR_CODES, type LedgerErrorCode } from '../../shared/contract/constants';
import { ledger as appLedger } from '../app/ledger';

/** The subset of `window.ledger` the correction views use (a fake implements just this). */
export type CorrectionsLedger = Pick<
  LedgerApi,
  'correctionContext' | 'getOrder' | 'correct' | 'dismiss' | 'correctionsLog' | 'listOperators'
>;

/** The app's ledger (set once by main.tsx from the preload or the browser host). */
export function windowLedger(): CorrectionsLedger {
  return appLedger();
}

export interface LedgerFailure {
  code: LedgerErrorCode;
  message: string;
}

/**
 * A failed call as `{code, message}`. The contract says every failure crosses IPC with a code;
 * Electron wraps remote errors in "Error invoking remote method …", so the code is also looked
 * for in the message, and anything else is an internal failure with its message kept.
 */
export function failureOf(error: unknown): LedgerFailure {
  if (error !== null && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : String(error);
    if (typeof e.code === 'string' && (LEDGER_ERROR_CODES as readonly string[]).includes(e.code)) {
      return { code: e.code as LedgerErrorCode, message: unwrap(message) };
    }
    const m = /\b(invalid-request|not-signed-in|not-allowed|not-found|refused|stale|internal)\b[:\]]\s*(.*)$/s.exec(
      message,
    );
    if (m) return { code: m[1] as LedgerErrorCode, message: m[2]!.trim() || message };
    return { code: 'internal', message: unwrap(message) };
  }
  return { code: 'internal', message: String(error) };
}

function unwrap(message: string): string {
  return message.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, '');
}
