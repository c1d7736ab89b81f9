/**
 * The correction form's steps against a fake ledger: the suggested status, the preview gate, one
 * write per confirm, the stale refusal that reloads the order, a Clerk's view, a dismissal.
 */
import { describe, expect, it } from 'vitest';
import {
  createCorrectionForm,
  currentPreview,
  eventsToName,
  formProblems,
  unavailableBecause,
} from '../../renderer/corrections/formModel';
import { failureOf } from '../../renderer/corrections/ledger';
import { fakeLedger } from './fakeLedger';
import { OrderBook, missingPackage } from './history';
import type { OperatorRecord } from '../../shared/contract/records';

const MARK = { id: 'mlee', name: 'Mark Lee', role: 'Supervisor' as const };
const JUDY = { id: 'jdoe', name: 'Judy Doe', role: 'Clerk' as const };
const REASON = 'Found physically at packing bench 3';

async function openOn(
  book: OrderBook,
  operator: OperatorRecord = MARK,
  seq: number | undefined = 8,
  mode?: 'dismiss',
  practising = false,
) {
  const ledger = fakeLedger(book, operator, { practising });
  const form = createCorrectionForm(() => ledger.api);
  await form.getState().load({ orderId: book.orderId, seq, ...(mode ? { mode } : {}) });
  return { form, ledger };
}

describe('opening the form on the missing package', () => {
  it('loads the order, the flagged event and the history, with Packed preselected', async () => {
    const { form } = await openOn(missingPackage());
    const st = form.getState();
    expect(st.step).toBe('edit');
    expect(st.order?.customer).toBe('Hillside Dental');
    expect(st.detail?.event.seq).toBe(8);
    expect(st.history).toHaveLength(8);
    expect(st.status).toBe('Packed');
    expect(st.expectedSeq).toBe(8);
    expect(unavailableBecause(st)).toBeNull();
  });

  it('an order that is not in the journal is said so', async () => {
    const { form } = await openOn(new OrderBook('404'), MARK, undefined);
    expect(form.getState()).toMatchObject({ step: 'failed', error: 'Order 404 is not in this journal.' });
  });
});

describe('round trips', () => {
  // Was five calls to open (session, order, history, event, rules) and thirteen around one write.
  it('the form opens with one call, and a write is one call plus the reload of the order as it now is', async () => {
    const { form, ledger } = await openOn(missingPackage());
    expect(ledger.requests).toEqual(['correctionContext']);
    form.getState().setReason(REASON);
    form.getState().toPreview();
    await form.getState().confirm();
    expect(form.getState().step).toBe('done');
    expect(ledger.requests).toEqual(['correctionContext', 'correct', 'correctionContext']);
  });

  it('opened on the order, choosing another flag is one call', async () => {
    const ledger = fakeLedger(missingPackage(), MARK);
    const form = createCorrectionForm(() => ledger.api);
    await form.getState().load({ orderId: '1345693' });
    expect(ledger.requests).toEqual(['correctionContext']);
    expect(form.getState()).toMatchObject({ step: 'edit', error: null });
    await form.getState().chooseFlag(null);
    expect(ledger.requests).toEqual(['correctionContext', 'correctionContext']);
    expect(form.getState().detail).toBeNull();
  });
});

