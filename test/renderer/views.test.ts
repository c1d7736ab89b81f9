import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RequestOf, ResponseOf } from '../../shared/contract/channels';
import type { EventRecord } from '../../shared/contract/records';
import { cleanFilter, createJournalView } from '../../renderer/journal/store';
import { createOrdersView } from '../../renderer/orders/store';
import { columnBars, niceMax, shares } from '../../renderer/dashboard/chartMath';
import { fractionDone, useJobs } from '../../renderer/app/jobs';
import { useRouter } from '../../renderer/app/router';
import { useLive } from '../../renderer/app/live';
import { failureOf } from '../../renderer/app/ledger';
import { knownRows, rowAt } from '../../renderer/ui/pagedWindow';
import { eventSummary } from '../../renderer/ui/format';

const tick = () => new Promise((r) => setTimeout(r, 0));

function event(seq: number, orderId = String(1000 + (seq % 7))): EventRecord {
  return {
    seq,
    eventId: `e-${seq}`,
    type: 'StatusChanged',
    orderId,
    initiatedBy: { id: 'oms', role: 'System' },
    timestamp: '2026-11-26T09:00:00Z',
    data: { status: 'Picking' },
    recordedAt: '2026-11-26T09:00:01Z',
    source: 'test',
    ruleSetId: 'floor-v2',
    anomalies: [],
  };
}

/** A journal of `n` events answering journalPage as the contract says: newest first, by seq. */
function fakeJournal(n: number) {
  const requests: RequestOf<'journalPage'>[] = [];
  let size = n;
  const api = {
    journalPage: async (req: RequestOf<'journalPage'>): Promise<ResponseOf<'journalPage'>> => {
      requests.push(req);
      const limit = req.limit ?? 200;
      const top = req.beforeSeq ? req.beforeSeq - 1 : size;
      const rows: EventRecord[] = [];
      for (let s = top; s >= 1 && rows.length < limit; s--) {
        if (req.filter?.orderId && event(s).orderId !== req.filter.orderId) continue;
        rows.push(event(s));
      }
      const last = rows[rows.length - 1];
      return { rows, nextBeforeSeq: rows.length === limit && last ? last.seq : null };
    },
    grow: (k: number) => (size += k),
  };
  return { api, requests };
}

