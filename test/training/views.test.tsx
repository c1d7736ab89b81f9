/**
 * The training views over the real handlers (a fake `window.ledger` that calls them directly):
 * the store walks list → practice → result → progress, and every view carries the TRAINING band.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal/journal';
import { TrainingDesk } from '../../electron/training/desk';
import { trainingHandlers, type TrainingContext } from '../../electron/ipc/handlers/training';
import { createStore } from 'zustand/vanilla';
import { createTrainingStore, answerOf, type TrainingState } from '../../renderer/training/store';
import type { TrainingLedger } from '../../renderer/training/ledger';
import { TrainingPage } from '../../renderer/training/TrainingPage';
import { duration, shortTime } from '../../renderer/training/describe';

let dir: string;
let real: Journal;
let ctx: TrainingContext;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'training-views-'));
  real = Journal.open(join(dir, 'ledger.sqlite'));
  real.addOperator({ id: 'ann', name: 'Ann Trainee', role: 'Trainee', password: 'correct horse' });
  ctx = {
    journal: real,
    operator: real.getOperator('ann') ?? null,
    desk: new TrainingDesk({ realJournalPath: real.path }),
  };
});
afterEach(() => {
  real.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `window.ledger` for the training views, answering with the real handlers (as the IPC layer would). */
function fakeLedger(): TrainingLedger {
  const h = trainingHandlers;
  return {
    session: async () => ({
      journalPath: real.path,
      hasOperators: true,
      operator: ctx.operator,
      training: false,
      events: 0,
    }),
    listScenarios: async () => h.listScenarios(ctx, {}),
    startScenario: async (r) => h.startScenario(ctx, r),
    submitAnswer: async (r) => h.submitAnswer(ctx, r),
    trainingProgress: async (r) => h.trainingProgress(ctx, r),
    scenarioFromAnomaly: async (r) => h.scenarioFromAnomaly(ctx, r),
  };
}

/** Server rendering reads a store's initial state: render a store that starts where this one is now. */
const html = (store: ReturnType<typeof createTrainingStore>) =>
  renderToStaticMarkup(<TrainingPage store={createStore<TrainingState>(() => ({ ...store.getState() }))} />);

describe('the training page', () => {
  it('a trainee solves the missing package and sees the explanation; the band is on every view', async () => {
    const store = createTrainingStore(fakeLedger);
    await store.getState().load();
    expect(store.getState().scenarios.length).toBeGreaterThan(20);
    expect(html(store)).toContain('TRAINING');
    expect(html(store)).toContain('The missing package');

    await store.getState().start('missing-package');
    expect(store.getState().view).toBe('practice');
    expect(store.getState().blocker()).toBe('Pick the event you want to act on in the history.');
    let page = html(store);
    expect(page).toContain('data-testid="training-band"');
    expect(page).toContain('Packed → PendingPicking is not an allowed change');

    store.getState().pick('s-1345693-08');
    expect(store.getState().blocker()).toBe('Pick the status the order should have.');
    store.getState().setStatus('Packed');
    store.getState().setReason('Found physically on the packing bench');
    expect(store.getState().blocker()).toBeNull();
    expect(html(store)).toContain('Event 8: <strong>StatusChanged</strong> status → PendingPicking');
    await store.getState().submit();

    const s = store.getState();
    expect(s.error).toBeNull();
    expect(s.view).toBe('result');
    expect(s.result?.grade).toMatchObject({ score: 100, passed: true });
    page = html(store);
    expect(page).toContain('data-testid="training-band"');
    expect(page).toContain('Right — 100 / 100');
    expect(page).toContain('Correct the flagged StatusChanged back to the status the order had just before it, Packed');

    await store.getState().showProgress();
    page = html(store);
    expect(page).toContain('data-testid="training-band"');
    expect(page).toContain('Ann Trainee');
    expect(page).toContain('1 / 28');
  });

  it('another operator signing in at the window starts from the list', async () => {
    const store = createTrainingStore(fakeLedger);
    await store.getState().load();
    await store.getState().showProgress();
    expect(store.getState().view).toBe('progress');
    await store.getState().load();
    expect(store.getState().view).toBe('progress');
    real.addOperator({ id: 'sup', name: 'Sue Supervisor', role: 'Supervisor', password: 'correct horse' });
    ctx.operator = real.getOperator('sup') ?? null;
    await store.getState().load();
    expect(store.getState()).toMatchObject({ view: 'list', progress: [], operator: { id: 'sup' } });
  });

  it('a refused call shows its message and keeps the view', async () => {
    const store = createTrainingStore(fakeLedger);
    await store.getState().start('no-such-case');
    expect(store.getState().error).toBe('no training scenario "no-such-case"');
    expect(store.getState().view).toBe('list');
    expect(html(store)).toContain('role="alert"');
  });
});

describe('practise on a real mistake', () => {
  it('a Supervisor makes a scenario from a flagged event; a Trainee is not offered the form', async () => {
    const trainee = createTrainingStore(fakeLedger);
    await trainee.getState().load();
    expect(html(trainee)).not.toContain('Practise on a real mistake');

    real.addOperator({ id: 'sup', name: 'Sue Supervisor', role: 'Supervisor', password: 'correct horse' });
    ctx.operator = real.getOperator('sup') ?? null;
    const scenario = ctx.desk.scenario('missing-package');
    real.appendBatch(
      scenario.history.map((event) => ({ event, instant: Date.parse(event.timestamp) })),
      'night.ndjson',
    );
    const sup = createTrainingStore(fakeLedger);
    await sup.getState().load();
    expect(html(sup)).toContain('Practise on a real mistake');
    await sup.getState().fromAnomaly(' s-1345693-08 ');
    expect(sup.getState().error).toBeNull();
    expect(sup.getState().made).toBe('Saved as scenario "A real illegal-transition (order T0001)" (real-1).');
    expect(sup.getState().scenarios.at(-1)?.id).toBe('real-1');
  });
});

describe('helpers', () => {
  it('the draft becomes an answer only when its picks are made', () => {
    expect(answerOf({ action: 'none', eventId: null, status: null, reason: '' })).toEqual({
      ok: true,
      answer: { action: 'none' },
    });
    expect(answerOf({ action: 'dismiss', eventId: 'e', status: null, reason: 'r' })).toEqual({
      ok: true,
      answer: { action: 'dismiss', eventId: 'e', reason: 'r' },
    });
    expect(answerOf({ action: 'correct', eventId: 'e', status: null, reason: '' }).ok).toBe(false);
  });

  it('times and durations in the office’s words', () => {
    expect(shortTime('2026-11-26T20:34:11-05:00')).toBe('26 Nov 20:34:11');
    expect(duration(42)).toBe('42 s');
    expect(duration(245)).toBe('4 min 05 s');
    expect(duration(3720)).toBe('1 h 02 min');
  });
});
