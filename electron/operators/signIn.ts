/**
 * Checking an operator's password, the one way both doors do it: the sign-in channel (a window)
 * and the command line (`--password-stdin`). The throttle counts every wrong password at an id,
 * whichever door it came through, so a guesser gains nothing by moving from the sign-in form to a
 * shell; every attempt is kept in the journal's sign-in log, with where it came from.
 */
import type { OperatorRecord } from '../../shared/contract/records';
import { JournalRefusal, type JournalApi } from '../journal/types';
import { AttemptQueue, clockTime, waitAfter, waitMessage } from './throttle';

type SigningJournal = Pick<JournalApi, 'path' | 'signInStanding' | 'recordSignIn' | 'authenticateAsync'>;

export interface SignInAttempt {
  operatorId: string;
  password: string;
  /** Where it came from: the window's session id, or `command line`. */
  from: string;
  /** Now, in ms since the epoch. */
  now: number;
}

/** Per journal file and operator id: attempts at one id are judged one at a time. */
const attempts = new AttemptQueue();

/**
 * The operator whose password this is. Refused while the id waits or is locked (the password is
 * then not even checked), and for a wrong id or password in one sentence for both, so a refusal
 * never tells which operator ids exist.
 */
export function checkPassword(journal: SigningJournal, attempt: SignInAttempt): Promise<OperatorRecord> {
  const { operatorId, password, from: session, now } = attempt;
  return attempts.run(`${journal.path}\n${operatorId}`, async () => {
    const standing = journal.signInStanding(operatorId);
    const wait = waitAfter(standing.failures, standing.lastFailureAt?.getTime() ?? null);
    const at = new Date(now);
    if (wait && now < wait.until) {
      // Refused without checking the password: a guess made while waiting tells nothing.
      journal.recordSignIn({ operatorId, at, session, outcome: wait.locked ? 'locked' : 'too-soon' });
      throw new JournalRefusal('refused', waitMessage(operatorId, wait, now));
    }
    const operator = await journal.authenticateAsync(operatorId, password);
    if (!operator) {
      const next = waitAfter(standing.failures + 1, now);
      const lockedUntil = next?.locked ? new Date(next.until) : null;
      journal.recordSignIn({ operatorId, at, session, outcome: 'wrong-password', lockedUntil });
      const then = next?.locked
        ? ` ${operatorId} is now locked: try again at ${clockTime(next.until)}.`
        : next
          ? ` Wait ${Math.round((next.until - now) / 1000)} s before the next try.`
          : '';
      throw new JournalRefusal('not-allowed', `That operator id and password do not match.${then}`);
    }
    journal.recordSignIn({ operatorId, at, session, outcome: 'ok' });
    return operator;
  });
}
