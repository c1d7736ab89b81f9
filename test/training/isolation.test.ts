/**
 * Isolation: nothing a trainee does reaches the real journal. The real journal holds
 * the night of the missing package; a Trainee of it practises the same case, and the real
 * journal's events, chain, projections and verify stay exactly as they were.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal/journal';
import type { JournalApi } from '../../electron/journal/types';
import { TrainingDesk } from '../../electron/training/desk';
import { exportBundle } from '../../electron/export/exportBundle';
import { trainingHandlers, type TrainingContext } from '../../electron/worker/handlers/training';
import { HANDBOOK_STATUSES, instantOf, parseEnvelope } from '../../shared/events/envelope';
import { PRACTICE_CHANNELS, traineeMayCall, TRAINING_CHANNELS, trainingChannels } from '../../shared/contract/training';
import { answer, openFixture, session } from '../handlers/fixture';
import { channels } from '../../shared/contract/channels';
import { handbookScenarios } from '../../shared/training/handbook';

let dir: string;
let real: Journal;
const REASON = 'Found physically on the packing bench';

/** The missing-package night, from the handbook case's own events, recorded in a real journal. */
function seedReal(journal: JournalApi): void {
  const events = handbookScenarios()
    .filter((s) => ['missing-package', 'shipped-never-picked', 'held-and-released'].includes(s.id))
    .flatMap((s) => s.history)
    .map((e) => {
      const r = parseEnvelope(e, { statuses: HANDBOOK_STATUSES });
      if (!r.ok) throw new Error(r.reason);
      return { event: r.event, instant: instantOf(e.timestamp) };
    });
  journal.appendBatch(events, 'missing-package.ndjson');
}

/** Everything a reader of the real journal could see, to compare before and after. */
function snapshot(journal: JournalApi) {
  return {
    events: [...journal.iterateEvents()],
    lastSeq: journal.lastSeq(),
    chain: journal.chainHash(journal.lastSeq()),
    orders: journal.orders(),
    anomalies: journal.anomalies(),
    verify: journal.verify(),
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'training-isolation-'));
  real = Journal.open(join(dir, 'ledger.sqlite'));
  real.addOperator({ id: 'sup', name: 'Sue Supervisor', role: 'Supervisor', password: 'correct horse' });
  real.addOperator({ id: 'ann', name: 'Ann Trainee', role: 'Trainee', password: 'correct horse' });
  seedReal(real);
});
afterEach(() => {
  for (const d of desks.splice(0)) d.close();
  real.close();
  rmSync(dir, { recursive: true, force: true });
});

const desks: TrainingDesk[] = [];
const desk = () => {
  const d = new TrainingDesk({ realJournalPath: real.path });
  desks.push(d);
  return d;
};
const ctx = (operatorId: string): TrainingContext => ({
  journal: real,
  operator: real.getOperator(operatorId) ?? null,
  session: { id: `window-${operatorId}`, operatorId, practice: null },
  desk: desk(),
});

