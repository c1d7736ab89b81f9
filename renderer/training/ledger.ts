/**
 * How the training views reach the main process: `window.ledger` only, and only the channels a
 * Trainee may call. Kept in one place so the store can be handed a fake in tests.
 */
import type { LedgerApi } from '../../shared/contract/channels';
import { ledger as appLedger } from '../app/ledger';

/** The subset of `window.ledger` the training views use (a fake implements just this). */
export type TrainingLedger = Pick<
  LedgerApi,
  'session' | 'listScenarios' | 'startScenario' | 'trainingProgress' | 'scenarioFromAnomaly'
>;

/** The app's connection to the journal (Electron preload or browser host, whichever it set up). */
export function windowLedger(): TrainingLedger {
  return appLedger();
}

/** A failure as a sentence: the contract's errors carry one; Electron prefixes its own words. */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*':\s*(Error:\s*)?/, '');
}
