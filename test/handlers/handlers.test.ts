import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { channels, ledgerError, type ResponseOf } from '../../shared/contract/channels';
import { handlers } from '../../electron/worker/handlers';
import { JournalRefusal } from '../../electron/journal/types';
import { answer, openFixture, SAMPLES, session, type Fixture } from './fixture';

describe('the handler table', () => {
  it('has a handler for every channel of the contract, and none for a channel that is not in it', () => {
    const missing = Object.keys(channels).filter((name) => !(name in handlers));
    const extra = Object.keys(handlers).filter((name) => !(name in channels));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });
});

describe('dispatch', () => {
  let f: Fixture;
  beforeEach(() => {
    f = openFixture();
  });
  afterEach(() => f.close());

  async function supervisor(s = session()) {
    answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, s));
    return s;
  }

  it('refuses a malformed request, naming the field', async () => {
    const s = await supervisor();
    const r = await f.call('listOrders', { limit: 'lots' }, s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-request');
    expect(r.error.message).toMatch(/^limit: /);
    const nested = await f.call('journalPage', { filter: { types: ['NotAType'] } }, s);
    expect(!nested.ok && nested.error.message).toMatch(/^filter\.types\.0: /);
  });

  it('answers not-signed-in to operator channels before sign-in, and lets public ones through', async () => {
    const s = session();
    expect(answer<{ hasOperators: boolean }>(await f.call('session', {}, s)).hasOperators).toBe(false);
    const r = await f.call('listOrders', {}, s);
    expect(!r.ok && r.error.code).toBe('not-signed-in');
  });

  it('keeps Supervisor channels to Supervisors, and a Trainee to training', async () => {
    const sup = await supervisor();
    for (const [id, role] of [
      ['cleo', 'Clerk'],
      ['tim', 'Trainee'],
    ] as const) {
      answer(await f.call('addOperator', { id, name: id, role, password: 'password-2' }, sup));
    }
    const clerk = session('window-2');
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, clerk));
    const r = await f.call('addOperator', { id: 'x', name: 'x', role: 'Clerk', password: 'password-3' }, clerk);
    expect(!r.ok && r.error.code).toBe('not-allowed');
    expect((await f.call('listOrders', {}, clerk)).ok).toBe(true);

    const trainee = session('window-3');
    answer(await f.call('signIn', { operatorId: 'tim', password: 'password-2' }, trainee));
    const t = await f.call('listOrders', {}, trainee);
    expect(!t.ok && t.error.code).toBe('not-allowed');
    expect((await f.call('listScenarios', {}, trainee)).ok).toBe(true);
  });

  it('keeps who is signed in to the window that signed in', async () => {
    const a = await supervisor(session('a'));
    const b = session('b');
    expect(answer<{ operator: unknown }>(await f.call('session', {}, a)).operator).toMatchObject({ id: 'sue' });
    expect(answer<{ operator: unknown }>(await f.call('session', {}, b)).operator).toBeNull();
    const wrong = await f.call('signIn', { operatorId: 'sue', password: 'not-the-password' }, b);
    expect(!wrong.ok && wrong.error.code).toBe('not-allowed');
    answer(await f.call('signOut', {}, a));
    expect((await f.call('listOrders', {}, a)).ok).toBe(false);
  });

  it('refuses a second first Supervisor', async () => {
    await supervisor();
    const r = await f.call('createFirstSupervisor', { id: 'eve', name: 'Eve', password: 'password-9' }, session('x'));
    expect(!r.ok && r.error.code).toBe('refused');
  });

  it("maps the journal's refusals to their codes, and hides unexpected errors", async () => {
    const refusing = openFixture({
      handlers: {
        ...handlers,
        statusCounts: () => {
          throw new JournalRefusal('stale', 'the order moved on');
        },
        verify: () => {
          throw new Error('disk on fire at /secret/path');
        },
      },
    });
    try {
      const s = session();
      answer(await refusing.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, s));
      const stale = await refusing.call('statusCounts', {}, s);
      expect(stale).toEqual({ ok: false, error: { code: 'stale', message: 'the order moved on' } });
      const internal = await refusing.call('verify', {}, s);
      expect(!internal.ok && internal.error.code).toBe('internal');
      expect(JSON.stringify(internal)).not.toMatch(/secret|on fire|at /);
      expect(refusing.logged).toHaveLength(1);
      expect(ledgerError.safeParse(!internal.ok && internal.error).success).toBe(true);
    } finally {
      refusing.close();
    }
  });

  it('refuses an answer that does not match its schema (in tests and development)', async () => {
    const broken = openFixture({ handlers: { ...handlers, statusCounts: () => ({ Packed: 'many' }) as never } });
    try {
      const s = session();
      answer(await broken.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, s));
      const r = await broken.call('statusCounts', {}, s);
      expect(!r.ok && r.error.code).toBe('internal');
      expect(String(broken.logged[0])).toMatch(/statusCounts.*Packed/);
    } finally {
      broken.close();
    }
  });

  describe('with the night of the missing package imported', () => {
    let s: ReturnType<typeof session>;
    beforeEach(async () => {
      s = await supervisor();
      const { jobId } = answer<{ jobId: string }>(
        await f.call('importFiles', { files: f.choose(s, [join(SAMPLES, 'missing-package.ndjson')]) }, s),
      );
      await f.services.longJobs.idle();
      const finished = f.pushes.find((p) => p.name === 'jobFinished')?.payload as { jobId: string; ok: boolean };
      expect(finished).toMatchObject({ jobId, ok: true });
    });

    it('eventDetail gives the neighbours in the order, the status around the event, and the trace', async () => {
      const history = f.services.journal.history('1345693');
      expect(history.length).toBeGreaterThan(2);
      for (const [i, event] of history.entries()) {
        const d = answer<{
          previous: { seq: number } | null;
          next: { seq: number } | null;
          statusBefore: string | null;
          statusAfter: string | null;
          trace: { traceId?: string; seq: number }[];
        }>(await f.call('eventDetail', { seq: event.seq }, s));
        expect(d.previous?.seq ?? null).toBe(history[i - 1]?.seq ?? null);
        expect(d.next?.seq ?? null).toBe(history[i + 1]?.seq ?? null);
        const statuses = answer<{ statusAfter: string | null }[]>(
          await f.call('orderHistory', { orderId: '1345693' }, s),
        );
        expect(d.statusAfter).toBe(statuses[i]?.statusAfter);
        expect(d.statusBefore).toBe(i === 0 ? null : statuses[i - 1]?.statusAfter);
        for (const t of d.trace) {
          expect(t.traceId).toBe(event.traceId);
          expect(t.seq).not.toBe(event.seq);
        }
      }
      expect(answer(await f.call('eventDetail', { eventId: 'no-such-event' }, s))).toBeNull();
    });

    it('correctionContext answers in one call what getOrder, orderHistory and eventDetail would, with the suggestion', async () => {
      const flagged = f.services.journal.history('1345693').find((e) => e.anomalies.some((a) => a.open))!;
      const on = answer<ResponseOf<'correctionContext'>>(
        await f.call('correctionContext', { orderId: '1345693', seq: flagged.seq }, s),
      );
      expect(on.order).toEqual(answer(await f.call('getOrder', { orderId: '1345693' }, s)));
      expect(on.history).toEqual(answer(await f.call('orderHistory', { orderId: '1345693' }, s)));
      expect(on.detail).toEqual(answer(await f.call('eventDetail', { seq: flagged.seq }, s)));
      expect(on.ruleSet).toEqual(f.services.journal.activeRuleSet().ruleSet);
      expect(on).toMatchObject({
        operator: { id: 'sue' },
        training: false,
        practising: false,
        flagChoices: [],
        suggestion: { flagged: { seq: flagged.seq }, defaultStatus: 'Packed' },
        possible: { confirm: true, sendToSupervisor: false },
      });
      // Opened on the order: its open flags offered, the latest error named; or none, when chosen so.
      const order = answer<ResponseOf<'correctionContext'>>(
        await f.call('correctionContext', { orderId: '1345693' }, s),
      );
      expect(order.flagChoices).toContain(flagged.seq);
      expect(order.detail?.event.seq).toBe(flagged.seq);
      const none = answer<ResponseOf<'correctionContext'>>(
        await f.call('correctionContext', { orderId: '1345693', flag: null }, s),
      );
      expect(none.detail).toBeNull();
      const missing = answer<ResponseOf<'correctionContext'>>(
        await f.call('correctionContext', { orderId: 'no-such-order' }, s),
      );
      expect(missing).toMatchObject({ order: null, suggestion: null, history: [] });
    });

    it('dashboard counts every open anomaly by kind and by initiator, and every event of the last day', async () => {
      const d = answer<{
        openByKind: { count: number }[];
        openByInitiator: { count: number }[];
        eventsPerHour: { events: number }[];
      }>(await f.call('dashboard', {}, s));
      const open = f.services.journal.anomalies({ open: true, limit: 10_000 }).length;
      expect(open).toBeGreaterThan(0);
      expect(d.openByKind.reduce((n, k) => n + k.count, 0)).toBe(open);
      expect(d.openByInitiator.reduce((n, k) => n + k.count, 0)).toBe(open);
      expect(d.eventsPerHour).toHaveLength(24);
      expect(d.eventsPerHour.reduce((n, h) => n + h.events, 0)).toBeLessThanOrEqual(f.services.journal.eventCount());
    });

    it('pages the journal by seq with a cursor that ends', async () => {
      const seen: number[] = [];
      let beforeSeq: number | undefined;
      for (;;) {
        const page = answer<{ rows: { seq: number }[]; nextBeforeSeq: number | null }>(
          await f.call('journalPage', { limit: 5, ...(beforeSeq ? { beforeSeq } : {}) }, s),
        );
        seen.push(...page.rows.map((r) => r.seq));
        if (page.nextBeforeSeq === null) break;
        beforeSeq = page.nextBeforeSeq;
      }
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(seen).toHaveLength(f.services.journal.eventCount());
    });

    it('refuses the sample in a journal that has events', async () => {
      const r = await f.call('loadSample', {}, s);
      expect(!r.ok && r.error.code).toBe('refused');
    });
  });

  it('cancels a running import between batches, and refuses to cancel what does not run', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow = openFixture({
      work: {
        async importFile(_j, file, job) {
          let batches = 0;
          while (!job.signal.aborted && batches < 1000) {
            batches++;
            if (batches === 3) started();
            await job.yieldTurn();
          }
          return {
            file: file.name,
            accepted: 0,
            duplicates: 0,
            blank: 0,
            rejected: [],
            anomalies: 0,
            cancelled: batches < 1000,
          };
        },
        loadSample: () => Promise.reject(new Error('unused')),
      },
    });
    try {
      const s = session();
      answer(await slow.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, s));
      const file = join(slow.dir, 'x.ndjson');
      writeFileSync(file, '');
      const { jobId } = answer<{ jobId: string }>(await slow.call('importFiles', { files: slow.choose(s, [file]) }, s));
      await running;
      // A request is answered while the job runs: the job yields between batches.
      expect((await slow.call('session', {}, s)).ok).toBe(true);
      answer(await slow.call('cancelJob', { jobId }, s));
      await slow.services.longJobs.idle();
      const finished = slow.pushes.find((p) => p.name === 'jobFinished')?.payload as {
        reports: { cancelled: boolean }[];
      };
      expect(finished.reports[0]?.cancelled).toBe(true);
      const again = await slow.call('cancelJob', { jobId }, s);
      expect(!again.ok && again.error.code).toBe('not-found');
    } finally {
      slow.close();
    }
  });

  it('goes on past a file it cannot read, and reports each file, the bad one in words', async () => {
    const s = await supervisor();
    const gone = join(f.dir, 'moved-away.ndjson');
    const headerless = join(f.dir, 'no-header.csv');
    writeFileSync(headerless, 'this,is,not,the,handbook,header\n1,2,3,4,5,6\n');
    const files = [gone, headerless, join(SAMPLES, 'missing-package.ndjson')];
    const { jobId } = answer<{ jobId: string }>(await f.call('importFiles', { files: f.choose(s, files) }, s));
    await f.services.longJobs.idle();
    const finished = f.pushes.find((p) => p.name === 'jobFinished')?.payload as {
      jobId: string;
      ok: boolean;
      reports: { file: string; accepted: number; error?: string }[];
    };
    expect(finished).toMatchObject({ jobId, ok: true });
    expect(finished.reports.map((r) => [r.file, r.accepted > 0, r.error ?? null])).toEqual([
      [gone, false, 'The file is not there (moved or deleted since it was chosen).'],
      [headerless, false, expect.stringMatching(/^The file was refused at line 1: /)],
      [files[2], true, null],
    ]);
    expect(f.services.journal.eventCount()).toBe(finished.reports[2]!.accepted);
  });

  it('puts a refused line right through the same checks as an import, and marks it fixed', async () => {
    const s = await supervisor();
    answer(await f.call('importFiles', { files: f.choose(s, [join(SAMPLES, 'bad-lines.ndjson')]) }, s));
    await f.services.longJobs.idle();
    const refused = answer<{ id: number; line: number; raw: string }[]>(await f.call('rejectedLines', {}, s));
    const late = refused.find((r) => r.line === 5)!;
    expect(late.raw).toContain('yesterday afternoon');
    // Still wrong: refused in words, nothing recorded, the line stays to be fixed.
    const again = await f.call('retryRejectedLine', { id: late.id, line: late.raw }, s);
    expect(!again.ok && again.error.message).toMatch(/line 5 is still refused: .*timestamp/);
    const before = f.services.journal.eventCount();
    const fixed = answer<{ outcome: string; seq: number; eventId: string }>(
      await f.call(
        'retryRejectedLine',
        { id: late.id, line: late.raw.replace('yesterday afternoon', '2026-11-26T08:02:30Z') },
        s,
      ),
    );
    expect(fixed).toMatchObject({ outcome: 'recorded', eventId: 's-2000001-04' });
    expect(f.services.journal.eventCount()).toBe(before + 1);
    const left = answer<{ id: number }[]>(await f.call('rejectedLines', {}, s));
    expect(left.map((r) => r.id)).not.toContain(late.id);
    // The same line cannot be fixed twice, and a Trainee may not fix lines at all.
    const twice = await f.call('retryRejectedLine', { id: late.id, line: late.raw }, s);
    expect(!twice.ok && twice.error.code).toBe('not-found');
    answer(await f.call('addOperator', { id: 'tia', name: 'Tia', role: 'Trainee', password: 'password-2' }, s));
    const tia = session('window-tia');
    answer(await f.call('signIn', { operatorId: 'tia', password: 'password-2' }, tia));
    const other = left[0]!.id;
    const trainee = await f.call('retryRejectedLine', { id: other, line: '{}' }, tia);
    expect(!trainee.ok && trainee.error.code).toBe('not-allowed');
  });

  it('keeps settings, and refuses any import folder a window sends: it only turns it off', async () => {
    const s = await supervisor();
    f.services.settings.update({ inboxFolder: join(f.dir, 'inbox') });
    // A path over the channel is no request at all, whatever it names, from a Supervisor too.
    for (const folder of ['relative/inbox', `${f.dir}/inbox/../../../etc`, join(f.dir, 'elsewhere'), '/root/.ssh']) {
      const r = await f.call('setSettings', { inboxFolder: folder }, s);
      expect(!r.ok && r.error.code, folder).toBe('invalid-request');
    }
    const extra = await f.call('setSettings', { idleMinutes: 20, importFolder: '/root/.ssh' }, s);
    expect(!extra.ok && extra.error.code).toBe('invalid-request');
    expect(answer(await f.call('getSettings', {}, s))).toEqual({ inboxFolder: join(f.dir, 'inbox'), idleMinutes: 15 });
    // Only a Supervisor changes what the app reads from on its own; a Clerk's path is refused as well.
    answer(await f.call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, s));
    const clerk = session('window-clerk');
    answer(await f.call('signIn', { operatorId: 'cleo', password: 'password-2' }, clerk));
    const refused = await f.call('setSettings', { inboxFolder: '/root/.ssh' }, clerk);
    expect(refused.ok).toBe(false);
    const clerkOff = await f.call('setSettings', { inboxFolder: null }, clerk);
    expect(!clerkOff.ok && clerkOff.error.code).toBe('not-allowed');
    expect(f.services.settings.get().inboxFolder).toBe(join(f.dir, 'inbox'));
    // The Supervisor may turn it off (no path in that).
    expect(answer(await f.call('setSettings', { inboxFolder: null }, s))).toMatchObject({ inboxFolder: null });
    const taken = await f.call('addOperator', { id: 'cleo', name: 'C2', role: 'Clerk', password: 'password-3' }, s);
    expect(!taken.ok && taken.error.message).toMatch(/already an operator|already exists/);
  });
});
