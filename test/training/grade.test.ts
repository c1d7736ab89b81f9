/**
 * Grading (handbook §7): right event? right status? a reason given? Every shipped case graded
 * with its own answer, each criterion missed on its own, and properties over arbitrary answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handbookScenarios } from '../../shared/training/handbook';
import { criteriaFor, grade, type TraineeAnswer } from '../../shared/training/grade';
import type { Scenario } from '../../shared/training/scenario';

const scenarios = handbookScenarios();
const byId = (id: string): Scenario => scenarios.find((s) => s.id === id)!;
const REASON = 'Found physically on the packing bench, shelf B4';

/** The answer a careful trainee gives: the expected one, with a reason. */
function rightAnswer(s: Scenario): TraineeAnswer {
  const e = s.expected;
  if (e.action === 'correct') return { action: 'correct', eventId: e.eventId, status: e.status, reason: REASON };
  if (e.action === 'dismiss') return { action: 'dismiss', eventId: e.eventId, reason: REASON };
  return { action: 'none' };
}

const verdict = (g: ReturnType<typeof grade>, c: string) => g.verdicts.find((v) => v.criterion === c);

describe('every shipped case, answered as expected, scores 100', () => {
  for (const s of scenarios) {
    it(s.id, () => {
      const g = grade(s, rightAnswer(s));
      expect(g.score).toBe(100);
      expect(g.passed).toBe(true);
      expect(g.explanation).toBe(s.explanation);
      expect(g.verdicts.map((v) => v.criterion)).toEqual(criteriaFor(s.expected));
    });
  }
});

describe('the missing package, graded criterion by criterion', () => {
  const s = byId('missing-package');
  const base = { action: 'correct' as const, eventId: 's-1345693-08', status: 'Packed', reason: REASON };

  it('the wrong status: three of four, and the verdict says what was expected', () => {
    const g = grade(s, { ...base, status: 'Picked' });
    expect(g.score).toBe(75);
    expect(g.passed).toBe(false);
    expect(verdict(g, 'status')).toMatchObject({ ok: false });
    expect(verdict(g, 'status')?.message).toContain('corrected to Packed, not Picked');
    expect(verdict(g, 'event')?.ok).toBe(true);
  });

  it('the wrong event: named with its position and what it was', () => {
    const g = grade(s, { ...base, eventId: 's-1345693-07' });
    expect(g.score).toBe(75);
    expect(verdict(g, 'event')?.message).toBe(
      'The mistake is event 8 (StatusChanged to PendingPicking, s-1345693-08), not event 7 (StatusChanged to Packed, s-1345693-07).',
    );
  });

  it('an event that is not in the history', () => {
    const g = grade(s, { ...base, eventId: 'made-up' });
    expect(verdict(g, 'event')?.message).toContain('not event made-up');
  });

  it('no reason, a blank reason, a short one or an unfinished "…" template: the reason criterion fails', () => {
    for (const reason of ['', '          ', 'too short', 'Found physically at …']) {
      const g = grade(s, { ...base, reason });
      expect(verdict(g, 'reason')?.ok, JSON.stringify(reason)).toBe(false);
      expect(g.score).toBe(75);
    }
    expect(verdict(grade(s, { ...base, reason: ' ten chars!' }), 'reason')?.ok).toBe(true);
  });

  it('a dismissal of the right event: action and status wrong, event and reason right', () => {
    const g = grade(s, { action: 'dismiss', eventId: base.eventId, reason: REASON });
    expect(g.score).toBe(50);
    expect(verdict(g, 'action')?.message).toContain('Expected a correction');
    expect(verdict(g, 'status')?.message).toBe('The order should be corrected to Packed; you set no status.');
  });

  it('"no correction needed" when there is a mistake: nothing right', () => {
    const g = grade(s, { action: 'none' });
    expect(g.score).toBe(0);
    expect(verdict(g, 'event')?.message).toContain('you picked no event');
    // Not "a reason is required: say why the status is wrong": the trainee gave no correction to give one for.
    expect(verdict(g, 'reason')?.message).toBe('No reason: the answer was no correction, and a correction needs one.');
    const alarm = byId('packed-twice');
    expect(verdict(grade(alarm, { action: 'none' }), 'reason')?.message).toBe(
      'No reason: the answer was no correction, and a dismissal needs one.',
    );
  });
});

describe('a false alarm and a clean history', () => {
  it('a dismissal is graded on the action, the event and the reason (no status)', () => {
    const s = byId('packed-twice');
    expect(criteriaFor(s.expected)).toEqual(['action', 'event', 'reason']);
    const id = s.expected.action === 'dismiss' ? s.expected.eventId : '';
    const corrected = grade(s, { action: 'correct', eventId: id, status: 'Packed', reason: REASON });
    expect(corrected.score).toBe(67);
    expect(verdict(corrected, 'action')?.message).toContain('Expected a dismissal');
  });

  it('correcting a legal hold and release is the mistake', () => {
    const s = byId('held-and-released');
    expect(grade(s, { action: 'none' }).score).toBe(100);
    const g = grade(s, { action: 'correct', eventId: 's-1345702-04', status: 'OnHold', reason: REASON });
    expect(g).toMatchObject({ score: 0, passed: false });
    expect(g.verdicts).toHaveLength(1);
    expect(g.verdicts[0]?.message).toContain('no correction: nothing in this history is wrong');
  });
});

describe('properties over arbitrary answers', () => {
  const answer = (s: Scenario): fc.Arbitrary<TraineeAnswer> => {
    const ids = fc.constantFrom(...s.history.map((e) => e.eventId), 'other');
    const statuses = fc.constantFrom('Received', 'PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped', 'OnHold');
    const reasons = fc.oneof(fc.string({ maxLength: 30 }), fc.constant(REASON));
    return fc.oneof(
      fc.record({ action: fc.constant('correct' as const), eventId: ids, status: statuses, reason: reasons }),
      fc.record({ action: fc.constant('dismiss' as const), eventId: ids, reason: reasons }),
      fc.constant({ action: 'none' as const }),
    );
  };
  const pair = fc.constantFrom(...scenarios).chain((s) => fc.tuple(fc.constant(s), answer(s)));

  it('the score is the share of verdicts met; passed exactly when all are met', () => {
    fc.assert(
      fc.property(pair, ([s, a]) => {
        const g = grade(s, a);
        const met = g.verdicts.filter((v) => v.ok).length;
        expect(g.score).toBe(Math.round((100 * met) / g.verdicts.length));
        expect(g.passed).toBe(met === g.verdicts.length);
        expect(g.passed).toBe(g.score === 100);
      }),
    );
  });

  it('an answer with a different action than expected never passes', () => {
    fc.assert(
      fc.property(pair, ([s, a]) => {
        if (a.action !== s.expected.action) expect(grade(s, a).passed).toBe(false);
      }),
    );
  });

  it('every verdict has a sentence for the trainee', () => {
    fc.assert(
      fc.property(pair, ([s, a]) => {
        for (const v of grade(s, a).verdicts) expect(v.message.length).toBeGreaterThan(5);
      }),
    );
  });
});
