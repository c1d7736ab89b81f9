/**
 * Sessions that end when their window goes unused. The idle time runs from the person's last
 * use of the window: a sign-in, or the `stillHere` the page sends on a key or a click. Other
 * requests do not count, because a page makes them on its own (it reloads what it shows after
 * every push of new events), and a journal view left open on a busy floor must still lock.
 *
 * An ended session keeps only who was signed in (so the window asks that operator's password
 * again and keeps its page); its practice and its chosen files go.
 */
import type { LedgerServices, Session } from './context';

export const MINUTE_MS = 60_000;

/** End the session if its window has gone unused too long; true when it did just now. */
export function endIfIdle(
  session: Session,
  services: Pick<LedgerServices, 'settings' | 'clock' | 'journal' | 'desk' | 'files'>,
): boolean {
  if (session.operatorId === null || session.lastActive === undefined) return false;
  const idleMs = services.settings.get().idleMinutes * MINUTE_MS;
  if (services.clock() - session.lastActive < idleMs) return false;
  const operator = services.journal.getOperator(session.operatorId) ?? null;
  if (session.practice) services.desk.closePractice(session.operatorId);
  session.practice = null;
  session.idleEnded = operator;
  session.operatorId = null;
  services.files.endSession(session.id);
  return true;
}

/** What an ended session may still hold of memory: nothing but this, and only so long. */
export const ENDED_SESSION_KEPT_MS = 24 * 60 * MINUTE_MS;
