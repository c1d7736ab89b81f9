/**
 * The training desk against real journal files: a scenario loads into the trainee's own training
 * journal, the answer is written there, graded and recorded, and progress adds up.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../electron/journal/journal';
import { TrainingDesk } from '../../electron/training/desk';
import { traineeStem } from '../../electron/training/paths';
import { handbookScenarios } from '../../shared/training/handbook';

let dir: string;
let clock: number;
const ann = { id: 'ann', name: 'Ann Trainee' };
const bob = { id: 'bob', name: 'Bob Trainee' };
const REASON = 'Found physically on the packing bench';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'training-desk-'));
  clock = Date.parse('2026-12-01T10:00:00Z');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A desk whose clock moves 30 s every time it is read. */
const desk = () =>
  new TrainingDesk({
    realJournalPath: join(dir, 'ledger.sqlite'),
    now: () => new Date((clock += 30_000)),
  });

describe('loading a scenario', () => {
  it("makes a fresh training journal of the trainee's own, beside the real journal, holding the history", () => {
    const d = desk();
    const started = d.start(ann, 'missing-package');
    expect(started.journalPath).toBe(join(dir, 'training', 'ann.training.sqlite'));
    expect(started.history.map((e) => e.eventId)).toEqual(handbookScenarios()[0]!.history.map((e) => e.eventId));
    expect(started.history.at(-1)).toMatchObject({ eventId: 's-1345693-08', statusAfter: 'PendingPicking' });
    expect(started.history.at(-1)?.anomalies.map((a) => a.kind)).toEqual(['illegal-transition']);
    const j = Journal.open(started.journalPath, { create: false });
    try {
      expect(j.kind).toBe('training');
      expect(j.getOperator('ann')?.role).toBe('Trainee');
    } finally {
      j.close();
    }
  });

  it('loading again starts over: the earlier answer is gone from the training journal', () => {
    const d = desk();
    d.start(ann, 'missing-package');
    d.submit(ann, 'missing-package', { action: 'correct', eventId: 's-1345693-08', status: 'Packed', reason: REASON });
    const again = d.start(ann, 'missing-package');
    expect(again.history.some((e) => e.type === 'StatusCorrected')).toBe(false);
  });

  it('an unknown scenario is refused by name', () => {
    expect(() => desk().start(ann, 'no-such-case')).toThrow('no training scenario "no-such-case"');
  });

  it('an operator id cannot climb out of the training folder', () => {
    const d = desk();
    d.start({ id: '../ledger', name: 'Mallory' }, 'packed-twice');
    expect(readdirSync(join(dir, 'training'))).toContain(`${traineeStem('../ledger')}.training.sqlite`);
    expect(traineeStem('../ledger')).toBe('~2e~2e~2fledger');
    expect(readdirSync(dir).sort()).toEqual(['training']);
  });
});

