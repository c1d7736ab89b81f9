/**
 * Practice in the regular views: `startScenario` puts one window's session in practice,
 * and from then on the browse channels read that operator's training journal, through the same
 * handlers, while every other window keeps the real journal. A Trainee reads nothing outside
 * practice; whoever practises calls nothing but practice and training until they leave.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal/journal';
import { handlers } from '../../electron/worker/handlers';
import type { HandlerContext, Session } from '../../electron/worker/handlers/context';
import { channels, type ChannelName } from '../../shared/contract/channels';
import { PRACTICE_CHANNELS, type StartedScenarioRecord } from '../../shared/contract/training';
import type { ResponseOf } from '../../shared/contract/channels';
import { HANDBOOK_STATUSES, instantOf, parseEnvelope } from '../../shared/events/envelope';
import { handbookScenarios } from '../../shared/training/handbook';
import { answer, openFixture, session, type Fixture } from './fixture';

let f: Fixture;
let sup: Session;
let tia: Session;

/** The real journal holds three handbook nights; the missing package is not the first, so its seqs differ from practice's. */
function seedReal(): void {
  const events = handbookScenarios()
    .filter((s) => ['shipped-never-picked', 'held-and-released', 'missing-package'].includes(s.id))
    .sort((a, b) => (a.id === 'missing-package' ? 1 : b.id === 'missing-package' ? -1 : 0))
    .flatMap((s) => s.history)
    .map((e) => {
      const r = parseEnvelope(e, { statuses: HANDBOOK_STATUSES });
      if (!r.ok) throw new Error(r.reason);
      return { event: r.event, instant: instantOf(e.timestamp) };
    });
  f.services.journal.appendBatch(events, 'nights.ndjson');
}

beforeEach(async () => {
  f = openFixture();
  sup = session('window-sue');
  answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, sup));
  answer(await f.call('addOperator', { id: 'tia', name: 'Tia', role: 'Trainee', password: 'password-2' }, sup));
  seedReal();
  tia = session('window-tia');
  answer(await f.call('signIn', { operatorId: 'tia', password: 'password-2' }, tia));
});
afterEach(() => f.close());

const refusal = async (channel: string, request: unknown, s: Session) => {
  const r = await f.call(channel, request, s);
  return r.ok ? 'answered' : r.error.code;
};

/** What a handler answers on `journal` (as the dispatcher would send it), to compare with a call. */
async function answerOn(journal: Journal, channel: ChannelName, request: unknown): Promise<unknown> {
  const def = channels[channel];
  const ctx = {
    ...f.services,
    journal,
    session: { id: 'direct', operatorId: 'sue', practice: null },
    operator: { id: 'sue', name: 'Sue', role: 'Supervisor' },
  } satisfies HandlerContext;
  const run = handlers[channel] as (c: HandlerContext, r: unknown) => unknown;
  return def.response.parse(await run(ctx, def.request.parse(request)));
}

const BROWSE: Partial<Record<ChannelName, unknown>> = {
  listOrders: {},
  statusCounts: {},
  getOrder: { orderId: '1345693' },
  orderHistory: { orderId: '1345693' },
  journalPage: {},
  search: { text: '1345693' },
  eventDetail: { eventId: 's-1345693-08' },
  correctionContext: { orderId: '1345693' },
  listAnomalies: {},
  anomalyTotals: { open: true },
  dashboard: {},
  verify: {},
  correctionsLog: {},
  ruleSets: {},
};

/**
 * What an answer says of the journal read. The correction form's context also depends on the
 * window (who asks; in practice no flag is named for the trainee), so only its reads are compared.
 */
function journalPart(name: ChannelName, response: unknown): unknown {
  if (name !== 'correctionContext') return response;
  const { order, history, ruleSet } = response as ResponseOf<'correctionContext'>;
  return { order, history, ruleSet };
}

