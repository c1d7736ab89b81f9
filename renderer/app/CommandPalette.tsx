/**
 * Ctrl+K: type an order id, a person, a customer, a SKU or a reason (the journal's one search),
 * or a page name, and jump there.
 */
import { useEffect, useState } from 'react';
import type { EventRecord, OrderRecord } from '../../shared/contract/records';
import { searchTerms } from '../../shared/search/terms';
import { EVENT_TYPE_LABEL } from '../ui/kinds';
import { Dialog } from '../ui/Dialog';
import { StatusBadge } from '../ui/Badges';
import { messageOf } from './ledger';
import { offeredPages } from './pages';
import { useLedgerQuery } from './queries';
import { go } from './router';
import { useSession } from './session';

type Choice = { key: string; label: string; hint: string; status?: string | null; run(): void };

export function CommandPalette({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const practising = useSession((s) => !!s.session?.practice);

  // A short pause so typing an id does not send a request per keystroke: the reads ask for
  // what was typed once the typing stopped for a moment.
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.trim()), 120);
    return () => clearTimeout(timer);
  }, [query]);
  const typed = query.trim() !== '';
  const byTerms = searchTerms(settled).length > 0;
  // While the next answer is read, the last one stays in the list.
  const found = useLedgerQuery('search', { text: settled, limit: 6 }, { enabled: byTerms, keepPrevious: true });
  // One or two characters: the start of an order id (the index looks up three or more).
  const started = useLedgerQuery(
    'listOrders',
    { search: settled, limit: 8 },
    { enabled: settled !== '' && !byTerms, keepPrevious: true },
  );
  const asked = typed && settled !== '';
  const orders: OrderRecord[] = (!asked ? [] : byTerms ? found.data?.orders : started.data?.rows) ?? [];
  const events: EventRecord[] = (asked && byTerms ? found.data?.events : undefined) ?? [];
  const failed = !asked ? null : byTerms ? found.error : started.error;
  const error = failed ? messageOf(failed) : null;

  const q = query.trim().toLowerCase();
  const choices: Choice[] = [
    ...orders.map((o) => ({
      key: 'o' + o.orderId,
      label: `Order ${o.orderId}`,
      hint: o.customer ?? '',
      status: o.status,
      run: () => go('order', { orderId: o.orderId }),
    })),
    ...events.map((e) => ({
      key: 'e' + e.seq,
      label: `Event #${e.seq} · ${EVENT_TYPE_LABEL[e.type] ?? e.type}`,
      hint: `order ${e.orderId} · ${e.initiatedBy.name ?? e.initiatedBy.id}`,
      run: () => go('event', { seq: String(e.seq) }),
    })),
    ...offeredPages(practising)
      .filter((p) => !q || p.title.toLowerCase().includes(q))
      .map((p) => ({ key: 'p' + p.id, label: p.title, hint: 'Page', run: () => go(p.id) })),
  ];
  const pick = (c: Choice | undefined) => {
    if (!c) return;
    c.run();
    onClose();
  };

  return (
    <Dialog title="Search or go to a page" onClose={onClose}>
      <input
        className="palette-input"
        aria-label="Order ID, person, customer, SKU, reason or page"
        placeholder="Order ID, person, customer, SKU, reason or page…"
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(choices.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') {
            // An exact order id typed in full goes straight there, even before the search answers.
            const exact = orders.find((o) => o.orderId === query.trim());
            if (exact) pick(choices.find((c) => c.key === 'o' + exact.orderId));
            else pick(choices[active]);
          } else return;
          e.preventDefault();
        }}
      />
      <ul className="palette-list" role="listbox" aria-label="Matches">
        {choices.map((c, i) => (
          <li
            key={c.key}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(c)}
          >
            <span>{c.label}</span>
            <span className="muted small">{c.hint}</span>
            {c.status !== undefined && <StatusBadge status={c.status} />}
          </li>
        ))}
      </ul>
      {error && <p className="error-note">{error}</p>}
    </Dialog>
  );
}
