/**
 * Putting a rule set in force and reading back which rules were in force when. The journal
 * records the activation as a `RuleSetActivated` office event (content, hash, reason), so the
 * history below is read from the events themselves: who, when and why travel with the rules.
 */
import type { RuleActivationRecord, StoredRuleSetRecord } from '../../shared/contract/rules';
import { BUILTIN_RULE_SETS } from '../../shared/rules/builtin';
import type { RuleSet } from '../../shared/rules/ruleSet';
import { ruleSetHash, ruleSetKey } from '../journal';
import type { ActiveRuleSet, JournalApi, OfficeAuthor } from '../journal/types';
import type { AppendedRecord } from '../../shared/contract/records';

/** What activation needs of a journal (the journal's `activateRuleSet`, one transaction). */
export interface ActivatingJournal extends Pick<JournalApi, 'activeRuleSet' | 'ruleSetHistory' | 'event'> {
  activateRuleSet(ruleSet: RuleSet, input: OfficeAuthor & { reason: string }): AppendedRecord;
}

export interface ActivationOutcome {
  seq: number;
  eventId: string;
  key: string;
  hash: string;
}

/** Put `ruleSet` in force from the next event on. Refusals (not a Supervisor, no reason, already in force) come from the journal. */
export function activate(
  journal: ActivatingJournal,
  ruleSet: RuleSet,
  input: { operatorId: string; reason: string },
): ActivationOutcome {
  const appended = journal.activateRuleSet(ruleSet, input);
  return { seq: appended.seq, eventId: appended.eventId, key: ruleSetKey(ruleSet), hash: ruleSetHash(ruleSet) };
}

/** One entry of the history, with the activation event's who, when and why. */
export function activationRecord(journal: Pick<JournalApi, 'event'>, a: ActiveRuleSet): RuleActivationRecord {
  const base = { key: a.key, hash: a.hash, ruleSet: a.ruleSet, activatedAtSeq: a.activatedAtSeq };
  const e = a.activatedAtSeq === null ? undefined : journal.event({ seq: a.activatedAtSeq });
  if (!e) return { ...base, activatedAt: null, activatedBy: null, reason: null };
  const reason = typeof e.data.reason === 'string' ? e.data.reason : null;
  return { ...base, activatedAt: e.recordedAt, activatedBy: e.initiatedBy, reason };
}

/** Every rule set ever in force, oldest first. */
export function activationHistory(journal: Pick<JournalApi, 'event' | 'ruleSetHistory'>): RuleActivationRecord[] {
  return journal.ruleSetHistory().map((a) => activationRecord(journal, a));
}

/** The rule set in force and the ones the ledger ships with. */
export function ruleSetsOverview(journal: Pick<JournalApi, 'event' | 'activeRuleSet'>): {
  active: RuleActivationRecord;
  bundled: StoredRuleSetRecord[];
} {
  return {
    active: activationRecord(journal, journal.activeRuleSet()),
    bundled: BUILTIN_RULE_SETS.map((ruleSet) => ({ key: ruleSetKey(ruleSet), hash: ruleSetHash(ruleSet), ruleSet })),
  };
}

/** The rule set in force before the current one: what a revert activates again. */
export function previousRuleSet(journal: Pick<JournalApi, 'ruleSetHistory'>): ActiveRuleSet | undefined {
  const h = journal.ruleSetHistory();
  const current = h[h.length - 1];
  for (let i = h.length - 2; i >= 0; i--) if (h[i]!.key !== current?.key) return h[i];
  return undefined;
}