describe('a window in practice', () => {
  it('reads the training journal on every browse channel, while a Supervisor elsewhere reads the real one', async () => {
    expect(await refusal('listOrders', {}, tia)).toBe('not-allowed');
    const started = answer<StartedScenarioRecord>(
      await f.call('startScenario', { scenarioId: 'missing-package' }, tia),
    );
    expect(started.journalPath).not.toBe(f.services.journal.path);
    // Every practice channel but the writes and `session` is exercised here.
    expect(new Set([...Object.keys(BROWSE), 'session', 'correct', 'dismiss'])).toEqual(PRACTICE_CHANNELS);

    const training = Journal.open(started.journalPath, { create: false });
    try {
      for (const [name, request] of Object.entries(BROWSE) as [ChannelName, unknown][]) {
        const practising = journalPart(name, answer(await f.call(name, request, tia)));
        const real = journalPart(name, answer(await f.call(name, request, sup)));
        expect(practising, name).toEqual(journalPart(name, await answerOn(training, name, request)));
        expect(real, name).toEqual(journalPart(name, await answerOn(f.services.journal, name, request)));
        if (name !== 'correctionsLog' && name !== 'ruleSets') expect(practising, name).not.toEqual(real);
      }
    } finally {
      training.close();
    }

    const s = answer<ResponseOf<'session'>>(await f.call('session', {}, tia));
    expect(s).toMatchObject({ journalPath: started.journalPath, training: true, operator: { id: 'tia' } });
    expect(s.practice).toMatchObject({ scenarioId: 'missing-package', orderId: '1345693', result: null });
    expect(s.practice?.question).toMatch(/correction/i);
    const real = answer<ResponseOf<'session'>>(await f.call('session', {}, sup));
    expect(real).toMatchObject({ journalPath: f.services.journal.path, training: false, practice: null });
    expect(real.events).toBe(f.services.journal.eventCount());
  });

  it("a Trainee never reaches the real journal's other channels, in practice or not", async () => {
    answer(await f.call('startScenario', { scenarioId: 'missing-package' }, tia));
    const closed: [string, unknown][] = [
      ['importFiles', { files: ['a-file-id-never-handed-out'] }],
      ['loadSample', {}],
      ['rebuild', {}],
      ['exportNow', {}],
      ['exportStatus', {}],
      ['setSettings', { inboxFolder: null }],
      ['getSettings', {}],
      ['listOperators', {}],
      ['addOperator', { id: 'x', name: 'x', role: 'Clerk', password: 'password-3' }],
      ['activateRuleSet', { ruleSet: f.services.journal.activeRuleSet().ruleSet, reason: 'because I can, really' }],
      ['ruleSetHistory', {}],
      ['rejectedLines', {}],
      ['scenarioFromAnomaly', { eventId: 's-1345693-08' }],
    ];
    for (const [name, request] of closed)
      expect([name, await refusal(name, request, tia)]).toEqual([name, 'not-allowed']);
  });

  it('a Supervisor who practises is kept to practice until leaving it, then reads the real journal again', async () => {
    const practising = session('window-sue-2');
    answer(await f.call('signIn', { operatorId: 'sue', password: 'password-1' }, practising));
    answer(await f.call('startScenario', { scenarioId: 'missing-package' }, practising));
    const r = await f.call('listOperators', {}, practising);
    expect(!r.ok && r.error).toMatchObject({ code: 'not-allowed', message: expect.stringMatching(/leave practice/) });
    expect(await refusal('importFiles', { files: ['a-file-id-never-handed-out'] }, practising)).toBe('not-allowed');
    expect(answer<{ total: number }>(await f.call('listOrders', {}, practising)).total).toBe(1);
    // The same operator in the other window is not practising.
    expect(answer<{ total: number }>(await f.call('listOrders', {}, sup)).total).toBe(3);
    expect(await refusal('listOperators', {}, sup)).toBe('answered');

    answer(await f.call('leavePractice', {}, practising));
    expect(answer<{ total: number }>(await f.call('listOrders', {}, practising)).total).toBe(3);
    expect(answer<ResponseOf<'session'>>(await f.call('session', {}, practising)).practice).toBeNull();
  });

  it('leaving practice, or signing out and in, puts a Trainee back to training only', async () => {
    answer(await f.call('startScenario', { scenarioId: 'missing-package' }, tia));
    expect(await refusal('listOrders', {}, tia)).toBe('answered');
    answer(await f.call('leavePractice', {}, tia));
    expect(await refusal('listOrders', {}, tia)).toBe('not-allowed');

    answer(await f.call('startScenario', { scenarioId: 'missing-package' }, tia));
    answer(await f.call('signOut', {}, tia));
    answer(await f.call('signIn', { operatorId: 'tia', password: 'password-2' }, tia));
    expect(await refusal('listOrders', {}, tia)).toBe('not-allowed');
    expect(answer<ResponseOf<'session'>>(await f.call('session', {}, tia)).practice).toBeNull();
  });

  it('a practice loaded again in another window is over in this one', async () => {
    answer(await f.call('startScenario', { scenarioId: 'missing-package' }, tia));
    const other = session('window-tia-2');
    answer(await f.call('signIn', { operatorId: 'tia', password: 'password-2' }, other));
    answer(await f.call('startScenario', { scenarioId: 'packed-twice' }, other));
    // Never the real journal instead: the first call says the practice is over, and ends it.
    const over = await f.call('listOrders', {}, tia);
    expect(!over.ok && over.error).toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/practice is over/),
    });
    expect(answer<ResponseOf<'session'>>(await f.call('session', {}, tia)).practice).toBeNull();
    expect(await refusal('listOrders', {}, tia)).toBe('not-allowed');
    expect(answer<ResponseOf<'session'>>(await f.call('session', {}, other)).practice?.scenarioId).toBe('packed-twice');
  });
});

