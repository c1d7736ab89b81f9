/**
 * One order's story, top to bottom: each event with the status after it, flagged events
 * marked, and the office's corrections and dismissals set apart from the floor's events.
 */
import { useMemo } from 'react';
import type { ResponseOf } from '../../shared/contract/channels';
import type { OrderRecord } from '../../shared/contract/records';
import { CorrectionMarker, openCorrection } from '../corrections';
import { correctionChains } from '../../shared/corrections/chain';
import { messageOf } from '../app/ledger';
import { useLedgerQuery } from '../app/queries';
import { go, useRouter } from '../app/router';
import { useSession } from '../app/session';
import { FlagMark, StatusBadge, TypeBadge } from '../ui/Badges';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { eventSummary, formatTime, sentence } from '../ui/format';
import { eventTypeClass } from '../ui/kinds';
import { useJournalView } from '../journal/store';
import { AsOfPicker, ReportButton, useAsOf } from '../history';
import { isSupervisor } from '../../shared/corrections/decide';
import { formatCount } from '../ui/format';

type History = ResponseOf<'orderHistory'>;
const NO_HISTORY: History = [];

export function OrderTimelinePage({ orderId }: { orderId: string }) {
  // In practice the form's Confirm is open to whoever practises (the answer goes to the training journal).
  const mayConfirm = useSession((s) => isSupervisor(s.session?.operator?.role) || !!s.session?.practice);
  // The past is read-only: the order as it stood, and nothing to correct.
  const asOf = useAsOf((s) => s.position?.seq);
  const now = asOf === undefined;
  // Read again when a push names this order (renderer/app/queries), not on every change.
  const orderNow = useLedgerQuery('getOrder', { orderId }, { enabled: now });
  const historyNow = useLedgerQuery('orderHistory', { orderId }, { enabled: now });
  const past = useLedgerQuery('orderAsOf', { orderId, asOfSeq: asOf ?? 1 }, { enabled: !now });
  const loaded = now ? orderNow.data !== undefined && historyNow.data !== undefined : past.data !== undefined;
  const order: OrderRecord | null | undefined = !loaded ? undefined : now ? orderNow.data : past.data!.order;
  const history: History = (now ? historyNow.data : past.data?.history) ?? NO_HISTORY;
  const failed = now ? (orderNow.error ?? historyNow.error) : past.error;
  const error = failed ? messageOf(failed) : null;
  // The chain of corrections: which office event answers which event (a wrong one is put right by another).
  const chains = useMemo(() => correctionChains(history), [history]);

  if (error) return <ErrorNote message={error} />;
  if (order === undefined) return <div className="page muted">Loading order {orderId}…</div>;
  if (order === null && history.length === 0)
    return (
      <EmptyState
        title={
          asOf === undefined
            ? `There is no order ${orderId} in this journal.`
            : `Order ${orderId} did not exist yet at #${asOf}.`
        }
      >
        {asOf !== undefined && <AsOfPicker />}
      </EmptyState>
    );

  return (
    <div className="page">
      <header className="page-head">
        <button className="btn ghost small" onClick={() => useRouter.getState().back()} aria-label="Back">
          ←
        </button>
        <h1>Order {orderId}</h1>
        {order && <StatusBadge status={order.status} />}
        <span className="muted">{order?.customer ?? ''}</span>
        <span className="spacer" />
        <AsOfPicker />
        <ReportButton orderId={orderId} />
        <button
          className="btn"
          title="The journal, filtered to this order"
          onClick={() => {
            useJournalView.getState().setFilter({ orderId });
            go('journal');
          }}
        >
          Show in journal
        </button>
        {asOf === undefined && (
          <button
            className="btn primary"
            title={mayConfirm ? undefined : 'Opens the form; only a Supervisor may confirm a correction.'}
            onClick={() => openCorrection({ orderId })}
          >
            Correct status…
          </button>
        )}
      </header>
      {order && (
        <p className="muted small">
          {order.lines.map((l) => `${l.qty} × ${l.sku}`).join(', ') || 'No lines'} · {formatCount(order.eventCount)}{' '}
          events ·{' '}
          {order.openAnomalies > 0 ? (
            <strong className="danger">
              {order.openAnomalies} open anomal{order.openAnomalies === 1 ? 'y' : 'ies'}
            </strong>
          ) : (
            'no open anomalies'
          )}
        </p>
      )}
      <ol className="timeline" aria-label={`Events of order ${orderId}`}>
        {history.map((e) => {
          const office = e.type === 'StatusCorrected' || e.type === 'AnomalyDismissed';
          const flagged = e.anomalies.some((a) => a.open);
          return (
            <li
              key={e.seq}
              className={`tl-item ${eventTypeClass(e.type)}${office ? ' office' : ''}${flagged ? ' flagged' : ''}`}
            >
              <div className="tl-dot" aria-hidden="true" />
              <div className="tl-main">
                <div className="tl-line">
                  <FlagMark anomalies={e.anomalies} />
                  <TypeBadge type={e.type} />
                  <a
                    href={`#event/${e.seq}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      go('event', { seq: String(e.seq) });
                    }}
                  >
                    {eventSummary(e.type, e.data) || e.type}
                  </a>
                  {office && (
                    <span className="office-tag">{e.type === 'StatusCorrected' ? 'Correction' : 'Dismissal'}</span>
                  )}
                  <CorrectionMarker
                    eventId={e.eventId}
                    chains={chains}
                    onShow={(seq) => go('event', { seq: String(seq) })}
                  />
                </div>
                <div className="small muted">
                  <span className="mono">{formatTime(e.timestamp)}</span> · {e.initiatedBy.name ?? e.initiatedBy.id} (
                  {e.initiatedBy.role}) · #{e.seq}
                </div>
                {e.anomalies.map((a, i) => (
                  <div key={i} className={a.open ? 'tl-anomaly open' : 'tl-anomaly resolved'}>
                    {sentence(a.message)}
                    {!a.open && a.resolvedBySeq ? ` — resolved by #${a.resolvedBySeq}` : ''}
                  </div>
                ))}
              </div>
              <div className="tl-status" aria-label="Status after">
                <StatusBadge status={e.statusAfter} />
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
