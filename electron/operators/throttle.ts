/**
 * How sign-in resists guessing, per operator id (as typed, so an id that does not exist behaves
 * like one that does): the first 5 wrong passwords in a row cost nothing more than the hashing;
 * after them each attempt must wait longer (1, 2, 4, 8, 16 s after the latest wrong password);
 * from the 10th the operator is locked for 15 minutes after each wrong password, until a sign-in
 * works. Other operators are unaffected. The count lives in the journal (../journal/signIns), so
 * closing the app does not reset it.
 */
export const FREE_ATTEMPTS = 5;
export const LOCK_AFTER = 10;
export const LOCK_MS = 15 * 60 * 1000;

export interface Wait {
  /** When the next attempt is taken (ms since the epoch). */
  until: number;
  /** Locked (after LOCK_AFTER wrong passwords) rather than only slowed down. */
  locked: boolean;
}

/** The wait after `failures` wrong passwords in a row, the latest at `lastFailureAt`; null: none. */
export function waitAfter(failures: number, lastFailureAt: number | null): Wait | null {
  if (failures < FREE_ATTEMPTS || lastFailureAt === null) return null;
  if (failures >= LOCK_AFTER) return { until: lastFailureAt + LOCK_MS, locked: true };
  return { until: lastFailureAt + 1000 * 2 ** (failures - FREE_ATTEMPTS), locked: false };
}

/** "14:32": the workstation's own clock, as the office reads it. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The refusal for an attempt made while the operator must wait. */
export function waitMessage(operatorId: string, wait: Wait, now: number): string {
  if (wait.locked) {
    return `${operatorId} is locked after ${LOCK_AFTER} wrong passwords: try again at ${clockTime(wait.until)}.`;
  }
  const seconds = Math.max(1, Math.ceil((wait.until - now) / 1000));
  return `Too many wrong passwords for ${operatorId}: wait ${seconds} second${seconds === 1 ? '' : 's'} before trying again.`;
}

/**
 * One attempt at a time per operator id: attempts sent together are judged in turn, each seeing
 * the count the one before left, so 60 guesses at once cannot all slip in under the limit.
 */
export class AttemptQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, attempt: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.then(attempt, attempt);
    const tail = mine.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return mine;
  }
}
