/** Ctrl+K: type an order id (or a customer, or a page name) and jump there. */
import { useEffect, useState } from 'react';
import type { OrderRecord } from '../../shared/contract/records';
import { Dialog } from '../ui/Dialog';
import { StatusBadge } from '../ui/Badges';
import { ledger, messageOf } from './ledger';
import { offeredPages } from './pages';
import { go } from './router';
import { useSession } from './session';

type Choice = { key: string; label: string; hint: string; status?: string | null; run(): void };

export function CommandPalette({ onClose }: { onClose(): void }) {
  const [query, setQuery] = useState('');
  const [orders, setOrders] = useState<OrderRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const practising = useSession((s) => !!s.session?.practice);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setOrders([]);
      return;
    }
    let live = true;
    // A short pause so typing an id does not send a request per keystroke.
    const timer = setTimeout(() => {
      ledger()
        .listOrders({ search: q, limit: 8 })
        .then(
          (r) => live && (setOrders(r.rows), setError(null)),
          (e: unknown) => live && setError(messageOf(e)),
        );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  const q = query.trim().toLowerCase();
  const choices: Choice[] = [
    ...orders.map((o) => ({
      key: 'o' + o.orderId,
      label: `Order ${o.orderId}`,
      hint: o.customer ?? '',
      status: o.status,
      run: () => go('order', { orderId: o.orderId }),
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
    <Dialog title="Go to order or page" onClose={onClose}>
      <input
        className="palette-input"
        aria-label="Order ID, customer or page"
        placeholder="Order ID, customer or page…"
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
