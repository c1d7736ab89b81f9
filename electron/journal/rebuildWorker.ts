/**
 * The thread of a rebuild read in two (./rebuildInTwo): it reads and folds one part of the
 * orders and hands back what it read (./partWorker).
 */
import { answerFromThread } from './partWorker';
import { readPart, type RebuildThreadAnswer } from './rebuildInTwo';

answerFromThread<Exclude<RebuildThreadAnswer, { error: string }>>((db, ruleSets, data) => {
  const answer = readPart(db, ruleSets, data.part, data.toSeq);
  const transfer = 'outcome' in answer ? answer.outcome.filters.map(([, words]) => words.buffer as ArrayBuffer) : [];
  return { answer, transfer };
});
