/**
 * suggestCorrection: the default of handbook §6 (what the order would be now had the flagged
 * event never happened) for every status of §4, the hold cases, "no correction needed" where
 * the replay gives the status the order has, and notes that agree with what the rules will say.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suggestCorrection } from '../../shared/corrections';
import { FLOOR_ROLES, HANDBOOK_STATUSES } from '../../shared/events/envelope';
import { evaluate } from '../../shared/rules/evaluate';
import { compileRules } from '../../shared/rules/ruleSet';
import { HANDBOOK_1998 } from '../../shared/rules/builtin';
import { OrderBook, RULES, journalOf, missingPackage } from './history';
import type { OrderState } from '../../shared/orders/orderState';

/** A legal way to each status of the floor rules, from a fresh order. */
function reach(status: string, heldFrom = 'Picking'): OrderBook {
  const book = new OrderBook().created();
  const path: Record<string, string[]> = {
    Received: [],
    PendingPicking: ['PendingPicking'],
    Picking: ['PendingPicking', 'Picking'],
    Picked: ['PendingPicking', 'Picking', 'Picked'],
    Packed: ['PendingPicking', 'Picking', 'Picked', 'Packed'],
    Shipped: ['PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped'],
    Delivered: ['PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped', 'Delivered'],
    OnHold: [...(heldFrom === 'Received' ? [] : ['PendingPicking']), ...(heldFrom === 'Picking' ? ['Picking'] : [])],
    Cancelled: ['PendingPicking'],
  };
  for (const s of path[status] ?? []) book.to(s);
  if (status === 'OnHold') book.to('OnHold', 'TeamLead');
  if (status === 'Cancelled') book.to('Cancelled', 'System');
  return book;
}

/** A status change out of `from` that the floor rules flag (illegal, or after a final status). */
const WRONG_NEXT: Record<string, string> = {
  Received: 'Packed',
  PendingPicking: 'Shipped',
  Picking: 'Shipped',
  Picked: 'PendingPicking',
  Packed: 'PendingPicking',
  Shipped: 'Packed',
  Delivered: 'Shipped',
  OnHold: 'Packed',
  Cancelled: 'Picking',
};