describe('the journal view', () => {
  it('sends only the filters the operator filled in', () => {
    expect(cleanFilter({ types: [], orderId: '  ', initiatorId: ' aruiz ', flaggedOnly: false })).toEqual({
      initiatorId: 'aruiz',
    });
    expect(cleanFilter({ types: ['StatusChanged'], flaggedOnly: true, from: '2026-11-26T00:00:00Z' })).toEqual({
      types: ['StatusChanged'],
      flaggedOnly: true,
      from: '2026-11-26T00:00:00Z',
    });
  });

  it('starts over with the new filter and scrolls to the top', async () => {
    const { api, requests } = fakeJournal(1000);
    const view = createJournalView();
    const paged = view.getState().attach(() => api);
    paged.getState().ensure(0, 20);
    await tick();
    const key = view.getState().listKey;
    view.getState().setFilter({ orderId: '1003' });
    await tick();
    expect(view.getState().listKey).toBe(key + 1);
    expect(requests[requests.length - 1]!.filter).toEqual({ orderId: '1003' });
    const w = paged.getState().window;
    for (let i = 0; i < knownRows(w); i++) expect(rowAt(w, i)!.orderId).toBe('1003');
  });

  it('shows new events in place at the top, but only offers them to someone reading further down', async () => {
    const { api } = fakeJournal(500);
    const view = createJournalView();
    const paged = view.getState().attach(() => api);
    paged.getState().ensure(0, 20);
    await tick();
    api.grow(3);
    view.getState().journalChanged(503, 0);
    await tick();
    expect(rowAt(paged.getState().window, 0)!.seq).toBe(503);
    expect(view.getState().newerThanShown).toBe(0);

    api.grow(2);
    view.getState().journalChanged(505, 300);
    await tick();
    expect(rowAt(paged.getState().window, 0)!.seq).toBe(503);
    expect(view.getState().newerThanShown).toBe(505);
    view.getState().showNewest();
    await tick();
    expect(rowAt(paged.getState().window, 0)!.seq).toBe(505);
  });

  it('shows the newest page read early at start-up without asking for it again', async () => {
    const { api, requests } = fakeJournal(500);
    const view = createJournalView();
    view.getState().readFirstPageEarly(() => api);
    const paged = view.getState().attach(() => api);
    paged.getState().ensure(0, 20);
    await tick();
    expect(requests).toHaveLength(1);
    expect(rowAt(paged.getState().window, 0)!.seq).toBe(500);
  });

  it('starts with the rows of an early answer already in hand, in its first state (no second render for them)', async () => {
    const { api, requests } = fakeJournal(500);
    const view = createJournalView();
    view.getState().readFirstPageEarly(() => api);
    await tick();
    const paged = view.getState().attach(() => api);
    expect(rowAt(paged.getState().window, 0)!.seq).toBe(500);
    paged.getState().ensure(0, 20);
    await tick();
    expect(requests).toHaveLength(1);

    // In hand, but the journal changed since: the list does not start with it and asks again.
    const changed = fakeJournal(500);
    const view2 = createJournalView();
    view2.getState().readFirstPageEarly(() => changed.api);
    await tick();
    changed.api.grow(2);
    useLive.setState((s) => ({ revision: s.revision + 1 }));
    const paged2 = view2.getState().attach(() => changed.api);
    expect(paged2.getState().window.started).toBe(false);
    paged2.getState().ensure(0, 20);
    await tick();
    expect(changed.requests).toHaveLength(2);
    expect(rowAt(paged2.getState().window, 0)!.seq).toBe(502);
  });

  it('reads afresh when the journal changed, a filter was set, or the early read was refused', async () => {
    // A push after the early read: its rows may be old, so the list asks again.
    const changed = fakeJournal(500);
    const view = createJournalView();
    view.getState().readFirstPageEarly(() => changed.api);
    changed.api.grow(2);
    useLive.setState((s) => ({ revision: s.revision + 1 }));
    const paged = view.getState().attach(() => changed.api);
    paged.getState().ensure(0, 20);
    await tick();
    expect(changed.requests).toHaveLength(2);
    expect(rowAt(paged.getState().window, 0)!.seq).toBe(502);

    // A filter set before the list first showed: the early (unfiltered) page is not its answer.
    const filtered = fakeJournal(500);
    const view2 = createJournalView();
    view2.getState().readFirstPageEarly(() => filtered.api);
    const paged2 = view2.getState().attach(() => filtered.api);
    view2.getState().setFilter({ orderId: '1003' });
    paged2.getState().ensure(0, 20);
    await tick();
    const w2 = paged2.getState().window;
    expect(knownRows(w2)).toBeGreaterThan(0);
    for (let i = 0; i < knownRows(w2); i++) expect(rowAt(w2, i)!.orderId).toBe('1003');

    // Refused early (nobody signed in yet): the list's own request is made and its answer shown.
    const { api } = fakeJournal(300);
    let refuse = true;
    const refusing = {
      journalPage: (req: RequestOf<'journalPage'>) =>
        refuse ? Promise.reject(new Error('Sign in first.')) : api.journalPage(req),
    };
    const view3 = createJournalView();
    view3.getState().readFirstPageEarly(() => refusing);
    await tick();
    refuse = false;
    const paged3 = view3.getState().attach(() => refusing);
    paged3.getState().ensure(0, 20);
    await tick();
    expect(paged3.getState().error).toBeNull();
    expect(rowAt(paged3.getState().window, 0)!.seq).toBe(300);
  });
});

describe('the orders view', () => {
  it('pages by the last row (sort value and order id) and stops at a short page', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => String(100000 + i));
    const requests: RequestOf<'listOrders'>[] = [];
    const api = {
      listOrders: async (req: RequestOf<'listOrders'>) => {
        requests.push(req);
        const from = req.after ? ids.indexOf(req.after.orderId) + 1 : 0;
        const rows = ids.slice(from, from + (req.limit ?? 200)).map((orderId) => ({
          orderId,
          status: 'Packed',
          lastSeq: 1,
          lastEventAt: '2026-11-26T09:00:00Z',
          eventCount: 1,
          openAnomalies: 0,
          lines: [],
          picked: {},
          created: true,
          beforeHold: null,
        }));
        return { rows, total: ids.length };
      },
      statusCounts: async () => ({ Packed: ids.length }),
    };
    const view = createOrdersView();
    const paged = view.getState().attach(() => api);
    paged.getState().ensure(0, 1000);
    for (let i = 0; i < 5; i++) await tick();
    expect(knownRows(paged.getState().window)).toBe(450);
    expect(requests.map((r) => r.after)).toEqual([
      undefined,
      { key: '100199', orderId: '100199' },
      { key: '100399', orderId: '100399' },
    ]);
    expect(view.getState().total).toBe(450);
    expect(view.getState().counts).toEqual({ Packed: 450 });
  });
});

