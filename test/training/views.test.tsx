/**
 * The training views over the real handlers (a fake `window.ledger` that calls them directly):
 * the training page lists the cases and hands a started one over to the regular views; the
 * TRAINING band carries the question and the "no correction needed" answer; the result view
 * shows the grade and the explanation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal/journal';
import { TrainingDesk } from '../../electron/training/desk';
import { trainingHandlers, type TrainingContext } from '../../electron/worker/handlers/training';
import { createStore } from 'zustand/vanilla';
import type { StartedScenarioRecord } from '../../shared/contract/training';
import { createTrainingStore, type TrainingState } from '../../renderer/training/store';
import type { TrainingLedger } from '../../renderer/training/ledger';
import { TrainingPage } from '../../renderer/training/TrainingPage';
import { TrainingBand } from '../../renderer/training/TrainingBand';
import { ResultView } from '../../renderer/training/ResultView';
import { ProgressView } from '../../renderer/training/ProgressView';
import { answerSummary, duration } from '../../renderer/training/describe';
import { offersRealMistake } from '../../renderer/training/practice';
import { offeredPages } from '../../renderer/app/pages';

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
    session: { id: 'window-1', operatorId: 'ann', practice: null },
    desk: new TrainingDesk({ realJournalPath: real.path }),
  };
});
afterEach(() => {
  ctx.desk.close();
  real.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `window.ledger` for the training page, answering with the real handlers (as the IPC layer would). */
function fakeLedger(): TrainingLedger {
  const h = trainingHandlers;
  return {
    session: async () => ({
      journalPath: real.path,
      hasOperators: true,
      operator: ctx.operator,
      training: false,
      events: 0,
      practice: null,
    }),
    listScenarios: async () => h.listScenarios(ctx, {}),
    startScenario: async (r) => h.startScenario(ctx, r),
    trainingProgress: async (r) => h.trainingProgress(ctx, r),
    scenarioFromAnomaly: async (r) => h.scenarioFromAnomaly(ctx, r),
  };
}

/** A store whose "enter practice" is recorded instead of navigating. */
function store() {
  const entered: StartedScenarioRecord[] = [];
  const s = createTrainingStore(fakeLedger, async (started) => void entered.push(started));
  return { s, entered };
}

/** Server rendering reads a store's initial state: render a store that starts where this one is now. */
const html = (s: ReturnType<typeof createTrainingStore>) =>
  renderToStaticMarkup(<TrainingPage store={createStore<TrainingState>(() => ({ ...s.getState() }))} />);

