/**
 * The renderer's reads, through TanStack Query: one cache keyed by channel and request (and the
 * journal the window reads: the real one, or a practice's training journal), read again when a
 * view opens and when the journal says it changed. A `journalChanged` push (coalesced in ./live) invalidates precisely
 * where it can: an order's own reads only when the push names that order, everything else
 * (totals, lists, the inbox) on every change. Views never refetch on timers or counters.
 *
 * What stays out of this cache: the long lists read page by page with a keyset cursor (the
 * orders, the journal, the inbox's rows). Their pages live in stores that keep the rows already
 * read, extend them at either end and patch them in place on a push; a cache entry per page would
 * read the whole window again on every change. Writes are not reads either: they go to ledger()
 * and the push they cause (or an invalidation by their caller) refreshes the reads.
 */
import { QueryClient, keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';
import { ledger } from './ledger';
import { useLive } from './live';
import { useSession } from './session';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A view that opens shows what it read last at once and reads again (a practice journal's
      // writes are not pushed); a view on screen is read again when a push makes it stale.
      staleTime: 0,
      // A refusal (not signed in, not allowed) is an answer, not a glitch to retry.
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/** Reads about one order: refetched only when a push names it (or says its list was cut short). */
const ORDER_SCOPED: ReadonlySet<string> = new Set<ChannelName>(['getOrder', 'orderHistory', 'correctionContext']);

/**
 * The key of a read: the channel, its request, which journal the window reads and who is signed in
 * (an answer is the operator's: what they may see, what happened since they last signed in).
 */
export function ledgerKey<K extends ChannelName>(
  channel: K,
  request: RequestOf<K>,
  journal: string | null = null,
  operator: string | null = null,
) {
  return [channel, request, journal, operator] as const;
}

/** Whether a push that touched `orderIds` (null: any order) makes this cached read stale. */
export function staleAfter(key: readonly unknown[], orderIds: readonly string[] | null): boolean {
  const [channel, request] = key;
  if (orderIds === null || typeof channel !== 'string' || !ORDER_SCOPED.has(channel)) return true;
  const orderId = (request as { orderId?: unknown } | undefined)?.orderId;
  return typeof orderId !== 'string' || orderIds.includes(orderId);
}

export function invalidateAfterChange(orderIds: readonly string[] | null): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (q) => q.meta?.live !== false && staleAfter(q.queryKey, orderIds),
  });
}

// Every (coalesced) revision of ./live is a change of the journal: the pushes' and a switch's.
useLive.subscribe((now, before) => {
  if (now.revision !== before.revision) void invalidateAfterChange(now.orderIds);
});

export interface LedgerQueryOptions {
  /** false: leave it unasked (nobody signed in, say). */
  enabled?: boolean;
  /** While a new request (another range, another search) is read, go on showing the last answer. */
  keepPrevious?: boolean;
  /**
   * false: read when the view opens, not again on the journal's pushes, and forget it when the
   * view closes (a notice of what had happened when it opened).
   */
  live?: boolean;
}

/** One read of the journal through the cache. */
export function useLedgerQuery<K extends ChannelName>(
  channel: K,
  request: RequestOf<K>,
  options: LedgerQueryOptions = {},
): UseQueryResult<ResponseOf<K>> {
  const journal = useSession((s) => s.session?.practice?.scenarioId ?? null);
  const operator = useSession((s) => s.session?.operator?.id ?? null);
  const live = options.live ?? true;
  return useQuery(
    {
      queryKey: ledgerKey(channel, request, journal, operator),
      queryFn: () => (ledger()[channel] as unknown as (r: RequestOf<K>) => Promise<ResponseOf<K>>)(request),
      enabled: options.enabled ?? true,
      ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
      ...(live ? {} : { meta: { live: false }, gcTime: 0 }),
    },
    queryClient,
  );
}
