/**
 * The thread of a verify at once in two (./verifyInTwo): it checks one part of the orders and
 * hands back its verdict (./partWorker), all of it in one read transaction of its own, so what
 * it compares holds still. A journal written to since the other thread began (its last seq moved)
 * is left to one thread, which reads it as of one moment.
 */
import { answerFromThread } from './partWorker';
import { checkPart } from './verifyInTwo';
import type { PartVerdict } from './verify';

answerFromThread<PartVerdict>((db, ruleSets, data) => {
  const verdict = db.transaction((): PartVerdict => {
    const last = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
    if (last !== data.toSeq) {
      return {
        problem: `the journal was written to while it was verified (its last seq is ${last}, not ${data.toSeq})`,
      };
    }
    return checkPart(db, ruleSets, data.part, data.toSeq);
  })();
  const transfer = 'filters' in verdict ? verdict.filters.map(([, words]) => words.buffer as ArrayBuffer) : [];
  return { answer: verdict, transfer };
});