describe('preview, then one write', () => {
  it('will not preview without a proper reason', async () => {
    const { form } = await openOn(missingPackage());
    form.getState().toPreview();
    expect(form.getState().step).toBe('edit');
    expect(form.getState().error).toMatch(/reason is required/);
    form.getState().setReason('Found physically at …');
    expect(formProblems(form.getState())).toEqual(['Complete the reason: replace the "…" with what you found.']);
    form.getState().toPreview();
    expect(form.getState().step).toBe('edit');
  });

  it('confirms with the order as it was seen, once, however often Confirm is pressed', async () => {
    const { form, ledger } = await openOn(missingPackage());
    form.getState().setReason(`  ${REASON} `);
    form.getState().toPreview();
    expect(form.getState().step).toBe('preview');
    await Promise.all([form.getState().confirm(), form.getState().confirm()]);
    await form.getState().confirm();
    expect(ledger.calls).toEqual([
      {
        channel: 'correct',
        request: {
          orderId: '1345693',
          status: 'Packed',
          reason: REASON,
          correctsEventId: '1345693-08',
          expectedSeq: 8,
        },
      },
    ]);
    expect(form.getState().step).toBe('done');
    expect(form.getState().notice).toBe('Written as event #9: order 1345693 is now Packed.');
    expect(ledger.order()?.status).toBe('Packed');
    // The form now shows the order as it is, the correction in its history, and stays closed to edits.
    expect(form.getState().order?.status).toBe('Packed');
    expect(form.getState().history.at(-1)?.type).toBe('StatusCorrected');
    expect(form.getState().step).toBe('done');
  });

  it('a stale form is refused, says so, reloads the order and writes nothing', async () => {
    const book = missingPackage();
    const { form, ledger } = await openOn(book);
    form.getState().setStatus('Packed');
    form.getState().setReason(REASON);
    form.getState().toPreview();
    // Meanwhile the main system records another event for the order.
    book.to('Picking', 'Picker');
    await form.getState().confirm();
    const st = form.getState();
    expect(st.step).toBe('edit');
    expect(st.notice).toMatch(/^Order 1345693 received a new event since you opened this form, so nothing was written/);
    expect(st.expectedSeq).toBe(9);
    expect(st.history).toHaveLength(9);
    expect(st.reason).toBe(REASON);
    expect(st.status).toBe('Packed');
    expect(ledger.order()?.lastSeq).toBe(9); // nothing written
    // Confirming again, now against the order as it is, writes exactly once.
    form.getState().toPreview();
    await form.getState().confirm();
    expect(ledger.calls.map((c) => (c.request as { expectedSeq: number }).expectedSeq)).toEqual([8, 9]);
    expect(ledger.order()).toMatchObject({ lastSeq: 10, status: 'Packed' });
  });

  it('a push about the order warns before Confirm, and Reload brings the order as it is', async () => {
    const book = missingPackage();
    const { form, ledger } = await openOn(book);
    form.getState().setReason(REASON);
    await form.getState().checkMoved();
    expect(form.getState()).toMatchObject({ moved: false, notice: null });
    book.to('Picking', 'Picker');
    await form.getState().checkMoved();
    expect(form.getState().moved).toBe(true);
    expect(form.getState().notice).toBe(
      'Order 1345693 has received a new event (#9) since this form was opened: confirming would be refused. Reload the order to see it.',
    );
    await form.getState().reload();
    expect(form.getState()).toMatchObject({ step: 'edit', moved: false, notice: null, expectedSeq: 9, reason: REASON });
    expect(ledger.calls).toEqual([]);
  });

  it('another refusal stays on the preview with its message', async () => {
    const { form, ledger } = await openOn(missingPackage());
    ledger.api.correct = async () => {
      throw Object.assign(new Error('the journal is read-only'), { code: 'refused' });
    };
    form.getState().setReason(REASON);
    form.getState().toPreview();
    await form.getState().confirm();
    expect(form.getState()).toMatchObject({ step: 'preview', error: 'the journal is read-only' });
  });
});

describe('a Clerk', () => {
  it('sees the same form and preview, with Confirm explained as unavailable, and cannot write', async () => {
    const { form, ledger } = await openOn(missingPackage(), JUDY);
    expect(form.getState().status).toBe('Packed');
    expect(unavailableBecause(form.getState())).toBe(
      'Only a Supervisor may correct a status or dismiss a flag. You are signed in as Judy Doe (Clerk): you see the same form, but Confirm is not available to you.',
    );
    form.getState().setReason(REASON);
    form.getState().toPreview();
    expect(form.getState().step).toBe('preview');
    await form.getState().confirm();
    expect(ledger.calls).toEqual([]);
    expect(form.getState().error).toMatch(/Only a Supervisor/);
  });
});

describe("a Supervisor opening a Clerk's request", () => {
  it('starts from the draft: the status and reason the Clerk proposed, on the flag the request names', async () => {
    const ledger = fakeLedger(missingPackage(), MARK);
    const form = createCorrectionForm(() => ledger.api);
    const request = {
      eventId: 'req-1',
      status: 'Picked',
      reason: 'Judy found it on the picking cart',
      note: 'Dock 2 has it',
      requestedBy: { name: JUDY.name, role: JUDY.role },
    };
    await form.getState().load({ orderId: '1345693', seq: 8, request });
    expect(form.getState()).toMatchObject({ step: 'edit', status: 'Picked', reason: request.reason });
    expect(form.getState().detail?.event.seq).toBe(8);
    // Without a request the same flag starts from the suggestion and an empty reason.
    await form.getState().load({ orderId: '1345693', seq: 8 });
    expect(form.getState()).toMatchObject({ status: 'Packed', reason: '' });
  });

  it('a draft status the rules in force do not know falls back to the suggestion', async () => {
    const ledger = fakeLedger(missingPackage(), MARK);
    const form = createCorrectionForm(() => ledger.api);
    const requestedBy = { name: JUDY.name, role: JUDY.role };
    await form.getState().load({
      orderId: '1345693',
      seq: 8,
      request: { eventId: 'req-2', status: 'Lost', reason: 'Gone', note: null, requestedBy },
    });
    expect(form.getState()).toMatchObject({ status: 'Packed', reason: 'Gone' });
  });
});