describe('the missing package (handbook §6)', () => {
  const history = missingPackage().history();

  it('offers Packed by default for its 8th event, the illegal set-back', () => {
    expect(history[7]!.anomalies.map((a) => a.kind)).toEqual(['illegal-transition']);
    const s = suggestCorrection(history, 8, RULES);
    expect(s.defaultStatus).toBe('Packed');
    expect(s.statusBefore).toBe('Packed');
    expect(s.current).toBe('PendingPicking');
    expect(s.lastSeq).toBe(8);
    expect(s.laterEvents).toBe(0);
    expect(s.flagged?.eventId).toBe('1345693-08');
    expect(s.suggestedStatus).toBe('Packed');
    expect(s.statusWithout).toBe('Packed');
    expect(s.noCorrectionNeeded).toBe(false);
    expect(s.defaultWhy).toContain('#8');
    expect(s.defaultWhy).toContain('Illegal status change');
  });

  it('lists every status once, the default first and preselected, with a plain note', () => {
    const s = suggestCorrection(history, 8, RULES);
    expect(s.options.map((o) => o.status).sort()).toEqual([...HANDBOOK_STATUSES].sort());
    expect(s.options[0]).toMatchObject({ status: 'Packed', isDefault: true, isSuggested: true });
    expect(s.options.filter((o) => o.isSuggested)).toHaveLength(1);
    expect(s.options.filter((o) => o.isDefault)).toHaveLength(1);
    expect(s.options.find((o) => o.isCurrent)?.status).toBe('PendingPicking');
    const packed = s.options[0]!;
    expect(packed.note).toContain('Shipped (anyone)');
    expect(packed.note).toContain('OnHold or Cancelled (TeamLead, Supervisor or System)');
    const delivered = s.options.find((o) => o.status === 'Delivered')!;
    expect(delivered.final).toBe(true);
    expect(delivered.next).toEqual([]);
    expect(delivered.note).toMatch(/final/);
  });

  it('without a flagged seq, takes the latest event with an open anomaly', () => {
    expect(suggestCorrection(history, undefined, RULES).flagged?.seq).toBe(8);
  });

  it('refuses a seq that is not in the order', () => {
    expect(() => suggestCorrection(history, 99, RULES)).toThrow(/#99 is not in the history of order 1345693/);
  });
});

describe('every status of handbook §4: a wrong last change is undone to the status before it', () => {
  for (const status of HANDBOOK_STATUSES) {
    it(`${status} → ${WRONG_NEXT[status]!} (flagged): back to ${status}`, () => {
      const book = reach(status);
      const clean = book.history();
      expect(clean.flatMap((i) => i.anomalies)).toEqual([]);
      book.to(WRONG_NEXT[status]!, 'Picker');
      const history = book.history();
      const flagged = history[history.length - 1]!;
      expect(flagged.anomalies.length).toBeGreaterThan(0);
      const s = suggestCorrection(history, flagged.seq, RULES);
      expect(s.defaultStatus).toBe(status);
      expect(s.options[0]!.status).toBe(status);
      expect(s.current).toBe(WRONG_NEXT[status]);
    });
  }
});

describe('hold and $beforeHold', () => {
  it('a release to the wrong status is put back on hold, and the note says where it may go', () => {
    const history = reach('OnHold', 'Picking').to('Packed', 'TeamLead').history();
    const flagged = history[history.length - 1]!;
    expect(flagged.anomalies[0]!.message).toContain('put on hold from Picking');
    const s = suggestCorrection(history, flagged.seq, RULES);
    expect(s.defaultStatus).toBe('OnHold');
    const onHold = s.options[0]!;
    expect(onHold.next.map((m) => m.to)).toContain('Cancelled');
    expect(onHold.next.every((m) => m.roles?.join() === 'TeamLead,Supervisor,System')).toBe(true);
  });

  it('a hold put on by a Picker (not permitted) goes back to the status it was held from', () => {
    const history = reach('Picked').to('OnHold', 'Picker').history();
    expect(history[history.length - 1]!.anomalies.map((a) => a.kind)).toEqual(['not-permitted']);
    const s = suggestCorrection(history, history.length, RULES);
    expect(s.defaultStatus).toBe('Picked');
    expect(s.options.find((o) => o.status === 'OnHold')!.note).toContain('Picked');
  });

  it('a correct release is offered nothing wrong: the order is back where it was held from', () => {
    const history = reach('OnHold', 'PendingPicking').to('PendingPicking', 'TeamLead').history();
    expect(history.flatMap((i) => i.anomalies)).toEqual([]);
    const s = suggestCorrection(history, undefined, RULES);
    expect(s.flagged).toBeNull();
    expect(s.defaultStatus).toBe('PendingPicking');
    expect(s.defaultWhy).toBe('What the order is now.');
  });
});

describe('flags that do not change the status', () => {
  it('a pick while Packed: no correction needed, the status it has is preselected and nothing is "suggested"', () => {
    const history = reach('Packed').pick('GLV-200', 1).history();
    const s = suggestCorrection(history, history.length, RULES);
    expect(s.noCorrectionNeeded).toBe(true);
    expect(s.suggestedStatus).toBeNull();
    expect(s.defaultStatus).toBe('Packed');
    expect(s.options[0]).toMatchObject({ isDefault: true, isCurrent: true, isSuggested: false });
    expect(s.options.some((o) => o.isSuggested)).toBe(false);
    expect(s.defaultWhy).toMatch(/no correction is needed/);
  });

  it('a duplicate creation on an order that has shipped since: never back to PendingPicking', () => {
    const book = reach('Packed').created().to('Shipped');
    const history = book.history();
    const dup = history.find((i) => i.anomalies.some((a) => a.kind === 'duplicate-creation'))!;
    const s = suggestCorrection(history, dup.seq, RULES);
    // Just before the duplicate the order was Packed; what it would be without it is Shipped: as it is.
    expect(s.statusBefore).toBe('Packed');
    expect(s.statusWithout).toBe('Shipped');
    expect(s.suggestedStatus).toBeNull();
    expect(s.noCorrectionNeeded).toBe(true);
    expect(s.defaultStatus).toBe('Shipped');
  });

  it('a wrong set-back the floor has since walked again: the replay gives where the order is now', () => {
    // Packed → PendingPicking (flagged), then picked and packed again: without #8 the order is Packed.
    const history = missingPackage().to('Picking', 'Picker').to('Picked', 'Picker').to('Packed', 'Packer').history();
    const s = suggestCorrection(history, 8, RULES);
    expect(s.laterEvents).toBe(3);
    expect(s.current).toBe('Packed');
    expect(s.noCorrectionNeeded).toBe(true);
    expect(s.lastSeq).toBe(11);
  });

  it('a wrong set-back followed by a hold: the replay without it, not the status just before it', () => {
    // Set back from Packed (flagged), then put on hold: without #8 the order would be on hold too,
    // so correcting to Packed (the status just before #8) would take it off hold.
    const history = missingPackage().to('OnHold', 'TeamLead').history();
    const s = suggestCorrection(history, 8, RULES);
    expect(s.current).toBe('OnHold');
    expect(s.statusBefore).toBe('Packed');
    expect(s.statusWithout).toBe('OnHold');
    expect(s.noCorrectionNeeded).toBe(true);
  });

  it('an event before the order was created: the replay without it gives what the order is', () => {
    const book = new OrderBook('77').to('PendingPicking').created().to('Picking');
    const history = book.history();
    expect(history[0]!.anomalies.map((a) => a.kind)).toEqual(['unknown-order']);
    const s = suggestCorrection(history, 1, RULES);
    expect(s.statusBefore).toBeNull();
    expect(s.defaultStatus).toBe('Picking');
    expect(s.noCorrectionNeeded).toBe(true);
  });

  it('an order whose only event is flagged: without it there is no status, so nothing to correct to', () => {
    const history = new OrderBook('78').to('Packed').history();
    const s = suggestCorrection(history, 1, RULES);
    expect(s.statusWithout).toBeNull();
    expect(s.suggestedStatus).toBeNull();
    expect(s.defaultWhy).toMatch(/no status at all/);
  });

  it('an empty history offers the initial status', () => {
    const s = suggestCorrection([], undefined, RULES);
    expect(s.defaultStatus).toBe('Received');
    expect(s.lastSeq).toBe(0);
  });
});

describe('a wrong correction is put right by another correction', () => {
  it('the default for a correction is the status before it', () => {
    const history = missingPackage().corrected('Shipped', 'Wrong button, meant Packed', '1345693-08').history();
    const s = suggestCorrection(history, 9, RULES);
    expect(s.defaultStatus).toBe('PendingPicking');
    expect(s.current).toBe('Shipped');
  });
});

describe('other rule sets', () => {
  it('the 1998 handbook offers its PostPicking status too', () => {
    const rules = compileRules(HANDBOOK_1998);
    const s = suggestCorrection(missingPackage().history(rules), 8, rules);
    expect(s.options.map((o) => o.status)).toContain('PostPicking');
  });
});

describe('the notes agree with the rules the next event will be checked with', () => {
  const statuses = [...HANDBOOK_STATUSES];
  const step = fc.record({
    status: fc.constantFrom(...statuses),
    role: fc.constantFrom(...FLOOR_ROLES),
  });
  it('for every option, a next change is flagged exactly when the note does not allow it', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.nat(), (steps, pickFlag) => {
        const book = new OrderBook().created();
        for (const s of steps) book.to(s.status, s.role);
        const history = book.history();
        const flaggedSeq = 1 + (pickFlag % history.length);
        const s = suggestCorrection(history, flaggedSeq, RULES);
        for (const option of s.options) {
          const corrected = new OrderBook();
          corrected.events.push(...book.events);
          corrected.corrected(option.status, 'checked on the floor');
          let state: OrderState | undefined;
          for (const e of corrected.events) state = evaluate(state, e, RULES).next;
          expect(state!.status).toBe(option.status);
          for (const target of statuses) {
            if (target === option.status) continue;
            for (const role of FLOOR_ROLES) {
              const found = evaluate(
                state,
                {
                  ...book.events[0]!,
                  eventId: 'next',
                  type: 'StatusChanged',
                  data: { status: target },
                  initiatedBy: { id: 'x', role },
                  timestamp: '2030-01-01T00:00:00Z',
                },
                RULES,
              ).anomalies;
              const move = option.next.find((m) => m.to === target);
              const allowed = move !== undefined && (move.roles === null || move.roles.includes(role));
              expect(found.length === 0).toBe(allowed);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('history built like the journal', () => {
  it('agrees with statusAfter', () => {
    const history = journalOf(missingPackage().events);
    expect(history.map((i) => i.statusAfter)).toEqual([
      'Received',
      'PendingPicking',
      'Picking',
      'Picking',
      'Picking',
      'Picked',
      'Packed',
      'PendingPicking',
    ]);
  });
});
