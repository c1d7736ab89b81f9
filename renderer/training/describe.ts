/** Words for the training views. */
import type { TraineeAnswer } from '../../shared/training/grade';

/** What the trainee answered, in one line. */
export function answerSummary(answer: TraineeAnswer): string {
  switch (answer.action) {
    case 'none':
      return 'No correction needed.';
    case 'dismiss':
      return `Dismiss the flag of event ${answer.eventId}: “${answer.reason}”`;
    case 'correct':
      return `Correct ${answer.eventId ? `event ${answer.eventId}` : 'the order'} to ${answer.status}: “${answer.reason}”`;
  }
}

/** Seconds as "4 min 05 s" / "1 h 02 min". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
