/**
 * People: everyone who initiated events, and one person's events with their anomalies, the
 * after-hours marks of the rule set's working hours and what the office did about them.
 */
import { useState } from 'react';
import type { ActivityReport, PersonRecord } from '../../shared/contract/people';
import { messageOf } from '../app/ledger';
import { useLedgerQuery } from '../app/queries';
import { go } from '../app/router';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { describeShift } from '../../shared/people/workingHours';
import { eventSummary, formatCount, formatTime, localInputToIso, sentence } from '../ui/format';
import './history.css';

export function PeoplePage({ initiator }: { initiator?: string }) {
  // The list is read when it is shown (one person's page reads their activity instead).
  const read = useLedgerQuery('people', {}, { enabled: !initiator });
  const people: PersonRecord[] | null = read.data ?? null;
  const error = read.error ? messageOf(read.error) : null;
  if (initiator) return <PersonActivity initiator={initiator} />;
  return (
    <div className="page">
      <header className="page-head">
        <h1>People</h1>
        <span className="muted">Everyone who initiated an event in this journal</span>
      </header>
      <ErrorNote message={error} />
      {people === null && !error && <p className="muted">Reading the journal…</p>}
      {people?.length === 0 && <EmptyState title="Nobody has initiated an event yet." />}
      {people && people.length > 0 && (
        <table className="history-table people-list">
          <thead>
            <tr>
              <th>Person</th>
              <th>Role</th>
              <th>Events</th>
              <th>Flagged</th>
              <th>Latest</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <button onClick={() => go('people', { initiator: p.id })}>{p.name ?? p.id}</button>{' '}
                  <span className="muted small">{p.id}</span>
                </td>
                <td>{p.role}</td>
                <td>{formatCount(p.events)}</td>
                <td className={p.flagged > 0 ? 'danger' : undefined}>{formatCount(p.flagged)}</td>
                <td>{formatTime(p.lastAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function PersonActivity({ initiator }: { initiator: string }) {
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // Another range shows the last report until its own arrives.
  const read = useLedgerQuery('activity', { initiator, ...range }, { keepPrevious: true });
  const report: ActivityReport | null = read.data ?? null;
  const error = read.error ? messageOf(read.error) : null;
  const p = report?.person;
  return (
    <div className="page">
      <header className="page-head">
        <button className="btn ghost small" onClick={() => go('people')} aria-label="All people">
          ←
        </button>
        <h1>{p ? (p.name ?? p.id) : initiator}</h1>
        {p && (
          <span className="muted">
            {p.id} · {p.role}
          </span>
        )}
        <span className="spacer" />
        <form
          className="as-of-picker"
          aria-label="Time range"
          onSubmit={(e) => {
            e.preventDefault();
            setRange({ from: localInputToIso(from), to: localInputToIso(to) });
          }}
        >
          <label htmlFor="activity-from">From</label>
          <input id="activity-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          <label htmlFor="activity-to">to</label>
          <input id="activity-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          <button className="btn small" type="submit">
            Show
          </button>
        </form>
      </header>
      <ErrorNote message={error} />
      {report && (
        <p className="muted">
          {formatCount(report.entries.length)} event(s){report.truncated ? ' (the newest)' : ''}:{' '}
          {formatCount(report.flagged)} flagged, {report.corrected} followed up by the office, {report.afterHours} after
          hours
          {report.person &&
            (report.shift
              ? ` (working hours of a ${report.person.role}: ${describeShift(report.shift)})`
              : ` (the rules name no working hours for a ${report.person.role})`)}
          .
        </p>
      )}
      {report?.entries.length === 0 && <EmptyState title="No events by this person in this range." />}
      {report && report.entries.length > 0 && (
        <table className="history-table" aria-label={`Events initiated by ${p?.name ?? initiator}`}>
          <thead>
            <tr>
              <th>When</th>
              <th>Order</th>
              <th>What</th>
              <th>Anomalies</th>
              <th>Followed up</th>
            </tr>
          </thead>
          <tbody>
            {report.entries.map(({ event: e, afterHours, followUps }) => (
              <tr key={e.seq} className={afterHours ? 'after-hours' : undefined}>
                <td>
                  {formatTime(e.timestamp)} {afterHours && <span className="after-hours-tag">after hours</span>}
                </td>
                <td>
                  <a
                    href={`#order/${e.orderId}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      go('order', { orderId: e.orderId });
                    }}
                  >
                    {e.orderId}
                  </a>
                </td>
                <td>{eventSummary(e.type, e.data) || e.type}</td>
                <td>
                  {e.anomalies.map((a, i) => (
                    <div key={i} className={a.open ? 'danger' : 'muted'}>
                      {sentence(a.message)}
                      {a.open ? '' : ' (resolved)'}
                    </div>
                  ))}
                </td>
                <td>
                  {followUps.map((f) => (
                    <div key={f.seq}>
                      {f.type === 'StatusCorrected' ? `Corrected to ${f.status ?? '?'}` : 'Dismissed'} by{' '}
                      {f.by.name ?? f.by.id}, {formatTime(f.timestamp)}: “{f.reason}”
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
