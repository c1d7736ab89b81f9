/**
 * The renderer's read cache: a push that names orders makes only those orders' reads stale;
 * lists and totals are read again on every change; a push that says it was cut short, everything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerApi } from '../../shared/contract/channels';
import { ledger, setLedger } from '../../renderer/app/ledger';
import { useLive } from '../../renderer/app/live';
import { ledgerKey, queryClient, staleAfter } from '../../renderer/app/queries';

afterEach(() => queryClient.clear());

describe('which reads a push makes stale', () => {
  it('an order read only when the push names its order', () => {
    expect(staleAfter(ledgerKey('getOrder', { orderId: 'A' }), ['A'])).toBe(true);
    expect(staleAfter(ledgerKey('orderHistory', { orderId: 'A' }), ['B'])).toBe(false);
    expect(staleAfter(ledgerKey('correctionContext', { orderId: 'A', seq: 3 }), ['B', 'C'])).toBe(false);
    expect(staleAfter(ledgerKey('correctionContext', { orderId: 'A', seq: 3 }), null)).toBe(true);
  });

  it('lists, totals and single events on every change', () => {
    expect(staleAfter(ledgerKey('anomalyTotals', { open: true }), ['B'])).toBe(true);
    expect(staleAfter(ledgerKey('eventDetail', { seq: 4 }), [])).toBe(true);
  });
});

describe('a journalChanged revision', () => {
  it('invalidates the reads it makes stale, and only those (the ones on screen are then read again)', async () => {
    const asked: string[] = [];
    setLedger({
      getOrder: async ({ orderId }: { orderId: string }) => (asked.push(`getOrder ${orderId}`), null),
      anomalyTotals: async () => (asked.push('anomalyTotals'), { total: 0, bySeverity: {}, byKind: {} }),
    } as unknown as LedgerApi);
    const read = (key: readonly unknown[], fn: () => Promise<unknown>) =>
      queryClient.fetchQuery({ queryKey: key, queryFn: fn });
    await read(ledgerKey('getOrder', { orderId: 'A' }), () => ledger().getOrder({ orderId: 'A' }));
    await read(ledgerKey('getOrder', { orderId: 'B' }), () => ledger().getOrder({ orderId: 'B' }));
    await read(ledgerKey('anomalyTotals', { open: true }), () => ledger().anomalyTotals({ open: true }));
    expect(asked).toEqual(['getOrder A', 'getOrder B', 'anomalyTotals']);

    useLive.setState((s) => ({ revision: s.revision + 1, orderIds: ['B'] }));
    const state = (orderId: string) => queryClient.getQueryState(ledgerKey('getOrder', { orderId }));
    expect(state('A')?.isInvalidated).toBe(false);
    expect(state('B')?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(ledgerKey('anomalyTotals', { open: true }))?.isInvalidated).toBe(true);
  });
});

describe('a read kept out of the pushes', () => {
  it('is not invalidated by a revision that invalidates its live twin', async () => {
    setLedger({ handover: async () => ({}) } as unknown as LedgerApi);
    const live = ledgerKey('handover', {}, null, 'ann');
    const once = ledgerKey('handover', { onlySinceLastSignIn: true }, null, 'ann');
    await queryClient.fetchQuery({ queryKey: live, queryFn: () => ledger().handover({}) });
    await queryClient.fetchQuery({
      queryKey: once,
      queryFn: () => ledger().handover({ onlySinceLastSignIn: true }),
      meta: { live: false },
    });

    useLive.setState((s) => ({ revision: s.revision + 1, orderIds: null }));
    expect(queryClient.getQueryState(live)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(once)?.isInvalidated).toBe(false);
  });
});

describe('the key of a read', () => {
  it('names the operator: one operator never reads the answer cached for another', () => {
    queryClient.setQueryData(ledgerKey('handover', {}, null, 'ann'), { since: 'a' });
    expect(queryClient.getQueryData(ledgerKey('handover', {}, null, 'bob'))).toBe(undefined);
    expect(queryClient.getQueryData(ledgerKey('handover', {}, null, 'ann'))).toEqual({ since: 'a' });
  });
});