describe('the training page', () => {
  it('lists the cases; practising one loads it and hands over to the regular views at its order', async () => {
    const { s, entered } = store();
    await s.getState().load();
    expect(s.getState().scenarios.length).toBeGreaterThan(20);
    expect(html(s)).toContain('The missing package');

    await s.getState().start('missing-package');
    expect(s.getState().error).toBeNull();
    expect(entered.map((e) => e.orderId)).toEqual(['1345693']);
    expect(ctx.session.practice).toMatchObject({ scenarioId: 'missing-package', result: null });
    // The page itself no longer practises: no history table, no answer form of its own.
    expect(html(s)).not.toContain('Submit answer');
  });

  it('shows progress, and another operator signing in at the window starts from the list', async () => {
    const { s } = store();
    await s.getState().load();
    await s.getState().start('packed-twice');
    trainingHandlers.submitAnswer(ctx, { scenarioId: 'packed-twice', answer: { action: 'none' } });
    await s.getState().showProgress();
    expect(s.getState().view).toBe('progress');
    expect(html(s)).toContain('Ann Trainee');
    expect(html(s)).toContain('1 / 28');
    await s.getState().load();
    expect(s.getState().view).toBe('progress');
    real.addOperator({ id: 'sup', name: 'Sue Supervisor', role: 'Supervisor', password: 'correct horse' });
    ctx.operator = real.getOperator('sup') ?? null;
    await s.getState().load();
    expect(s.getState()).toMatchObject({ view: 'list', progress: [], operator: { id: 'sup' } });
  });

  it("marks the cases the operator has done and passed, and lists each case's attempts in the progress", async () => {
    const { s } = store();
    ctx.desk.start({ id: 'ann', name: 'Ann Trainee' }, 'missing-package');
    trainingHandlers.submitAnswer(ctx, { scenarioId: 'missing-package', answer: { action: 'none' } });
    ctx.desk.start({ id: 'ann', name: 'Ann Trainee' }, 'missing-package');
    const right = trainingHandlers.submitAnswer(ctx, {
      scenarioId: 'missing-package',
      answer: { action: 'correct', eventId: 's-1345693-08', status: 'Packed', reason: 'Found on the packing bench' },
    });
    expect(right.grade.passed).toBe(true);
    ctx.desk.start({ id: 'ann', name: 'Ann Trainee' }, 'packed-twice');
    const wrong = trainingHandlers.submitAnswer(ctx, { scenarioId: 'packed-twice', answer: { action: 'none' } });
    expect(wrong.grade.passed).toBe(false);

    await s.getState().load();
    const list = html(s);
    expect(list).toMatch(/data-scenario-id="missing-package" data-mark="passed"/);
    expect(list).toMatch(/data-scenario-id="packed-twice" data-mark="done"/);
    expect(list).toMatch(/data-scenario-id="handheld-clock-behind" data-mark="new"/);
    expect(list).toContain('✓ Passed');
    expect(list).toContain('Done, not right yet');
    expect(list).toContain(`You have done 2 of ${s.getState().scenarios.length} cases; 1 answered right.`);

    await s.getState().showProgress();
    const progress = html(s);
    expect(progress).toContain('My training progress');
    const cases = progress.slice(progress.indexOf('aria-label="Cases practised by Ann Trainee"'));
    const row = (id: string) => cases.slice(cases.indexOf(`data-case-id="${id}"`)).split('</tr>')[0]!;
    // Attempts, first score, best score, time, result.
    expect(row('missing-package')).toMatch(/>2<.*>0<.*>100<.*>\d+ s<.*✓ Passed/);
    expect(row('packed-twice')).toMatch(/>1<.*>(\d+)<.*>\1<.*Not right yet/);
  });

  it("calls nobody a trainee who is not one: everyone's progress is of whoever practised", () => {
    const record = {
      traineeId: 'cleo',
      traineeName: 'Cleo Clerk',
      scenariosTotal: 28,
      scenariosDone: 1,
      scenariosPassed: 1,
      firstTryScore: 100,
      firstTryPassed: 1,
      secondsTotal: 75,
      rulesWrong: [],
      scenarios: [
        {
          scenarioId: 'handheld-clock-behind',
          title: 'The clock behind',
          attempts: 1,
          firstScore: 100,
          bestScore: 100,
          passed: true,
          seconds: 75,
        },
      ],
    };
    const page = renderToStaticMarkup(<ProgressView progress={[record]} everyone onBack={() => {}} />);
    expect(page).toContain('Training progress of everyone who practised');
    expect(page).toContain('Who practised');
    expect(page).not.toMatch(/>Trainees?</);
    expect(page).toContain('1 min 15 s');
    expect(page).toContain('The clock behind');
  });

  it('a refused call shows its message and keeps the view', async () => {
    const { s, entered } = store();
    await s.getState().start('no-such-case');
    expect(s.getState().error).toBe('no training scenario "no-such-case"');
    expect(entered).toEqual([]);
    expect(html(s)).toContain('role="alert"');
  });
});

describe('the TRAINING band', () => {
  const practice = { title: 'The missing package', question: 'What correction is right?', answered: false };

  it('always says TRAINING; in practice it carries the question, "No correction needed" and the way out', () => {
    const plain = renderToStaticMarkup(<TrainingBand operatorName="Ann" onSignOut={() => {}} />);
    expect(plain).toContain('TRAINING');
    expect(plain).toContain('Sign out');
    expect(plain).not.toContain('No correction needed');

    const asking = renderToStaticMarkup(<TrainingBand operatorName="Ann" practice={practice} />);
    expect(asking).toContain('data-testid="training-question"');
    expect(asking).toContain('What correction is right?');
    expect(asking).toContain('No correction needed');
    expect(asking).toContain('Leave practice');

    const answered = renderToStaticMarkup(
      <TrainingBand practice={{ ...practice, answered: true }} onResult={() => {}} />,
    );
    expect(answered).toContain('See the result');
    expect(answered).not.toContain('No correction needed');
  });

  it('does not offer "See the result" on the result page itself (the app gives no onResult there)', () => {
    const onResultPage = renderToStaticMarkup(<TrainingBand practice={{ ...practice, answered: true }} />);
    expect(onResultPage).not.toContain('See the result');
    expect(onResultPage).toContain('Leave practice');
  });
});

