/**
 * Sessions that end when their window goes unused, and the worker's memory of sessions: tried
 * as the workstation left open at lunch, and as a page that makes up session ids by the
 * thousand. The clock is the test's own.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerWorker } from '../../electron/worker/ledgerWorker';
import { importWork } from '../../electron/worker/importWork';
import type { LedgerResult } from '../../electron/worker/handlers/dispatch';

const MIN = 60_000;

describe('a session ends after its window goes unused', () => {
  let dir: string;
  let now: number;
  let worker: LedgerWorker;
  const call = (channel: string, request: unknown, session: string) => worker.call(channel, request, session);
  const ok = async (p: Promise<LedgerResult>) => {
    const r = await p;
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.response as Record<string, unknown>;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-idle-'));
    now = Date.UTC(2026, 11, 1, 12, 0);
    worker = new LedgerWorker(
      { journalPath: join(dir, 'journal.db'), settingsFile: null, validateResponses: true },
      { work: importWork, send: () => {}, clock: () => now },
    );
    await ok(call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, 'window-sue'));
    await ok(call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, 'window-sue'));
    await ok(call('signIn', { operatorId: 'cleo', password: 'password-2' }, 'window-cleo'));
  });
  afterEach(async () => {
    await worker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the password again after 15 minutes without use, naming who was signed in', async () => {
    now += 15 * MIN - 1;
    await ok(call('listOrders', {}, 'window-cleo'));
    await ok(call('stillHere', {}, 'window-sue'));
    now += 1;
    const refused = await call('listOrders', {}, 'window-cleo');
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'not-signed-in',
        message: 'This window went unused for 15 minutes: cleo, enter your password again.',
      },
    });
    expect(await ok(call('session', {}, 'window-cleo'))).toMatchObject({
      operator: null,
      idleEnded: { id: 'cleo', name: 'Cleo', role: 'Clerk' },
    });
    // The other window was used meanwhile: it stays signed in.
    await ok(call('listOrders', {}, 'window-sue'));
    // The password again, and the window is Cleo's as before.
    await ok(call('signIn', { operatorId: 'cleo', password: 'password-2' }, 'window-cleo'));
    expect(await ok(call('session', {}, 'window-cleo'))).toMatchObject({ operator: { id: 'cleo' }, idleEnded: null });
  });

  it("counts the person's use of the window, not the requests a page makes on its own", async () => {
    for (let i = 0; i < 14; i++) {
      now += MIN;
      await ok(call('journalPage', {}, 'window-cleo')); // the view reloading after a push
    }
    await ok(call('stillHere', {}, 'window-cleo')); // a key pressed at minute 14
    now += 15 * MIN - 1;
    await ok(call('journalPage', {}, 'window-cleo'));
    now += 1;
    expect(await call('journalPage', {}, 'window-cleo')).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    // An ended session's stillHere does not bring it back.
    expect(await call('stillHere', {}, 'window-cleo')).toMatchObject({ ok: false });
  });

  it('takes the idle time from the settings, which only a Supervisor changes', async () => {
    expect(await call('setSettings', { idleMinutes: 480 }, 'window-cleo')).toMatchObject({
      ok: false,
      error: { code: 'not-allowed' },
    });
    expect(await call('setSettings', { idleMinutes: 0 }, 'window-sue')).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/^idleMinutes: /) },
    });
    expect(await ok(call('getSettings', {}, 'window-sue'))).toMatchObject({ idleMinutes: 15 });
    await ok(call('setSettings', { idleMinutes: 2 }, 'window-sue'));
    now += 2 * MIN;
    expect(await call('listOrders', {}, 'window-cleo')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/unused for 2 minutes/) },
    });
  });

  it('frees what a session holds on sign-out and expiry, and keeps nothing for pages nobody signed in on', async () => {
    expect(worker.sessionCount).toBe(2);
    for (let i = 0; i < 1000; i++) await call('session', {}, `made-up-session-${i}`);
    expect(worker.sessionCount).toBe(2);
    // A file Cleo uploaded and did not use goes when she signs out.
    const spooled = join(dir, 'upload-1');
    writeFileSync(spooled, '{}\n');
    expect(
      worker.grantFiles('window-cleo', 'events', [{ name: 'a.ndjson', path: spooled, size: 3, temporary: true }]),
    ).toMatchObject({ ok: true });
    await ok(call('signOut', {}, 'window-cleo'));
    expect(existsSync(spooled)).toBe(false);
    expect(worker.sessionCount).toBe(1);
    // A tab that was closed never calls again: the sweep ends its session, then forgets it.
    now += 15 * MIN;
    worker.sweepSessions();
    expect(worker.sessionCount).toBe(1);
    expect(await ok(call('session', {}, 'window-sue'))).toMatchObject({ operator: null, idleEnded: { id: 'sue' } });
    now += 24 * 60 * MIN;
    worker.sweepSessions();
    expect(worker.sessionCount).toBe(0);
  });

  it('keeps a session whose sign-in is still being checked', async () => {
    const signingIn = call('signIn', { operatorId: 'cleo', password: 'password-2' }, 'window-new');
    await ok(call('session', {}, 'window-new'));
    worker.sweepSessions();
    await ok(signingIn);
    expect(await ok(call('session', {}, 'window-new'))).toMatchObject({ operator: { id: 'cleo' } });
  });
});

describe('stillHere for every role', () => {
  it('keeps a Trainee and a window in practice from being signed out while they work', async () => {
    const { openFixture, session, answer } = await import('./fixture');
    let now = 0;
    const f = openFixture({ clock: () => now });
    try {
      const sue = session('window-sue');
      const tia = session('window-tia');
      answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, sue));
      answer(await f.call('addOperator', { id: 'tia', name: 'Tia', role: 'Trainee', password: 'password-2' }, sue));
      answer(await f.call('signIn', { operatorId: 'tia', password: 'password-2' }, tia));
      now += 14 * MIN;
      answer(await f.call('stillHere', {}, tia));
      answer(await f.call('stillHere', {}, sue));
      now += 14 * MIN;
      answer(await f.call('listScenarios', {}, tia));
      expect(answer(await f.call('session', {}, sue))).toMatchObject({ operator: { id: 'sue' } });
      // Nobody signed in: nothing to keep alive.
      expect(await f.call('stillHere', {}, session('window-nobody'))).toMatchObject({
        ok: false,
        error: { code: 'not-signed-in' },
      });
    } finally {
      f.close();
    }
  });
});