describe('answering', () => {
  it('the right correction is written in the training journal, graded 100 and recorded', () => {
    const d = desk();
    d.start(ann, 'missing-package');
    const r = d.submit(ann, 'missing-package', {
      action: 'correct',
      eventId: 's-1345693-08',
      status: 'Packed',
      reason: REASON,
    });
    expect(r.grade).toMatchObject({ score: 100, passed: true });
    expect(r.grade.explanation).toContain('Packed → PendingPicking');
    expect(r.refusal).toBeNull();
    expect(r.applied?.status).toBe('Packed');
    const last = r.history.at(-1)!;
    expect(last).toMatchObject({
      type: 'StatusCorrected',
      statusAfter: 'Packed',
      initiatedBy: { id: 'ann', role: 'Trainee' },
    });
    expect(r.history.find((e) => e.eventId === 's-1345693-08')?.anomalies[0]?.open).toBe(false);
    expect(r.attempt).toMatchObject({ attempt: 1, seconds: 30, score: 100, rulesWrong: [] });
  });

  it('a dismissal is written as an AnomalyDismissed', () => {
    const d = desk();
    d.start(ann, 'packed-twice');
    const id = handbookScenarios()
      .find((s) => s.id === 'packed-twice')!
      .history.at(-1)!.eventId;
    const r = d.submit(ann, 'packed-twice', { action: 'dismiss', eventId: id, reason: REASON });
    expect(r.grade.passed).toBe(true);
    expect(r.history.at(-1)?.type).toBe('AnomalyDismissed');
  });

  it('"no correction needed" writes nothing', () => {
    const d = desk();
    const started = d.start(ann, 'held-and-released');
    const r = d.submit(ann, 'held-and-released', { action: 'none' });
    expect(r.grade.passed).toBe(true);
    expect(r.applied).toBeNull();
    expect(r.history).toHaveLength(started.history.length);
  });

  it('a reason the journal refuses is graded all the same, and the refusal is shown', () => {
    const d = desk();
    d.start(ann, 'missing-package');
    const r = d.submit(ann, 'missing-package', {
      action: 'correct',
      eventId: 's-1345693-08',
      status: 'Packed',
      reason: 'ok',
    });
    expect(r.applied).toBeNull();
    expect(r.refusal).toMatch(/reason/);
    expect(r.grade.score).toBe(75);
    expect(r.attempt.rulesWrong).toEqual(['Packed→PendingPicking (not allowed)', 'illegal-transition']);
  });

  it('answering twice, or without loading, is refused', () => {
    const d = desk();
    expect(() => d.submit(ann, 'missing-package', { action: 'none' })).toThrow('start it first');
    d.start(ann, 'missing-package');
    d.submit(ann, 'missing-package', { action: 'none' });
    expect(() => d.submit(ann, 'missing-package', { action: 'none' })).toThrow('already answered');
    d.start(ann, 'packed-twice');
    expect(() => d.submit(ann, 'missing-package', { action: 'none' })).toThrow('not loaded');
  });
});

describe('progress', () => {
  it('per trainee: done, first-try score, time, and the rules got wrong; a Supervisor sees everyone', () => {
    const d = desk();
    // Ann: wrong first (no correction), right the second time; right first on packed-twice.
    d.start(ann, 'missing-package');
    d.submit(ann, 'missing-package', { action: 'none' });
    d.start(ann, 'missing-package');
    d.submit(ann, 'missing-package', { action: 'correct', eventId: 's-1345693-08', status: 'Packed', reason: REASON });
    d.start(ann, 'held-and-released');
    d.submit(ann, 'held-and-released', { action: 'none' });
    // Bob: one wrong answer.
    d.start(bob, 'picker-releases-back');
    d.submit(bob, 'picker-releases-back', { action: 'none' });

    const [mine] = d.progress('ann');
    expect(mine).toMatchObject({
      traineeId: 'ann',
      scenariosTotal: handbookScenarios().length,
      scenariosDone: 2,
      scenariosPassed: 2,
      firstTryScore: 50,
      firstTryPassed: 1,
      secondsTotal: 90,
      rulesWrong: [
        { rule: 'illegal-transition', times: 1 },
        { rule: 'Packed→PendingPicking (not allowed)', times: 1 },
      ],
    });
    expect(mine?.scenarios.find((s) => s.scenarioId === 'missing-package')).toMatchObject({
      attempts: 2,
      firstScore: 0,
      bestScore: 100,
      passed: true,
    });

    const everyone = d.progress(undefined, [ann, bob, { id: 'cleo', name: 'Cleo New' }]);
    expect(everyone.map((p) => [p.traineeId, p.scenariosDone])).toEqual([
      ['ann', 2],
      ['bob', 1],
      ['cleo', 0],
    ]);
    expect(everyone[1]?.rulesWrong.map((r) => r.rule)).toEqual(['not-permitted', 'Picking→PendingPicking']);
  });
});
