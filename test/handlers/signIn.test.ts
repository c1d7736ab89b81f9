/**
 * Sign-in tried as a guesser would, through the same dispatcher the windows use: wrong
 * passwords at full speed, sent together, at ids that exist and ids that do not, from several
 * windows; the clock is the test's own (no waiting).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal';
import { clockTime, LOCK_MS } from '../../electron/operators/throttle';
import type { SignInAttemptRecord } from '../../shared/contract/signIn';
import { answer, openFixture, session, type Fixture } from './fixture';

const START = new Date('2026-12-01T14:17:00').getTime();

describe('sign-in that resists guessing', () => {
  let f: Fixture;
  let now: number;
  const sue = session('window-sue');
  const guesser = session('window-guesser');

  beforeEach(async () => {
    now = START;
    f = openFixture({ clock: () => now });
    answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, sue));
    answer(await f.call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, sue));
    answer(await f.call('addOperator', { id: 'carl', name: 'Carl', role: 'Clerk', password: 'password-3' }, sue));
  });
  afterEach(() => f.close());

  const signIn = async (operatorId: string, password: string, s = guesser) => {
    const r = await f.call('signIn', { operatorId, password }, s);
    return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
  };

  it('slows down after 5 wrong passwords, locks after 10 for 15 minutes, saying until when', async () => {
    for (let i = 1; i <= 5; i++) {
      expect(await signIn('cleo', `guess-${i}`)).toMatch(/^not-allowed: That operator id and password do not match\./);
    }
    // The 6th at once is refused without the password being looked at: even the right one.
    expect(await signIn('cleo', 'password-2')).toBe(
      'refused: Too many wrong passwords for cleo: wait 1 second before trying again.',
    );
    // Each further attempt waits longer: 1, 2, 4, 8 s after the wrong password before it.
    for (const [i, wait] of [
      [6, 1],
      [7, 2],
      [8, 4],
      [9, 8],
    ] as const) {
      now += wait * 1000 - 1;
      expect(await signIn('cleo', 'password-2')).toMatch(/^refused: Too many wrong passwords for cleo/);
      now += 1;
      expect(await signIn('cleo', `guess-${i}`)).toMatch(/^not-allowed: /);
    }
    now += 16_000;
    const lockedAt = now;
    const until = clockTime(lockedAt + LOCK_MS);
    expect(await signIn('cleo', 'guess-10')).toBe(
      `not-allowed: That operator id and password do not match. cleo is now locked: try again at ${until}.`,
    );
    expect(until).toMatch(/^\d\d:\d\d$/);
    now += LOCK_MS - 1;
    expect(await signIn('cleo', 'password-2')).toBe(
      `refused: cleo is locked after 10 wrong passwords: try again at ${until}.`,
    );
    // Other operators are unaffected, from the same window or another.
    expect(await signIn('carl', 'password-3')).toBe('ok');
    expect(await signIn('sue', 'password-1', sue)).toBe('ok');
    // The lock ends on time, and a sign-in that works starts the count again.
    now += 1;
    expect(await signIn('cleo', 'password-2')).toBe('ok');
    expect(await signIn('cleo', 'guess-again')).toMatch(/^not-allowed: That operator id and password do not match\.$/);
  });

  it('keeps locking after the lock ends, until a sign-in works', async () => {
    for (let i = 0; i < 10; i++) {
      await signIn('cleo', `guess-${i}`);
      now += 20_000;
    }
    now += LOCK_MS;
    expect(await signIn('cleo', 'guess-11')).toMatch(/cleo is now locked: try again at/);
    expect(await signIn('cleo', 'password-2')).toMatch(/^refused: cleo is locked/);
  });

  it('judges guesses sent all at once one after another: 60 of them check 5 passwords', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signIn('cleo', i === 59 ? 'password-2' : `guess-${i}`)),
    );
    expect(answers.filter((a) => a.startsWith('not-allowed'))).toHaveLength(5);
    expect(answers.filter((a) => a.startsWith('refused: Too many wrong passwords'))).toHaveLength(55);
    const log = answer<SignInAttemptRecord[]>(await f.call('signInAttempts', { limit: 1000 }, sue));
    expect(log.filter((a) => a.operatorId === 'cleo').map((a) => a.outcome)).toEqual([
      ...Array<string>(55).fill('too-soon'),
      ...Array<string>(5).fill('wrong-password'),
    ]);
  });

  it('treats an id that does not exist like one that does: a guesser cannot tell them apart', async () => {
    const ghost: string[] = [];
    const real: string[] = [];
    for (let i = 0; i < 10; i++) {
      ghost.push(await signIn('ghost', `guess-${i}`));
      real.push(await signIn('cleo', `guess-${i}`));
      now += 20_000;
    }
    expect(ghost.map((a) => a.replace('ghost', 'X'))).toEqual(real.map((a) => a.replace('cleo', 'X')));
  });

  it('keeps failed and locked attempts (who, when, which window) for Supervisors only', async () => {
    const clerkWindow = session('window-cleo');
    expect(await signIn('cleo', 'password-2', clerkWindow)).toBe('ok');
    for (let i = 0; i < 10; i++) await signIn('sue', `guess-${i}`, guesser).then(() => (now += 20_000));
    await signIn('sue', 'password-1', guesser);
    const refused = await f.call('signInAttempts', {}, clerkWindow);
    expect(!refused.ok && refused.error.code).toBe('not-allowed');
    // Sue's own window is still signed in; the lock is on new sign-ins.
    const log = answer<SignInAttemptRecord[]>(await f.call('signInAttempts', { limit: 3 }, sue));
    expect(log.map((a) => [a.operatorId, a.session, a.outcome])).toEqual([
      ['sue', 'window-guesser', 'locked'],
      ['sue', 'window-guesser', 'wrong-password'],
      ['sue', 'window-guesser', 'wrong-password'],
    ]);
    expect(log[1]!.lockedUntil).toBe(new Date(now - 20_000 + LOCK_MS).toISOString());
    expect(log[0]!.at).toBe(new Date(now).toISOString());
  });

  it('hashes off the worker thread: another window is answered while a sign-in is being checked', async () => {
    let signedIn = false;
    const pending = f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, guesser).then((r) => {
      signedIn = true;
      return r;
    });
    // A turn of the event loop comes round while the password is hashed: with scrypt on this
    // thread nothing else could run until the sign-in had finished.
    await new Promise((resolve) => setImmediate(resolve));
    expect(signedIn).toBe(false);
    answer(await f.call('statusCounts', {}, sue));
    expect(signedIn).toBe(false);
    expect((await pending).ok).toBe(true);
  });

  it('remembers the count across a restart of the app', async () => {
    for (let i = 0; i < 10; i++) {
      await signIn('cleo', `guess-${i}`);
      now += 20_000;
    }
    const again = Journal.open(f.services.journal.path);
    try {
      expect(again.signInStanding('cleo')).toMatchObject({ failures: 10 });
      // Kept as they happened: the app cannot tidy them away.
      expect(() =>
        (again as unknown as { db: { exec(sql: string): void } }).db.exec('DELETE FROM sign_in_attempts'),
      ).toThrow(/kept as they happened/);
    } finally {
      again.close();
    }
  });
});
