/**
 * previewCorrection / previewDismissal: what the form shows before anything is written, and the
 * refusals of handbook §6 it names before the journal would.
 */
import { describe, expect, it } from 'vitest';
import { previewCorrection, previewDismissal, validateReason, hasPlaceholder } from '../../shared/corrections';
import { COMMON_CORRECTION_REASONS, MIN_REASON_LENGTH, isoWithOffset } from '../../shared/corrections';
import { instantOf } from '../../shared/events/envelope';
import { dataSchemas } from '../../shared/events/envelope';
import { evaluate } from '../../shared/rules/evaluate';
import { CLERK, OrderBook, RULES, SUPERVISOR, TRAINEE, missingPackage } from './history';
import type { OrderState } from '../../shared/orders/orderState';

const NOW = new Date('2026-11-27T08:15:00Z');
const REASON = 'Found physically at packing bench 3, still packed';

describe('previewing the missing package correction', () => {
  const history = missingPackage().history();
  const preview = previewCorrection(
    history,
    { status: 'Packed', reason: `  ${REASON}  `, correctsEventId: '1345693-08' },
    SUPERVISOR,
    RULES,
    { now: NOW },
  );

  it('is acceptable, and sets the order back to Packed', () => {
    expect(preview.problems).toEqual([]);
    expect(preview.ok).toBe(true);
    expect(preview.statusBefore).toBe('PendingPicking');
    expect(preview.statusAfter).toBe('Packed');
    expect(preview.next.map((m) => m.to)).toEqual(['Shipped', 'OnHold', 'Cancelled']);
  });

  it('resolves the illegal set-back of the 8th event', () => {
    expect(preview.resolves).toEqual([
      expect.objectContaining({ seq: 8, eventId: '1345693-08', kind: 'illegal-transition', severity: 'error' }),
    ]);
  });

  it('shows the exact event: who, when, what, why, with the regular order information', () => {
    expect(preview.event).toEqual({
      type: 'StatusCorrected',
      orderId: '1345693',
      initiatedBy: SUPERVISOR,
      timestamp: isoWithOffset(NOW),
      data: {
        status: 'Packed',
        reason: REASON,
        correctsEventId: '1345693-08',
        order: {
          orderId: '1345693',
          customer: 'Hillside Dental',
          lines: [
            { sku: 'GLV-200', qty: 3 },
            { sku: 'MSK-50', qty: 1 },
          ],
        },
      },
    });
    // …and it is an event the envelope's own schema accepts.
    expect(dataSchemas(RULES.ruleSet.statuses).StatusCorrected.safeParse(preview.event.data).success).toBe(true);
    expect(preview.summary).toBe(
      `Mark Lee (Supervisor) sets order 1345693 from PendingPicking to Packed (compensating event #8, StatusChanged)` +
        ` at ${isoWithOffset(NOW)}, because: ${REASON}`,
    );
  });

  it('agrees with the fold: the next event is checked from the corrected status', () => {
    const book = missingPackage();
    book.corrected('Packed', REASON, '1345693-08').to('Shipped', 'Shipper');
    let state: OrderState | undefined;
    const flags = book.events.map((e) => {
      const r = evaluate(state, e, RULES);
      state = r.next;
      return r.anomalies;
    });
    expect(flags[8]).toEqual([]); // the correction itself: exempt from the transition rules
    expect(flags[9]).toEqual([]); // Packed → Shipped, checked from the corrected status
    expect(state!.status).toBe('Shipped');
  });
});

