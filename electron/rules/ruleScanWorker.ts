/**
 * The thread of a rule scan read in two (./replayJournal): it replays one part of the orders
 * under the scan's rules, flat out on a read-only connection of its own (nothing waits on this
 * thread), and hands back its part's result (../journal/partWorker). Each read is a statement
 * of its own, as the worker's slices are, not one transaction for the whole scan: events up to
 * the scan's last seq never change, and a read snapshot held for seconds would keep the WAL from
 * being checkpointed while an import writes.
 */
import { answerFromThread } from '../journal/partWorker';
import { JournalReader } from '../journal/queries';
import { observedFold, previewFold, type Fold, type RuleScan, type RuleScanAnswer } from './replayJournal';

/** Events per read. */
const READ_CHUNK = 2000;

answerFromThread<RuleScanAnswer>((db, _ruleSets, data) => {
  const scan = data.work as RuleScan;
  const reader = new JournalReader(db);
  const replay = <R>(fold: Fold<R>): R => {
    for (let after = 0; ;) {
      const events = reader.replayEvents(after, data.toSeq, READ_CHUNK, data.part);
      for (const event of events) fold.feed(event);
      if (events.length < READ_CHUNK) return fold.result(false);
      after = events[events.length - 1]!.seq;
    }
  };
  return {
    answer:
      scan.kind === 'observed'
        ? { observed: replay(observedFold(scan.ruleSet, scan.range)) }
        : { preview: replay(previewFold(scan.candidate, scan.current)) },
  };
});