describe('the correction form in practice', () => {
  it("is the trainee's answer: written in the training journal, graded, recorded, reported by session", async () => {
    const started = answer<StartedScenarioRecord>(
      await f.call('startScenario', { scenarioId: 'missing-package' }, tia),
    );
    const order = answer<{ lastSeq: number }>(await f.call('getOrder', { orderId: '1345693' }, tia));
    const written = answer<ResponseOf<'correct'>>(
      await f.call(
        'correct',
        {
          orderId: '1345693',
          status: 'Packed',
          reason: 'Found physically on the packing bench',
          correctsEventId: 's-1345693-08',
          expectedSeq: order.lastSeq,
        },
        tia,
      ),
    );
    // The answer of the regular channel: the office event written, here in the training journal.
    expect(written).toMatchObject({ status: 'Packed' });
    const history = answer<ResponseOf<'orderHistory'>>(await f.call('orderHistory', { orderId: '1345693' }, tia));
    expect(history.at(-1)).toMatchObject({ eventId: written.eventId, statusAfter: 'Packed' });
    expect(history.length).toBe(started.history.length + 1);

    const s = answer<ResponseOf<'session'>>(await f.call('session', {}, tia));
    expect(s.practice?.result?.grade).toMatchObject({ score: 100, passed: true });
    expect(s.practice?.result?.grade.explanation).toContain('Packed');
    expect(s.practice?.result?.applied?.eventId).toBe(written.eventId);
    const progress = answer<ResponseOf<'trainingProgress'>>(await f.call('trainingProgress', {}, tia));
    expect(progress[0]).toMatchObject({ traineeId: 'tia', scenariosDone: 1, firstTryScore: 100 });

    // One answer per load, whichever door.
    const again = await f.call('submitAnswer', { scenarioId: 'missing-package', answer: { action: 'none' } }, tia);
    expect(!again.ok && again.error.message).toMatch(/already answered/);
  });

  it('a dismissal is graded too (a wrong answer here), and a refused write is graded all the same', async () => {
    answer(await f.call('startScenario', { scenarioId: 'missing-package' }, tia));
    const lastSeq = answer<{ lastSeq: number }>(await f.call('getOrder', { orderId: '1345693' }, tia)).lastSeq;
    answer(
      await f.call(
        'dismiss',
        {
          orderId: '1345693',
          dismissesEventId: 's-1345693-08',
          reason: 'Looks fine to me, really',
          expectedSeq: lastSeq,
        },
        tia,
      ),
    );
    let s = answer<ResponseOf<'session'>>(await f.call('session', {}, tia));
    expect(s.practice?.result?.grade.passed).toBe(false);
    expect(s.practice?.result?.attempt.answer).toMatchObject({ action: 'dismiss', eventId: 's-1345693-08' });

    answer(await f.call('startScenario', { scenarioId: 'missing-package' }, tia));
    const short = await f.call(
      'correct',
      { orderId: '1345693', status: 'Packed', reason: 'oops', correctsEventId: 's-1345693-08', expectedSeq: lastSeq },
      tia,
    );
    expect(!short.ok && short.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/graded/) });
    s = answer<ResponseOf<'session'>>(await f.call('session', {}, tia));
    expect(s.practice?.result).toMatchObject({ applied: null, grade: { passed: false } });
    expect(s.practice?.result?.refusal).toBeTruthy();
    const progress = answer<ResponseOf<'trainingProgress'>>(await f.call('trainingProgress', {}, tia));
    expect(progress[0]?.scenarios[0]).toMatchObject({ scenarioId: 'missing-package', attempts: 2 });
  });

  it('a Supervisor outside practice still corrects the real journal, and a Trainee outside practice may not', async () => {
    const lastSeq = f.services.journal.order('1345693')!.lastSeq;
    const request = {
      orderId: '1345693',
      status: 'Packed',
      reason: 'Found physically on the packing bench',
      correctsEventId: 's-1345693-08',
      expectedSeq: lastSeq,
    };
    expect(await refusal('correct', request, tia)).toBe('not-allowed');
    const written = answer<ResponseOf<'correct'>>(await f.call('correct', request, sup));
    expect(f.services.journal.event({ eventId: written.eventId })?.initiatedBy.id).toBe('sue');
  });
});