describe('the refusals of handbook §6, named before anything is written', () => {
  const history = missingPackage().history();
  const draft = { status: 'Packed', reason: REASON, correctsEventId: '1345693-08' };

  it('a Clerk may not correct', () => {
    const p = previewCorrection(history, draft, CLERK, RULES);
    expect(p.ok).toBe(false);
    expect(p.problems).toEqual(['Only a Supervisor may write corrections; you are signed in as a Clerk.']);
  });

  it("a Trainee's corrections go to the training journal only", () => {
    expect(previewCorrection(history, draft, TRAINEE, RULES).problems[0]).toMatch(/training journal only/);
    expect(previewCorrection(history, draft, TRAINEE, RULES, { training: true }).ok).toBe(true);
  });

  it('the reason is required, at least 10 characters', () => {
    expect(previewCorrection(history, { ...draft, reason: '   ' }, SUPERVISOR, RULES).problems).toEqual([
      'A reason is required: say why the status is wrong.',
    ]);
    expect(previewCorrection(history, { ...draft, reason: ' too short ' }, SUPERVISOR, RULES).problems).toEqual([
      'The reason is too short: at least 10 characters (1 more).',
    ]);
  });

  it('the status must be a known status', () => {
    const p = previewCorrection(history, { ...draft, status: 'Lost' }, SUPERVISOR, RULES);
    expect(p.problems).toEqual(['"Lost" is not a status of the rule set floor-rules v2.']);
  });

  it('the corrected event must be an event of the same order', () => {
    const p = previewCorrection(history, { ...draft, correctsEventId: 's-1345701-05' }, SUPERVISOR, RULES);
    expect(p.problems).toEqual(['Event s-1345701-05 is not an event of order 1345693.']);
    expect(p.resolves).toEqual([]);
  });

  it('several problems are all named', () => {
    const p = previewCorrection(history, { status: 'Lost', reason: '' }, CLERK, RULES);
    expect(p.problems).toHaveLength(3);
  });

  it('an order without events cannot be corrected', () => {
    expect(previewCorrection([], draft, SUPERVISOR, RULES).problems).toContain(
      'The order has no events in this journal.',
    );
  });
});

describe('a wrong correction is put right by another', () => {
  it('correcting a correction is allowed and resolves nothing new', () => {
    const book = missingPackage().corrected('Shipped', 'Found physically at the dock', '1345693-08');
    const history = book.history();
    expect(history[7]!.anomalies.every((a) => !a.open && a.resolvedBySeq === 9)).toBe(true);
    const p = previewCorrection(
      history,
      { status: 'Packed', reason: 'Entered in error by Mark: it is on bench 3', correctsEventId: '1345693-09' },
      SUPERVISOR,
      RULES,
      { now: NOW },
    );
    expect(p.ok).toBe(true);
    expect(p.statusBefore).toBe('Shipped');
    expect(p.statusAfter).toBe('Packed');
    expect(p.resolves).toEqual([]);
  });

  it('an anomaly already resolved is not resolved twice', () => {
    const history = missingPackage().corrected('Packed', REASON, '1345693-08').history();
    const p = previewCorrection(
      history,
      { status: 'Packed', reason: REASON, correctsEventId: '1345693-08' },
      SUPERVISOR,
      RULES,
    );
    expect(p.resolves).toEqual([]);
  });
});

describe('correcting into and out of hold', () => {
  it('correcting to OnHold keeps the fold: the order may then be released or cancelled', () => {
    const history = new OrderBook().created().to('PendingPicking').to('Picking').to('Shipped', 'Picker').history();
    const p = previewCorrection(
      history,
      { status: 'OnHold', reason: 'Held until the stock count is done', correctsEventId: history[3]!.eventId },
      SUPERVISOR,
      RULES,
    );
    expect(p.statusAfter).toBe('OnHold');
    // Put on hold from Shipped by the correction: the fold's $beforeHold is what the order had.
    expect(p.next.map((m) => m.to)).toEqual(['Shipped', 'Cancelled']);
    expect(p.resolves.map((a) => a.kind)).toEqual(['illegal-transition']);
  });
});

