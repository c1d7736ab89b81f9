/**
 * The impact preview replays history under a candidate rule set and under the rules in force.
 * Its counts must be the journal's own (checked against a journal in preview-journal.test.ts);
 * here: the bookkeeping between the two sides, and the 1998 handbook's flood.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { evaluate } from '../../shared/rules/evaluate';
import { previewRuleSet } from '../../shared/rules/preview';
import { compileRules, type RuleSet } from '../../shared/rules/ruleSet';
import type { OrderState } from '../../shared/orders/orderState';
import type { OrderEvent } from '../../shared/events/envelope';
import { floorHistory, withSeq } from './floorHistory';

/** Anomaly count by kind, order by order, straight from `evaluate`: the reference to compare with. */
function reference(events: readonly OrderEvent[], ruleSet: RuleSet) {
  const rules = compileRules(ruleSet);
  const states = new Map<string, OrderState>();
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const e of events) {
    const r = evaluate(states.get(e.orderId), e, rules);
    states.set(e.orderId, r.next);
    for (const a of r.anomalies) {
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
      total += 1;
    }
  }
  return { total, byKind };
}

describe('previewRuleSet', () => {
  const history = withSeq(floorHistory(300, 7));

  it('counts what evaluate flags, on both sides', () => {
    const p = previewRuleSet(history, HANDBOOK_1998, FLOOR_RULES);
    expect(p.events).toBe(history.length);
    expect({ total: p.flagged.total, byKind: p.flagged.byKind }).toEqual(reference(history, HANDBOOK_1998));
    expect({ total: p.current.total, byKind: p.current.byKind }).toEqual(reference(history, FLOOR_RULES));
    expect(p.ruleSet.key).toBe('training-handbook-1998@1');
    expect(p.current.ruleSet.key).toBe('floor-rules@2');
  });

  it('shows the 1998 handbook as the flood it is: every real Picked → Packed is flagged', () => {
    const p = previewRuleSet(history, HANDBOOK_1998, FLOOR_RULES);
    const pickedToPacked = history.filter(
      (e, i) =>
        e.type === 'StatusChanged' &&
        e.data.status === 'Packed' &&
        history.slice(0, i).findLast((x) => x.orderId === e.orderId && x.type === 'StatusChanged')?.data.status ===
          'Picked',
    ).length;
    expect(pickedToPacked).toBeGreaterThan(100);
    expect(p.onlyCandidate.byTransition['Picked → Packed']).toBe(pickedToPacked);
    expect(p.current.byTransition['Picked → Packed']).toBeUndefined();
    // Team leads hold and release every day; 1998 allowed it to Supervisors only.
    expect(p.onlyCandidate.byKind['not-permitted']).toBeGreaterThan(0);
    expect(p.onlyCandidate.byInitiator['wchin (TeamLead)']).toBeGreaterThan(0);
    // The flood: many times what the floor rules flag.
    expect(p.flagged.total).toBeGreaterThan(5 * p.current.total);
    // Examples to open, at most five of each kind, each a real event.
    expect(p.onlyCandidate.examples.length).toBeGreaterThan(0);
    for (const ex of p.onlyCandidate.examples) {
      expect(history[ex.seq - 1]?.eventId).toBe(ex.eventId);
    }
    const perKind = new Map<string, number>();
    for (const ex of p.onlyCandidate.examples) perKind.set(ex.kind, (perKind.get(ex.kind) ?? 0) + 1);
    for (const n of perKind.values()) expect(n).toBeLessThanOrEqual(5);
  });

  it('shows what would go quiet: the reverse direction', () => {
    const p = previewRuleSet(history, FLOOR_RULES, HANDBOOK_1998);
    const q = previewRuleSet(history, HANDBOOK_1998, FLOOR_RULES);
    expect(p.onlyCurrent.total).toBe(q.onlyCandidate.total);
    expect(p.onlyCandidate.total).toBe(q.onlyCurrent.total);
    expect(p.onlyCurrent.byKind).toEqual(q.onlyCandidate.byKind);
  });

  it('the same rule set on both sides differs in nothing', () => {
    const p = previewRuleSet(history, FLOOR_RULES, FLOOR_RULES);
    const { ruleSet: _inForce, ...current } = p.current;
    expect(p.flagged).toEqual(current);
    expect(p.onlyCandidate.total).toBe(0);
    expect(p.onlyCurrent.total).toBe(0);
    expect(p.flagged.total).toBeGreaterThan(0); // the history's real mistakes
  });

  it('balances for any history: candidate − new alarms = current − quietened alarms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1e6 }), (orders, seed) => {
        const h = withSeq(floorHistory(orders, seed));
        const p = previewRuleSet(h, HANDBOOK_1998, FLOOR_RULES);
        expect(p.flagged.total - p.onlyCandidate.total).toBe(p.current.total - p.onlyCurrent.total);
        for (const kind of Object.keys({ ...p.flagged.byKind, ...p.current.byKind })) {
          expect((p.flagged.byKind[kind] ?? 0) - (p.onlyCandidate.byKind[kind] ?? 0)).toBe(
            (p.current.byKind[kind] ?? 0) - (p.onlyCurrent.byKind[kind] ?? 0),
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  it('names statuses the history uses that the candidate does not know', () => {
    const old = withSeq(floorHistory(20, 3)).map((e) =>
      e.type === 'StatusChanged' && e.data.status === 'Picked' ? { ...e, data: { status: 'PostPicking' } } : e,
    );
    const p = previewRuleSet(old, FLOOR_RULES, HANDBOOK_1998);
    expect(p.unknownStatuses).toEqual(['PostPicking']);
    expect(p.onlyCandidate.byKind['illegal-transition']).toBeGreaterThan(0);
  });

  it('reports progress and stops when cancelled, saying so', () => {
    const seen: number[] = [];
    const signal = { aborted: false };
    const p = previewRuleSet(history, HANDBOOK_1998, FLOOR_RULES, {
      progressEvery: 100,
      signal,
      onProgress: (done) => {
        seen.push(done);
        if (done >= 300) signal.aborted = true;
      },
    });
    expect(p.cancelled).toBe(true);
    expect(p.events).toBe(300);
    expect(seen.slice(0, 3)).toEqual([100, 200, 300]);
    const full = previewRuleSet(history, HANDBOOK_1998, FLOOR_RULES);
    expect(full.cancelled).toBe(false);
    expect(full.flagged.total).toBeGreaterThan(p.flagged.total);
  });
});