describe('a Clerk who practises a training scenario', () => {
  it('may confirm: the correction is their answer, written as a Trainee in the training journal', async () => {
    const { form, ledger } = await openOn(missingPackage(), JUDY, 8, undefined, true);
    expect(form.getState()).toMatchObject({ practising: true, training: true });
    expect(unavailableBecause(form.getState())).toBeNull();
    form.getState().setReason(REASON);
    form.getState().toPreview();
    expect(form.getState().step).toBe('preview');
    const preview = currentPreview(form.getState())!;
    expect(preview.ok).toBe(true);
    expect(preview.event.initiatedBy).toEqual({ id: 'jdoe', name: 'Judy Doe', role: 'Trainee' });
    await form.getState().confirm();
    expect(ledger.calls.map((c) => c.channel)).toEqual(['correct']);
    expect(form.getState()).toMatchObject({ step: 'done', error: null });
  });

  it('may dismiss a flag as their answer too', async () => {
    const book = new OrderBook('55').created().to('PendingPicking').to('Picking').pick('GLV-200', 4);
    const { form, ledger } = await openOn(book, JUDY, 4, 'dismiss', true);
    expect(unavailableBecause(form.getState())).toBeNull();
    form.getState().setReason('Checked on the floor: the 4th box was a spare');
    form.getState().toPreview();
    await form.getState().confirm();
    expect(ledger.calls.map((c) => c.channel)).toEqual(['dismiss']);
    expect(form.getState().step).toBe('done');
  });

  it('opened on the order, is offered the flagged event to name (the grade asks which event was wrong)', async () => {
    const onOrder = async (operator: OperatorRecord, practising: boolean) => {
      const ledger = fakeLedger(missingPackage(), operator, { practising });
      const form = createCorrectionForm(() => ledger.api);
      await form.getState().load({ orderId: '1345693' });
      return form.getState();
    };
    expect(eventsToName(await onOrder(JUDY, true)).map((i) => i.seq)).toEqual([8]);
    expect(eventsToName(await onOrder(MARK, false))).toEqual([]);
    const named = await openOn(missingPackage(), JUDY, 8, undefined, true);
    expect(eventsToName(named.form.getState())).toEqual([]);
  });

  it('once the scenario is answered, is told so before Confirm, and nothing is sent', async () => {
    const ledger = fakeLedger(missingPackage(), JUDY, { practising: true, answered: true });
    const form = createCorrectionForm(() => ledger.api);
    await form.getState().load({ orderId: '1345693', seq: 8 });
    expect(form.getState().answered).toBe(true);
    expect(unavailableBecause(form.getState())).toMatch(/already answered this scenario.*Try again/);
    form.getState().setReason(REASON);
    form.getState().toPreview();
    await form.getState().confirm();
    expect(ledger.calls).toEqual([]);
    expect(form.getState().error).toMatch(/already answered/);
  });

  it('is still refused outside practice', async () => {
    const { form } = await openOn(missingPackage(), JUDY, 8, undefined, false);
    expect(form.getState().practising).toBe(false);
    expect(unavailableBecause(form.getState())).toMatch(/Only a Supervisor/);
  });
});

describe('a dismissal', () => {
  it('dismisses the flag with a reason and keeps the status', async () => {
    const book = new OrderBook('55').created().to('PendingPicking').to('Picking').pick('GLV-200', 4);
    const { form, ledger } = await openOn(book, MARK, 4, 'dismiss');
    expect(form.getState().mode).toBe('dismiss');
    form.getState().setReason('Checked on the floor: the 4th box was a spare');
    form.getState().toPreview();
    await form.getState().confirm();
    expect(ledger.calls).toEqual([
      {
        channel: 'dismiss',
        request: {
          orderId: '55',
          dismissesEventId: '55-04',
          reason: 'Checked on the floor: the 4th box was a spare',
          expectedSeq: 4,
        },
      },
    ]);
    expect(form.getState().notice).toBe('Written as event #5: the flag is dismissed; order 55 stays Picking.');
  });
});