describe("a trainee's correction never reaches the real journal", () => {
  it('practising the missing package leaves the real journal, its chain and its verify unchanged', () => {
    const before = snapshot(real);
    expect(before.verify.ok).toBe(true);
    const c = ctx('ann');
    const started = trainingHandlers.startScenario(c, { scenarioId: 'missing-package' });
    expect(started.journalPath).not.toBe(real.path);
    const result = trainingHandlers.submitAnswer(c, {
      scenarioId: 'missing-package',
      answer: { action: 'correct', eventId: 's-1345693-08', status: 'Packed', reason: REASON },
    });
    expect(result.grade.passed).toBe(true);
    const trainingEventId = result.applied!.eventId;

    const after = snapshot(real);
    expect(after).toEqual(before);
    expect(after.events.some((e) => e.eventId === trainingEventId || e.type === 'StatusCorrected')).toBe(false);
    expect(real.order('1345693')?.status).toBe('PendingPicking');
    expect(real.anomalies({ open: true }).some((a) => a.eventId === 's-1345693-08')).toBe(true);
    // The real journal's file does not even mention the trainee's correction.
    expect(readFileSync(real.path).includes(Buffer.from(trainingEventId))).toBe(false);
  });

  it('an export of the real journal holds none of it; the training journal itself is never exported', async () => {
    const c = ctx('ann');
    const started = trainingHandlers.startScenario(c, { scenarioId: 'missing-package' });
    const result = trainingHandlers.submitAnswer(c, {
      scenarioId: 'missing-package',
      answer: { action: 'correct', eventId: 's-1345693-08', status: 'Packed', reason: REASON },
    });
    const dest = join(dir, 'corporate');
    const options = { destination: dest, workstation: 'DOCK-3', keyDir: join(dir, 'keys') };
    mkdirSync(dest);
    mkdirSync(join(dir, 'nowhere'));
    const outcome = await exportBundle(real, options);
    expect(outcome.events).toBe(real.lastSeq());
    const bundle = join(dest, outcome.bundle!);
    const events = gunzipSync(readFileSync(join(bundle, 'events.ndjson.gz'))).toString('utf8');
    expect(events).not.toContain(result.applied!.eventId);
    expect(events).not.toContain('StatusCorrected');
    for (const f of readdirSync(bundle))
      expect(readFileSync(join(bundle, f)).includes(Buffer.from('Trainee'))).toBe(false);

    const training = Journal.open(started.journalPath, { create: false });
    try {
      await expect(exportBundle(training, { ...options, destination: join(dir, 'nowhere') })).rejects.toThrow(
        'a training journal is never exported',
      );
    } finally {
      training.close();
    }
    expect(readdirSync(join(dir, 'nowhere'))).toEqual([]);
  });

  it("the real journal refuses a Trainee's correction outright", () => {
    expect(() =>
      real.correct({
        operatorId: 'ann',
        orderId: '1345693',
        status: 'Packed',
        reason: REASON,
        correctsEventId: 's-1345693-08',
      }),
    ).toThrow(/Trainee/);
  });

  it('a training journal says so (kind "training"), which export and the app check', () => {
    const started = desk().start({ id: 'ann', name: 'Ann' }, 'missing-package');
    const j = Journal.open(started.journalPath, { create: false });
    try {
      expect(j.kind).toBe('training');
    } finally {
      j.close();
    }
    expect(real.kind).toBe('real');
  });

  it('training refuses to replace a real journal that sits where a training journal should be', () => {
    const d = new TrainingDesk({ realJournalPath: join(dir, 'elsewhere', 'ledger.sqlite'), folder: dir });
    // "ledger.training.sqlite" is where trainee "ledger" would practise: put a real journal there.
    Journal.open(join(dir, 'ledger.training.sqlite')).close();
    expect(() => d.start({ id: 'ledger', name: 'Odd name' }, 'missing-package')).toThrow('not a training journal');
    const j = Journal.open(join(dir, 'ledger.training.sqlite'), { create: false });
    expect(j.kind).toBe('real');
    j.close();
  });
});

describe('a Trainee signs in to training only', () => {
  it('may call the public channels and the training channels, and the views only while practising', () => {
    for (const [name, def] of Object.entries(channels)) {
      const allowed = traineeMayCall('Trainee', name, def.access);
      expect(allowed, name).toBe(def.access === 'public' || TRAINING_CHANNELS.has(name));
      const practising = traineeMayCall('Trainee', name, def.access, true);
      expect(practising, name).toBe(allowed || PRACTICE_CHANNELS.has(name));
      expect(traineeMayCall('Supervisor', name, def.access)).toBe(true);
    }
    for (const name of ['correct', 'dismiss', 'importFiles', 'verify', 'listOrders', 'scenarioFromAnomaly']) {
      expect(traineeMayCall('Trainee', name, channels[name as keyof typeof channels].access), name).toBe(false);
    }
    for (const name of ['importFiles', 'exportNow', 'activateRuleSet', 'setSettings', 'addOperator', 'rebuild']) {
      const access = channels[name as keyof typeof channels].access;
      expect(traineeMayCall('Trainee', name, access, true), name).toBe(false);
      expect(traineeMayCall('Supervisor', name, access, true), name).toBe(false);
    }
    for (const name of TRAINING_CHANNELS) expect(name in trainingChannels).toBe(true);
    for (const name of PRACTICE_CHANNELS) expect(name in channels, name).toBe(true);
  });

  it("sees only their own progress; a Supervisor sees everyone's", () => {
    trainingHandlers.startScenario(ctx('ann'), { scenarioId: 'packed-twice' });
    trainingHandlers.submitAnswer(ctx('ann'), { scenarioId: 'packed-twice', answer: { action: 'none' } });
    expect(trainingHandlers.trainingProgress(ctx('ann'), {}).map((p) => p.traineeId)).toEqual(['ann']);
    expect(() => trainingHandlers.trainingProgress(ctx('ann'), { traineeId: 'sup' })).toThrow('only a Supervisor');
    const all = trainingHandlers.trainingProgress(ctx('sup'), {});
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ traineeId: 'ann', traineeName: 'Ann Trainee', scenariosDone: 1 });
  });

  it('only a Supervisor turns a real mistake into a scenario', () => {
    expect(() => trainingHandlers.scenarioFromAnomaly(ctx('ann'), { eventId: 's-1345693-08' })).toThrow(
      'only a Supervisor',
    );
    expect(existsSync(join(dir, 'scenarios'))).toBe(false);
  });
});

