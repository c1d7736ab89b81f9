/** The observed-transitions matrix: what the floor really does, cell by cell. */
import { describe, expect, it } from 'vitest';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { observeTransitions } from '../../shared/rules/observed';
import type { ReplayEvent } from '../../shared/rules/replay';
import { floorHistory, withSeq } from './floorHistory';

const cellOf = (m: ReturnType<typeof observeTransitions>, from: string | null, to: string) =>
  m.cells.find((c) => c.from === from && c.to === to);

describe('observeTransitions', () => {
  const history = withSeq(floorHistory(200, 11));

  it('counts every status change once, in the cell of the status it left', () => {
    const m = observeTransitions(history, FLOOR_RULES);
    const changes = history.filter((e) => e.type === 'StatusChanged');
    expect(m.transitions).toBe(changes.length);
    expect(m.cells.reduce((n, c) => n + c.count, 0)).toBe(changes.length);
    expect(m.events).toBe(history.length);
    // Every seq listed sits in one cell only, and each is a status change into that cell's `to`.
    const seen = new Set<number>();
    for (const c of m.cells) {
      for (const seq of c.seqs) {
        expect(seen.has(seq)).toBe(false);
        seen.add(seq);
        expect(history[seq - 1]?.data.status).toBe(c.to);
      }
      expect(Object.values(c.byRole).reduce((a, b) => a + b, 0)).toBe(c.count);
    }
  });

  it('tells allowed cells from the shortcuts, under the rule set it is given', () => {
    const v2 = observeTransitions(history, FLOOR_RULES);
    expect(cellOf(v2, 'Picked', 'Packed')?.allowance).toBe('anyone');
    expect(cellOf(v2, 'Packed', 'PendingPicking')?.allowance).toBe('no');
    expect(cellOf(v2, 'Picking', 'Shipped')?.allowance).toBe('no');
    expect(cellOf(v2, 'OnHold', 'PendingPicking')?.allowance).toBe('some-roles');
    const old = observeTransitions(history, HANDBOOK_1998);
    // The floor's everyday Picked → Packed is a shortcut in the 1998 handbook.
    expect(cellOf(old, 'Picked', 'Packed')?.allowance).toBe('no');
    expect(cellOf(old, 'Picked', 'Packed')?.breaking).toBe(cellOf(old, 'Picked', 'Packed')?.count);
    // The same cells, the same counts: only the judgement differs.
    expect(old.cells.map((c) => [c.from, c.to, c.count])).toEqual(v2.cells.map((c) => [c.from, c.to, c.count]));
  });

  it('counts the events the journal flagged, from what was recorded', () => {
    // As the journal hands events out: each with the anomalies recorded on it.
    const recorded: ReplayEvent[] = history.map((e) =>
      e.type === 'StatusChanged' && e.data.status === 'Shipped' && e.initiatedBy.role === 'Picker'
        ? { ...e, anomalies: [{ kind: 'illegal-transition' }] }
        : { ...e, anomalies: [] },
    );
    const m = observeTransitions(recorded, FLOOR_RULES);
    const shortcut = cellOf(m, 'Picking', 'Shipped');
    expect(shortcut?.count).toBeGreaterThan(0);
    expect(shortcut?.flagged).toBe(shortcut?.count);
    expect(cellOf(m, 'Picked', 'Packed')?.flagged).toBe(0);
  });

  it('counts only the changes stamped within a date range, with states from the whole history', () => {
    const all = observeTransitions(history, FLOOR_RULES);
    const mid = history[Math.floor(history.length / 2)]!.timestamp;
    const before = observeTransitions(history, FLOOR_RULES, { to: mid });
    const after = observeTransitions(history, FLOOR_RULES, { from: mid });
    const atMid = history.filter((e) => e.type === 'StatusChanged' && e.timestamp === mid).length;
    expect(before.transitions + after.transitions - atMid).toBe(all.transitions);
    // Cells after the cut still know where each order stood before it.
    expect(after.cells.every((c) => c.from !== null)).toBe(true);
    expect(() => observeTransitions(history, FLOOR_RULES, { from: 'yesterday' })).toThrow(/range start "yesterday"/);
  });

  it('puts statuses the rule set does not know after its own, and a change of an unknown order in a row of its own', () => {
    const odd: ReplayEvent[] = [
      {
        seq: 1,
        eventId: 'x1',
        type: 'StatusChanged',
        orderId: 'ghost',
        initiatedBy: { id: 'oms', role: 'System' },
        timestamp: '2026-11-26T08:00:00Z',
        data: { status: 'PostPicking' },
      },
    ];
    const m = observeTransitions(odd, FLOOR_RULES);
    expect(m.statuses).toEqual([...FLOOR_RULES.statuses, 'PostPicking']);
    expect(m.cells).toEqual([
      expect.objectContaining({ from: null, to: 'PostPicking', count: 1, allowance: 'no', seqs: [1] }),
    ]);
  });
});