describe('failureOf', () => {
  it('reads the code from the error, or from an Electron-wrapped message', () => {
    expect(failureOf(Object.assign(new Error('moved on'), { code: 'stale' }))).toEqual({
      code: 'stale',
      message: 'moved on',
    });
    expect(failureOf(new Error("Error invoking remote method 'ledger:correct': Error: stale: order moved on"))).toEqual(
      {
        code: 'stale',
        message: 'order moved on',
      },
    );
    expect(failureOf('boom')).toEqual({ code: 'internal', message: 'boom' });
  });
});

describe('opened on the order, the form names the open flag it resolves', () => {
  /** Opened from the order's page: no event named. */
  async function openOnOrder(book: OrderBook, operator: OperatorRecord = MARK, practising = false) {
    const ledger = fakeLedger(book, operator, { practising });
    const form = createCorrectionForm(() => ledger.api);
    await form.getState().load({ orderId: book.orderId });
    return { form, ledger };
  }

  /** The missing package with a later over-pick warning and a second error (a pick while Packed). */
  function twoFlags(): OrderBook {
    return missingPackage()
      .pick('GLV-200', 9)
      .to('Picking', 'Picker')
      .to('Picked', 'Picker')
      .to('Packed', 'Packer')
      .pick('MSK-50', 1);
  }

  it('names the latest error by default, and the preview says what stays open', async () => {
    const { form } = await openOnOrder(twoFlags());
    const st = form.getState();
    expect(st.flagChoices.map((i) => i.seq)).toEqual([8, 9, 13]);
    // #13 is a pick while Packed (an error); #9 an over-pick (a warning): the latest error is #13.
    expect(st.detail?.event.seq).toBe(13);
    expect(st.suggestion?.noCorrectionNeeded).toBe(true);
    form.getState().setMode('dismiss');
    form.getState().setReason(REASON);
    form.getState().toPreview();
    const preview = currentPreview(form.getState())!;
    expect(preview.resolves.map((a) => a.seq)).toEqual([13, 13]);
    expect(preview.staysOpen.map((a) => [a.seq, a.kind])).toEqual([
      [8, 'illegal-transition'],
      [9, 'over-pick'],
    ]);
    expect(preview.resolves.map((a) => a.kind)).toEqual(['pick-in-wrong-status', 'over-pick']);
  });

  it('another flag can be chosen: its own suggestion, and the correction names it', async () => {
    const { form, ledger } = await openOnOrder(twoFlags());
    form.getState().setReason(REASON);
    await form.getState().chooseFlag(8);
    const st = form.getState();
    expect(st.detail?.event.seq).toBe(8);
    expect(st.reason).toBe(REASON);
    // Without #8 the order went Packed → picked again → …: the replay ends where it is (Packed).
    expect(st.suggestion?.statusWithout).toBe('Packed');
    form.getState().setStatus('Shipped');
    form.getState().toPreview();
    expect(currentPreview(form.getState())!.staysOpen.map((a) => a.kind)).toEqual([
      'over-pick',
      'pick-in-wrong-status',
      'over-pick',
    ]);
    await form.getState().confirm();
    expect(ledger.calls.at(-1)).toMatchObject({
      channel: 'correct',
      request: { status: 'Shipped', correctsEventId: '1345693-08' },
    });
  });

  it('"no flag" corrects without naming an event, and says every flag stays open', async () => {
    const { form, ledger } = await openOnOrder(twoFlags());
    await form.getState().chooseFlag(null);
    expect(form.getState().detail).toBeNull();
    expect(form.getState().suggestion?.flagged).toBeNull();
    form.getState().setStatus('Shipped');
    form.getState().setReason(REASON);
    form.getState().toPreview();
    const preview = currentPreview(form.getState())!;
    expect(preview.resolves).toEqual([]);
    expect(new Set(preview.staysOpen.map((a) => a.seq))).toEqual(new Set([8, 9, 13]));
    await form.getState().confirm();
    expect((ledger.calls.at(-1)!.request as { correctsEventId?: string }).correctsEventId).toBeUndefined();
  });

  it('the missing package opened on the order: names #8 and suggests Packed', async () => {
    const { form } = await openOnOrder(missingPackage());
    expect(form.getState()).toMatchObject({ status: 'Packed' });
    expect(form.getState().detail?.event.seq).toBe(8);
  });

  it('in practice nothing is named for the trainee (which event was wrong is part of the answer)', async () => {
    const { form } = await openOnOrder(missingPackage(), JUDY, true);
    expect(form.getState().detail).toBeNull();
    expect(form.getState().flagChoices).toEqual([]);
    expect(eventsToName(form.getState()).map((i) => i.seq)).toEqual([8]);
  });
});