describe("practising in the app's regular views never reaches the real journal", () => {
  it('a correction and a dismissal through the correction form go to the training journal only', async () => {
    const f = openFixture();
    try {
      const sup = session('window-sue');
      answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, sup));
      answer(
        await f.call('addOperator', { id: 'tia', name: 'Tia Trainee', role: 'Trainee', password: 'password-2' }, sup),
      );
      seedReal(f.services.journal);
      const before = snapshot(f.services.journal);
      const realBytes = readFileSync(f.services.journal.path);
      expect(before.verify.ok).toBe(true);

      const tia = session('window-tia');
      answer(await f.call('signIn', { operatorId: 'tia', password: 'password-2' }, tia));
      const written: string[] = [];
      for (const write of ['correct', 'dismiss'] as const) {
        answer(await f.call('startScenario', { scenarioId: 'missing-package' }, tia));
        const { lastSeq } = answer<{ lastSeq: number }>(await f.call('getOrder', { orderId: '1345693' }, tia));
        const request =
          write === 'correct'
            ? {
                orderId: '1345693',
                status: 'Packed',
                reason: REASON,
                correctsEventId: 's-1345693-08',
                expectedSeq: lastSeq,
              }
            : { orderId: '1345693', dismissesEventId: 's-1345693-08', reason: REASON, expectedSeq: lastSeq };
        written.push(answer<{ eventId: string }>(await f.call(write, request, tia)).eventId);
        // What the trainee's views show now has it; the Supervisor's window, at the same time, has not.
        const mine = answer<{ eventId: string }[]>(await f.call('orderHistory', { orderId: '1345693' }, tia));
        expect(mine.map((e) => e.eventId)).toContain(written.at(-1));
        const theirs = answer<{ eventId: string }[]>(await f.call('orderHistory', { orderId: '1345693' }, sup));
        expect(theirs.map((e) => e.eventId)).not.toContain(written.at(-1));
      }
      expect(
        answer<{ scenariosDone: number; scenarios: { attempts: number }[] }[]>(
          await f.call('trainingProgress', {}, tia),
        )[0],
      ).toMatchObject({ scenariosDone: 1, scenarios: [{ attempts: 2 }] });

      const after = snapshot(f.services.journal);
      expect(after).toEqual(before);
      // The channel also holds the journal to its anchors: none, since nothing was exported.
      expect(answer(await f.call('verify', {}, sup))).toEqual({
        ...before.verify,
        anchors: { exports: 0, bundles: 0, folders: [], unreachable: [] },
      });
      const file = readFileSync(f.services.journal.path);
      for (const id of written) expect(file.includes(Buffer.from(id))).toBe(false);
      expect(file.includes(Buffer.from(REASON))).toBe(realBytes.includes(Buffer.from(REASON)));

      const dest = join(f.dir, 'corporate');
      mkdirSync(dest);
      const outcome = await exportBundle(f.services.journal, {
        destination: dest,
        workstation: 'DOCK-3',
        keyDir: join(f.dir, 'keys'),
      });
      const events = gunzipSync(readFileSync(join(dest, outcome.bundle!, 'events.ndjson.gz'))).toString('utf8');
      for (const id of written) expect(events).not.toContain(id);
      expect(events).not.toContain('StatusCorrected');
      expect(events).not.toContain('AnomalyDismissed');
    } finally {
      f.close();
    }
  });
});
