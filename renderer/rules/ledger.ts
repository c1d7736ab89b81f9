/**
 * How the rule views reach the journal: `window.ledger` only. The subset they use is named
 * here so a test can hand the store a fake that implements just this.
 */
import type { LedgerApi } from '../../shared/contract/channels';
import { ledger as appLedger } from '../app/ledger';

export type RulesLedger = Pick<
  LedgerApi,
  | 'session'
  | 'ruleSets'
  | 'ruleSetHistory'
  | 'loadRuleSetFile'
  | 'chooseFiles'
  | 'startObservedTransitions'
  | 'observedTransitionsResult'
  | 'transitionEvents'
  | 'startRulePreview'
  | 'previewResult'
  | 'cancelJob'
  | 'activateRuleSet'
>;

/** The app's connection to the journal (Electron preload or browser host, whichever it set up). */
export function windowLedger(): RulesLedger {
  return appLedger();
}

/** A failure's message without Electron's "Error invoking remote method …" wrapping. */
export function messageOf(error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  return m.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, '');
}
