/**
 * Every failure crosses IPC as `{ code, message }` (shared/contract/channels `ledgerError`):
 * a sentence a person can read, never a stack trace. Unexpected errors are logged here, in the
 * main process, and answered with a generic sentence.
 */
import { ZodError } from 'zod';
import type { LedgerErrorCode, LedgerErrorShape } from '../../../shared/contract/channels';
import { JournalRefusal } from '../../journal/types';

/** A refusal raised by the IPC layer itself (bad request, nobody signed in, wrong role). */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** "orders: expected number, received string; limit: too big" — the field first, then what is wrong. */
export function describeZodError(error: ZodError, what = 'request'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`)
    .join('; ');
}

export type Logger = (message: string, error: unknown) => void;

export const consoleLogger: Logger = (message, error) => console.error(message, error);

export function toLedgerError(error: unknown, channel: string, log: Logger = consoleLogger): LedgerErrorShape {
  if (error instanceof LedgerError) return { code: error.code, message: error.message };
  if (error instanceof JournalRefusal) {
    return { code: error.code === 'invalid' ? 'invalid-request' : error.code, message: error.message };
  }
  if (error instanceof ZodError) return { code: 'invalid-request', message: describeZodError(error) };
  log(`[ledger] ${channel} failed`, error);
  return {
    code: 'internal',
    message: `Something went wrong while handling "${channel}". The details are in the application log.`,
  };
}