describe('the result', () => {
  it('shows the grade, each verdict, the explanation and the answer given', () => {
    ctx.desk.start({ id: 'ann', name: 'Ann Trainee' }, 'missing-package');
    const result = ctx.desk.submit({ id: 'ann', name: 'Ann Trainee' }, 'missing-package', {
      action: 'correct',
      eventId: 's-1345693-08',
      status: 'Packed',
      reason: 'Found physically on the packing bench',
    });
    const page = renderToStaticMarkup(
      <ResultView
        title="The missing package"
        orderId="1345693"
        result={result}
        busy={false}
        onTimeline={() => {}}
        onRetry={() => {}}
        onLeave={() => {}}
        onProgress={() => {}}
      />,
    );
    expect(page).toContain('Right — 100 / 100');
    expect(page).toContain('Correct the flagged StatusChanged back to the status the order had just before it, Packed');
    expect(page).toContain('Correct event s-1345693-08 to Packed');
    expect(page).toContain('Order 1345693 in the practice journal');
  });
});

describe('practise on a real mistake', () => {
  it('a Supervisor makes a scenario from a flagged event; a Trainee is not offered the form', async () => {
    const trainee = store().s;
    await trainee.getState().load();
    expect(html(trainee)).not.toContain('Practise on a real mistake');

    real.addOperator({ id: 'sup', name: 'Sue Supervisor', role: 'Supervisor', password: 'correct horse' });
    ctx.operator = real.getOperator('sup') ?? null;
    const scenario = ctx.desk.scenario('missing-package');
    real.appendBatch(
      scenario.history.map((event) => ({ event, instant: Date.parse(event.timestamp) })),
      'night.ndjson',
    );
    const sup = store().s;
    await sup.getState().load();
    expect(html(sup)).toContain('Practise on a real mistake');
    // What a case covers names its mistake: the Supervisor's list shows it, the trainee's does not.
    expect(html(sup)).toContain('Covers');
    expect(html(sup)).toContain('Illegal status change');
    expect(html(trainee)).not.toContain('Covers');
    expect(html(trainee)).not.toContain('Illegal status change');
    await sup.getState().fromAnomaly(' s-1345693-08 ');
    expect(sup.getState().error).toBeNull();
    expect(sup.getState().made).toBe('Saved as scenario "A real mistake on order T0001" (real-1).');
    expect(sup.getState().scenarios.at(-1)?.id).toBe('real-1');
  });

  it('is offered on a flagged event of the real journal, to a Supervisor only, never in practice', () => {
    const sup = { operator: { role: 'Supervisor' }, training: false, practice: null };
    const flagged = { anomalies: [{ kind: 'illegal-transition' }] };
    expect(offersRealMistake(sup, flagged)).toBe(true);
    expect(offersRealMistake(sup, { anomalies: [] })).toBe(false);
    expect(offersRealMistake({ ...sup, operator: { role: 'Clerk' } }, flagged)).toBe(false);
    expect(offersRealMistake({ ...sup, operator: { role: 'Trainee' } }, flagged)).toBe(false);
    expect(offersRealMistake({ ...sup, training: true }, flagged)).toBe(false);
    expect(offersRealMistake({ ...sup, practice: { scenarioId: 'missing-package' } }, flagged)).toBe(false);
    expect(offersRealMistake(null, flagged)).toBe(false);
  });
});

describe('the pages offered in practice', () => {
  it('are the practice journal views and Training only (the sidebar and the palette alike)', () => {
    expect(offeredPages(true).map((p) => p.id)).toEqual(['journal', 'orders', 'inbox', 'training']);
    const all = offeredPages(false).map((p) => p.id);
    for (const id of ['dashboard', 'corrections', 'rules', 'import', 'export', 'settings']) expect(all).toContain(id);
    expect(all).not.toContain('event');
  });
});

describe('helpers', () => {
  it('answers and durations in the office’s words', () => {
    expect(answerSummary({ action: 'none' })).toBe('No correction needed.');
    expect(answerSummary({ action: 'correct', status: 'Packed', reason: 'found it' })).toBe(
      'Correct the order to Packed: “found it”',
    );
    expect(answerSummary({ action: 'dismiss', eventId: 'e-1', reason: 'fine' })).toBe(
      'Dismiss the flag of event e-1: “fine”',
    );
    expect(duration(42)).toBe('42 s');
    expect(duration(245)).toBe('4 min 05 s');
    expect(duration(3720)).toBe('1 h 02 min');
  });
});
