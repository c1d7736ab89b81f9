/**
 * The rule tools' scans of the journal: the pure replays of shared/rules fed from
 * `iterateEvents`, with the total known up front so progress can say "x of y".
 * Each runs wherever its caller runs it: the app's journal worker, the CLI, a test.
 */
import { observeTransitions, type ObservedMatrix } from '../../shared/rules/observed';
import { previewRuleSet, type PreviewResult } from '../../shared/rules/preview';
import type { StopSignal } from '../../shared/rules/replay';
import type { RuleSet } from '../../shared/rules/ruleSet';
import type { JournalApi } from '../journal/types';

export interface ScanProgress {
  onProgress?: (done: number, total: number) => void;
  signal?: StopSignal;
}

/** Replay the whole journal under `candidate` and under the rules in force now. */
export function previewInJournal(
  journal: Pick<JournalApi, 'iterateEvents' | 'activeRuleSet' | 'eventCount'>,
  candidate: RuleSet,
  progress: ScanProgress = {},
): PreviewResult {
  const total = journal.eventCount();
  const current = journal.activeRuleSet().ruleSet;
  return previewRuleSet(journal.iterateEvents(), candidate, current, {
    progressEvery: 10_000,
    onProgress: (done) => progress.onProgress?.(done, total),
    ...(progress.signal ? { signal: progress.signal } : {}),
  });
}

/** The observed from → to matrix of the journal, judged by the rules in force now. */
export function observedInJournal(
  journal: Pick<JournalApi, 'iterateEvents' | 'activeRuleSet' | 'eventCount'>,
  range: { from?: string | undefined; to?: string | undefined } = {},
  progress: ScanProgress = {},
): ObservedMatrix {
  const total = journal.eventCount();
  return observeTransitions(journal.iterateEvents(), journal.activeRuleSet().ruleSet, {
    progressEvery: 10_000,
    onProgress: (done) => progress.onProgress?.(done, total),
    ...(progress.signal ? { signal: progress.signal } : {}),
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  });
}
