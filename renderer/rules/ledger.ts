/**
 * How the rule views reach the journal: `window.ledger` only. The subset they use is named
 * here so a test can hand the store a fake that implements just this.
 */
import type { LedgerApi } from '../../shared/contract/channels';

export type RulesLedger = Pick<
  LedgerApi,
  | 'session'
  | 'ruleSets'
  | 'ruleSetHistory'
  | 'loadRuleSetFile'
  | 'startObservedTransitions'
  | 'observedTransitionsResult'
  | 'transitionEvents'
  | 'startRulePreview'
  | 'previewResult'
  | 'cancelRuleJob'
  | 'activateRuleSet'
>;

export function windowLedger(): RulesLedger {
  const ledger = (globalThis as { ledger?: RulesLedger }).ledger;
  if (!ledger) throw new Error('window.ledger is missing: the preload (or the browser host) did not load.');
  return ledger;
}

/** A failure's message without Electron's "Error invoking remote method …" wrapping. */
export function messageOf(error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  return m.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, '');
}