describe('the dashboard charts', () => {
  it('puts every bar inside the chart and the tallest one reaching at most the top', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { maxLength: 200 }), (values) => {
        const { bars, max } = columnBars(values, 700, 150);
        expect(max).toBeGreaterThanOrEqual(Math.max(0, ...values));
        for (const b of bars) {
          expect(b.y).toBeGreaterThanOrEqual(-1e-9);
          expect(b.y + b.height).toBeCloseTo(150);
          expect(b.x + b.width).toBeLessThanOrEqual(700 + 1e-9);
        }
      }),
    );
  });
  it('rounds the axis to 1, 2 or 5 times a power of ten', () => {
    expect([niceMax(0), niceMax(7), niceMax(11), niceMax(250), niceMax(1000)]).toEqual([1, 10, 20, 500, 1000]);
    expect(shares([0, 5, 10])).toEqual([0, 0.5, 1]);
  });
});

describe('jobs, router, failures and summaries', () => {
  it('follows a job from start to its report, even one started elsewhere', () => {
    const jobs = useJobs.getState();
    jobs.started('j1', 'import', 'bad-lines.ndjson');
    jobs.progress({ jobId: 'j1', kind: 'import', done: 5, total: 10, message: 'line 5' });
    expect(fractionDone(useJobs.getState().jobs[0]!)).toBe(0.5);
    jobs.finished({ jobId: 'j1', kind: 'import', ok: true, error: null, reports: [] });
    expect(fractionDone(useJobs.getState().jobs[0]!)).toBe(1);
    jobs.progress({ jobId: 'inbox-7', kind: 'inbox', done: 1, total: null, message: 'reading' });
    const inbox = useJobs.getState().jobs.find((j) => j.jobId === 'inbox-7')!;
    expect(fractionDone(inbox)).toBeNull();
  });

  it('goes back to where the operator was', () => {
    const r = useRouter.getState();
    r.go('orders');
    r.go('order', { orderId: '1345693' });
    r.go('event', { seq: '12' });
    useRouter.getState().back();
    expect(useRouter.getState().page).toBe('order');
    expect(useRouter.getState().params).toEqual({ orderId: '1345693' });
  });

  it('reads a failure as its code and sentence, without Electron wrapping', () => {
    expect(failureOf({ code: 'stale', message: 'The order moved on.' })).toEqual({
      code: 'stale',
      message: 'The order moved on.',
    });
    expect(failureOf(new Error("Error invoking remote method 'ledger:correct': Error: boom")).message).toBe('boom');
  });

  it('says what an event did in words', () => {
    expect(eventSummary('StatusChanged', { status: 'Packed' })).toBe('→ Packed');
    expect(eventSummary('ItemPicked', { itemSku: 'GLV-200', itemQty: 3 })).toBe('picked 3 × GLV-200');
  });
});

describe('live updates', () => {
  it('shows the first change at once, and turns the burst that follows into one refresh naming every touched order', async () => {
    const { subscribeLive, useLive } = await import('../../renderer/app/live');
    let push: ((p: { lastSeq: number; orderIds: string[]; truncated: boolean }) => void) | undefined;
    const api = {
      on: ((_name: string, listener: typeof push) => {
        push = listener;
        return () => (push = undefined);
      }) as never,
    };
    const before = useLive.getState().revision;
    const off = subscribeLive(api, 5);
    push!({ lastSeq: 9, orderIds: ['z'], truncated: false });
    // No wait for the first one.
    expect(useLive.getState().revision).toBe(before + 1);
    expect(useLive.getState().orderIds).toEqual(['z']);
    push!({ lastSeq: 10, orderIds: ['a'], truncated: false });
    push!({ lastSeq: 12, orderIds: ['b', 'a'], truncated: false });
    push!({ lastSeq: 11, orderIds: ['c'], truncated: false });
    expect(useLive.getState().revision).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(useLive.getState().revision).toBe(before + 2);
    expect(useLive.getState().lastSeq).toBe(12);
    expect(useLive.getState().orderIds?.sort()).toEqual(['a', 'b', 'c']);
    push!({ lastSeq: 20, orderIds: [], truncated: true });
    await new Promise((r) => setTimeout(r, 30));
    expect(useLive.getState().orderIds).toBeNull();
    off();
    expect(push).toBeUndefined();
  });
});
