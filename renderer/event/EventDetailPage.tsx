/**
 * One event, every field of it: where it sits in its order (previous and next as links), the
 * other events of its trace, and each anomaly in plain words with what resolved it.
 */
import { useEffect } from 'react';
import type { ResponseOf } from '../../shared/contract/channels';
import type { EventRecord } from '../../shared/contract/records';
import { openCorrection } from '../corrections';
import { messageOf } from '../app/ledger';
import { useLedgerQuery } from '../app/queries';
import { go, useRouter } from '../app/router';
import { useSession } from '../app/session';
import { KindLabel, SeverityIcon, StatusBadge, TypeBadge } from '../ui/Badges';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { eventSummary, formatTime, sentence } from '../ui/format';
import { eventTypeClass } from '../ui/kinds';
import { offersRealMistake, practiseOnRealMistake } from '../training';
import { revealHidden, revealHiddenInJson } from '../../shared/text/hidden';
import { isSupervisor } from '../../shared/corrections/decide';

type Detail = NonNullable<ResponseOf<'eventDetail'>>;

export function EventDetailPage({ seq }: { seq: number }) {
  const valid = Number.isInteger(seq) && seq > 0;
  const read = useLedgerQuery('eventDetail', { seq }, { enabled: valid });
  const detail: Detail | null | undefined = read.data;
  const error = !valid ? `“${seq}” is not an event number.` : read.error ? messageOf(read.error) : null;
  // In practice the form's Confirm is open to whoever practises (the answer goes to the training journal).
  const mayConfirm = useSession((s) => isSupervisor(s.session?.operator?.role) || !!s.session?.practice);
  const session = useSession((s) => s.session);

  // [ and ] walk the order's events without leaving the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === '[' && detail?.previous) go('event', { seq: String(detail.previous.seq) });
      if (e.key === ']' && detail?.next) go('event', { seq: String(detail.next.seq) });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [detail]);

  if (error) return <ErrorNote message={error} />;
  if (detail === undefined) return <div className="page muted">Loading event {seq}…</div>;
  if (detail === null) return <EmptyState title={`There is no event ${seq} in this journal.`} />;

  const { event, previous, next, trace } = detail;
  const open = event.anomalies.filter((a) => a.open);

  return (
    <div className="page detail">
      <header className={`page-head detail-head ${eventTypeClass(event.type)}`}>
        <button className="btn ghost small" onClick={() => useRouter.getState().back()} aria-label="Back">
          ←
        </button>
        <h1>
          Event {event.seq} <TypeBadge type={event.type} />
        </h1>
        <span className="muted">
          Order{' '}
          <a
            href={`#order/${event.orderId}`}
            onClick={(e) => {
              e.preventDefault();
              go('order', { orderId: event.orderId });
            }}
          >
            {event.orderId}
          </a>{' '}
          · {formatTime(event.timestamp)}
        </span>
      </header>

      <nav className="neighbours" aria-label="Events of this order">
        <Neighbour label="Previous event" event={previous} keyHint="[" />
        <div className="status-change" aria-label="Status before and after">
          <StatusBadge status={detail.statusBefore} /> <span className="muted">→</span>{' '}
          <StatusBadge status={detail.statusAfter} />
        </div>
        <Neighbour label="Next event" event={next} keyHint="]" />
      </nav>

      {event.anomalies.length > 0 && (
        <section className="card" aria-labelledby="anomalies-title">
          <h2 id="anomalies-title">Anomalies</h2>
          <ul className="anomaly-list">
            {event.anomalies.map((a, i) => (
              <li key={i} className={a.open ? 'open' : 'resolved'}>
                <SeverityIcon severity={a.severity} />
                <div>
                  <div className="anomaly-message">{sentence(a.message)}</div>
                  <div className="small muted">
                    <KindLabel kind={a.kind} /> · {a.severity} ·{' '}
                    {a.open ? (
                      <strong>open</strong>
                    ) : a.resolvedBySeq ? (
                      <>
                        resolved by{' '}
                        <a
                          href={`#event/${a.resolvedBySeq}`}
                          onClick={(e) => {
                            e.preventDefault();
                            go('event', { seq: String(a.resolvedBySeq) });
                          }}
                        >
                          event {a.resolvedBySeq}
                        </a>
                      </>
                    ) : (
                      'resolved'
                    )}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <div className="actions">
            <button
              className="btn primary"
              title={mayConfirm ? undefined : 'Opens the form; only a Supervisor may confirm a correction.'}
              onClick={() => openCorrection({ orderId: event.orderId, seq: event.seq, mode: 'correct' })}
            >
              Correct status…
            </button>
            {open.length > 0 && (
              <button
                className="btn"
                title={mayConfirm ? undefined : 'Opens the form; only a Supervisor may confirm a dismissal.'}
                onClick={() => openCorrection({ orderId: event.orderId, seq: event.seq, mode: 'dismiss' })}
              >
                Dismiss as false alarm…
              </button>
            )}
            {offersRealMistake(session, event) && (
              <button
                className="btn ghost"
                title="Copy this order's history, with people's names replaced, into a new training scenario."
                onClick={() => void practiseOnRealMistake(event.eventId)}
              >
                Practise on this mistake
              </button>
            )}
          </div>
        </section>
      )}

      <div className="detail-grid">
        <section className="card" aria-labelledby="fields-title">
          <h2 id="fields-title">Fields</h2>
          <dl className="fields">
            <Field name="Seq" value={String(event.seq)} />
            <Field name="Event ID" value={event.eventId} mono />
            <Field name="Type" value={event.type} />
            <Field name="Order ID" value={event.orderId} mono />
            <Field name="Trace ID" value={event.traceId ?? '—'} mono />
            <Field
              name="Initiated by"
              value={`${event.initiatedBy.name ?? ''} (${event.initiatedBy.id}, ${event.initiatedBy.role})`}
            />
            <Field name="Timestamp" value={event.timestamp} mono />
            <Field name="Recorded at" value={event.recordedAt} mono />
            <Field name="Source" value={event.source} />
            <Field name="Rule set" value={event.ruleSetId} />
            <Field name="What happened" value={eventSummary(event.type, event.data)} />
          </dl>
          <h3>Data</h3>
          <pre className="data">{revealHiddenInJson(event.data)}</pre>
        </section>
        <TracePanel event={event} trace={trace} />
      </div>
    </div>
  );
}

/** The other events of the event's trace (the handler leaves the event itself out). */
export function TracePanel({ event, trace }: { event: EventRecord; trace: readonly EventRecord[] }) {
  return (
    <section className="card" aria-labelledby="trace-title">
      <h2 id="trace-title">Trace {event.traceId ?? ''}</h2>
      {!event.traceId ? (
        <p className="muted small">This event carries no trace ID.</p>
      ) : trace.length === 0 ? (
        <p className="muted small">No other event shares this trace.</p>
      ) : (
        <ul className="link-list">
          {trace.map((t) => (
            <li key={t.seq}>
              <EventLink event={t} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Field({ name, value, mono }: { name: string; value: string; mono?: boolean }) {
  return (
    <>
      <dt>{name}</dt>
      {/* What the main system sent may hold bidi overrides and controls: shown as marks, not obeyed. */}
      <dd className={mono ? 'mono' : undefined}>{revealHidden(value, { layout: false })}</dd>
    </>
  );
}

function Neighbour({ label, event, keyHint }: { label: string; event: EventRecord | null; keyHint: string }) {
  if (!event)
    return (
      <div className="neighbour none muted small">
        {label === 'Previous event' ? 'First event of the order' : 'Last event of the order'}
      </div>
    );
  return (
    <a
      className={`neighbour ${eventTypeClass(event.type)}`}
      href={`#event/${event.seq}`}
      aria-label={`${label}: ${event.seq} ${event.type}`}
      aria-keyshortcuts={keyHint}
      onClick={(e) => {
        e.preventDefault();
        go('event', { seq: String(event.seq) });
      }}
    >
      <span className="small muted">
        {label} <kbd>{keyHint}</kbd>
      </span>
      <span>
        <TypeBadge type={event.type} /> {eventSummary(event.type, event.data)}
      </span>
      <span className="small muted mono">
        #{event.seq} · {formatTime(event.timestamp)}
      </span>
    </a>
  );
}

export function EventLink({ event }: { event: EventRecord }) {
  return (
    <a
      href={`#event/${event.seq}`}
      onClick={(e) => {
        e.preventDefault();
        go('event', { seq: String(event.seq) });
      }}
    >
      <span className="mono small">#{event.seq}</span> <TypeBadge type={event.type} /> order {event.orderId} ·{' '}
      {eventSummary(event.type, event.data)} <span className="muted small">{formatTime(event.timestamp)}</span>
    </a>
  );
}