describe('previewing a dismissal', () => {
  it('resolves the flag and leaves the status as it is', () => {
    const history = new OrderBook().created().to('PendingPicking').to('Picking').pick('GLV-200', 4).history();
    expect(history[3]!.anomalies.map((a) => a.kind)).toEqual(['over-pick']);
    const p = previewDismissal(
      history,
      { dismissesEventId: history[3]!.eventId, reason: 'Checked on the floor: the 4th box was a spare' },
      SUPERVISOR,
      RULES,
      { now: NOW },
    );
    expect(p.ok).toBe(true);
    expect(p.statusBefore).toBe('Picking');
    expect(p.statusAfter).toBe('Picking');
    expect(p.resolves.map((a) => a.kind)).toEqual(['over-pick']);
    expect(p.event).toEqual({
      type: 'AnomalyDismissed',
      orderId: '1345693',
      initiatedBy: SUPERVISOR,
      timestamp: isoWithOffset(NOW),
      data: { dismissesEventId: history[3]!.eventId, reason: 'Checked on the floor: the 4th box was a spare' },
    });
    expect(dataSchemas(RULES.ruleSet.statuses).AnomalyDismissed.safeParse(p.event.data).success).toBe(true);
    expect(p.summary).toContain('the status stays Picking');
  });

  it('refuses a Clerk, a short reason, an event of another order and an event without an open flag', () => {
    const history = missingPackage().history();
    expect(
      previewDismissal(history, { dismissesEventId: '1345693-08', reason: REASON }, CLERK, RULES).problems,
    ).toEqual(['Only a Supervisor may write dismissals; you are signed in as a Clerk.']);
    expect(previewDismissal(history, { dismissesEventId: '1345693-08', reason: 'no' }, SUPERVISOR, RULES).ok).toBe(
      false,
    );
    expect(
      previewDismissal(history, { dismissesEventId: 'elsewhere', reason: REASON }, SUPERVISOR, RULES).problems,
    ).toEqual(['Event elsewhere is not an event of order 1345693.']);
    expect(
      previewDismissal(history, { dismissesEventId: '1345693-07', reason: REASON }, SUPERVISOR, RULES).problems,
    ).toEqual(['Event #7 has no open anomaly to dismiss.']);
  });
});

describe('validateReason', () => {
  it('counts what is left once the surrounding blanks are gone', () => {
    expect(validateReason('')).toEqual({ ok: false, message: 'A reason is required: say why the status is wrong.' });
    expect(validateReason(' \t\n ').ok).toBe(false);
    expect(validateReason('123456789').ok).toBe(false);
    expect(validateReason('   123456789   ').ok).toBe(false);
    expect(validateReason('1234567890')).toEqual({ ok: true, reason: '1234567890' });
    expect(validateReason('  Found it on B4  ')).toEqual({ ok: true, reason: 'Found it on B4' });
    expect(MIN_REASON_LENGTH).toBe(10);
  });

  it('agrees with the schema the journal checks office events with', () => {
    const schema = dataSchemas(['Packed']).AnomalyDismissed;
    for (const reason of ['', ' ', 'short', '123456789', '1234567890', '  twelve chars ', 'x'.repeat(500)]) {
      const check = validateReason(reason);
      expect(schema.safeParse({ dismissesEventId: 'e', reason: check.ok ? check.reason : reason }).success).toBe(
        check.ok,
      );
    }
  });

  it('the common reasons are offered with a blank to fill in', () => {
    expect(COMMON_CORRECTION_REASONS).toContain('Found physically at …');
    expect(COMMON_CORRECTION_REASONS).toContain('Entered in error by …');
    expect(COMMON_CORRECTION_REASONS.every(hasPlaceholder)).toBe(true);
    expect(hasPlaceholder('Found physically at bench 3')).toBe(false);
  });
});

describe('isoWithOffset', () => {
  it('is the same instant, in ISO 8601 with an offset the envelope accepts', () => {
    for (const ms of [0, Date.parse('2026-11-26T20:34:11.5-05:00'), Date.parse('2024-02-29T23:59:59.999Z')]) {
      const text = isoWithOffset(new Date(ms));
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
      expect(instantOf(text)).toBe(ms);
    }
  });
});
